import { memo, useDeferredValue } from 'react';
import {
  Alert,
  Box,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { IconAlertCircle, IconUsers } from '@tabler/icons-react';
import { AnchorLink } from '../../../components/links';
import { ListEmpty } from '../../../components/list-empty';
import { PreAffiliateLink } from '../../../components/pre-affiliate-link';
import { paths } from '../../../config/paths';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/form-errors';
import type { Dashboard } from '../api/use-dashboard';
import { chartDetailQuery, useDashboard } from '../api/use-dashboard';
import { coveredTodayLabel } from '../chart-slices';
import { DonutChart, DonutChartSkeleton } from './donut-chart';
import { AffiliationCounts } from './affiliation-counts';
import { PendingActions } from './pending-actions';
import { TipsSection } from './tips-section';

const ALL = 'all';

const BY_ESTABLISHMENT = 'Par établissement';
const BY_CONTRACT = 'Par collège';

function CompanySelect({
  companies,
  companyId,
  onChange,
}: {
  companies: Dashboard['companies'];
  companyId: string | undefined;
  onChange: (companyId: string | undefined) => void;
}) {
  return (
    <DeferredSelect
      label="Entreprise"
      data={[
        { value: ALL, label: 'Toutes' },
        ...companies.map((company) => ({ value: company.id, label: company.name })),
      ]}
      value={companyId ?? ALL}
      onChange={(value) => onChange(!value || value === ALL ? undefined : value)}
      allowDeselect={false}
      w={{ base: '100%', xs: 280 }}
    />
  );
}

function NoInsured({ company }: { company: boolean }) {
  return (
    <ListEmpty
      icon={IconUsers}
      title={
        company
          ? 'Aucun salarié assuré dans cette entreprise pour le moment.'
          : 'Aucun salarié assuré pour le moment.'
      }
      hint="Vos salariés apparaîtront ici dès que leur affiliation sera validée. Commencez par pré-affilier un nouveau salarié."
      action={<PreAffiliateLink variant="light" />}
    />
  );
}

function Charts({ data, companyId }: { data: Dashboard; companyId: string | undefined }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <DonutChart
        title={BY_ESTABLISHMENT}
        itemLabel="Établissement"
        itemNoun={{ one: 'établissement', many: 'établissements' }}
        othersLabel="Autres établissements"
        items={data.byEstablishment.map((e) => ({ key: e.id, label: e.name, count: e.count }))}
        others={data.otherEstablishments}
        detailQuery={chartDetailQuery(companyId, 'establishments')}
      />
      <DonutChart
        title={BY_CONTRACT}
        itemLabel="Contrat"
        itemNoun={{ one: 'contrat', many: 'contrats' }}
        othersLabel="Autres contrats"
        items={data.byContract.map((c) => ({ key: c.label, label: c.label, count: c.count }))}
        others={data.otherContracts}
        detailQuery={chartDetailQuery(companyId, 'contracts')}
      />
    </SimpleGrid>
  );
}

function SectionSkeleton() {
  return (
    <Grid gap="md" aria-hidden>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <DonutChartSkeleton title={BY_ESTABLISHMENT} />
          <DonutChartSkeleton title={BY_CONTRACT} />
        </SimpleGrid>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Paper withBorder radius="md" p="lg" h="100%">
          <Stack gap="md">
            <Skeleton height={18} width="40%" radius="sm" />
            {[0, 1, 2].map((row) => (
              <Group key={row} gap="sm" wrap="nowrap">
                <Skeleton height={36} width={36} radius="md" />
                <Skeleton height={12} radius="sm" />
              </Group>
            ))}
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

/**
 * « Vos affiliations » (SPEC §5.1): the « Entreprise » choice (« Toutes » or one company, kept in
 * the address), « Mes salariés assurés » by establishment and by collège, « À traiter », then
 * « Conseils et astuces ».
 */
export function AffiliationsSection({
  companyId,
  onCompanyChange,
}: {
  companyId: string | undefined;
  onCompanyChange: (companyId: string | undefined) => void;
}) {
  const dashboard = useDashboard(companyId);
  // The figures, charts, actions and tips are many components: drawn from a deferred copy of
  // the answer, React builds them in slices of a few milliseconds when it arrives (the query's
  // own update is synchronous), instead of a task of hundreds of milliseconds on a phone that
  // would hold back a tap (Lighthouse's Total Blocking Time, issue 15).
  const deferred = useDeferredValue(dashboard);
  return (
    <DashboardView dashboard={deferred} companyId={companyId} onCompanyChange={onCompanyChange} />
  );
}

const DashboardView = memo(function DashboardView({
  dashboard,
  companyId,
  onCompanyChange,
}: {
  dashboard: ReturnType<typeof useDashboard>;
  companyId: string | undefined;
  onCompanyChange: (companyId: string | undefined) => void;
}) {
  const data = dashboard.data;
  const updating = dashboard.isPlaceholderData;
  let statusText = '';
  if (dashboard.isPending || updating) statusText = 'Chargement de vos affiliations…';
  else if (data) statusText = `Mes salariés assurés : ${coveredTodayLabel(data.insuredTotal)}.`;
  // The total links to « Mes salariés » filtered on what it counts (issue 14 #23).
  const siren = data?.companies.find((company) => company.id === companyId)?.siren;

  let content;
  if (dashboard.isPending) {
    content = <SectionSkeleton />;
  } else if (dashboard.isError && !data) {
    // A company of the address that is not (or no longer) in the user's perimeter.
    const unknownCompany =
      companyId !== undefined && isApiError(dashboard.error) && dashboard.error.status === 404;
    content = (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {unknownCompany
              ? 'Cette entreprise ne fait pas partie de votre espace.'
              : errorMessage(dashboard.error)}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="white" onClick={() => void dashboard.refetch()}>
              Réessayer
            </Button>
            {unknownCompany ? (
              <Button size="xs" variant="white" onClick={() => onCompanyChange(undefined)}>
                Afficher toutes les entreprises
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Alert>
    );
  } else if (data) {
    content = (
      <Box
        aria-busy={updating || undefined}
        style={{ opacity: updating ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <AffiliationCounts data={data} {...(siren ? { siren } : {})} />
        <Grid gap="md" mt="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack component="section" aria-labelledby="insured-title" gap="sm">
              <Group justify="space-between" align="baseline" gap="xs">
                <Title order={3} id="insured-title" fz="lg">
                  Mes salariés assurés
                </Title>
                <Group gap="xs" align="baseline">
                  <Text size="sm" c="gray.8">
                    {coveredTodayLabel(data.insuredTotal)}
                  </Text>
                  {data.insuredTotal > 0 ? (
                    <AnchorLink
                      to={paths.members}
                      search={{ contractStatus: 'current', ...(siren ? { siren } : {}) }}
                      size="sm"
                      aria-label="Voir la liste des salariés couverts aujourd’hui"
                    >
                      Voir la liste
                    </AnchorLink>
                  ) : null}
                </Group>
              </Group>
              {data.insuredTotal === 0 ? (
                <NoInsured company={companyId !== undefined} />
              ) : (
                <Charts data={data} companyId={companyId} />
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }} pt={{ lg: 37 }}>
            <PendingActions pending={data.pending} />
          </Grid.Col>
        </Grid>
      </Box>
    );
  }

  return (
    <>
      <Stack component="section" aria-labelledby="affiliations-title" gap="md">
        <Group justify="space-between" align="flex-end" gap="md">
          <Title order={2} id="affiliations-title" fz={{ base: 20, sm: 24 }}>
            Vos affiliations
          </Title>
          <Group gap="sm" align="flex-end" wrap="nowrap" w={{ base: '100%', xs: 'auto' }}>
            {updating ? <Loader size="xs" aria-hidden /> : null}
            {data ? (
              <CompanySelect
                companies={data.companies}
                companyId={companyId}
                onChange={onCompanyChange}
              />
            ) : null}
          </Group>
        </Group>
        {/* Says when the figures load, and their total once they are there. */}
        <VisuallyHidden role="status">{statusText}</VisuallyHidden>
        {content}
      </Stack>
      {data ? <TipsSection tips={data.tips} /> : null}
    </>
  );
});
