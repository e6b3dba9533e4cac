import { useId, useState } from 'react';
import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { parseFrenchOrIsoDate } from '@affilia/shared/validators/dates';
import { DateField } from './date-field';
import { useDocumentTitle } from '../lib/document-title';
import { errorCode, errorMessage } from '../lib/form-errors';
import { UnlockError } from '../lib/link-unlock';
import { useCountdown } from '../lib/use-countdown';
import { FocusedTitle } from './focused-title';

const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** What the step needs of the unlock mutation (`lib/link-unlock.ts`'s `unlockLink`). */
interface Unlock {
  isPending: boolean;
  mutate: (birthDate: string, options: { onError: (error: Error) => void }) => void;
}

/**
 * « Confirmez votre date de naissance »: the birth date opens an emailed link (5 tries, then a
 * lock) — the enrolment form, the beneficiaries link. `intro` says what it opens; `onCheck` runs
 * while the date is checked (the next screen's code loads meanwhile).
 */
export function BirthDateStep({
  intro,
  unlock,
  onCheck,
  notice,
}: {
  intro: string;
  unlock: Unlock;
  onCheck?: () => void;
  notice?: string | null;
}) {
  const title = 'Confirmez votre date de naissance';
  useDocumentTitle(title);
  const inputId = useId();
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<string | null>(null);
  const left = useCountdown(retryAt);
  const locked = retryAt !== null && left > 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (locked || unlock.isPending) return;
    const parsed = parseFrenchOrIsoDate(value);
    if (!parsed.ok) {
      setFieldError('Saisissez votre date de naissance');
      document.getElementById(inputId)?.focus();
      return;
    }
    setFieldError(null);
    setProblem(null);
    onCheck?.();
    unlock.mutate(parsed.value, {
      onError: (error) => {
        if (error instanceof UnlockError && error.code === 'too_many_attempts') {
          setRetryAt(error.retryAt);
          setProblem(null);
          return;
        }
        // A wrong date is said once, under the field; any other problem above the button.
        if (errorCode(error) === 'birth_date_mismatch') {
          setFieldError(errorMessage(error));
          document.getElementById(inputId)?.focus();
        } else {
          setProblem(errorMessage(error));
        }
      },
    });
  };

  return (
    <Stack gap="lg" maw={480} mx="auto">
      <FocusedTitle>{title}</FocusedTitle>
      <Text>{intro}</Text>
      {notice ? (
        <Alert color="blue" variant="light">
          {notice}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <DateField
            id={inputId}
            label="Date de naissance"
            description="Celle que votre employeur a indiquée"
            required
            size="md"
            value={value}
            onChange={(next) => {
              setValue(next);
              setFieldError(null);
            }}
            error={fieldError}
            disabled={locked}
            autoComplete="bday"
            calendar={false}
          />
          <div aria-live="polite" aria-atomic="true">
            {locked ? (
              <Alert
                color="red"
                variant="light"
                icon={<IconLock aria-hidden />}
                title="Formulaire bloqué temporairement"
              >
                Trop de tentatives : pour votre sécurité, le formulaire est bloqué. Vous pourrez
                réessayer à {TIME.format(new Date(retryAt))}.
              </Alert>
            ) : problem ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
                {problem}
              </Alert>
            ) : null}
          </div>
          <Button type="submit" size="md" fullWidth loading={unlock.isPending} disabled={locked}>
            Confirmer
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
