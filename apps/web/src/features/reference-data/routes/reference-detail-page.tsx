import type { ReactNode } from 'react';
import { Suspense, lazy, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconPencil, IconPlus } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { DISPENSE_CASES, DISPENSE_CASE_SHORT_LABELS } from '@affilia/shared/domain/dispense';
import {
  COMPANY_ROLE_LABELS,
  PROFESSIONAL_STATUS_LABELS,
  STAFF_CATEGORY_LABELS,
  USER_STATUS_LABELS,
  isOneOf,
  USER_STATUSES,
} from '@affilia/shared/domain/enums';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { isApiError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage } from '../../../lib/form-errors';
import { CoverageStatusBadge } from '../../../components/coverage-status-badge';
import {
  formatIsoDate,
  formatNirGrouped,
  formatSiren,
  formatSiret,
} from '../../../lib/member-format';
import type {
  CompanyDetail,
  ContractDetail,
  EstablishmentDetail,
  ReferenceEntity,
  ReferenceMemberDetail,
} from '../api/use-reference-data';
import { isReferenceEntity, useReferenceDetail } from '../api/use-reference-data';
import { DetailLink } from '../components/reference-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';

// The forms (the reference schemas, their pickers) load when « Modifier » or « Ajouter » opens one.
const loadForms = () => import('../components/reference-forms');
const CompanyFormModal = lazy(() => loadForms().then((m) => ({ default: m.CompanyFormModal })));
const ContractFormModal = lazy(() => loadForms().then((m) => ({ default: m.ContractFormModal })));
const CoverageFormModal = lazy(() => loadForms().then((m) => ({ default: m.CoverageFormModal })));
const EstablishmentFormModal = lazy(() =>
  loadForms().then((m) => ({ default: m.EstablishmentFormModal })),
);
const MemberFormModal = lazy(() => loadForms().then((m) => ({ default: m.MemberFormModal })));

const dash = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? '—' : value;

/** A card of labelled values. */
function Fields({ items }: { items: [string, ReactNode][] }) {
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
        {items.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" c="gray.8">
              {label}
            </Text>
            <Text component="dd" m={0} fw={500}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function Section({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section">
      <Group justify="space-between" align="flex-end">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

/** A record's list (its establishments, contracts, coverages…): a table, cards on a phone. */
function SimpleTable({
  caption,
  headers,
  rows,
  empty,
}: {
  caption: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
}) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        {empty}
      </Text>
    );
  }
  return (
    <DataTable
      caption={caption}
      columns={headers.map((header, i) => ({
        header,
        rowHeader: i === 0,
        cell: (row: { cells: ReactNode[] }) => row.cells[i],
      }))}
      rows={rows.map((row) => ({ id: row.key, cells: row.cells }))}
      minWidth={560}
      striped
      card={{
        title: (row) => (
          <Text component="div" size="sm" fw={600}>
            {row.cells[0]}
          </Text>
        ),
        body: (row) => (
          <CardLines>
            {headers.slice(1).map((header, i) => (
              <CardLine key={header} label={header}>
                {row.cells[i + 1]}
              </CardLine>
            ))}
          </CardLines>
        ),
      }}
    />
  );
}

function EditButton({ onClick, label = 'Modifier' }: { onClick: () => void; label?: string }) {
  return (
    <Button variant="default" leftSection={<IconPencil size={18} aria-hidden />} onClick={onClick}>
      {label}
    </Button>
  );
}

const userStatus = (status: string) =>
  isOneOf(USER_STATUSES, status) ? USER_STATUS_LABELS[status] : status;

function CompanyView({ company }: { company: CompanyDetail }) {
  const [dialog, setDialog] = useState<'edit' | 'contract' | null>(null);
  return (
    <Stack gap="xl">
      <Section title="Identité" action={<EditButton onClick={() => setDialog('edit')} />}>
        <Fields
          items={[
            ['SIREN', formatSiren(company.siren)],
            ['Identifiant entreprise', company.insurerCompanyIdentifier],
            ['Convention collective', dash(company.ccnName)],
            ['IDCC', dash(company.idcc)],
            ['Assurés', company.memberCount],
            ['Modifiée le', formatDateTime(company.updatedAt)],
          ]}
        />
      </Section>
      <Group gap="sm">
        {(['etablissements', 'contrats', 'assures'] as const).map((tab) => (
          <ButtonLink
            key={tab}
            to={paths.backOfficeReferenceData}
            search={{ tab, companyId: company.id }}
            variant="light"
            size="xs"
          >
            {tab === 'etablissements'
              ? 'Liste de ses établissements'
              : tab === 'contrats'
                ? 'Liste de ses contrats'
                : `Ses assurés (${company.memberCount})`}
          </ButtonLink>
        ))}
      </Group>
      <Section title={`Établissements (${company.establishments.length})`}>
        <SimpleTable
          caption="Établissements de l’entreprise"
          headers={['Établissement', 'SIRET', 'Code identifiant', 'Ville']}
          empty="Aucun établissement."
          rows={company.establishments.map((e) => ({
            key: e.id,
            cells: [
              <DetailLink key="l" entity="etablissements" id={e.id}>
                {e.name}
              </DetailLink>,
              formatSiret(e.siret),
              e.insurerIdentifier,
              dash(e.city),
            ],
          }))}
        />
      </Section>
      <Section
        title={`Contrats (${company.contracts.length})`}
        action={
          <Button
            variant="default"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setDialog('contract')}
          >
            Ajouter un contrat
          </Button>
        }
      >
        <SimpleTable
          caption="Contrats de l’entreprise"
          headers={['Contrat', 'Numéro', 'Collège', 'Début', 'Fin']}
          empty="Aucun contrat."
          rows={company.contracts.map((c) => ({
            key: c.id,
            cells: [
              <DetailLink key="l" entity="contrats" id={c.id}>
                {c.label}
              </DetailLink>,
              c.number,
              STAFF_CATEGORY_LABELS[c.staffCategory],
              formatIsoDate(c.startDate),
              dash(formatIsoDate(c.endDate)),
            ],
          }))}
        />
      </Section>
      <Section title={`Utilisateurs (${company.users.length})`}>
        <SimpleTable
          caption="Utilisateurs de l’entreprise"
          headers={['Nom', 'E-mail', 'Rôle', 'Compte']}
          empty="Aucun utilisateur."
          rows={company.users.map((u) => ({
            key: u.id,
            cells: [
              `${u.lastName} ${u.firstName}`,
              u.email,
              COMPANY_ROLE_LABELS[u.role],
              userStatus(u.status),
            ],
          }))}
        />
      </Section>
      {dialog === 'edit' ? (
        <Suspense fallback={null}>
          <CompanyFormModal company={company} opened onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
      {dialog === 'contract' ? (
        <Suspense fallback={null}>
          <ContractFormModal companyId={company.id} opened onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
    </Stack>
  );
}

function EstablishmentView({ establishment }: { establishment: EstablishmentDetail }) {
  const [editing, setEditing] = useState(false);
  const e = establishment;
  return (
    <Stack gap="xl">
      <Section title="Identité" action={<EditButton onClick={() => setEditing(true)} />}>
        <Fields
          items={[
            ['SIRET', formatSiret(e.siret)],
            [
              'Entreprise',
              <DetailLink key="c" entity="entreprises" id={e.company.id}>
                {e.company.name}
              </DetailLink>,
            ],
            ['Code identifiant', e.insurerIdentifier],
            [
              'Adresse',
              dash(
                [e.addressLine1, e.addressLine2, [e.postalCode, e.city].filter(Boolean).join(' ')]
                  .filter(Boolean)
                  .join(', '),
              ),
            ],
            ['Assurés', e.memberCount],
            ['Modifié le', formatDateTime(e.updatedAt)],
          ]}
        />
      </Section>
      {editing ? (
        <Suspense fallback={null}>
          <EstablishmentFormModal establishment={e} opened onClose={() => setEditing(false)} />
        </Suspense>
      ) : null}
    </Stack>
  );
}

function ContractView({ contract }: { contract: ContractDetail }) {
  const [editing, setEditing] = useState(false);
  const c = contract;
  return (
    <Stack gap="xl">
      <Section title="Contrat" action={<EditButton onClick={() => setEditing(true)} />}>
        <Fields
          items={[
            ['Numéro', c.number],
            [
              'Entreprise',
              <DetailLink key="c" entity="entreprises" id={c.company.id}>
                {c.company.name}
              </DetailLink>,
            ],
            ['Collège', STAFF_CATEGORY_LABELS[c.staffCategory]],
            ['Début', formatIsoDate(c.startDate)],
            ['Fin', dash(formatIsoDate(c.endDate))],
            ['Couvertures en cours', c.currentCoverageCount],
          ]}
        />
      </Section>
      <Section title="Options">
        <SimpleTable
          caption="Options du contrat"
          headers={['Code', 'Libellé', 'Obligatoire']}
          empty="Aucune option."
          rows={c.options.map((o) => ({
            key: o.code,
            cells: [o.code, o.label, o.mandatory ? 'Oui' : 'Non (facultative)'],
          }))}
        />
      </Section>
      <Section title="Cas de dispense prévus par l’acte fondateur">
        <SimpleTable
          caption="Cas de dispense d’affiliation que le contrat prévoit, en plus des cas de droit"
          headers={['Cas', 'Source légale']}
          empty="Aucun : seuls les cas de droit (D911-2, L911-7-1) s’appliquent."
          rows={DISPENSE_CASES.filter((d) => c.dispenseCases.includes(d.code)).map((d) => ({
            key: d.code,
            cells: [DISPENSE_CASE_SHORT_LABELS[d.code], d.legalSource],
          }))}
        />
      </Section>
      {editing ? (
        <Suspense fallback={null}>
          <ContractFormModal contract={c} opened onClose={() => setEditing(false)} />
        </Suspense>
      ) : null}
    </Stack>
  );
}

function MemberView({ member }: { member: ReferenceMemberDetail }) {
  const [dialog, setDialog] = useState<{ kind: 'edit' } | { kind: 'coverage'; id: string } | null>(
    null,
  );
  const m = member;
  const coverage =
    dialog?.kind === 'coverage' ? m.coverages.find((cv) => cv.id === dialog.id) : undefined;
  return (
    <Stack gap="xl">
      <Section title="Identité" action={<EditButton onClick={() => setDialog({ kind: 'edit' })} />}>
        <Fields
          items={[
            ['NIR', <span key="n">{formatNirGrouped(m.nir)}</span>],
            ['Date de naissance', formatIsoDate(m.birthDate)],
            ['Statut professionnel', PROFESSIONAL_STATUS_LABELS[m.professionalStatus]],
            ['E-mail', dash(m.email)],
            [
              'Entreprise',
              <DetailLink key="c" entity="entreprises" id={m.company.id}>
                {m.company.name}
              </DetailLink>,
            ],
            [
              'Établissement',
              <DetailLink key="e" entity="etablissements" id={m.establishment.id}>
                {m.establishment.name}
              </DetailLink>,
            ],
          ]}
        />
      </Section>
      <Section title="Couvertures">
        <SimpleTable
          caption="Historique des couvertures"
          headers={['Contrat', 'Option', 'Date d’effet', 'Date de fin', 'Statut', 'Action']}
          empty="Aucune couverture."
          rows={m.coverages.map((cv) => ({
            key: cv.id,
            cells: [
              <DetailLink key="k" entity="contrats" id={cv.contract.id}>
                {cv.contract.label}
              </DetailLink>,
              cv.optionLabel,
              formatIsoDate(cv.effectiveDate),
              dash(formatIsoDate(cv.endDate)),
              <CoverageStatusBadge key="s" status={cv.status} />,
              <Button
                key="a"
                size="xs"
                variant="subtle"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setDialog({ kind: 'coverage', id: cv.id })}
                aria-label={`Modifier la couverture ${cv.contract.label} du ${formatIsoDate(cv.effectiveDate)}`}
              >
                Modifier
              </Button>,
            ],
          }))}
        />
      </Section>
      {dialog?.kind === 'edit' ? (
        <Suspense fallback={null}>
          <MemberFormModal member={m} opened onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
      {coverage ? (
        <Suspense fallback={null}>
          <CoverageFormModal
            key={coverage.id}
            memberId={m.id}
            coverage={coverage}
            opened
            onClose={() => setDialog(null)}
          />
        </Suspense>
      ) : null}
    </Stack>
  );
}

const KIND_LABELS: Record<ReferenceEntity, string> = {
  entreprises: 'Entreprise',
  etablissements: 'Établissement',
  contrats: 'Contrat',
  assures: 'Assuré',
};

function titleOf(entity: ReferenceEntity, data: unknown): string {
  if (!data) return KIND_LABELS[entity];
  switch (entity) {
    case 'entreprises':
      return (data as CompanyDetail).name;
    case 'etablissements':
      return (data as EstablishmentDetail).name;
    case 'contrats':
      return (data as ContractDetail).label;
    case 'assures': {
      const m = data as ReferenceMemberDetail;
      return `${m.lastName} ${m.firstName}`;
    }
  }
}

function Detail({ entity, id }: { entity: ReferenceEntity; id: string }) {
  const detail = useReferenceDetail(entity, id);
  const back = (
    <AnchorLink
      to={paths.backOfficeReferenceData}
      search={entity === 'entreprises' ? {} : { tab: entity }}
      size="sm"
    >
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Retour au référentiel
      </Group>
    </AnchorLink>
  );
  return (
    <Page title={titleOf(entity, detail.data)} description={KIND_LABELS[entity]} actions={back}>
      {detail.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <VisuallyHidden role="status">Chargement…</VisuallyHidden>
          <Skeleton h={120} />
          <Skeleton h={200} />
        </Stack>
      ) : detail.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              {isApiError(detail.error) && detail.error.status === 404
                ? 'Cette fiche est introuvable : elle a peut-être été supprimée, ou l’adresse est incomplète.'
                : errorMessage(detail.error)}
            </Text>
            {isApiError(detail.error) && detail.error.status === 404 ? null : (
              <Button variant="default" size="xs" onClick={() => void detail.refetch()}>
                Réessayer
              </Button>
            )}
          </Stack>
        </Alert>
      ) : entity === 'entreprises' ? (
        <CompanyView company={detail.data as CompanyDetail} />
      ) : entity === 'etablissements' ? (
        <EstablishmentView establishment={detail.data as EstablishmentDetail} />
      ) : entity === 'contrats' ? (
        <ContractView contract={detail.data as ContractDetail} />
      ) : (
        <MemberView member={detail.data as ReferenceMemberDetail} />
      )}
    </Page>
  );
}

/** `/back-office/referentiel/$entity/$entityId`: the detail of one entry and its edit forms. */
export function ReferenceDetailPage() {
  const { entity, entityId = '' } = useParams({ strict: false });
  if (!isReferenceEntity(entity)) {
    return (
      <Page title="Fiche introuvable">
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
          Cette adresse ne correspond à aucune fiche du référentiel.
        </Alert>
      </Page>
    );
  }
  return <Detail key={`${entity}/${entityId}`} entity={entity} id={entityId} />;
}
