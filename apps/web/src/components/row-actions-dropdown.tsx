import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Menu, Text, Tooltip } from '@mantine/core';
import { IconDotsVertical } from '@tabler/icons-react';
import type { RowAction, RowActionsMenuProps } from './row-actions-menu';

/**
 * The « … » menu itself (Mantine's Menu and Tooltip, the floating layer's code), loaded by
 * RowActionsMenu when the person reaches for it. `defaultOpened`: it was clicked before the code
 * arrived; `focusTrigger`: it had the focus.
 */
export function RowActionsDropdown({
  name,
  actions,
  note,
  width = 300,
  defaultOpened = false,
  focusTrigger = false,
}: RowActionsMenuProps & { defaultOpened?: boolean; focusTrigger?: boolean }) {
  const [opened, setOpened] = useState(defaultOpened);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTrigger) trigger.current?.focus();
  }, [focusTrigger]);
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
          <ActionIcon ref={trigger} variant="subtle" color="gray.8" size="lg" aria-label={label}>
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
