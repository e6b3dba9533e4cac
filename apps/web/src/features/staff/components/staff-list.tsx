import { useState } from 'react';
import {
  ActionIcon,
  Group,
  Menu,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { listName } from '@affilia/shared/domain/person-name';
import { IconDotsVertical } from '@tabler/icons-react';
import { formatDateTime } from '../../../lib/format-date';
import { UserStatusBadge } from '../../../components/user-status-badge';
import type { StaffMember } from '../api/use-staff';
import type { StaffActionKind } from '../staff-rules';
import { staffActions, staffBlocker, staffName } from '../staff-rules';
import { StaffRoleBadge } from './staff-role-badge';

type OnAction = (kind: StaffActionKind, member: StaffMember) => void;

const CAPTION = 'Membres de l’équipe de l’assureur';
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

function lastSignIn(member: StaffMember): string {
  return member.lastSignInAt ? formatDateTime(member.lastSignInAt) : 'Jamais';
}

function MemberName({ member }: { member: StaffMember }) {
  return (
    <Text fw={600} size="sm">
      {listName(member)}
      {member.isSelf ? (
        <Text span size="sm" c="gray.8" fw={400}>
          {' '}
          (vous)
        </Text>
      ) : null}
    </Text>
  );
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
  const [opened, setOpened] = useState(false);
  const entries = staffActions(member, members);
  const name = staffName(member);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        <span aria-hidden>—</span>
        <VisuallyHidden>Aucune action possible pour {name}</VisuallyHidden>
      </Text>
    );
  }
  const blocker = staffBlocker(member, members);
  const label = `Actions pour ${name}`;
  return (
    <Menu
      position="bottom-end"
      width={280}
      shadow="md"
      withinPortal
      opened={opened}
      onChange={setOpened}
    >
      <Menu.Target>
        <Tooltip label={label} disabled={opened}>
          <ActionIcon variant="subtle" color="gray.8" size="lg" aria-label={label}>
            <IconDotsVertical size={20} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {entries.map(({ kind, label: itemLabel, danger, disabled }) => (
          <Menu.Item
            key={kind}
            color={danger ? 'red' : undefined}
            disabled={disabled}
            onClick={() => onAction(kind, member)}
          >
            {itemLabel}
          </Menu.Item>
        ))}
        {blocker ? (
          <>
            <Menu.Divider />
            <Text size="xs" c="gray.8" px="sm" py={6}>
              {blocker}
            </Text>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}

/** A wide screen: a table. `onAction` null: read-only (a « gestionnaire »). */
export function StaffTable({
  members,
  onAction,
}: {
  members: StaffMember[];
  onAction: OnAction | null;
}) {
  return (
    <Paper withBorder radius="md" visibleFrom="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover>
          <Table.Caption>
            <VisuallyHidden>{CAPTION}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Nom</Table.Th>
              <Table.Th scope="col">E-mail</Table.Th>
              <Table.Th scope="col">Rôle</Table.Th>
              <Table.Th scope="col">Statut</Table.Th>
              <Table.Th scope="col" style={NO_WRAP}>
                Dernière connexion
              </Table.Th>
              {onAction ? (
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Th scope="row" fw="inherit">
                  <MemberName member={member} />
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{member.email}</Text>
                </Table.Td>
                <Table.Td style={NO_WRAP}>
                  <StaffRoleBadge role={member.role} />
                </Table.Td>
                <Table.Td style={NO_WRAP}>
                  <UserStatusBadge status={member.status} />
                </Table.Td>
                <Table.Td style={NO_WRAP}>
                  <Text size="sm">{lastSignIn(member)}</Text>
                </Table.Td>
                {onAction ? (
                  <Table.Td ta="right">
                    <StaffActionsMenu member={member} members={members} onAction={onAction} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** A phone or a tablet: one card per member. */
export function StaffCards({
  members,
  onAction,
}: {
  members: StaffMember[];
  onAction: OnAction | null;
}) {
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
      {members.map((member) => (
        <Paper component="li" key={member.id} withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <MemberName member={member} />
              {onAction ? (
                <StaffActionsMenu member={member} members={members} onAction={onAction} />
              ) : null}
            </Group>
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {member.email}
            </Text>
            <Group gap="xs">
              <StaffRoleBadge role={member.role} />
              <UserStatusBadge status={member.status} />
            </Group>
            <Text size="xs" c="gray.8">
              Dernière connexion : {lastSignIn(member)}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
