import { Badge, Box, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import {
  auditActionLabel,
  auditDetailLabel,
  auditTargetLabel,
  formatAuditValue,
} from '@affilia/shared/domain/audit';
import { formatSiren } from '@affilia/shared/validators/siret';
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

/** The lines of the log: a table on a large screen, cards on a phone. */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  return (
    <>
      <Paper withBorder radius="md" visibleFrom="md">
        <Table.ScrollContainer minWidth={1100}>
          <Table striped verticalSpacing="sm" fz="sm">
            <Table.Caption>
              <VisuallyHidden>Lignes du journal d’audit, les plus récentes d’abord</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Acteur</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Entreprise</Table.Th>
                <Table.Th scope="col">Cible</Table.Th>
                <Table.Th scope="col">Origine</Table.Th>
                <Table.Th scope="col">Détails</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    <Actor entry={e} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} title={e.action}>
                      {auditActionLabel(e.action)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{company(e)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{target(e)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.ip ?? '—'}</Text>
                    <Browser entry={e} />
                  </Table.Td>
                  <Table.Td miw={220}>
                    <Details entry={e} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Stack gap="sm" hiddenFrom="md" component="ul" style={{ listStyle: 'none', padding: 0 }}>
        {entries.map((e) => (
          <Paper key={e.id} component="li" withBorder radius="md" p="md">
            <Stack gap={6}>
              <Badge variant="light" tt="none" style={{ alignSelf: 'flex-start' }}>
                {auditActionLabel(e.action)}
              </Badge>
              <Text size="sm">{formatDateTime(e.at)}</Text>
              <Actor entry={e} />
              <Text size="sm">
                <strong>Entreprise :</strong> {company(e)}
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <strong>Cible :</strong> {target(e)}
              </Text>
              <Text size="sm">
                <strong>Adresse IP :</strong> {e.ip ?? '—'}
              </Text>
              <Browser entry={e} />
              {e.details ? <Details entry={e} /> : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
