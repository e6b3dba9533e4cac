import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileCertificate, IconId } from '@tabler/icons-react';
import { BENEFICIARY_TYPE_LABELS } from '@affilia/shared/domain/enums';
import { ofName } from '@affilia/shared/domain/person-name';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { SectionCard } from '../../../components/section-card';
import { formatIsoDate } from '../../../lib/member-format';
import type { MemberDetail } from '../api/use-members';

/** « Bénéficiaires »: who the member's cover extends to, today or later (issue 20). */
export function MemberBeneficiaries({ member }: { member: MemberDetail }) {
  return (
    <SectionCard title="Bénéficiaires">
      {member.beneficiaries.length === 0 ? (
        <Text size="sm" c="gray.8">
          Aucun ayant droit n’est couvert avec ce salarié.
        </Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {member.beneficiaries.map((b) => (
            <Paper component="li" key={b.id} withBorder radius="md" p="sm">
              <Group justify="space-between" align="baseline" gap="xs" mb={4}>
                <Text size="sm" fw={600}>
                  {b.lastName} {b.firstName}
                </Text>
                <Text size="xs" c="gray.8">
                  {BENEFICIARY_TYPE_LABELS[b.type]}
                </Text>
              </Group>
              <DetailFields>
                <DetailField label="Date de naissance">{formatIsoDate(b.birthDate)}</DetailField>
                <DetailField label="Couvert(e) depuis le">{formatIsoDate(b.startDate)}</DetailField>
                {b.endDate ? (
                  <DetailField label="Jusqu’au">{formatIsoDate(b.endDate)}</DetailField>
                ) : null}
              </DetailFields>
            </Paper>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

/**
 * « Attestations »: the member's « Attestation d’affiliation » and « Carte de tiers payant »,
 * PDFs the server makes on demand (GET /api/members/:memberId/certificates/:kind), for a member
 * covered today or from a later date.
 */
export function MemberCertificates({ member }: { member: MemberDetail }) {
  const covered = member.coverages.some((c) => c.status !== 'ended');
  const href = (kind: string) => `/api/members/${member.id}/certificates/${kind}`;
  const name = ofName(`${member.firstName} ${member.lastName}`);
  return (
    <SectionCard title="Attestations">
      {covered ? (
        <Stack gap="sm">
          <Text size="sm" c="gray.8">
            Remettez au salarié son attestation ou sa carte de tiers payant : elles sont établies à
            la date du jour, avec ses bénéficiaires.
          </Text>
          <Group gap="sm">
            <Button
              component="a"
              href={href('affiliation')}
              download
              variant="light"
              leftSection={<IconFileCertificate size={18} aria-hidden />}
              aria-label={`Attestation d’affiliation ${name} (PDF)`}
            >
              Attestation d’affiliation (PDF)
            </Button>
            <Button
              component="a"
              href={href('third_party_payment')}
              download
              variant="light"
              leftSection={<IconId size={18} aria-hidden />}
              aria-label={`Carte de tiers payant ${name} (PDF)`}
            >
              Carte de tiers payant (PDF)
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="gray.8">
          Ce salarié n’a pas de couverture en cours ou à venir : aucune attestation à produire.
        </Text>
      )}
    </SectionCard>
  );
}
