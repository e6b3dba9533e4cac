import { useState } from 'react';
import { ActionIcon, Menu, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { IconDotsVertical } from '@tabler/icons-react';

/** One entry of a row's « … » menu: an action, or a download when it has an `href`. */
export interface RowAction {
  key: string;
  label: string;
  icon?: Icon;
  /** A line under the label (why it is not possible, what was done already). */
  hint?: string;
  danger?: boolean;
  /** The API would refuse it. */
  disabled?: boolean;
  onClick?: () => void;
  href?: string;
}

/**
 * The « … » of a list's row (the list-page kit): « Actions pour Thomas Lefèvre », the actions
 * allowed on it, and a note under them (why some are not). No action: « — », named for screen
 * readers.
 */
export function RowActionsMenu({
  name,
  actions,
  note,
  width = 300,
}: {
  /** Whom the row is about (« Thomas Lefèvre »). */
  name: string;
  actions: RowAction[];
  note?: string;
  width?: number;
}) {
  const [opened, setOpened] = useState(false);
  if (actions.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        <span aria-hidden>—</span>
        <VisuallyHidden>Aucune action possible pour {name}</VisuallyHidden>
      </Text>
    );
  }
  const label = `Actions pour ${name}`;
  return (
    <Menu
      position="bottom-end"
      width={width}
      shadow="md"
      withinPortal
      // No focus sentinel (role=presentation) inside role=menu: the first item takes the focus.
      withInitialFocusPlaceholder={false}
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
        {actions.map((action) => (
          <RowActionItem key={action.key} action={action} />
        ))}
        {note ? (
          <>
            <Menu.Divider />
            <Text size="xs" c="gray.8" px="sm" py={6}>
              {note}
            </Text>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}

function RowActionItem({ action }: { action: RowAction }) {
  const { label, icon: ItemIcon, hint, danger, disabled, onClick, href } = action;
  const common = {
    color: danger ? 'red' : undefined,
    leftSection: ItemIcon ? <ItemIcon size={18} aria-hidden /> : undefined,
    disabled,
  };
  const content = hint ? (
    <>
      <Text size="sm" inherit>
        {label}
      </Text>
      <Text size="xs" c="gray.8" inherit={false}>
        {hint}
      </Text>
    </>
  ) : (
    label
  );
  if (href) {
    return (
      <Menu.Item component="a" href={href} download {...common}>
        {content}
      </Menu.Item>
    );
  }
  return (
    <Menu.Item onClick={onClick} {...common}>
      {content}
    </Menu.Item>
  );
}
