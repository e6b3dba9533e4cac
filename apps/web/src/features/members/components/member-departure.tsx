import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBriefcase, IconShieldCheck } from '@tabler/icons-react';
import { radiationMotif } from '@affilia/shared/domain/radiation';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { AnchorLink } from '../../../components/links';
import { RadiationStatusBadge } from '../../../components/radiation-status-badge';
import { paths } from '../../../config/paths';
import { formatIsoDate } from '../../../lib/member-format';
import type { MemberDetail } from '../api/use-members';
import { DetailField, DetailFields } from '../../../components/detail-fields';

/** A radiation of the member, as the member's page lists it. */
export type MemberRadiation = MemberDetail['radiations'][number];
/** The member's portability (L911-8) after a processed radiation. */
export type MemberPortability = NonNullable<MemberDetail['portability']>;

/** A radiation waiting for the insurer or processed: no second one. */
export function openRadiation(member: MemberDetail): MemberRadiation | null {
  return member.radiations.find((r) => r.status === 'sent' || r.status === 'processed') ?? null;
}

/** Processed, running, no new job reported: « Déclarer une reprise d’emploi ». */
export function canReportNewJob(
  portability: MemberPortability | null | undefined,
  today = todayIsoDate(),
): boolean {
  return Boolean(portability && !portability.newJobDate && portability.end >= today);
}

/** « En portabilité jusqu’au 12/04/2027 », or how it ended. */
export function portabilityLabel(portability: MemberPortability, today = todayIsoDate()): string {
  if (portability.newJobDate)
    return `Portabilité terminée le ${formatIsoDate(portability.newJobDate)} (reprise d’emploi)`;
  if (portability.end < today) return `Portabilité terminée le ${formatIsoDate(portability.end)}`;
  if (portability.start > today)
    return `En portabilité du ${formatIsoDate(portability.start)} au ${formatIsoDate(portability.end)}`;
  return `En portabilité jusqu’au ${formatIsoDate(portability.end)}`;
}

/** The portability banner of the member's page, with « Déclarer une reprise d’emploi ». */
export function PortabilityBanner({
  portability,
  onReportNewJob,
}: {
  portability: MemberPortability;
  onReportNewJob: (() => void) | undefined;
}) {
  return (
    <Alert
      variant="light"
      color="teal"
      icon={<IconShieldCheck aria-hidden />}
      title={portabilityLabel(portability)}
    >
      <Stack gap="xs">
        <Text size="sm">
          Maintien gratuit des garanties de l’ancien salarié et de ses ayants droit (article L911-8
          du Code de la sécurité sociale).{' '}
          <AnchorLink
            to={paths.radiation}
            params={{ radiationId: portability.radiationId }}
            size="sm"
            underline="always"
          >
            Voir la radiation
          </AnchorLink>
        </Text>
        {onReportNewJob && canReportNewJob(portability) ? (
          <Group>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconBriefcase size={18} aria-hidden />}
              onClick={onReportNewJob}
            >
              Déclarer une reprise d’emploi
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** The member's radiations, each linking to its page of the tracking. */
export function MemberRadiations({ radiations }: { radiations: MemberRadiation[] }) {
  if (radiations.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        Aucune radiation pour ce salarié.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {radiations.map((radiation) => (
        <Paper component="li" key={radiation.id} withBorder radius="md" p="sm">
          <Group justify="space-between" align="flex-start" gap="xs" mb={4}>
            <RadiationStatusBadge status={radiation.status} />
            <AnchorLink
              to={paths.radiation}
              params={{ radiationId: radiation.id }}
              size="sm"
              fw={600}
            >
              Voir la radiation
            </AnchorLink>
          </Group>
          <DetailFields>
            <DetailField label="Fin du contrat de travail">
              {formatIsoDate(radiation.contractEndDate)}
            </DetailField>
            <DetailField label="Motif">{radiationMotif(radiation.motif).label}</DetailField>
            <DetailField label="Demandée le">{formatIsoDate(radiation.createdAt)}</DetailField>
          </DetailFields>
        </Paper>
      ))}
    </Stack>
  );
}
