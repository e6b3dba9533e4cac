import { Alert, Paper, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { useDocumentTitle } from '../../../lib/document-title';
import type { RenewalState } from '../dispense-values';
import { renewalState } from '../dispense-values';
import { DispenseCaseFields, useDispenseForm } from './dispense-fields';
import type { DispenseScreenProps } from './dispense-fields';
import { FocusedTitle } from '../../../components/focused-title';

/** Where the dispense in force stands: its deadline, a renewal waiting, or refused. */
function RenewalNotice({ state }: { state: RenewalState }) {
  if (state.kind === 'waiting') {
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
        Votre justificatif a bien été envoyé : votre assureur est en train de le vérifier. Vous
        recevrez un e-mail s’il doit être corrigé.
      </Alert>
    );
  }
  if (state.kind === 'refused') {
    return (
      <Alert color="orange" variant="light" title="Votre assureur a refusé votre justificatif">
        {state.reason ? <Text size="sm">Motif : {state.reason}</Text> : null}
        <Text size="sm">Envoyez un autre justificatif avant la fin de votre dispense.</Text>
      </Alert>
    );
  }
  if (!state.deadline) return null;
  return (
    <Text>
      {state.deadline.kind === 'renewal'
        ? `Votre dispense doit être renouvelée avant le ${formatFrenchDate(state.deadline.date)}.`
        : `Votre dispense prend fin le ${formatFrenchDate(state.deadline.date)} : pour la garder au-delà, envoyez un nouveau justificatif.`}{' '}
      Sans renouvellement, vous serez affilié(e) au contrat de votre entreprise.
    </Text>
  );
}

/**
 * « Renouveler votre justificatif de dispense »: the link of the renewal reminder opens this
 * screen only (the request is « Dispensé »): the case in force, its deadline, a new proof and the
 * sworn statement signed again.
 */
export function DispenseRenewal({ token, data, onSubmitted, onAccessLost }: DispenseScreenProps) {
  const title = 'Renouveler votre justificatif de dispense';
  useDocumentTitle(title);
  const current = data.dispense.current;
  const state = renewalState(current);
  const { form, rule, sender } = useDispenseForm({
    token,
    data,
    current,
    onSent: onSubmitted,
    onAccessLost,
  });
  return (
    <Stack gap="lg" maw={720} mx="auto" w="100%">
      <Stack gap={4}>
        <FocusedTitle>{title}</FocusedTitle>
        <Text c="dimmed" size="sm">
          {data.company.name} · {data.contract.label}
        </Text>
      </Stack>
      <RenewalNotice state={state} />
      {rule ? (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed">
            Motif de votre dispense
          </Text>
          <Text fw={600}>{rule.label}</Text>
          <Text size="xs" c="dimmed">
            {rule.legalSource}
          </Text>
        </Paper>
      ) : null}
      {rule && state.kind !== 'waiting' ? (
        <DispenseCaseFields
          token={token}
          data={data}
          form={form}
          rule={rule}
          submitLabel="Envoyer mon renouvellement"
          sender={sender}
        />
      ) : null}
      {!rule && state.kind !== 'waiting' ? (
        <Alert color="orange" variant="light">
          Ce cas de dispense n’est plus prévu pour votre contrat : contactez votre employeur.
        </Alert>
      ) : null}
    </Stack>
  );
}
