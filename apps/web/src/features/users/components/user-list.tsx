import { Badge, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import { COMPANY_ROLE_LABELS } from '@affilia/shared/domain/enums';
import { formatDateTime } from '../../../lib/format-date';
import type { ManagedUser } from '../api/use-users';
import type { UserActionKind } from './user-actions-menu';
import { UserActionsMenu } from './user-actions-menu';
import { UserStatusBadge } from '../../../components/user-status-badge';

type OnAction = (kind: UserActionKind, user: ManagedUser) => void;

const CAPTION = 'Utilisateurs de vos sociétés';
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** « (3 établissements) » when the role covers only some establishments. */
function perimeterNote(establishmentIds: string[] | null): string {
  if (!establishmentIds) return '';
  const count = establishmentIds.length;
  return ` (${count} établissement${count > 1 ? 's' : ''})`;
}

/** The name, « (vous) » and the « Tiers déclarant — {cabinet} » badge. */
function UserName({ user }: { user: ManagedUser }) {
  return (
    <Stack gap={4} align="flex-start">
      <Text fw={600} size="sm">
        {listName(user)}
        {user.isSelf ? (
          <Text span size="sm" c="gray.8" fw={400}>
            {' '}
            (vous)
          </Text>
        ) : null}
      </Text>
      {user.isThirdParty ? (
        <Badge
          variant="light"
          color="brand"
          tt="none"
          fw={600}
          radius="sm"
          h="auto"
          py={3}
          maw="100%"
          styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'left' } }}
        >
          Tiers déclarant{user.thirdPartyFirm ? ` — ${user.thirdPartyFirm}` : ''}
        </Badge>
      ) : null}
    </Stack>
  );
}

/** « Valmont Immobilier — Administrateur (3 établissements) », one line per company. */
function UserCompanies({ user }: { user: ManagedUser }) {
  return (
    <Stack gap={2}>
      {user.companies.map((company) => (
        <Text size="sm" key={company.companyId}>
          {company.companyName} — {COMPANY_ROLE_LABELS[company.role]}
          <span style={{ whiteSpace: 'nowrap' }}>{perimeterNote(company.establishmentIds)}</span>
        </Text>
      ))}
      {user.companies.length === 0 ? (
        <Text size="sm" c="gray.8">
          Aucun accès
        </Text>
      ) : null}
      {user.hasOtherCompanies ? (
        <Text size="xs" c="gray.8">
          et d’autres sociétés que vous ne gérez pas
        </Text>
      ) : null}
    </Stack>
  );
}

function UserStatus({ user }: { user: ManagedUser }) {
  return (
    <Stack gap={4} align="flex-start">
      <UserStatusBadge status={user.status} />
      {user.status === 'invited' && user.invitationSentAt ? (
        <Text size="xs" c="gray.8" maw={170} style={{ whiteSpace: 'normal' }}>
          Invitation envoyée le {formatDateTime(user.invitationSentAt)}
        </Text>
      ) : null}
    </Stack>
  );
}

function lastSignIn(user: ManagedUser): string {
  return user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Jamais';
}

/** The list on a wide screen: a table with a caption and one header per column. */
export function UserTable({ users, onAction }: { users: ManagedUser[]; onAction: OnAction }) {
  return (
    <Paper withBorder radius="md" visibleFrom="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={880}>
        <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover>
          <Table.Caption>
            <VisuallyHidden>{CAPTION}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Nom</Table.Th>
              <Table.Th scope="col">E-mail</Table.Th>
              <Table.Th scope="col">Sociétés et rôles</Table.Th>
              <Table.Th scope="col">Statut</Table.Th>
              <Table.Th scope="col" style={NO_WRAP}>
                Dernière connexion
              </Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Th scope="row" fw="inherit">
                  <UserName user={user} />
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{user.email}</Text>
                </Table.Td>
                <Table.Td>
                  <UserCompanies user={user} />
                </Table.Td>
                <Table.Td style={NO_WRAP}>
                  <UserStatus user={user} />
                </Table.Td>
                <Table.Td style={NO_WRAP}>
                  <Text size="sm">{lastSignIn(user)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <UserActionsMenu user={user} onAction={onAction} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The list on a phone or a tablet: one card per user. */
export function UserCards({ users, onAction }: { users: ManagedUser[]; onAction: OnAction }) {
  return (
    <Stack
      gap="sm"
      hiddenFrom="md"
      component="ul"
      aria-label={CAPTION}
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
    >
      {users.map((user) => (
        <Paper component="li" key={user.id} withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <UserName user={user} />
              <UserActionsMenu user={user} onAction={onAction} />
            </Group>
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {user.email}
            </Text>
            <UserCompanies user={user} />
            <Group justify="space-between" align="flex-end" gap="xs">
              <UserStatus user={user} />
              <Text size="xs" c="gray.8">
                Dernière connexion : {lastSignIn(user)}
              </Text>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
