import { Alert, Anchor, Blockquote, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import {
  DISPENSE_FILE_KIND_LABELS,
  DISPENSE_ORIGIN_LABELS,
  OTHER_PLAN_TYPE_LABELS,
  dispenseCase,
} from '@affilia/shared/domain/dispense';
import {
  EMPLOYMENT_CONTRACT_TYPES,
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  isOneOf,
} from '@affilia/shared/domain/enums';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { DispenseStatusBadge } from '../../../components/dispense-status-badge';
import { SectionCard } from '../../../components/section-card';
import { formatFileSize } from '../../../lib/file-size';
import { formatDateTime } from '../../../lib/format-date';
import type { BackofficeDispense } from '../api/use-backoffice-dispenses';
import { dispenseFilePath } from '../api/use-backoffice-dispenses';

/* The cards of a request of dispense's page in the back office (issue 19). */

const date = (iso: string | null | undefined) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '—');

function contractTypeLabel(code: string): string {
  return isOneOf(EMPLOYMENT_CONTRACT_TYPES, code) ? EMPLOYMENT_CONTRACT_TYPE_LABELS[code] : code;
}

/** What the insurer must look at before validating: a case or an employment that does not fit. */
export function DispenseWarnings({ data }: { data: BackofficeDispense }) {
  if (data.caseAllowed && !data.conditionError) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title="À vérifier avant de valider"
      icon={<IconAlertTriangle aria-hidden />}
    >
      <Stack gap={4}>
        {data.caseAllowed ? null : (
          <Text size="sm">
            Le contrat « {data.contractLabel} » ne prévoit pas ce cas de dispense (acte fondateur,
            CSS art. R242-1-6).
          </Text>
        )}
        {data.conditionError ? <Text size="sm">{data.conditionError}</Text> : null}
      </Stack>
    </Alert>
  );
}

/** The employee, their NIR in full, and where they work. */
export function DispenseEmployeeCard({ data }: { data: BackofficeDispense }) {
  return (
    <SectionCard title="Salarié et entreprise">
      <DetailFields>
        <DetailField label="Salarié">
          {data.lastName} {data.firstName}
        </DetailField>
        <DetailField label="NIR">{data.nir}</DetailField>
        <DetailField label="Date de naissance">{date(data.birthDate)}</DetailField>
        <DetailField label="E-mail">{data.email ?? '—'}</DetailField>
        <DetailField label="Entreprise">
          {data.companyName} (SIREN {formatSiren(data.siren)})
        </DetailField>
        <DetailField label="Établissement">
          {data.establishmentName} (SIRET {formatSiret(data.siret)})
        </DetailField>
      </DetailFields>
    </SectionCard>
  );
}

/** The group contract and the employment the case is checked against. */
export function DispenseEmploymentCard({ data }: { data: BackofficeDispense }) {
  return (
    <SectionCard title="Contrat et emploi">
      <DetailFields>
        <DetailField label="Contrat">
          {data.contractLabel} (n° {data.contractNumber})
        </DetailField>
        <DetailField label="Contrat de travail">
          {contractTypeLabel(data.employmentContractType)}
        </DetailField>
        <DetailField label="Début du contrat de travail">
          {date(data.employmentStartDate)}
        </DetailField>
        <DetailField label="Fin du contrat de travail">{date(data.employmentEndDate)}</DetailField>
        <DetailField label="Date d’affiliation">{date(data.affiliationDate)}</DetailField>
      </DetailFields>
    </SectionCard>
  );
}

/** The case with its legal source and proof, the dates, the sworn statement as signed. */
export function DispenseCaseCard({ data }: { data: BackofficeDispense }) {
  const rule = dispenseCase(data.caseCode);
  return (
    <SectionCard title="Cas de dispense">
      <DetailFields>
        <DetailField label="Cas">{rule.label}</DetailField>
        <DetailField label="Source légale">
          {rule.legalSource} (
          {rule.source === 'de_droit' ? 'de droit' : 'prévu par l’acte fondateur'})
        </DetailField>
        {data.otherPlanType ? (
          <DetailField label="Autre régime">
            {OTHER_PLAN_TYPE_LABELS[data.otherPlanType]}
          </DetailField>
        ) : null}
        <DetailField label="Justificatif demandé">{rule.proof ?? 'Aucun'}</DetailField>
        {data.justificationEndDate ? (
          <DetailField label="Fin de la couverture déclarée">
            {date(data.justificationEndDate)}
          </DetailField>
        ) : null}
        <DetailField label="Date d’effet">{date(data.effectiveDate)}</DetailField>
        <DetailField label="Date de fin">{date(data.endDate)}</DetailField>
        <DetailField label="Renouvellement dû le">{date(data.renewalDueDate)}</DetailField>
        <DetailField label="Origine">
          {DISPENSE_ORIGIN_LABELS[data.origin]}
          {data.isRenewal ? ' (renouvellement annuel)' : ''}
        </DetailField>
      </DetailFields>
      <Text fw={600} size="sm" mt="md">
        Déclaration sur l’honneur, signée le {date(data.signedOn)}
      </Text>
      <Blockquote color="gray" p="sm" mt={6} fz="sm">
        {data.swornStatement}
      </Blockquote>
    </SectionCard>
  );
}

/** The proofs, the signed request and the request's PDF, each a download. */
export function DispenseFilesCard({ data }: { data: BackofficeDispense }) {
  return (
    <SectionCard title="Justificatifs et demande signée">
      {data.files.length > 0 ? (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {data.files.map((f) => (
            <li key={f.id}>
              <Anchor href={dispenseFilePath(data.id, f.id)} size="sm" fw={600}>
                <Group gap={6} component="span" wrap="nowrap">
                  <IconDownload size={16} aria-hidden />
                  {DISPENSE_FILE_KIND_LABELS[f.kind]} : {f.originalName} ({formatFileSize(f.size)})
                </Group>
              </Anchor>
            </li>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Aucun fichier : ce cas ne demande pas de justificatif.
        </Text>
      )}
    </SectionCard>
  );
}

type HistoryRow = BackofficeDispense['history'][number];

const requestKind = (h: HistoryRow, current: string) =>
  `${h.isRenewal ? 'Renouvellement' : 'Première demande'}${h.id === current ? ' (celle-ci)' : ''}`;
const decision = (h: HistoryRow) =>
  `${h.decidedAt ? formatDateTime(h.decidedAt) : '—'}${h.refusalReason ? ` : « ${h.refusalReason} »` : ''}`;

/** Every request of dispense of the same affiliation request, newest first. */
export function DispenseHistoryCard({ data }: { data: BackofficeDispense }) {
  const columns: DataColumn<HistoryRow>[] = [
    { header: 'Reçue le', noWrap: true, cell: (h) => formatDateTime(h.createdAt) },
    { header: 'Demande', rowHeader: true, cell: (h) => requestKind(h, data.id) },
    { header: 'Statut', cell: (h) => <DispenseStatusBadge status={h.status} /> },
    { header: 'Décision', cell: decision },
  ];
  return (
    <SectionCard title="Historique des demandes de dispense">
      <DataTable
        caption="Demandes de dispense de ce salarié, la plus récente d’abord"
        columns={columns}
        rows={data.history}
        minWidth={560}
        card={{
          title: (h) => <Text fw={600}>{requestKind(h, data.id)}</Text>,
          aside: (h) => <DispenseStatusBadge status={h.status} />,
          body: (h) => (
            <CardLines>
              <CardLine label="Reçue le">{formatDateTime(h.createdAt)}</CardLine>
              <CardLine label="Décision">{decision(h)}</CardLine>
            </CardLines>
          ),
        }}
      />
    </SectionCard>
  );
}
