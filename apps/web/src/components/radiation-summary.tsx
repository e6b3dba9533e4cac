import { ACTOR_KIND_LABELS } from '@affilia/shared/domain/enums';
import { SimpleGrid, Stack, Text, Timeline } from '@mantine/core';
import {
  EVIN_ANSWER_LABELS,
  RADIATION_STATUS_LABELS,
  radiationMotif,
} from '@affilia/shared/domain/radiation';
import { formatDateTime } from '../lib/format-date';
import { formatIsoDate } from '../lib/member-format';
import { portabilitySentence } from '../lib/radiation-form';
import type { RadiationDetail } from '../lib/radiations-api';
import { DetailField, DetailFields } from './detail-fields';
import { SectionCard } from './section-card';

/*
 * What a radiation says (issue 18), on its page of the employer's tracking: the departure, the
 * portability, the loi Évin offer, the notice and the history. Every date as a French reader
 * expects it.
 */

const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

/** « Rupture conventionnelle (code DSN 043) ». */
export function motifWithCode(detail: Pick<RadiationDetail, 'motif' | 'dsnMotifCode'>): string {
  return `${radiationMotif(detail.motif).label} (code DSN ${detail.dsnMotifCode})`;
}

function Departure({ detail }: { detail: RadiationDetail }) {
  const periods = [...detail.employmentPeriods].sort((a, b) => (a.end < b.end ? 1 : -1));
  return (
    <SectionCard title="Départ du salarié">
      <DetailFields>
        <DetailField label="Fin du contrat de travail">
          {formatIsoDate(detail.contractEndDate)}
        </DetailField>
        <DetailField label="Motif de la rupture">{motifWithCode(detail)}</DetailField>
        <DetailField label="Droit à l’assurance chômage">
          {yesNo(detail.unemploymentRights)}
        </DetailField>
        <DetailField label="Pension d’invalidité">{yesNo(detail.disabilityPension)}</DetailField>
        <DetailField label={periods.length > 1 ? 'Contrats de travail' : 'Contrat de travail'}>
          <Stack gap={0}>
            {periods.map((p) => (
              <span key={`${p.start}-${p.end}`}>
                du {formatIsoDate(p.start)} au {formatIsoDate(p.end)}
              </span>
            ))}
          </Stack>
        </DetailField>
        {detail.comment ? <DetailField label="Commentaire">{detail.comment}</DetailField> : null}
      </DetailFields>
    </SectionCard>
  );
}

function Coverage({ detail }: { detail: RadiationDetail }) {
  const { portability, evin } = detail;
  return (
    <SectionCard title="Portabilité et maintien individuel">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {portabilitySentence(portability)}
        </Text>
        {portability.eligible ? (
          <Text size="sm">
            Du {formatIsoDate(portability.start)} au {formatIsoDate(portability.end)}, gratuite pour
            l’ancien salarié ; ses ayants droit restent couverts.
          </Text>
        ) : null}
        {detail.newJobDate ? (
          <Text size="sm">
            Reprise d’emploi le {formatIsoDate(detail.newJobDate)} : la portabilité a pris fin.
          </Text>
        ) : null}
        <DetailFields>
          <DetailField label="Maintien individuel (loi Évin)">
            {evin.offered ? 'Proposé dans la notice' : 'Non proposé'}
          </DetailField>
          {evin.offered && evin.deadline ? (
            <DetailField label="À demander au plus tard le">
              {formatIsoDate(evin.deadline)}
            </DetailField>
          ) : null}
          {evin.answer ? (
            <DetailField label="Réponse de l’ancien salarié">
              {EVIN_ANSWER_LABELS[evin.answer]}
              {evin.answeredAt ? ` (${formatIsoDate(evin.answeredAt)})` : ''}
            </DetailField>
          ) : null}
        </DetailFields>
      </Stack>
    </SectionCard>
  );
}

function Notice({ detail }: { detail: RadiationDetail }) {
  return (
    <SectionCard title="Notice au salarié">
      <DetailFields>
        {detail.contactEmail ? (
          <DetailField label="E-mail">{detail.contactEmail}</DetailField>
        ) : null}
        {detail.contactAddress ? (
          <DetailField label="Adresse postale">
            <span style={{ whiteSpace: 'pre-line' }}>{detail.contactAddress}</span>
          </DetailField>
        ) : null}
        <DetailField label="Notice envoyée">
          {detail.noticeSentAt
            ? `le ${formatDateTime(detail.noticeSentAt)}`
            : detail.contactEmail
              ? 'Pas encore'
              : 'À imprimer et à remettre au salarié'}
        </DetailField>
      </DetailFields>
    </SectionCard>
  );
}

function History({ detail }: { detail: RadiationDetail }) {
  return (
    <SectionCard title="Historique">
      <Timeline bulletSize={14} lineWidth={2} active={detail.history.length - 1}>
        {detail.history.map((step, index) => (
          <Timeline.Item key={`${step.at}-${index}`} title={RADIATION_STATUS_LABELS[step.to]}>
            <Text size="xs" c="gray.8">
              {formatDateTime(step.at)} — {ACTOR_KIND_LABELS[step.actorKind]}
              {step.actorName ? ` (${step.actorName})` : ''}
            </Text>
            {step.reason ? <Text size="sm">{step.reason}</Text> : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </SectionCard>
  );
}

/** The sections of a radiation's page. */
export function RadiationSummary({ detail }: { detail: RadiationDetail }) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Departure detail={detail} />
        <Coverage detail={detail} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Notice detail={detail} />
        <History detail={detail} />
      </SimpleGrid>
    </Stack>
  );
}
