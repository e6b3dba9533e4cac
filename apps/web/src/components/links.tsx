import type { ComponentPropsWithRef } from 'react';
import type { AnchorProps, ButtonProps, NavLinkProps } from '@mantine/core';
import { Anchor, Button, NavLink } from '@mantine/core';
import type { LinkComponent } from '@tanstack/react-router';
import { createLink } from '@tanstack/react-router';

/*
 * Mantine components that navigate with the router: typed `to`/`params`, `aria-current="page"`
 * on the active link, client-side navigation, and the Mantine look.
 */

type MantineAnchorProps = AnchorProps & Omit<ComponentPropsWithRef<'a'>, keyof AnchorProps>;
function MantineAnchor(props: MantineAnchorProps) {
  return <Anchor {...props} />;
}
const CreatedAnchorLink = createLink(MantineAnchor);
/** A text link (Mantine `Anchor`) to a route of the app. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <CreatedAnchorLink preload="intent" {...props} />
);

type MantineButtonAnchorProps = ButtonProps & Omit<ComponentPropsWithRef<'a'>, keyof ButtonProps>;
function MantineButtonAnchor(props: MantineButtonAnchorProps) {
  return <Button component="a" {...props} />;
}
const CreatedButtonLink = createLink(MantineButtonAnchor);
/** A link that looks like a button (Mantine `Button`), for calls to action that navigate. */
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => (
  <CreatedButtonLink preload="intent" {...props} />
);

type MantineNavLinkProps = NavLinkProps & Omit<ComponentPropsWithRef<'a'>, keyof NavLinkProps>;
function MantineNavLink(props: MantineNavLinkProps) {
  return <NavLink {...props} />;
}
const CreatedNavLink = createLink(MantineNavLink);
/** A navigation entry (Mantine `NavLink`), highlighted when its route is the current one. */
export const NavLinkLink: LinkComponent<typeof MantineNavLink> = (props) => (
  <CreatedNavLink preload="intent" activeProps={{ 'data-active': true }} {...props} />
);
