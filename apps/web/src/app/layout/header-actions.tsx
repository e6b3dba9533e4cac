import type { ComponentProps, ReactElement, ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ActionIcon, Indicator, UnstyledButton } from '@mantine/core';
import {
  IconBell,
  IconChevronDown,
  IconHelpCircle,
  IconMail,
  IconUserCircle,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { paths } from '../../config/paths';
import { useUnreadNotificationCount } from '../../features/notifications/api/use-notifications';
import { useUnreadConversationCount } from '../../features/messages/api/use-messages';
import type * as HeaderPopovers from './header-popovers';
import classes from './layout.module.css';

export const HEADER_ICON_SIZE = 22;

type Popovers = typeof HeaderPopovers;
let popoversModule: Promise<Popovers> | undefined;
const loadPopovers = () => (popoversModule ??= import('./header-popovers'));

const PopoversContext = createContext<{ popovers: Popovers | null; load: () => void }>({
  popovers: null,
  load: () => undefined,
});

/**
 * The page header. Its menus, popovers and tooltips (header-popovers.tsx) load at the first sign
 * that the person reaches for it — the pointer over it, the focus in it, a touch — instead of
 * with the page; until then each control is a stand-in that looks the same and, clicked, opens
 * once the code has arrived. The focus stays on the control the person was on.
 */
export function DeferredHeader({
  className,
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  const [popovers, setPopovers] = useState<Popovers | null>(null);
  const header = useRef<HTMLElement>(null);
  const focusedAction = useRef<string | null>(null);
  const load = useCallback(() => {
    void loadPopovers().then(setPopovers);
  }, []);
  useEffect(() => {
    const action = focusedAction.current;
    if (!popovers || !action || header.current?.contains(document.activeElement)) return;
    header.current?.querySelector<HTMLElement>(`[data-header-action="${action}"]`)?.focus();
  }, [popovers]);
  return (
    <header
      ref={header}
      className={className}
      onPointerEnter={load}
      onTouchStart={load}
      onFocus={(event) => {
        focusedAction.current =
          event.target.closest('[data-header-action]')?.getAttribute('data-header-action') ?? null;
        load();
      }}
    >
      <PopoversContext.Provider value={{ popovers, load }}>{children}</PopoversContext.Provider>
    </header>
  );
}

/** The control `render` once the header's popovers are loaded, `standIn` before. */
function Deferred({
  render,
  standIn,
}: {
  render: (popovers: Popovers, defaultOpened: boolean) => ReactElement;
  standIn: (open: () => void) => ReactElement;
}) {
  const { popovers, load } = useContext(PopoversContext);
  const [clicked, setClicked] = useState(false);
  if (popovers) return render(popovers, clicked);
  return standIn(() => {
    setClicked(true);
    load();
  });
}

function StandInIcon({
  label,
  action,
  popup,
  onClick,
  children,
}: {
  label: string;
  action: string;
  /** What the real control opens (its `aria-haspopup`). */
  popup: 'dialog' | 'menu';
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <ActionIcon
      variant="subtle"
      size="lg"
      aria-label={label}
      aria-haspopup={popup}
      aria-expanded={false}
      data-header-action={action}
      onClick={onClick}
    >
      {children}
    </ActionIcon>
  );
}

/** « Besoin d’aide ? »: the support phone and hours in a popover. */
export function HelpPopover() {
  return (
    <Deferred
      render={(p, opened) => <p.HelpPopover defaultOpened={opened} />}
      standIn={(open) => (
        <StandInIcon label="Besoin d’aide ?" action="help" popup="dialog" onClick={open}>
          <IconHelpCircle size={HEADER_ICON_SIZE} aria-hidden />
        </StandInIcon>
      )}
    />
  );
}

/** « Mon profil » (silhouette icon) and its menu: the name, « Mon profil », « Se déconnecter ». */
export function ProfileMenu({ space = 'employer' }: { space?: 'employer' | 'backoffice' }) {
  return (
    <Deferred
      render={(p, opened) => <p.ProfileMenu space={space} defaultOpened={opened} />}
      standIn={(open) => (
        <StandInIcon label="Mon profil" action="profile" popup="menu" onClick={open}>
          <IconUserCircle size={HEADER_ICON_SIZE + 4} aria-hidden />
        </StandInIcon>
      )}
    />
  );
}

/** « Mes démarches » in the desktop bar: its items in a menu. */
export function ProceduresMenu(props: ComponentProps<Popovers['ProceduresMenu']>) {
  return (
    <Deferred
      render={(p, opened) => <p.ProceduresMenu {...props} defaultOpened={opened} />}
      standIn={(open) => (
        <UnstyledButton
          className={classes.navLink}
          data-active={props.active || undefined}
          data-header-action="procedures"
          aria-haspopup="menu"
          aria-expanded={false}
          onClick={open}
        >
          {props.label}
          <IconChevronDown size={16} aria-hidden />
        </UnstyledButton>
      )}
    />
  );
}

/** The accessible name of an icon link with an unread count: « Messages, 3 non lus ». */
export function withUnread(label: string, count: number | undefined, feminine = false): string {
  if (!count) return label;
  return `${label}, ${count} non ${feminine ? 'lue' : 'lu'}${count > 1 ? 's' : ''}`;
}

function CountIconLink({
  to,
  label,
  icon,
  count,
  feminine = false,
}: {
  to: typeof paths.messages | typeof paths.notifications;
  label: string;
  icon: ReactNode;
  /** Unread items; nothing is shown while it is unknown or zero. */
  count: number | undefined;
  /** « non lues » for a feminine label (« Notifications »). */
  feminine?: boolean;
}) {
  const { popovers } = useContext(PopoversContext);
  const link = (
    <ActionIcon
      component={Link}
      to={to}
      variant="subtle"
      size="lg"
      aria-label={withUnread(label, count, feminine)}
      data-header-action={to}
    >
      {icon}
    </ActionIcon>
  );
  return (
    <Indicator
      disabled={!count}
      label={count}
      maxValue={99}
      size={18}
      offset={6}
      color="red"
      // The count is already in the link's accessible name.
      attributes={{ indicator: { 'aria-hidden': true } }}
    >
      {popovers ? <popovers.IconTooltip label={label}>{link}</popovers.IconTooltip> : link}
    </Indicator>
  );
}

/** The envelope: conversations with unread replies, polled every 60 s unless given. */
export function MessagesIconLink({ unread }: { unread?: number }) {
  const polled = useUnreadConversationCount(unread === undefined).data;
  return (
    <CountIconLink
      to={paths.messages}
      label="Messages"
      icon={<IconMail size={HEADER_ICON_SIZE} aria-hidden />}
      count={unread ?? polled}
    />
  );
}

/** The bell: its unread count is polled every 60 s unless given. */
export function NotificationsIconLink({ unread }: { unread?: number }) {
  const polled = useUnreadNotificationCount(unread === undefined).data;
  return (
    <CountIconLink
      to={paths.notifications}
      label="Notifications"
      icon={<IconBell size={HEADER_ICON_SIZE} aria-hidden />}
      count={unread ?? polled}
      feminine
    />
  );
}
