import type { FormEvent } from 'react';
import { Paper, SimpleGrid, TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { DateField } from '../../../components/date-field';
import { FilterButtons } from '../../../components/filter-buttons';
import type { AffiliationStatus } from '@affilia/shared/domain/enums';
import {
  AFFILIATION_STATUSES,
  AFFILIATION_STATUS_LABELS,
  EMPLOYER_AFFILIATION_STATUSES,
  isOneOf,
} from '@affilia/shared/domain/enums';
import type { RequestType } from '@affilia/shared/domain/requests';
import { RADIATION_STATUSES, RADIATION_STATUS_LABELS } from '@affilia/shared/domain/radiation';
import {
  MEMBER_CHANGE_STATUSES,
  MEMBER_CHANGE_STATUS_LABELS,
} from '@affilia/shared/domain/member-change';
import { REQUEST_TYPES, REQUEST_TYPE_LABELS } from '@affilia/shared/domain/requests';
import type { AffiliationOptions } from '../api/use-affiliations';
import type { AffiliationsFilters } from '../affiliations-search';
import { REQUEST_STATUS_FILTERS } from '../affiliations-search';
import { ALL, fromSelect, placeOptions, withSiren, type Option } from '../../../lib/filter-options';
import { useFilterDraft } from '../../../lib/use-filter-draft';

interface OptionGroup {
  group: string;
  items: Option[];
}

const TYPE_OPTIONS: Option[] = [
  { value: ALL, label: 'Tous' },
  ...REQUEST_TYPES.map((type) => ({ value: type, label: REQUEST_TYPE_LABELS[type] })),
];

/**
 * The statuses offered, named with their type (`affiliation.sent`): for affiliations the guide's
 * four, and the insurer's ones (« Validé par l’assureur », « Retourné au salarié ») when the list
 * shows some; for radiations their four; for a kind of change of a member (issue 20) its four, once
 * the type is chosen. Only the chosen type's, grouped when all types are shown.
 */
export function statusOptions(
  extra: readonly AffiliationStatus[],
  type: RequestType | undefined,
): (Option | OptionGroup)[] {
  const affiliation: OptionGroup = {
    group: REQUEST_TYPE_LABELS.affiliation,
    items: AFFILIATION_STATUSES.filter(
      (status) =>
        (EMPLOYER_AFFILIATION_STATUSES as readonly string[]).includes(status) ||
        extra.includes(status),
    ).map((status) => ({
      value: `affiliation.${status}`,
      label: AFFILIATION_STATUS_LABELS[status],
    })),
  };
  const radiation: OptionGroup = {
    group: REQUEST_TYPE_LABELS.radiation,
    items: RADIATION_STATUSES.map((status) => ({
      value: `radiation.${status}`,
      label: RADIATION_STATUS_LABELS[status],
    })),
  };
  const all = { value: ALL, label: 'Tous' };
  if (type === 'affiliation') return [all, ...affiliation.items];
  if (type === 'radiation') return [all, ...radiation.items];
  // A change of a member (issue 20): its statuses once its type is chosen.
  if (type) {
    return [
      all,
      ...MEMBER_CHANGE_STATUSES.map((status) => ({
        value: `${type}.${status}`,
        label: MEMBER_CHANGE_STATUS_LABELS[status],
      })),
    ];
  }
  return [all, affiliation, radiation];
}

/** The affiliation statuses of a status filter (`affiliation.validated` → `validated`). */
function affiliationStatusOf(status: string | undefined): AffiliationStatus[] {
  const plain = status?.startsWith('affiliation.') ? status.slice('affiliation.'.length) : null;
  return isOneOf(AFFILIATION_STATUSES, plain) ? [plain] : [];
}

/**
 * The filter bar of « Suivi des demandes »: Siren, Siret / Etablissement, Type, Statut, Salarié,
 * creation dates, then « Rechercher ». The fields start again from the address when it changes
 * (back button, « Réinitialiser »).
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
  const { values, set } = useFilterDraft(initial);

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
      <form role="search" aria-label="Rechercher des demandes" onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
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
          <DeferredSelect
            label="Type"
            data={TYPE_OPTIONS}
            value={values.type ?? ALL}
            onChange={(value) => {
              const type = fromSelect(value);
              const mismatched = values.status && type && !values.status.startsWith(`${type}.`);
              set({
                type: isOneOf(REQUEST_TYPES, type) ? type : undefined,
                ...(mismatched ? { status: undefined } : {}),
              });
            }}
            allowDeselect={false}
          />
          <DeferredSelect
            label="Statut"
            data={statusOptions(
              [...extraStatuses, ...affiliationStatusOf(values.status)],
              values.type,
            )}
            value={values.status ?? ALL}
            onChange={(value) => {
              const status = fromSelect(value);
              set({ status: isOneOf(REQUEST_STATUS_FILTERS, status) ? status : undefined });
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
