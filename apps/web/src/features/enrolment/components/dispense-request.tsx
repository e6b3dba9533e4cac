import { Radio, Stack, Text, Title } from '@mantine/core';
import type { DispenseCaseOption } from '@affilia/shared/schemas/dispenses';
import { refusedDispense } from '../dispense-values';
import { fieldId } from '../form-values';
import { ChoiceCard } from './adhesion-choice';
import { DispenseCaseFields, useDispenseForm, type DispenseFormApi } from './dispense-fields';
import type { DispenseScreenProps } from './dispense-fields';

/** The cases the contract allows; those the employment does not fit, disabled with the reason. */
function CaseList({
  cases,
  form,
}: {
  cases: readonly DispenseCaseOption[];
  form: DispenseFormApi;
}) {
  return (
    <Radio.Group
      {...form.getInputProps('caseCode')}
      id={fieldId('caseCode')}
      label="Votre situation"
      description="Choisissez le cas qui correspond à votre situation."
      withAsterisk
    >
      <Stack gap="sm" mt="xs">
        {cases.map((c) => {
          const reasonId = `cas-${c.code}-motif`;
          return (
            <ChoiceCard
              key={c.code}
              value={c.code}
              label={c.label}
              disabled={c.conditionError !== null}
              describedBy={c.conditionError ? reasonId : undefined}
              description={
                <>
                  <Text size="xs" c="dimmed">
                    {c.legalSource}
                  </Text>
                  {c.conditionError ? (
                    <Text size="sm" c="orange.9" id={reasonId}>
                      {c.conditionError}
                    </Text>
                  ) : null}
                </>
              }
            />
          );
        })}
      </Stack>
    </Radio.Group>
  );
}

/**
 * « Je demande à être dispensé(e) d'adhésion »: the case, what it asks (the other plan, the end
 * date, the proof), the sworn statement, « Envoyer ma demande de dispense ».
 */
export function DispenseRequest({ token, data, onSubmitted, onAccessLost }: DispenseScreenProps) {
  const { form, rule, sender } = useDispenseForm({
    token,
    data,
    current: refusedDispense(data),
    onSent: onSubmitted,
    onAccessLost,
  });
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2} fz="h3">
          Votre demande de dispense d’adhésion
        </Title>
        <Text size="sm">
          La dispense est possible uniquement dans les cas ci-dessous. Votre assureur vérifiera
          votre demande et votre justificatif ; votre employeur en sera informé.
        </Text>
      </Stack>
      <CaseList cases={data.dispense.cases} form={form} />
      {rule ? (
        <DispenseCaseFields
          token={token}
          data={data}
          form={form}
          rule={rule}
          submitLabel="Envoyer ma demande de dispense"
          sender={sender}
        />
      ) : null}
    </Stack>
  );
}
