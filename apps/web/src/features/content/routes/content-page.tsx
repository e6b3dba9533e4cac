import { staffCan } from '@affilia/shared/domain/permissions';
import { Suspense, lazy } from 'react';
import { Tabs, Text } from '@mantine/core';
import { IconBulb, IconFileText, IconMailOpened, IconPalette } from '@tabler/icons-react';
import { Page } from '../../../components/page';
import { useMe } from '../../../lib/use-me';
import { useBrandingSettings } from '../api/use-content';
import { BrandingLoading } from '../components/branding-loading';

// Each tab loads with its tab, not with the page (« Marque » brings the colour picker and its
// form's checks, « Conseils et astuces » Mantine's NumberInput, « Conditions d’utilisation » its
// editor and preview): the page paints first.
const BrandingPanel = lazy(() =>
  import('../components/branding-panel').then((m) => ({ default: m.BrandingPanel })),
);
const TermsPanel = lazy(() =>
  import('../components/terms-panel').then((m) => ({ default: m.TermsPanel })),
);
const TipsPanel = lazy(() =>
  import('../components/tips-panel').then((m) => ({ default: m.TipsPanel })),
);
const LetterTemplatesPanel = lazy(() =>
  import('../components/letter-templates-panel').then((m) => ({
    default: m.LetterTemplatesPanel,
  })),
);

/** What a tab says while its code comes. */
function PanelLoading({ label }: { label: string }) {
  return (
    <Text size="sm" role="status">
      {label}
    </Text>
  );
}

/** `/back-office/contenus`: « Contenus du portail » (SPEC §6). */
export function ContentPage() {
  const me = useMe();
  // Without the role (an older server), the forms show and the API's refusal explains itself.
  const isAdmin = me.data?.staffRole ? staffCan(me.data.staffRole, 'backoffice.administer') : true;
  // « Marque », the first tab: its settings asked for while its code comes.
  useBrandingSettings();
  return (
    <Page
      title="Contenus du portail"
      description="La marque de l’assureur, les conditions d’utilisation, les conseils affichés aux entreprises et les modèles de courrier."
    >
      <Tabs defaultValue="branding" keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="branding" leftSection={<IconPalette size={18} aria-hidden />}>
            Marque
          </Tabs.Tab>
          <Tabs.Tab value="terms" leftSection={<IconFileText size={18} aria-hidden />}>
            Conditions d’utilisation
          </Tabs.Tab>
          <Tabs.Tab value="tips" leftSection={<IconBulb size={18} aria-hidden />}>
            Conseils et astuces
          </Tabs.Tab>
          {isAdmin ? (
            <Tabs.Tab value="letters" leftSection={<IconMailOpened size={18} aria-hidden />}>
              Modèles de courrier
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="branding">
          <Suspense fallback={<BrandingLoading />}>
            <BrandingPanel canEdit={isAdmin} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="terms">
          <Suspense fallback={<PanelLoading label="Chargement des conditions d’utilisation…" />}>
            <TermsPanel canPublish={isAdmin} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="tips">
          <Suspense fallback={<PanelLoading label="Chargement des conseils…" />}>
            <TipsPanel />
          </Suspense>
        </Tabs.Panel>
        {isAdmin ? (
          <Tabs.Panel value="letters">
            <Suspense fallback={<PanelLoading label="Chargement des modèles de courrier…" />}>
              <LetterTemplatesPanel />
            </Suspense>
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Page>
  );
}
