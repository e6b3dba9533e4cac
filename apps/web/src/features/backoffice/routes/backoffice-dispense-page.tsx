import { Suspense, lazy, useState } from 'react';
import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { DispenseStatusBadge } from '../../../components/dispense-status-badge';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import type { BackofficeDispense } from '../api/use-backoffice-dispenses';
import { useBackofficeDispense, useValidateDispense } from '../api/use-backoffice-dispenses';
import {
  DispenseCaseCard,
  DispenseEmployeeCard,
  DispenseEmploymentCard,
  DispenseFilesCard,
  DispenseHistoryCard,
  DispenseWarnings,
} from '../components/dispense-detail-cards';
import { BackLink, RequestPage, useOutcome } from '../components/request-page-parts';

// The refusal's dialog carries the form's code: loaded when it opens.
const RefuseDispenseDialog = lazy(() =>
  import('../components/dispense-refuse-dialog').then((m) => ({
    default: m.RefuseDispenseDialog,
  })),
);

function BackToQueue() {
  return <BackLink to={paths.backOfficeDispenses}>Retour aux dispenses</BackLink>;
}

function Detail({ data }: { data: BackofficeDispense }) {
  const validate = useValidateDispense(data.id);
  const [refusing, setRefusing] = useState(false);
  const outcome = useOutcome();
  const onValidate = () =>
    validate.mutate(undefined, {
      onSuccess: () =>
        outcome.done(
          data.isRenewal
            ? 'Le renouvellement est validé : la dispense est prolongée.'
            : 'La dispense est validée : le salarié est dispensé d’adhésion.',
        ),
      onError: outcome.failed,
    });

  return (
    <Page title={`Dispense de ${data.lastName} ${data.firstName}`}>
      <Group gap="xs" mt={-8}>
        <DispenseStatusBadge status={data.status} />
        <Text size="sm" c="dimmed">
          {data.companyName} · {data.establishmentName}
          {data.isRenewal ? ' · renouvellement annuel' : ''}
        </Text>
      </Group>
      <BackToQueue />
      {outcome.alerts}
      <DispenseWarnings data={data} />

      {data.status === 'requested' ? (
        <Paper withBorder radius="md" p="md">
          <Group gap="sm">
            <Button
              leftSection={<IconCheck size={18} aria-hidden />}
              loading={validate.isPending}
              onClick={onValidate}
            >
              Valider la dispense
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconX size={18} aria-hidden />}
              disabled={validate.isPending}
              onClick={() => setRefusing(true)}
            >
              Refuser
            </Button>
          </Group>
        </Paper>
      ) : null}

      {data.status === 'refused' && data.refusalReason ? (
        <Alert color="red" variant="light" title="Motif du refus">
          {data.refusalReason}
        </Alert>
      ) : null}

      <DispenseEmployeeCard data={data} />
      <DispenseCaseCard data={data} />
      <DispenseEmploymentCard data={data} />
      <DispenseFilesCard data={data} />
      <DispenseHistoryCard data={data} />

      {refusing ? (
        <Suspense fallback={null}>
          <RefuseDispenseDialog
            detail={data}
            onClose={() => setRefusing(false)}
            onDone={(result) => {
              setRefusing(false);
              outcome.done(
                result.isRenewal
                  ? 'Le renouvellement est refusé ; le salarié et l’employeur sont informés.'
                  : 'La dispense est refusée : le formulaire est retourné au salarié.',
              );
            }}
          />
        </Suspense>
      ) : null}
    </Page>
  );
}

/** `/back-office/dispenses/$dispenseId`: a request of dispense, its checks and the decision. */
export function BackOfficeDispensePage() {
  const { dispenseId = '' } = useParams({ strict: false });
  const query = useBackofficeDispense(dispenseId);
  return (
    <RequestPage
      query={query}
      loading="Chargement de la demande de dispense…"
      notFound="Demande de dispense introuvable"
      backLink={<BackToQueue />}
    >
      {(data) => <Detail data={data} />}
    </RequestPage>
  );
}
