import type { ComponentType } from 'react';
import { Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconArrowBackUp,
  IconClockHour4,
  IconFileCertificate,
  IconHourglassLow,
  IconMailOpened,
  IconUserCheck,
  IconUserPlus,
} from '@tabler/icons-react';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import type { Dashboard } from '../api/use-dashboard';
import { formatCount } from '../chart-slices';

type PendingLink =
  | {
      to: typeof paths.affiliations;
      search?: { type: 'radiation'; status: 'radiation.returned' | 'radiation.sent' };
    }
  | { to: typeof paths.members; search: { portability: 'active' } }
  | { to: typeof paths.messages; search?: undefined }
  | { to: typeof paths.dispenses; search: { state: 'expired' | 'renewal_due' } };

type PendingItem = PendingLink & {
  key: string;
  count: number;
  text: (count: number) => string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
};

const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

/** « N demandes en attente du salarié »… */
export function pendingItems(pending: Dashboard['pending']): PendingItem[] {
  return [
    {
      key: 'employee',
      count: pending.waitingForEmployee,
      text: (n) => `${formatCount(n)} ${plural(n, 'demande', 'demandes')} en attente du salarié`,
      to: paths.affiliations,
      icon: IconClockHour4,
    },
    {
      key: 'insurer',
      count: pending.waitingForInsurer,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'demande', 'demandes')} en attente de validation par l’assureur`,
      to: paths.affiliations,
      icon: IconUserCheck,
    },
    {
      key: 'portability',
      count: pending.portabilityEndingSoon,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'portabilité se termine', 'portabilités se terminent')} dans les 30 jours`,
      to: paths.members,
      search: { portability: 'active' },
      icon: IconHourglassLow,
    },
    {
      key: 'returned',
      count: pending.radiationsReturned,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'radiation retournée', 'radiations retournées')} par l’assureur`,
      to: paths.affiliations,
      search: { type: 'radiation', status: 'radiation.returned' },
      icon: IconArrowBackUp,
    },
    {
      key: 'radiationsSent',
      count: pending.radiationsWaitingForInsurer,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'radiation', 'radiations')} en attente de l’assureur`,
      to: paths.affiliations,
      search: { type: 'radiation', status: 'radiation.sent' },
      icon: IconUserCheck,
    },
    {
      key: 'changesSent',
      count: pending.changesWaitingForInsurer,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'changement de salarié', 'changements de salariés')} en attente de l’assureur`,
      to: paths.affiliations,
      icon: IconUserCheck,
    },
    {
      key: 'changesReturned',
      count: pending.changesReturned,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'changement retourné', 'changements retournés')} par l’assureur, à corriger`,
      to: paths.affiliations,
      icon: IconArrowBackUp,
    },
    {
      key: 'dispensesExpired',
      count: pending.dispensesExpired,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'dispense expirée : salarié à affilier', 'dispenses expirées : salariés à affilier')}`,
      to: paths.dispenses,
      search: { state: 'expired' },
      icon: IconUserPlus,
    },
    {
      key: 'dispensesToRenew',
      count: pending.dispensesToRenew,
      text: (n) =>
        `${formatCount(n)} ${plural(n, 'justificatif de dispense à renouveler', 'justificatifs de dispense à renouveler')}`,
      to: paths.dispenses,
      search: { state: 'renewal_due' },
      icon: IconFileCertificate,
    },
    {
      key: 'replies',
      count: pending.unreadReplies,
      text: (n) => `${formatCount(n)} ${plural(n, 'réponse non lue', 'réponses non lues')}`,
      to: paths.messages,
      icon: IconMailOpened,
    },
  ];
}

/** « À traiter »: what waits for the employee, for the insurer, and the unread replies. */
export function PendingActions({ pending }: { pending: Dashboard['pending'] }) {
  const items = pendingItems(pending);
  const nothing = items.every((item) => item.count === 0);
  return (
    <Paper
      component="section"
      aria-labelledby="pending-actions-title"
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
    >
      <Stack gap="md">
        <Title order={3} id="pending-actions-title" fz="lg">
          À traiter
        </Title>
        {nothing ? (
          <Text size="sm" c="dimmed">
            Rien à traiter pour le moment.
          </Text>
        ) : null}
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map(({ key, count, text, icon: Icon, ...link }) => (
            <Group component="li" key={key} gap="sm" wrap="nowrap" align="center">
              <ThemeIcon
                variant="light"
                color={count > 0 ? 'brand' : 'gray'}
                size={36}
                radius="md"
                aria-hidden
              >
                <Icon size={20} aria-hidden />
              </ThemeIcon>
              {count > 0 ? (
                <AnchorLink to={link.to} search={link.search} size="sm" fw={600}>
                  {text(count)}
                </AnchorLink>
              ) : (
                <Text size="sm" c="gray.8">
                  {text(count)}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
