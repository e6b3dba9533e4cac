import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconAlertCircle,
  IconArrowBackUp,
  IconArrowLeft,
  IconBriefcase,
  IconCheck,
  IconFileTypePdf,
} from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import type { EvinAnswer } from '@affilia/shared/domain/radiation';
import { RADIATION_STATUS_LABELS } from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { RadiationStatusBadge } from '../../../components/radiation-status-badge';
import { SectionCard } from '../../../components/section-card';
import { paths } from '../../../config/paths';
import { errorMessage } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import { notifySuccess } from '../../../lib/notify';
import type { RadiationDetail } from '../api/use-backoffice-radiations';
import {
  radiationNoticePath,
  useBackofficeRadiation,
  useEvinAnswer,
} from '../api/use-backoffice-radiations';
import { ACTOR_LABELS, Field, Fields } from '../components/detail-fields';
import { EvinAnswerButtons } from '../components/evin-answer-buttons';
import type { RadiationDialogKind } from '../components/radiation-dialogs';
import {
  evinLine,
  motifLine,
  newJobLine,
  portabilityLine,
  processedMessage,
} from '../radiation-format';

type Dialog = RadiationDialogKind | null;

// The decisions' dialogs carry the forms' code: loaded when one opens.
const RadiationDialog = lazy(() =>
  import('../components/radiation-dialogs').then((m) => ({ default: m.RadiationDialog })),
);

const DONE: Record<RadiationDialogKind, (detail: RadiationDetail) => string> = {
  process: processedMessage,
  return: () => 'La radiation a été retournée à l’employeur.',
  'new-job': () => 'La fin de la portabilité est enregistrée.',
};

const date = (iso: string | null | undefined) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '');
const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

function BackLink() {
  return (
    <AnchorLink
      to={paths.backOfficeRadiations}
      size="sm"
      fw={600}
      style={{ alignSelf: 'flex-start' }}
    >
      <Group gap={6} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Retour aux radiations
      </Group>
    </AnchorLink>
  );
}

/** The member and where they worked. */
function MemberCard({ data }: { data: RadiationDetail }) {
  return (
    <SectionCard title="Salarié et entreprise">
      <Fields>
        <Field label="Salarié">
          <AnchorLink
            to={paths.backOfficeReferenceDetail}
            params={{ entity: 'assures', entityId: data.member.id }}
          >
            {data.member.lastName} {data.member.firstName}
          </AnchorLink>
        </Field>
        <Field label="Société">
          {data.company.name} (SIREN {formatSiren(data.company.siren)})
        </Field>
        <Field label="Établissement">
          {data.establishment.name} (SIRET {formatSiret(data.establishment.siret)})
        </Field>
        <Field label="Déclarée par">
          {data.createdBy ? `${data.createdBy.name}, le ${formatDateTime(data.createdAt)}` : ''}
        </Field>
      </Fields>
    </SectionCard>
  );
}

/** The end of the contract as the employer declared it. */
function DepartureCard({ data }: { data: RadiationDetail }) {
  return (
    <SectionCard title="Départ">
      <Fields>
        <Field label="Fin du contrat de travail">{date(data.contractEndDate)}</Field>
        <Field label="Motif de la rupture">{motifLine(data)}</Field>
        <Field label="Droit à l’assurance chômage">{yesNo(data.unemploymentRights)}</Field>
        <Field label="Pension d’invalidité">{yesNo(data.disabilityPension)}</Field>
        <Field label="Contrats de travail pris en compte">
          {data.employmentPeriods.map((p) => `du ${date(p.start)} au ${date(p.end)}`).join(' ; ')}
        </Field>
        <Field label="Commentaire de l’employeur">{data.comment}</Field>
      </Fields>
    </SectionCard>
  );
}

/** The portability computed by the server (L911-8) and the loi Évin offer. */
function RightsCard({
  data,
  evinPending,
  onEvin,
}: {
  data: RadiationDetail;
  evinPending: EvinAnswer | null;
  onEvin: (answer: EvinAnswer) => void;
}) {
  // The notice offers it as soon as the radiation is sent: the answer may come before processing.
  const canAnswerEvin =
    data.evin.offered &&
    data.evin.answer === null &&
    (data.status === 'sent' || data.status === 'processed');
  return (
    <SectionCard title="Portabilité et loi Évin">
      <Stack gap="md">
        <Fields>
          <Field label="Portabilité (article L911-8)">{portabilityLine(data)}</Field>
          {newJobLine(data) ? <Field label="Fin anticipée">{newJobLine(data)}</Field> : null}
          <Field label="Maintien individuel (loi Évin, article 4)">{evinLine(data)}</Field>
          {data.evin.answeredAt ? (
            <Field label="Réponse enregistrée le">{formatDateTime(data.evin.answeredAt)}</Field>
          ) : null}
        </Fields>
        {canAnswerEvin ? (
          <Stack gap={6}>
            <Text size="sm">Réponse de l’ancien salarié à l’offre de maintien individuel :</Text>
            <EvinAnswerButtons pending={evinPending} onAnswer={onEvin} />
          </Stack>
        ) : null}
      </Stack>
    </SectionCard>
  );
}

/** Where the notice went. */
function ContactCard({ data }: { data: RadiationDetail }) {
  return (
    <SectionCard title="Contact du salarié">
      <Fields>
        <Field label="E-mail">{data.contactEmail}</Field>
        <Field label="Adresse postale">
          {data.contactAddress ? (
            <span style={{ whiteSpace: 'pre-line' }}>{data.contactAddress}</span>
          ) : null}
        </Field>
        <Field label="Notice envoyée">
          {data.noticeSentAt
            ? `par e-mail le ${formatDateTime(data.noticeSentAt)}`
            : 'à imprimer et remettre au salarié'}
        </Field>
      </Fields>
    </SectionCard>
  );
}

/** Every change of status, oldest first. */
function HistoryCard({ data }: { data: RadiationDetail }) {
  return (
    <SectionCard title="Historique">
      <Stack component="ol" gap="xs" m={0} pl="lg">
        {data.history.map((h, i) => (
          <Text component="li" size="sm" key={i}>
            <strong>{formatDateTime(h.at)}</strong> :{' '}
            {h.from ? `${RADIATION_STATUS_LABELS[h.from]} → ` : ''}
            {RADIATION_STATUS_LABELS[h.to]} (
            {h.actorName ?? ACTOR_LABELS[h.actorKind] ?? h.actorKind})
            {h.reason ? ` — motif : ${h.reason}` : ''}
          </Text>
        ))}
      </Stack>
    </SectionCard>
  );
}

/** What the insurer can do with the radiation now, and its notice as a PDF. */
function ActionBar({ data, onOpen }: { data: RadiationDetail; onOpen: (dialog: Dialog) => void }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="sm">
        {data.status === 'sent' ? (
          <>
            <Button
              leftSection={<IconCheck size={18} aria-hidden />}
              onClick={() => onOpen('process')}
            >
              Traiter la radiation
            </Button>
            <Button
              variant="light"
              color="orange"
              leftSection={<IconArrowBackUp size={18} aria-hidden />}
              onClick={() => onOpen('return')}
            >
              Retourner à l’employeur
            </Button>
          </>
        ) : null}
        {data.canReportNewJob ? (
          <Button
            variant="light"
            leftSection={<IconBriefcase size={18} aria-hidden />}
            onClick={() => onOpen('new-job')}
          >
            Fin de portabilité (reprise d’emploi)
          </Button>
        ) : null}
        <Button
          component="a"
          href={radiationNoticePath(data.id)}
          variant="default"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
        >
          Télécharger la notice
        </Button>
      </Group>
    </Paper>
  );
}

function Detail({ data }: { data: RadiationDetail }) {
  const evin = useEvinAnswer(data.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome || problem) outcomeRef.current?.focus();
  }, [outcome, problem]);

  const done = (message: string) => {
    setDialog(null);
    setProblem(null);
    setOutcome(message);
    notifySuccess(message);
  };

  const onEvin = (answer: EvinAnswer) =>
    evin.mutate(answer, {
      onSuccess: () => done('La réponse à l’offre de maintien individuel est enregistrée.'),
      onError: (err) => {
        setOutcome(null);
        setProblem(errorMessage(err));
      },
    });

  return (
    <Page title={`Radiation de ${data.member.lastName} ${data.member.firstName}`}>
      <Group gap="xs" mt={-8}>
        <RadiationStatusBadge status={data.status} />
        <Text size="sm" c="dimmed">
          {data.company.name} · {data.establishment.name} · fin du contrat le{' '}
          {date(data.contractEndDate)}
        </Text>
      </Group>
      <BackLink />
      <div ref={outcomeRef} tabIndex={-1} aria-live="polite" style={{ outline: 'none' }}>
        {outcome ? (
          <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />} title={outcome} />
        ) : null}
        {problem ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
            {problem}
          </Alert>
        ) : null}
      </div>

      <ActionBar data={data} onOpen={setDialog} />

      {data.returnReason && data.status === 'returned' ? (
        <Alert color="grape" variant="light" title="Motif du retour">
          {data.returnReason}
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <MemberCard data={data} />
        <DepartureCard data={data} />
        <RightsCard
          data={data}
          evinPending={evin.isPending ? (evin.variables ?? null) : null}
          onEvin={onEvin}
        />
        <ContactCard data={data} />
      </SimpleGrid>

      <HistoryCard data={data} />

      {dialog ? (
        <Suspense fallback={null}>
          <RadiationDialog
            kind={dialog}
            detail={data}
            onClose={() => setDialog(null)}
            onDone={(result) => done(DONE[dialog](result))}
          />
        </Suspense>
      ) : null}
    </Page>
  );
}

/** `/back-office/radiations/$radiationId`: one departure, its rights, and the insurer's actions. */
export function BackOfficeRadiationPage() {
  const { radiationId = '' } = useParams({ strict: false });
  const query = useBackofficeRadiation(radiationId);
  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Text role="status" size="sm">
          Chargement de la radiation…
        </Text>
        <Skeleton h={40} w="50%" />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Page title="Radiation introuvable">
        <BackLink />
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {errorMessage(query.error)}
        </Alert>
      </Page>
    );
  }
  return <Detail data={query.data} />;
}
