import type { ReactNode } from 'react';
import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import type { MantineColor, PasswordInputProps } from '@mantine/core';
import { Box, List, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PasswordEvaluation, PasswordScore } from '@affilia/shared/domain/password-policy';
import type * as PasswordStrength from './password-strength';
import { RevealablePasswordInput } from './revealable-password-input';

type StrengthModule = typeof PasswordStrength;

let strengthModule: StrengthModule | null = null;
let strengthLoading: Promise<StrengthModule> | null = null;

/** The evaluator, once its chunk has arrived (it is requested on first use). */
function useStrengthModule(): StrengthModule | null {
  const [loaded, setLoaded] = useState(strengthModule);
  useEffect(() => {
    if (loaded) return;
    let active = true;
    strengthLoading ??= import('./password-strength');
    strengthLoading
      .then((module) => {
        strengthModule = module;
        if (active) setLoaded(module);
      })
      .catch(() => {
        // The meter stays empty; the form's own validation and the server still apply.
        strengthLoading = null;
      });
    return () => {
      active = false;
    };
  }, [loaded]);
  return loaded;
}

const SCORE_COLORS: Record<PasswordScore, MantineColor> = {
  0: 'red',
  1: 'orange',
  2: 'yellow',
  3: 'teal',
  4: 'green',
};

/** The bar, the French label of the score and the advice, announced politely. */
export function PasswordStrengthMeter({
  evaluation,
  hideError,
  id,
  analysing,
}: {
  evaluation: PasswordEvaluation | null;
  /** A password is typed but the evaluator (its own chunk) has not arrived yet. */
  analysing?: boolean;
  /** The form already shows the error under the field. */
  hideError?: boolean;
  id?: string;
}) {
  const score = evaluation?.score ?? 0;
  const value = evaluation ? (score + 1) * 20 : 0;
  const announcement = evaluation
    ? [`Robustesse du mot de passe : ${evaluation.label}.`, evaluation.error ?? ''].join(' ')
    : '';
  // Announce after a pause in typing, not at every key.
  const [spoken] = useDebouncedValue(announcement, 800);

  let advice: ReactNode = null;
  if (evaluation && (evaluation.error || evaluation.suggestions.length > 0)) {
    advice = (
      <Stack gap={2}>
        {evaluation.error && !hideError ? <Text size="sm">{evaluation.error}</Text> : null}
        {evaluation.suggestions.length > 0 ? (
          <List size="sm" c="dimmed" spacing={0}>
            {evaluation.suggestions.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    );
  }

  return (
    <Stack gap={6} id={id}>
      <Progress.Root size="md" radius="xl" aria-hidden>
        <Progress.Section value={value} color={SCORE_COLORS[score]} withAria={false} />
      </Progress.Root>
      <Text size="sm">
        Robustesse :{' '}
        <Text span fw={700}>
          {evaluation ? evaluation.label : analysing ? 'analyse…' : '—'}
        </Text>
      </Text>
      {advice}
      <VisuallyHidden aria-live="polite" aria-atomic>
        {spoken}
      </VisuallyHidden>
    </Stack>
  );
}

export interface PasswordFieldProps extends Omit<PasswordInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: PasswordInputProps['onChange'];
  /** Words the password must not lean on: the user's names and email, the company. */
  userInputs?: string[];
  /** Accessible name of the visibility toggle, e.g. « Afficher le mot de passe ». */
  toggleLabel?: string;
}

/**
 * A new password, with the live strength meter of the policy (SPEC §9: at least 12 characters,
 * no composition rule, estimated strength) and a button to show what was typed.
 */
export function PasswordField({
  value,
  userInputs,
  toggleLabel = 'le mot de passe',
  description = 'Au moins 12 caractères. Une phrase de quelques mots est facile à retenir et difficile à deviner.',
  error,
  ...props
}: PasswordFieldProps) {
  const strength = useStrengthModule();
  const meterId = useId();
  const deferred = useDeferredValue(value);
  const inputsKey = (userInputs ?? []).join('\u0000');
  const evaluation = useMemo(() => {
    if (!strength || deferred === '') return null;
    const inputs = inputsKey === '' ? [] : inputsKey.split('\u0000');
    return strength.evaluatePassword(deferred, inputs);
  }, [strength, deferred, inputsKey]);

  return (
    <Box>
      <RevealablePasswordInput
        toggleLabel={toggleLabel}
        autoComplete="new-password"
        spellCheck={false}
        autoCapitalize="none"
        description={description}
        error={error}
        value={value}
        {...props}
      />
      <Box mt="xs">
        <PasswordStrengthMeter
          evaluation={evaluation}
          analysing={!strength && value !== ''}
          hideError={Boolean(error)}
          id={meterId}
        />
      </Box>
    </Box>
  );
}
