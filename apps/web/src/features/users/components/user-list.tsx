import { Badge, Group, Stack, Text } from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import { COMPANY_ROLE_LABELS } from '@affilia/shared/domain/enums';
import type { DataColumn } from '../../../components/data-table';
import { DataTable, RowName } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format-date';
import type { ManagedUser } from '../api/use-users';
import type { UserActionKind } from './user-actions-menu';
import { UserActionsMenu } from './user-actions-menu';
import { UserStatusBadge } from '../../../components/user-status-badge';

type OnAction = (kind: UserActionKind, user: ManagedUser) => void;

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
      <RowName name={listName(user)} isSelf={user.isSelf} />
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

/** The users of « Gestion des habilitations »: a table on a wide screen, cards on a phone. */
export function UserList({ users, onAction }: { users: ManagedUser[]; onAction: OnAction }) {
  const actions = (user: ManagedUser) => <UserActionsMenu user={user} onAction={onAction} />;
  const columns: DataColumn<ManagedUser>[] = [
    { header: 'Nom', rowHeader: true, cell: (u) => <UserName user={u} /> },
    { header: 'E-mail', cell: (u) => u.email },
    { header: 'Sociétés et rôles', cell: (u) => <UserCompanies user={u} /> },
    { header: 'Statut', noWrap: true, cell: (u) => <UserStatus user={u} /> },
    { header: 'Dernière connexion', noWrap: true, cell: lastSignIn },
    { header: 'Actions', hiddenHeader: true, align: 'right', cell: actions },
  ];
  return (
    <DataTable
      caption="Utilisateurs de vos sociétés"
      columns={columns}
      rows={users}
      minWidth={880}
      tableFrom="md"
      card={{
        title: (u) => <UserName user={u} />,
        aside: actions,
        body: (u) => (
          <Stack gap="sm">
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {u.email}
            </Text>
            <UserCompanies user={u} />
            <Group justify="space-between" align="flex-end" gap="xs">
              <UserStatus user={u} />
              <Text size="xs" c="gray.8">
                Dernière connexion : {lastSignIn(u)}
              </Text>
            </Group>
          </Stack>
        ),
      }}
    />
  );
}
