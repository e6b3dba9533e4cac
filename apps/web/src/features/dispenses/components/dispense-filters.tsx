import type { FormEvent } from 'react';
import { Paper, SimpleGrid, TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import {
  DISPENSE_CASES,
  DISPENSE_CASE_SHORT_LABELS,
  DISPENSE_REGISTER_STATES,
  DISPENSE_REGISTER_STATE_LABELS,
} from '@affilia/shared/domain/dispense';
import { isOneOf } from '@affilia/shared/domain/enums';
import type { AffiliationOptions } from '@affilia/shared/schemas/affiliations';
import { FilterButtons } from '../../../components/filter-buttons';
import type { DispensesFilters } from '../dispenses-search';
import { ALL, fromSelect, placeOptions, withSiren } from '../../../lib/filter-options';
import { useFilterDraft } from '../../../lib/use-filter-draft';

const STATE_OPTIONS = [
  { value: ALL, label: 'Tous' },
  ...DISPENSE_REGISTER_STATES.map((s) => ({ value: s, label: DISPENSE_REGISTER_STATE_LABELS[s] })),
];
const CASE_OPTIONS = [
  { value: ALL, label: 'Tous' },
  ...DISPENSE_CASES.map((c) => ({
    value: c.code,
    label: DISPENSE_CASE_SHORT_LABELS[c.code],
  })),
];

/**
 * The register's filter bar: État, Cas de dispense, SIREN, SIRET / Établissement, Salarié, then
 * « Rechercher ».
 * The fields start again from the address when it changes (back button, « Réinitialiser »).
 */
export function DispenseFilters({
  options,
  initial,
  onSearch,
  onReset,
}: {
  options: AffiliationOptions | undefined;
  initial: DispensesFilters;
  onSearch: (filters: DispensesFilters) => void;
  onReset: () => void;
}) {
  const { values, set } = useFilterDraft(initial);
  const establishments = options?.establishments ?? [];
  const { sirenData, establishmentData } = placeOptions(establishments, values);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch({ ...values, q: values.q?.trim() || undefined });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form role="search" aria-label="Rechercher des dispenses" onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
          <DeferredSelect
            label="État"
            data={STATE_OPTIONS}
            value={values.state ?? ALL}
            onChange={(value) => {
              const state = fromSelect(value);
              set({ state: isOneOf(DISPENSE_REGISTER_STATES, state) ? state : undefined });
            }}
            allowDeselect={false}
          />
          <DeferredSelect
            label="Cas de dispense"
            data={CASE_OPTIONS}
            value={values.caseCode ?? ALL}
            onChange={(value) => set({ caseCode: fromSelect(value) })}
            allowDeselect={false}
          />
          <DeferredSelect
            label="SIREN"
            data={sirenData}
            value={values.siren ?? ALL}
            onChange={(value) => set(withSiren(establishments, values, fromSelect(value)))}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucune société"
          />
          <DeferredSelect
            label="SIRET / Établissement"
            data={establishmentData}
            value={values.establishmentId ?? ALL}
            onChange={(value) => set({ establishmentId: fromSelect(value) })}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucun établissement"
          />
          <TextInput
            label="Salarié"
            description="Début du nom ou numéro de Sécurité Sociale"
            autoComplete="off"
            value={values.q ?? ''}
            onChange={(event) => set({ q: event.currentTarget.value })}
          />
        </SimpleGrid>
        <FilterButtons onReset={onReset} />
      </form>
    </Paper>
  );
}
