import type { ReactNode } from 'react';
import { Suspense, lazy, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconPaperclip } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { BENEFICIARY_TYPE_LABELS, PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import {
  BENEFICIARY_ACTION_LABELS,
  BENEFICIARY_ADD_EVENT_RULES,
  BENEFICIARY_REMOVE_REASON_LABELS,
  MEMBER_CHANGE_DECLARANT_LABELS,
  MEMBER_CHANGE_KIND_LABELS,
} from '@affilia/shared/domain/member-change';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { AnchorLink } from '../../../components/links';
import { MemberChangeStatusBadge } from '../../../components/member-change-status-badge';
import { memberChangeSummary } from '../../../components/member-change-summary';
import { Page } from '../../../components/page';
import { SectionCard } from '../../../components/section-card';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import type { MemberChangeView } from '../api/use-backoffice-member-changes';
import {
  memberChangeFilePath,
  useBackofficeMemberChange,
} from '../api/use-backoffice-member-changes';
import type { MemberChangeDialogKind } from '../components/member-change-dialogs';
import { BackLink, RequestPage, useOutcome } from '../components/request-page-parts';

// The decisions' dialogs carry the forms' code: loaded when one opens.
const DecisionDialog = lazy(() =>
  import('../components/member-change-dialogs').then((m) => ({
    default: m.MemberChangeDecisionDialog,
  })),
);

const DONE: Record<MemberChangeDialogKind, string> = {
  validate: 'Le changement est validé : il est appliqué au salarié et l’employeur en est informé.',
  return: 'Le changement a été retourné à l’employeur.',
};

const date = (iso: string | null) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '—');

function BackToQueue() {
  return <BackLink to={paths.backOfficeMemberChanges}>Retour aux changements</BackLink>;
}

/** A record of the référentiel (an establishment, a contract), opened from the change. */
function ReferenceLink({
  entity,
  id,
  children,
}: {
  entity: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <AnchorLink to={paths.backOfficeReferenceDetail} params={{ entity, entityId: id }} size="sm">
      {children}
    </AnchorLink>
  );
}

/** The member, their company and establishment, and when the change was declared. */
function MemberCard({ data }: { data: MemberChangeView }) {
  return (
    <SectionCard title="Salarié et entreprise">
      <DetailFields>
        <DetailField label="Salarié">
          <ReferenceLink entity="assures" id={data.member.id}>
            {data.member.lastName} {data.member.firstName}
          </ReferenceLink>
        </DetailField>
        <DetailField label="Société">
          {data.company.name} (SIREN {formatSiren(data.company.siren)})
        </DetailField>
        <DetailField label="Établissement">
          {data.establishment.name} (SIRET {formatSiret(data.establishment.siret)})
        </DetailField>
        <DetailField label="Déclaré le">{formatDateTime(data.createdAt)}</DetailField>
        <DetailField label="Déclaré par">
          {MEMBER_CHANGE_DECLARANT_LABELS[data.declaredBy]}
        </DetailField>
      </DetailFields>
    </SectionCard>
  );
}

/** The values before and after, as the change says them. */
function BeforeAfter({ data }: { data: MemberChangeView }) {
  const d = data.details;
  switch (d.kind) {
    case 'professional_status':
      return (
        <>
          <DetailField label="Statut actuel">{PROFESSIONAL_STATUS_LABELS[d.from]}</DetailField>
          <DetailField label="Nouveau statut">{PROFESSIONAL_STATUS_LABELS[d.to]}</DetailField>
          <DetailField label="Contrat du nouveau collège">
            <ReferenceLink entity="contrats" id={d.toContractId}>
              {d.toContractLabel ?? 'Voir le contrat'}
            </ReferenceLink>
          </DetailField>
        </>
      );
    case 'establishment':
      return (
        <>
          <DetailField label="Établissement actuel">{data.establishment.name}</DetailField>
          <DetailField label="Nouvel établissement">
            <ReferenceLink entity="etablissements" id={d.toEstablishmentId}>
              {d.toEstablishmentName ?? 'Voir l’établissement'}
            </ReferenceLink>
          </DetailField>
        </>
      );
    case 'option':
      return (
        <>
          <DetailField label="Option actuelle">{d.fromLabel ?? d.from}</DetailField>
          <DetailField label="Nouvelle option">{d.toLabel ?? d.to}</DetailField>
        </>
      );
    case 'beneficiary':
      return (
        <>
          <DetailField label="Demande">{BENEFICIARY_ACTION_LABELS[d.action]}</DetailField>
          <DetailField label="Bénéficiaire">{BENEFICIARY_TYPE_LABELS[d.type]}</DetailField>
          {d.event ? (
            <DetailField label="Événement">
              {`${BENEFICIARY_ADD_EVENT_RULES[d.event].label} — justificatif : ${BENEFICIARY_ADD_EVENT_RULES[d.event].proof}`}
            </DetailField>
          ) : null}
          {d.reason ? (
            <DetailField label="Motif">{BENEFICIARY_REMOVE_REASON_LABELS[d.reason]}</DetailField>
          ) : null}
          {d.eventDate ? (
            <DetailField label="Date de l’événement">{date(d.eventDate)}</DetailField>
          ) : null}
          {d.previous ? (
            <DetailField label="Avant">
              {`${d.previous.lastName} ${d.previous.firstName}, né(e) le ${date(d.previous.birthDate)}`}
            </DetailField>
          ) : null}
          <DetailField label={d.previous ? 'Après' : 'Nom et prénom'}>
            {`${d.lastName} ${d.firstName}, né(e) le ${date(d.birthDate)}`}
          </DetailField>
          {d.action === 'add' ? (
            <DetailField label="NIR propre">
              {d.hasNir ? 'Oui' : 'Non (rattaché au salarié)'}
            </DetailField>
          ) : null}
        </>
      );
  }
}

function ChangeCard({ data }: { data: MemberChangeView }) {
  return (
    <SectionCard title="Le changement">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {memberChangeSummary(data)}
        </Text>
        <DetailFields>
          <BeforeAfter data={data} />
          <DetailField label="Date d’effet">{date(data.effectiveDate)}</DetailField>
          {data.comment ? <DetailField label="Commentaire">{data.comment}</DetailField> : null}
        </DetailFields>
      </Stack>
    </SectionCard>
  );
}

function Proofs({ data }: { data: MemberChangeView }) {
  return (
    <SectionCard title="Justificatifs">
      {data.proofs.length === 0 ? (
        <Text size="sm" c="gray.8">
          Aucun justificatif pour ce changement.
        </Text>
      ) : (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {data.proofs.map((file) => (
            <li key={file.id}>
              <Anchor href={memberChangeFilePath(data.id, file.id)} download size="sm">
                <Group gap={6} component="span">
                  <IconPaperclip size={16} aria-hidden />
                  {file.fileName} ({Math.max(1, Math.round(file.size / 1024))} Ko)
                </Group>
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

function Detail({ data }: { data: MemberChangeView }) {
  const [dialog, setDialog] = useState<MemberChangeDialogKind | null>(null);
  const outcome = useOutcome();
  const label = MEMBER_CHANGE_KIND_LABELS[data.kind];
  return (
    <Page title={`${label} — ${data.member.lastName} ${data.member.firstName}`}>
      <Group gap="xs" mt={-8}>
        <MemberChangeStatusBadge status={data.status} />
        <Text size="sm" c="dimmed">
          {data.company.name} · {data.establishment.name} · effet le {date(data.effectiveDate)}
        </Text>
      </Group>
      <BackToQueue />
      {outcome.alerts}
      {data.status === 'sent' ? (
        <Paper withBorder radius="md" p="md">
          <Group gap="sm">
            <Button
              leftSection={<IconCheck size={18} aria-hidden />}
              onClick={() => setDialog('validate')}
            >
              Valider
            </Button>
            <Button
              variant="light"
              color="orange"
              leftSection={<IconArrowBackUp size={18} aria-hidden />}
              onClick={() => setDialog('return')}
            >
              Retourner à l’employeur
            </Button>
          </Group>
        </Paper>
      ) : null}
      {data.returnReason && data.status === 'returned' ? (
        <Alert color="grape" variant="light" title="Motif du retour">
          {data.returnReason}
        </Alert>
      ) : null}
      <MemberCard data={data} />
      <ChangeCard data={data} />
      <Proofs data={data} />
      {dialog ? (
        <Suspense fallback={null}>
          <DecisionDialog
            kind={dialog}
            change={data}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              outcome.done(DONE[dialog]);
            }}
          />
        </Suspense>
      ) : null}
    </Page>
  );
}

/** `/back-office/changements/$changeId`: one change of a member, its proofs, the decisions. */
export function BackOfficeMemberChangePage() {
  const { changeId = '' } = useParams({ strict: false });
  const query = useBackofficeMemberChange(changeId);
  return (
    <RequestPage
      query={query}
      loading="Chargement du changement…"
      notFound="Changement introuvable"
      backLink={<BackToQueue />}
    >
      {(data) => <Detail data={data} />}
    </RequestPage>
  );
}
