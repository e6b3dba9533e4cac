import { Suspense, lazy, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconBriefcase, IconCheck, IconFileTypePdf } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import type { EvinAnswer } from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { RadiationStatusBadge } from '../../../components/radiation-status-badge';
import { RadiationSummary } from '../../../components/radiation-summary';
import { SectionCard } from '../../../components/section-card';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import type { RadiationDetail } from '../api/use-backoffice-radiations';
import {
  radiationNoticePath,
  useBackofficeRadiation,
  useEvinAnswer,
} from '../api/use-backoffice-radiations';
import { EvinAnswerButtons } from '../components/evin-answer-buttons';
import { BackLink, RequestPage, useOutcome } from '../components/request-page-parts';
import type { RadiationDialogKind } from '../components/radiation-dialogs';
import { processedMessage } from '../radiation-format';

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

function BackToQueue() {
  return <BackLink to={paths.backOfficeRadiations}>Retour aux radiations</BackLink>;
}

/** The member and where they worked, who declared the departure. */
function MemberCard({ data }: { data: RadiationDetail }) {
  return (
    <SectionCard title="Salarié et entreprise">
      <DetailFields>
        <DetailField label="Salarié">
          <AnchorLink
            to={paths.backOfficeReferenceDetail}
            params={{ entity: 'assures', entityId: data.member.id }}
            size="sm"
          >
            {data.member.lastName} {data.member.firstName}
          </AnchorLink>
        </DetailField>
        <DetailField label="Société">
          {data.company.name} (SIREN {formatSiren(data.company.siren)})
        </DetailField>
        <DetailField label="Établissement">
          {data.establishment.name} (SIRET {formatSiret(data.establishment.siret)})
        </DetailField>
        <DetailField label="Déclarée par">
          {data.createdBy ? `${data.createdBy.name}, le ${formatDateTime(data.createdAt)}` : '—'}
        </DetailField>
      </DetailFields>
    </SectionCard>
  );
}

/** What the insurer can do with the radiation now, and its notice as a PDF. */
function ActionBar({
  data,
  onOpen,
  evinPending,
  onEvin,
}: {
  data: RadiationDetail;
  onOpen: (dialog: Dialog) => void;
  evinPending: EvinAnswer | null;
  onEvin: (answer: EvinAnswer) => void;
}) {
  // The notice offers it as soon as the radiation is sent: the answer may come before processing.
  const canAnswerEvin =
    data.evin.offered &&
    data.evin.answer === null &&
    (data.status === 'sent' || data.status === 'processed');
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
      {canAnswerEvin ? (
        <Stack gap={6} mt="md">
          <Text size="sm">
            Réponse de l’ancien salarié à l’offre de maintien individuel (loi Évin) :
          </Text>
          <EvinAnswerButtons pending={evinPending} onAnswer={onEvin} />
        </Stack>
      ) : null}
    </Paper>
  );
}

function Detail({ data }: { data: RadiationDetail }) {
  const evin = useEvinAnswer(data.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const outcome = useOutcome();
  const done = (message: string) => {
    setDialog(null);
    outcome.done(message);
  };

  const onEvin = (answer: EvinAnswer) =>
    evin.mutate(answer, {
      onSuccess: () => done('La réponse à l’offre de maintien individuel est enregistrée.'),
      onError: outcome.failed,
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
      <BackToQueue />
      {outcome.alerts}

      <ActionBar
        data={data}
        onOpen={setDialog}
        evinPending={evin.isPending ? (evin.variables ?? null) : null}
        onEvin={onEvin}
      />

      {data.returnReason && data.status === 'returned' ? (
        <Alert color="grape" variant="light" title="Motif du retour">
          {data.returnReason}
        </Alert>
      ) : null}

      <MemberCard data={data} />
      <RadiationSummary detail={data} />

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
  return (
    <RequestPage
      query={query}
      loading="Chargement de la radiation…"
      notFound="Radiation introuvable"
      backLink={<BackToQueue />}
    >
      {(data) => <Detail data={data} />}
    </RequestPage>
  );
}
