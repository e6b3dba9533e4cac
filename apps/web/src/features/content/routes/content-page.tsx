import { staffCan } from '@affilia/shared/domain/permissions';
import { Suspense, lazy } from 'react';
import { Tabs, Text } from '@mantine/core';
import { IconBulb, IconFileText, IconMailOpened, IconPalette } from '@tabler/icons-react';
import { Page } from '../../../components/page';
import { useMe } from '../../../lib/use-me';
import { BrandingPanel } from '../components/branding-panel';
import { TermsPanel } from '../components/terms-panel';
import { TipsPanel } from '../components/tips-panel';

// « Modèles de courrier » (issue 18) loads with its tab, not with the page.
const LetterTemplatesPanel = lazy(() =>
  import('../components/letter-templates-panel').then((m) => ({
    default: m.LetterTemplatesPanel,
  })),
);

/** `/back-office/contenus`: « Contenus du portail » (SPEC §6). */
export function ContentPage() {
  const me = useMe();
  // Without the role (an older server), the forms show and the API's refusal explains itself.
  const isAdmin = me.data?.staffRole ? staffCan(me.data.staffRole, 'backoffice.administer') : true;
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
          <BrandingPanel canEdit={isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="terms">
          <TermsPanel canPublish={isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="tips">
          <TipsPanel />
        </Tabs.Panel>
        {isAdmin ? (
          <Tabs.Panel value="letters">
            <Suspense
              fallback={
                <Text size="sm" role="status">
                  Chargement des modèles de courrier…
                </Text>
              }
            >
              <LetterTemplatesPanel />
            </Suspense>
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Page>
  );
}
