import type { FormEvent } from 'react';
import { useState } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DateField } from '../../../components/date-field';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import {
  AFFILIATION_MODES,
  AFFILIATION_MODE_LABELS,
  AFFILIATION_STATUSES,
  AFFILIATION_STATUS_LABELS,
  EMPLOYER_AFFILIATION_STATUSES,
  isOneOf,
} from '@affilia/shared/domain/enums';
import type { AffiliationOptions } from '../api/use-affiliations';
import type { AffiliationsFilters } from '../affiliations-search';
import { formatSiren, formatSiret } from '../format';

/** The « Tous » choice of a select (no filter). */
const ALL = 'all';

interface Option {
  value: string;
  label: string;
}

const MODE_OPTIONS: Option[] = [
  { value: ALL, label: 'Tous' },
  ...AFFILIATION_MODES.map((mode) => ({ value: mode, label: AFFILIATION_MODE_LABELS[mode] })),
];

const fromSelect = (value: string | null) => (!value || value === ALL ? undefined : value);

/**
 * The statuses offered: the guide's four, and the insurer's ones (« Validé par l’assureur »,
 * « Retourné au salarié ») when the list shows some.
 */
export function statusOptions(extra: readonly AffiliationStatus[]): Option[] {
  const shown = AFFILIATION_STATUSES.filter(
    (status) =>
      (EMPLOYER_AFFILIATION_STATUSES as readonly string[]).includes(status) ||
      extra.includes(status),
  );
  return [
    { value: ALL, label: 'Tous' },
    ...shown.map((status) => ({ value: status, label: AFFILIATION_STATUS_LABELS[status] })),
  ];
}

/** The choices of « SIREN » and « SIRET / Établissement » (those of the chosen company). */
function placeOptions(
  establishments: AffiliationOptions['establishments'],
  values: AffiliationsFilters,
): { sirenData: Option[]; establishmentData: Option[] } {
  const companies = new Map<string, string>();
  for (const e of establishments) companies.set(e.company.siren, e.company.name);
  const sirenData: Option[] = [
    { value: ALL, label: 'Tous' },
    ...[...companies].map(([siren, name]) => ({
      value: siren,
      label: `${formatSiren(siren)} — ${name}`,
    })),
  ];
  if (values.siren && !companies.has(values.siren))
    sirenData.push({ value: values.siren, label: values.siren });

  const establishmentData: Option[] = [
    { value: ALL, label: 'Tous' },
    ...establishments
      .filter((e) => !values.siren || e.company.siren === values.siren)
      .map((e) => ({ value: e.id, label: `${formatSiret(e.siret)} — ${e.name}` })),
  ];
  if (
    values.establishmentId &&
    !establishmentData.some((option) => option.value === values.establishmentId)
  )
    establishmentData.push({ value: values.establishmentId, label: 'Établissement choisi' });
  return { sirenData, establishmentData };
}

/** « Réinitialiser » and « Rechercher ». */
function FilterButtons({ onReset }: { onReset: () => void }) {
  return (
    <Group justify="flex-end" gap="sm" mt="md">
      <Button
        variant="default"
        leftSection={<IconFilterOff size={18} aria-hidden />}
        onClick={onReset}
      >
        Réinitialiser
      </Button>
      <Button type="submit" leftSection={<IconSearch size={18} aria-hidden />}>
        Rechercher
      </Button>
    </Group>
  );
}

/**
 * The filter bar of « Suivi des demandes d'affiliation »: Siren, Siret / Etablissement, Statut,
 * Mode, Salarié, creation dates, then « Rechercher ». The fields start again from the address when
 * it changes (back button, « Réinitialiser »).
 */
export function AffiliationFilters({
  options,
  initial,
  extraStatuses,
  onSearch,
  onReset,
}: {
  options: AffiliationOptions | undefined;
  initial: AffiliationsFilters;
  extraStatuses: readonly AffiliationStatus[];
  onSearch: (filters: AffiliationsFilters) => void;
  onReset: () => void;
}) {
  const [values, setValues] = useState<AffiliationsFilters>(initial);
  const initialKey = JSON.stringify(initial);
  const [shownKey, setShownKey] = useState(initialKey);
  if (shownKey !== initialKey) {
    setShownKey(initialKey);
    setValues(initial);
  }
  const set = (patch: Partial<AffiliationsFilters>) =>
    setValues((current) => ({ ...current, ...patch }));

  const establishments = options?.establishments ?? [];
  const { sirenData, establishmentData } = placeOptions(establishments, values);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = (value: string | undefined) => value?.trim() || undefined;
    onSearch({
      ...values,
      q: trimmed(values.q),
      from: values.from || undefined,
      to: values.to || undefined,
    });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        role="search"
        aria-label="Rechercher des demandes d’affiliation"
        onSubmit={submit}
        noValidate
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
          <Select
            label="SIREN"
            data={sirenData}
            value={values.siren ?? ALL}
            onChange={(value) => {
              const siren = fromSelect(value);
              const kept = establishments.find((e) => e.id === values.establishmentId);
              set({
                siren,
                establishmentId:
                  kept && (!siren || kept.company.siren === siren)
                    ? values.establishmentId
                    : undefined,
              });
            }}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucune société"
          />
          <Select
            label="SIRET / Établissement"
            data={establishmentData}
            value={values.establishmentId ?? ALL}
            onChange={(value) => set({ establishmentId: fromSelect(value) })}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucun établissement"
          />
          <Select
            label="Statut"
            data={statusOptions(values.status ? [...extraStatuses, values.status] : extraStatuses)}
            value={values.status ?? ALL}
            onChange={(value) => {
              const status = fromSelect(value);
              set({ status: isOneOf(AFFILIATION_STATUSES, status) ? status : undefined });
            }}
            allowDeselect={false}
          />
          <Select
            label="Mode d’affiliation"
            data={MODE_OPTIONS}
            value={values.mode ?? ALL}
            onChange={(value) => {
              const mode = fromSelect(value);
              set({ mode: isOneOf(AFFILIATION_MODES, mode) ? mode : undefined });
            }}
            allowDeselect={false}
          />
          <TextInput
            label="Salarié"
            description="Début du nom ou numéro de Sécurité Sociale"
            autoComplete="off"
            value={values.q ?? ''}
            onChange={(event) => set({ q: event.currentTarget.value })}
          />
          <DateField
            label="Date de la demande : du"
            value={values.from ?? ''}
            onChange={(value) => set({ from: value || undefined })}
          />
          <DateField
            label="Date de la demande : au"
            value={values.to ?? ''}
            onChange={(value) => set({ to: value || undefined })}
          />
        </SimpleGrid>
        <FilterButtons onReset={onReset} />
      </form>
    </Paper>
  );
}
