import { LoadError } from '../../../components/load-error';
import { useState, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { ofName } from '@affilia/shared/domain/person-name';
import {
  IconArrowLeft,
  IconMailForward,
  IconUserEdit,
  IconUserMinus,
  IconUserQuestion,
} from '@tabler/icons-react';
import { useParams, useSearch } from '@tanstack/react-router';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import {
  AFFILIATION_MODE_LABELS,
  AFFILIATION_STATUS_LABELS,
  PROFESSIONAL_STATUS_LABELS,
} from '@affilia/shared/domain/enums';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { SectionCard } from '../../../components/section-card';
import { NoValue } from '../../../components/data-table';
import { paths } from '../../../config/paths';
import { isApiError } from '../../../lib/api';
import { useDocumentTitle } from '../../../lib/document-title';
import type { MemberDetail } from '../api/use-members';
import { useMember } from '../api/use-members';
import { CoverageStatusBadge } from '../../../components/coverage-status-badge';
import {
  formatIsoDate,
  formatNirGrouped,
  formatSiren,
  formatSiret,
} from '../../../lib/member-format';
import type { MembersSearch } from '../members-search';
import { validateMembersSearch } from '../members-search';
import classes from './member-page.module.css';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { MemberRadiations, PortabilityBanner, openRadiation } from '../components/member-departure';
import { MemberBeneficiaries, MemberCertificates } from '../components/member-family';
import { MemberChangeDialog } from '../components/member-change-dialog';
import { MemberChanges } from '../components/member-change-list';
import {
  loadLinkDialog,
  MemberLinkCard,
  SendMemberLinkDialog,
} from '../components/member-link-card';
import { useMemberLink } from '../api/use-member-link';
import { NewJobDialog } from '../../../components/new-job-dialog';
import { RadiationDialog } from '../../../components/radiation-dialog';
import { notifySuccess } from '../../../lib/notify';
import { useCanRadiate } from '../../../lib/use-can-radiate';

const REQUEST_COLORS: Record<AffiliationStatus, string> = {
  sent: 'brand',
  started: 'brand',
  finalised: 'orange',
  validated: 'teal',
  returned: 'orange',
  abandoned: 'gray',
  dispense_requested: 'violet',
  dispensed: 'indigo',
};

/** « Retour à Mes salariés », to the list as it was (its filters came along in the address). */
function BackLink({ search }: { search: MembersSearch }) {
  return (
    <AnchorLink to={paths.members} search={search} size="sm" className={classes.back}>
      <IconArrowLeft size={16} aria-hidden />
      Retour à Mes salariés
    </AnchorLink>
  );
}

function Coverages({ member }: { member: MemberDetail }) {
  const coverages = [...member.coverages].sort((a, b) =>
    b.effectiveDate.localeCompare(a.effectiveDate),
  );
  if (coverages.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        Aucune couverture pour ce salarié.
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={640} visibleFrom="sm">
        <Table verticalSpacing="sm" horizontalSpacing="sm" striped>
          <Table.Caption>
            <VisuallyHidden>
              {`Couvertures ${ofName(`${member.firstName} ${member.lastName}`)}, de la plus récente à la plus ancienne`}
            </VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Contrat</Table.Th>
              <Table.Th scope="col">Option</Table.Th>
              <Table.Th scope="col">Date d’effet</Table.Th>
              <Table.Th scope="col">Date de fin</Table.Th>
              <Table.Th scope="col">Statut du contrat</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {coverages.map((coverage) => (
              <Table.Tr key={coverage.id}>
                <Table.Th scope="row" fw="inherit">
                  <Text size="sm" fw={600}>
                    {coverage.contract.label}
                  </Text>
                  <Text size="xs" c="gray.8">
                    n° {coverage.contract.number}
                    {coverage.kind === 'portability' ? ' — portabilité (L911-8)' : ''}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{coverage.optionLabel}</Text>
                </Table.Td>
                <Table.Td className={classes.date}>
                  {formatIsoDate(coverage.effectiveDate)}
                </Table.Td>
                <Table.Td className={classes.date}>
                  {coverage.endDate ? formatIsoDate(coverage.endDate) : <NoValue label="Aucune" />}
                </Table.Td>
                <Table.Td>
                  <CoverageStatusBadge status={coverage.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack
        component="ul"
        hiddenFrom="sm"
        gap="sm"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
        aria-label="Couvertures, de la plus récente à la plus ancienne"
      >
        {coverages.map((coverage) => (
          <Paper component="li" key={coverage.id} withBorder radius="md" p="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb={4}>
              <Text size="sm" fw={600}>
                {coverage.contract.label}
                {coverage.kind === 'portability' ? ' — portabilité' : ''}
              </Text>
              <CoverageStatusBadge status={coverage.status} />
            </Group>
            <DetailFields>
              <DetailField label="N° de contrat">{coverage.contract.number}</DetailField>
              <DetailField label="Option">{coverage.optionLabel}</DetailField>
              <DetailField label="Date d’effet">
                {formatIsoDate(coverage.effectiveDate)}
              </DetailField>
              <DetailField label="Date de fin">
                {coverage.endDate ? formatIsoDate(coverage.endDate) : <NoValue label="Aucune" />}
              </DetailField>
            </DetailFields>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

function AffiliationRequests({ member }: { member: MemberDetail }) {
  if (member.affiliationRequests.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        Aucune demande d’affiliation pour ce salarié.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {member.affiliationRequests.map((request) => (
        <Paper component="li" key={request.id} withBorder radius="md" p="sm">
          <Group justify="space-between" align="flex-start" gap="xs" mb={4}>
            <Badge
              variant="light"
              color={REQUEST_COLORS[request.status]}
              tt="none"
              radius="sm"
              size="md"
              c={request.status === 'abandoned' ? 'gray.8' : undefined}
              h="auto"
              py={3}
              styles={{ label: { whiteSpace: 'normal' } }}
            >
              {AFFILIATION_STATUS_LABELS[request.status]}
            </Badge>
            <Text size="xs" c="gray.8">
              {AFFILIATION_MODE_LABELS[request.mode]}
            </Text>
          </Group>
          <DetailFields>
            <DetailField label="Date d’affiliation">
              {formatIsoDate(request.affiliationDate)}
            </DetailField>
            <DetailField label="Demande créée le">{formatIsoDate(request.createdAt)}</DetailField>
          </DetailFields>
        </Paper>
      ))}
    </Stack>
  );
}

function MemberContent({
  member,
  onReportNewJob,
  canManage,
  linkCard,
}: {
  member: MemberDetail;
  /** « Déclarer une reprise d’emploi », for a user who manages affiliations. */
  onReportNewJob: (() => void) | undefined;
  /** A user who manages affiliations: « Annuler » a change. */
  canManage: boolean;
  /** The link sent to the employee to declare their beneficiaries, if any (issue 20). */
  linkCard: ReactNode;
}) {
  return (
    <Stack gap="lg">
      {member.portability ? (
        <PortabilityBanner portability={member.portability} onReportNewJob={onReportNewJob} />
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <SectionCard title="Identité">
          <DetailFields>
            <DetailField label="Nom">{member.lastName}</DetailField>
            <DetailField label="Prénom">{member.firstName}</DetailField>
            <DetailField label="NIR">
              <span className={classes.nir}>{formatNirGrouped(member.nir)}</span>
            </DetailField>
            <DetailField label="Date de naissance">{formatIsoDate(member.birthDate)}</DetailField>
            <DetailField label="E-mail">
              {member.email ?? <span className={classes.muted}>Non renseigné</span>}
            </DetailField>
            <DetailField label="Statut professionnel">
              {PROFESSIONAL_STATUS_LABELS[member.professionalStatus]}
            </DetailField>
          </DetailFields>
        </SectionCard>
        <SectionCard title="Société et établissement">
          <DetailFields>
            <DetailField label="Société">{member.company.name}</DetailField>
            <DetailField label="SIREN">
              <span className={classes.number}>{formatSiren(member.company.siren)}</span>
            </DetailField>
            <DetailField label="Établissement">{member.establishment.name}</DetailField>
            <DetailField label="SIRET">
              <span className={classes.number}>{formatSiret(member.establishment.siret)}</span>
            </DetailField>
            {member.establishment.city ? (
              <DetailField label="Ville">{member.establishment.city}</DetailField>
            ) : null}
          </DetailFields>
        </SectionCard>
      </SimpleGrid>
      <SectionCard title="Couvertures">
        <Coverages member={member} />
      </SectionCard>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <MemberBeneficiaries member={member} />
        <MemberCertificates member={member} />
      </SimpleGrid>
      <MemberChanges member={member} canManage={canManage} />
      {linkCard}
      <SectionCard title="Demandes d’affiliation">
        <AffiliationRequests member={member} />
      </SectionCard>
      <SectionCard title="Radiations">
        <MemberRadiations radiations={member.radiations} />
      </SectionCard>
    </Stack>
  );
}

function NotFound({ search }: { search: MembersSearch }) {
  useDocumentTitle('Salarié introuvable');
  return (
    <Stack gap="lg">
      <BackLink search={search} />
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="sm" ta="center" maw={560} mx="auto">
          <ThemeIcon variant="light" size={56} radius="xl" aria-hidden>
            <IconUserQuestion size={30} aria-hidden />
          </ThemeIcon>
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            Salarié introuvable
          </Title>
          <Text c="dimmed">
            Ce salarié n’existe pas, ou il ne fait pas partie des établissements que vous suivez.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The actions of a user who manages affiliations, each opening its dialog. */
function MemberActions({
  member,
  covered,
  onOpen,
}: {
  member: MemberDetail;
  /** A coverage running or to come: changes and the employee's link. */
  covered: boolean;
  onOpen: (dialog: 'change' | 'link' | 'radiate') => void;
}) {
  return (
    <Group gap="sm">
      {covered ? (
        <Button
          variant="light"
          leftSection={<IconUserEdit size={18} aria-hidden />}
          onClick={() => onOpen('change')}
        >
          Déclarer un changement
        </Button>
      ) : null}
      {covered ? (
        <Button
          variant="light"
          leftSection={<IconMailForward size={18} aria-hidden />}
          onClick={() => onOpen('link')}
          onMouseEnter={() => void loadLinkDialog()}
          onFocus={() => void loadLinkDialog()}
        >
          Envoyer un lien au salarié
        </Button>
      ) : null}
      {!openRadiation(member) ? (
        <Button
          variant="outline"
          color="red"
          leftSection={<IconUserMinus size={18} aria-hidden />}
          onClick={() => onOpen('radiate')}
        >
          Radier
        </Button>
      ) : null}
    </Group>
  );
}

/**
 * `/salaries/$memberId`: a member's page (SPEC §5.2) — identity, coverages, beneficiaries and
 * certificates (issue 20), requests.
 */
export function MemberPage() {
  const { memberId = '' } = useParams({ strict: false });
  const listSearch = validateMembersSearch(useSearch({ strict: false }));
  const query = useMember(memberId);
  const member = query.data;
  const [dialog, setDialog] = useState<'radiate' | 'newJob' | 'change' | 'link' | null>(null);
  const canRadiate = useCanRadiate();
  const covered =
    member?.coverages.some((c) => c.kind === 'employee' && c.status !== 'ended') ?? false;
  const link = useMemberLink(memberId, canRadiate && covered)?.data?.link ?? null;
  const name = member ? `${member.firstName} ${member.lastName}` : '';

  if (query.isError && isApiError(query.error) && query.error.status === 404) {
    return <NotFound search={listSearch} />;
  }

  return (
    <Stack gap="md">
      <BackLink search={listSearch} />
      <Page
        title={member ? `${member.lastName} ${member.firstName}` : 'Fiche salarié'}
        description={
          member
            ? `${PROFESSIONAL_STATUS_LABELS[member.professionalStatus]} — ${member.establishment.name}`
            : undefined
        }
        actions={
          canRadiate && member ? (
            <MemberActions member={member} covered={covered} onOpen={setDialog} />
          ) : null
        }
      >
        {query.isPending ? (
          <Stack gap="lg">
            <Text role="status" size="sm">
              Chargement de la fiche…
            </Text>
            <SimpleGrid aria-hidden cols={{ base: 1, md: 2 }} spacing="lg">
              <Skeleton height={220} radius="md" />
              <Skeleton height={220} radius="md" />
            </SimpleGrid>
            <Skeleton height={160} radius="md" aria-hidden />
          </Stack>
        ) : null}
        {query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} compact />
        ) : null}
        {member ? (
          <MemberContent
            member={member}
            onReportNewJob={canRadiate ? () => setDialog('newJob') : undefined}
            canManage={canRadiate}
            linkCard={
              link ? (
                <MemberLinkCard
                  memberId={member.id}
                  link={link}
                  onResend={() => setDialog('link')}
                />
              ) : null
            }
          />
        ) : null}
      </Page>
      <RadiationDialog
        opened={dialog === 'radiate'}
        memberId={memberId}
        memberName={name}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          notifySuccess(
            `La radiation ${ofName(name)} est envoyée à l’assureur : elle apparaît dans « Radiations » ci-dessous.`,
          );
        }}
      />
      {member ? (
        <MemberChangeDialog
          opened={dialog === 'change'}
          member={member}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            notifySuccess(
              `Le changement est envoyé à l’assureur : il apparaît dans « Changements déclarés » ci-dessous.`,
            );
          }}
        />
      ) : null}
      {member ? (
        <SendMemberLinkDialog
          opened={dialog === 'link'}
          member={member}
          resend={link?.state === 'active'}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {member?.portability ? (
        <NewJobDialog
          opened={dialog === 'newJob'}
          radiationId={member.portability.radiationId}
          portabilityStart={member.portability.start}
          memberName={name}
          onClose={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      ) : null}
    </Stack>
  );
}
