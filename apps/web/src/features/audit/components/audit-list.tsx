import { Badge, Box, Stack, Text } from '@mantine/core';
import {
  auditActionLabel,
  auditDetailLabel,
  auditTargetLabel,
  formatAuditValue,
} from '@affilia/shared/domain/audit';
import { formatSiren } from '@affilia/shared/validators/siret';
import type { DataColumn } from '../../../components/data-table';
import { CardLine, CardLines, DataTable } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format-date';
import type { AuditEntry } from '../api/use-audit';
import { ACTOR_KIND_LABELS } from '../audit-search';

function actorLabel(e: AuditEntry): string {
  const kind = ACTOR_KIND_LABELS[e.actorKind] ?? e.actorKind;
  return e.actor ? `${e.actor.name || e.actor.email}` : kind;
}

/**
 * The details in French (« Motif : mot de passe erroné »). Each pair is a `<div>` holding only its
 * `<dt>` and `<dd>` (the colon belongs to the term), as a description list requires.
 */
function Details({ entry }: { entry: AuditEntry }) {
  if (!entry.details) return <>—</>;
  return (
    <Stack component="dl" gap={2} m={0} style={{ maxWidth: 320 }}>
      {Object.entries(entry.details).map(([key, value]) => (
        <Box key={key} fz="xs" style={{ overflowWrap: 'anywhere' }}>
          <Text component="dt" fw={600} size="xs" display="inline">
            {auditDetailLabel(key)} :{' '}
          </Text>
          <Text component="dd" size="xs" m={0} display="inline">
            {formatAuditValue(value)}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}

/** « Chrome sur Windows », the full string on hover. */
function Browser({ entry }: { entry: AuditEntry }) {
  if (!entry.userAgent) return null;
  return (
    <Text size="xs" c="dimmed" title={entry.userAgent}>
      {entry.browser}
    </Text>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
        {actorLabel(entry)}
      </Text>
      {entry.actor ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {entry.actor.email} · {ACTOR_KIND_LABELS[entry.actorKind] ?? entry.actorKind}
        </Text>
      ) : null}
    </Stack>
  );
}

const target = (e: AuditEntry) => auditTargetLabel(e.targetType, e.targetId);

const company = (e: AuditEntry) =>
  e.company ? `${e.company.name} (${formatSiren(e.company.siren)})` : '—';

const ANYWHERE = { overflowWrap: 'anywhere' } as const;

function Origin({ entry }: { entry: AuditEntry }) {
  return (
    <>
      <Text size="sm">{entry.ip ?? '—'}</Text>
      <Browser entry={entry} />
    </>
  );
}

const columns: DataColumn<AuditEntry>[] = [
  { header: 'Date', noWrap: true, cell: (e) => formatDateTime(e.at) },
  { header: 'Acteur', cell: (e) => <Actor entry={e} /> },
  {
    header: 'Action',
    cell: (e) => (
      <Text size="sm" fw={600} title={e.action}>
        {auditActionLabel(e.action)}
      </Text>
    ),
  },
  { header: 'Entreprise', cell: (e) => <span style={ANYWHERE}>{company(e)}</span> },
  { header: 'Cible', cell: (e) => <span style={ANYWHERE}>{target(e)}</span> },
  { header: 'Origine', cell: (e) => <Origin entry={e} /> },
  { header: 'Détails', minWidth: '220px', cell: (e) => <Details entry={e} /> },
];

/** The lines of the log: a table on a large screen, cards on a phone. */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable
      caption="Lignes du journal d’audit, les plus récentes d’abord"
      columns={columns}
      rows={entries}
      minWidth={1100}
      tableFrom="md"
      striped
      card={{
        title: (e) => (
          <Badge variant="light" tt="none">
            {auditActionLabel(e.action)}
          </Badge>
        ),
        body: (e) => (
          <CardLines>
            <CardLine label="Date">{formatDateTime(e.at)}</CardLine>
            <CardLine label="Acteur">
              <Actor entry={e} />
            </CardLine>
            <CardLine label="Entreprise">{company(e)}</CardLine>
            <CardLine label="Cible">{target(e)}</CardLine>
            <CardLine label="Origine">
              <Origin entry={e} />
            </CardLine>
            {e.details ? (
              <CardLine label="Détails">
                <Details entry={e} />
              </CardLine>
            ) : null}
          </CardLines>
        ),
      }}
    />
  );
}
