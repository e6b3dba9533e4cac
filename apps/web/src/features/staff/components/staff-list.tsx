import { Group, Stack, Text } from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import type { DataColumn } from '../../../components/data-table';
import { DataTable, RowName } from '../../../components/data-table';
import { RowActionsMenu } from '../../../components/row-actions-menu';
import { UserStatusBadge } from '../../../components/user-status-badge';
import { formatDateTime } from '../../../lib/format-date';
import type { StaffMember } from '../api/use-staff';
import type { StaffActionKind } from '../staff-rules';
import { staffActions, staffBlocker, staffName } from '../staff-rules';
import { StaffRoleBadge } from './staff-role-badge';

type OnAction = (kind: StaffActionKind, member: StaffMember) => void;

function lastSignIn(member: StaffMember): string {
  return member.lastSignInAt ? formatDateTime(member.lastSignInAt) : 'Jamais';
}

function MemberName({ member }: { member: StaffMember }) {
  return <RowName name={listName(member)} isSelf={member.isSelf} />;
}

/** The menu of the actions allowed on an account (back-office administrators only). */
function StaffActionsMenu({
  member,
  members,
  onAction,
}: {
  member: StaffMember;
  members: StaffMember[];
  onAction: OnAction;
}) {
  return (
    <RowActionsMenu
      name={staffName(member)}
      width={280}
      actions={staffActions(member, members).map((entry) => ({
        ...entry,
        key: entry.kind,
        onClick: () => onAction(entry.kind, member),
      }))}
      note={staffBlocker(member, members)}
    />
  );
}

/**
 * The insurer's team: a table on a wide screen, one card per member on a phone or a tablet.
 * `onAction` null: read-only (a « gestionnaire »).
 */
export function StaffList({
  members,
  onAction,
}: {
  members: StaffMember[];
  onAction: OnAction | null;
}) {
  const actions = onAction
    ? (member: StaffMember) => (
        <StaffActionsMenu member={member} members={members} onAction={onAction} />
      )
    : undefined;
  const columns: DataColumn<StaffMember>[] = [
    { header: 'Nom', rowHeader: true, cell: (m) => <MemberName member={m} /> },
    { header: 'E-mail', cell: (m) => m.email },
    { header: 'Rôle', noWrap: true, cell: (m) => <StaffRoleBadge role={m.role} /> },
    { header: 'Statut', noWrap: true, cell: (m) => <UserStatusBadge status={m.status} /> },
    { header: 'Dernière connexion', noWrap: true, cell: lastSignIn },
    ...(actions
      ? [{ header: 'Actions', hiddenHeader: true, align: 'right' as const, cell: actions }]
      : []),
  ];
  return (
    <DataTable
      caption="Membres de l’équipe de l’assureur"
      columns={columns}
      rows={members}
      minWidth={820}
      tableFrom="md"
      card={{
        title: (m) => <MemberName member={m} />,
        aside: actions,
        body: (m) => (
          <Stack gap="sm">
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {m.email}
            </Text>
            <Group gap="xs">
              <StaffRoleBadge role={m.role} />
              <UserStatusBadge status={m.status} />
            </Group>
            <Text size="xs" c="gray.8">
              Dernière connexion : {lastSignIn(m)}
            </Text>
          </Stack>
        ),
      }}
    />
  );
}
