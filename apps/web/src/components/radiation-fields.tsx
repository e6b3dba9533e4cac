import type { ReactNode } from 'react';
import { Alert, Checkbox, Group, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import type { RadiationCommonValues } from '../lib/radiation-form';
import { MOTIF_OPTIONS, withMotif } from '../lib/radiation-form';
import { DateField } from './date-field';

/*
 * The fields every radiation asks (issue 18), one member (the member's page) or several (« Mes
 * salariés »): the end of the contract of employment, the motif, « ouvre droit à l’assurance
 * chômage » pre-answered from the motif, the disability pension; and the preview of what the
 * notice will say.
 */

/** « Date de fin du contrat de travail », given its own change (the last contract follows it). */
export function ContractEndField<V extends RadiationCommonValues>({
  form,
  minDate,
  onChange,
}: {
  form: UseFormReturnType<V>;
  minDate?: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <DateField
      label="Date de fin du contrat de travail"
      description="Le dernier jour de couverture par le contrat collectif."
      withAsterisk
      minDate={minDate}
      {...form.getInputProps('contractEndDate')}
      onChange={onChange}
    />
  );
}

/** The motif, and « La rupture ouvre droit à l’assurance chômage » it pre-answers. */
export function MotifFields<V extends RadiationCommonValues>({
  form,
}: {
  form: UseFormReturnType<V>;
}) {
  const rights = form.values.unemploymentRights;
  const motifProps = form.getInputProps('motif');
  const rightsProps = form.getInputProps('unemploymentRights');
  return (
    <>
      <Select
        label="Motif de la rupture"
        placeholder="Choisissez le motif"
        withAsterisk
        data={MOTIF_OPTIONS}
        searchable
        nothingFoundMessage="Aucun motif"
        comboboxProps={{ withinPortal: true }}
        {...motifProps}
        value={form.values.motif || null}
        onChange={(value: string | null) => form.setValues(withMotif(form.values, value))}
      />
      <Radio.Group
        label="La rupture ouvre droit à l’assurance chômage"
        description="Pré-rempli d’après le motif ; modifiable (une démission reconnue légitime, par exemple)."
        withAsterisk
        error={rightsProps.error as ReactNode}
        value={rights === null ? '' : rights ? 'yes' : 'no'}
        onChange={(value) => form.setFieldValue('unemploymentRights', (value === 'yes') as never)}
      >
        <Group gap="lg" mt={6}>
          <Radio value="yes" label="Oui" />
          <Radio value="no" label="Non" />
        </Group>
      </Radio.Group>
      <Checkbox
        label="Le salarié perçoit une pension d’invalidité"
        description="Le maintien individuel (loi Évin) lui est alors proposé."
        {...form.getInputProps('disabilityPension', { type: 'checkbox' })}
      />
    </>
  );
}

export function CommentField<V extends RadiationCommonValues>({
  form,
}: {
  form: UseFormReturnType<V>;
}) {
  return (
    <Textarea
      label="Commentaire pour l’assureur (facultatif)"
      autosize
      minRows={2}
      maxLength={1000}
      {...form.getInputProps('comment')}
    />
  );
}

/** What the notice will say, computed as the server will: portability and the loi Évin offer. */
export function RadiationPreview({
  portability,
  evin,
  pendingHint,
}: {
  /** « Portabilité : 8 mois, jusqu’au 12/04/2027 », or null while the form is incomplete. */
  portability: string | null;
  evin: string | null;
  pendingHint: string;
}) {
  return (
    <Alert
      variant="light"
      color="brand"
      icon={<IconInfoCircle aria-hidden />}
      title="Ce que recevra le salarié"
      aria-live="polite"
    >
      <Stack gap={4}>
        {portability ? (
          <Text size="sm" fw={600} data-testid="portability-preview">
            {portability}
          </Text>
        ) : (
          <Text size="sm">{pendingHint}</Text>
        )}
        {portability && evin ? <Text size="sm">{evin}</Text> : null}
        {portability && !evin ? (
          <Text size="sm">Pas de maintien individuel (loi Évin) proposé.</Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
