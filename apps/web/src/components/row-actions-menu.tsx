import type { ComponentType } from 'react';
import { useRef, useState } from 'react';
import { ActionIcon, Text, VisuallyHidden } from '@mantine/core';
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

export interface RowActionsMenuProps {
  /** Whom the row is about (« Thomas Lefèvre »). */
  name: string;
  actions: RowAction[];
  note?: string;
  width?: number;
}

type Dropdown = ComponentType<
  RowActionsMenuProps & { defaultOpened?: boolean; focusTrigger?: boolean }
>;

let loaded: Dropdown | null = null;
let loading: Promise<Dropdown> | null = null;
function loadDropdown(): Promise<Dropdown> {
  loading ??= import('./row-actions-dropdown').then((m) => (loaded = m.RowActionsDropdown));
  return loading;
}

/**
 * The « … » of a list's row (the list-page kit): « Actions pour Thomas Lefèvre », the actions
 * allowed on it, and a note under them (why some are not). No action: « — », named for screen
 * readers. The menu's code (Mantine's Menu, Tooltip and the floating layer: about 35 KB
 * compressed) loads at the first sign that the person reaches for it — the pointer over the
 * button, the focus, a touch — instead of with the page, as DeferredSelect does; clicked
 * before it arrived, the menu opens as soon as it has.
 */
export function RowActionsMenu(props: RowActionsMenuProps) {
  const [Loaded, setLoaded] = useState<Dropdown | null>(() => loaded);
  const [clicked, setClicked] = useState(false);
  const [focusTrigger, setFocusTrigger] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const { name, actions } = props;
  if (actions.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        <span aria-hidden>—</span>
        <VisuallyHidden>Aucune action possible pour {name}</VisuallyHidden>
      </Text>
    );
  }
  if (Loaded) return <Loaded {...props} defaultOpened={clicked} focusTrigger={focusTrigger} />;
  const load = () =>
    void loadDropdown().then((component) => {
      setFocusTrigger(document.activeElement === trigger.current);
      setLoaded(() => component);
    });
  return (
    <ActionIcon
      ref={trigger}
      variant="subtle"
      color="gray.8"
      size="lg"
      aria-label={`Actions pour ${name}`}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={load}
      onTouchStart={load}
      onFocus={load}
      // Pressed, not only clicked: the menu's code may arrive between the press and the release,
      // replacing this button, and the click would then be lost (no element got both).
      onPointerDown={() => {
        setClicked(true);
        load();
      }}
      onClick={() => {
        setClicked(true);
        load();
      }}
    >
      <IconDotsVertical size={20} aria-hidden />
    </ActionIcon>
  );
}
