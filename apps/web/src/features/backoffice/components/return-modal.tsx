import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { ReturnEnrolmentRequestSchema } from '@affilia/shared/schemas/enrolment';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import { useReturnAffiliation } from '../api/use-backoffice-affiliations';

/** « Retourner au salarié »: the reason is emailed to the employee with a new link. */
export function ReturnModal({
  requestId,
  opened,
  onClose,
  onReturned,
}: {
  requestId: string;
  opened: boolean;
  onClose: () => void;
  onReturned: () => void;
}) {
  const returnIt = useReturnAffiliation(requestId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    if (returnIt.isPending) return;
    setError(null);
    setProblem(null);
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ReturnEnrolmentRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Indiquez le motif du retour');
      document.getElementById('motif-retour')?.focus();
      return;
    }
    setError(null);
    setProblem(null);
    returnIt.mutate(parsed.data.reason, {
      onSuccess: () => {
        setReason('');
        onReturned();
      },
      onError: (err) => {
        const fields = fieldErrors(err);
        if (fields.reason) setError(fields.reason);
        setProblem(errorMessage(err));
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Retourner au salarié" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Le salarié recevra un e-mail avec ce motif et un nouveau lien pour corriger son
            bulletin.
          </Text>
          <Textarea
            id="motif-retour"
            label="Motif"
            required
            autosize
            minRows={4}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          {problem ? (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={returnIt.isPending}>
              Annuler
            </Button>
            <Button type="submit" color="orange" loading={returnIt.isPending}>
              Retourner au salarié
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
