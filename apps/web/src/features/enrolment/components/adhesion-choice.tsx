import type { ReactNode } from 'react';
import { Group, Radio, Stack, Text } from '@mantine/core';

export type AdhesionChoiceValue = 'adhere' | 'dispense';

/** One card of a choice: the radio's mark, its label and what it means. */
export function ChoiceCard({
  value,
  label,
  description,
  disabled,
  describedBy,
}: {
  value: string;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <Radio.Card
      value={value}
      radius="md"
      p="md"
      disabled={disabled}
      aria-describedby={describedBy}
      style={disabled ? { cursor: 'not-allowed', opacity: 0.75 } : undefined}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} disabled={disabled} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} lh={1.35}>
            {label}
          </Text>
          {description}
        </Stack>
      </Group>
    </Radio.Card>
  );
}

/** At the start of the form: adhere (the BIA), or ask to be exempted (issue 19). */
export function AdhesionChoice({
  value,
  onChange,
}: {
  value: AdhesionChoiceValue;
  onChange: (value: AdhesionChoiceValue) => void;
}) {
  return (
    <Radio.Group
      label="Que souhaitez-vous faire ?"
      value={value}
      onChange={(next) => onChange(next === 'dispense' ? 'dispense' : 'adhere')}
      styles={{ label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 700 } }}
    >
      <Stack gap="sm" mt="xs">
        <ChoiceCard
          value="adhere"
          label="Je souhaite adhérer"
          description={
            <Text size="sm" c="dimmed">
              Je complète mon bulletin d’affiliation à la complémentaire santé de l’entreprise.
            </Text>
          }
        />
        <ChoiceCard
          value="dispense"
          label="Je demande à être dispensé(e) d’adhésion"
          description={
            <Text size="sm" c="dimmed">
              Seulement dans les cas prévus par la loi ou par le contrat, avec un justificatif.
            </Text>
          }
        />
      </Stack>
    </Radio.Group>
  );
}
