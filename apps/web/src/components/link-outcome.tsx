import type { ReactNode } from 'react';
import { Box, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockX, IconLinkOff } from '@tabler/icons-react';
import { AuthCard } from './auth-card';

const ICONS = {
  success: { icon: IconCircleCheck, color: 'teal' },
  expired: { icon: IconClockX, color: 'red' },
  used: { icon: IconCircleCheck, color: 'brand' },
  invalid: { icon: IconLinkOff, color: 'red' },
  error: { icon: IconAlertTriangle, color: 'red' },
} as const;

/** The big icon and the explanation of what a one-time link did (or why it could not). */
export function LinkOutcome({ kind, children }: { kind: keyof typeof ICONS; children: ReactNode }) {
  const { icon: Icon, color } = ICONS[kind];
  return (
    <Stack gap="md" align="flex-start">
      <ThemeIcon size={56} radius="xl" variant="light" color={color} aria-hidden>
        <Icon size={32} />
      </ThemeIcon>
      {typeof children === 'string' ? <Text>{children}</Text> : children}
    </Stack>
  );
}

/** The card while a one-time link is checked. */
export function LinkChecking({ title }: { title: string }) {
  return (
    <AuthCard title={title}>
      <Stack align="center" gap="sm" role="status">
        <Loader aria-hidden />
        <Text>Vérification du lien…</Text>
      </Stack>
    </AuthCard>
  );
}

type Refusal = 'invalid' | 'expired' | 'used';

/** The API's refusals of a one-time link: the page's title and icon for each. */
const REFUSALS = new Map<string, { kind: Refusal; title: string }>([
  ['link_invalid', { kind: 'invalid', title: 'Ce lien n’est pas valide' }],
  ['link_expired', { kind: 'expired', title: 'Ce lien a expiré' }],
  ['link_used', { kind: 'used', title: 'Lien déjà utilisé' }],
]);

/**
 * A one-time link that could not be used, in the account pages' card: the title and icon of the
 * API's refusal with the page's explanation of it — any other error with its own message (and
 * its title from `errorTitles`, else « Une erreur est survenue ») —, then what the person can do.
 */
export function RefusedLink({
  code,
  message,
  explanations,
  errorTitles = {},
  actions,
}: {
  code: string | null;
  message: string;
  explanations: Record<Refusal, ReactNode>;
  errorTitles?: Record<string, string>;
  actions: (kind: Refusal | 'error') => ReactNode;
}) {
  const refusal = code === null ? undefined : REFUSALS.get(code);
  const title =
    refusal?.title ?? (code === null ? undefined : errorTitles[code]) ?? 'Une erreur est survenue';
  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title={title}>
        <LinkOutcome kind={refusal?.kind ?? 'error'}>
          {refusal ? explanations[refusal.kind] : message}
        </LinkOutcome>
        {actions(refusal?.kind ?? 'error')}
      </AuthCard>
    </Box>
  );
}

/** What a one-time link did, in the account pages' card, then where to go next (`action`). */
export function LinkSucceeded({
  title,
  action,
  children,
}: {
  title: string;
  action: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title={title}>
        <LinkOutcome kind="success">{children}</LinkOutcome>
        {action}
      </AuthCard>
    </Box>
  );
}
