import type { FormEvent } from 'react';
import { Button, Checkbox, Group, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { IconSearch } from '@tabler/icons-react';
import {
  COVERAGE_STATUSES,
  COVERAGE_STATUS_LABELS,
  PROFESSIONAL_STATUSES,
  PROFESSIONAL_STATUS_LABELS,
} from '@affilia/shared/domain/enums';
import type { MemberFilterOptions } from '../api/use-members';
import { formatSiren } from '../../../lib/member-format';
import type { MembersFilters } from '../members-search';
import type { OptionGroup } from '../filter-options';
import { narrowFilterOptions } from '../filter-options';
import { useFilterDraft } from '../../../lib/use-filter-draft';
import { ALL, fromSelect, type Option } from '../../../lib/filter-options';

function capitalize(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const CONTRACT_STATUS_OPTIONS = [
  { value: ALL, label: 'Tous' },
  ...COVERAGE_STATUSES.map((status) => ({
    value: status,
    // « En cours » is the home page's « salariés couverts aujourd’hui » (issue 14 #23).
    label:
      status === 'current'
        ? 'En cours (couverts aujourd’hui)'
        : capitalize(COVERAGE_STATUS_LABELS[status]),
  })),
];

const PROFESSIONAL_STATUS_OPTIONS = [
  { value: ALL, label: 'Tous' },
  ...PROFESSIONAL_STATUSES.map((status) => ({
    value: status,
    label: PROFESSIONAL_STATUS_LABELS[status],
  })),
];

type SelectData = (Option | OptionGroup)[];

/** « Tous », then the options, grouped by company when there are several companies. */
function withAll(groups: OptionGroup[]): SelectData {
  const all: Option = { value: ALL, label: 'Tous' };
  if (groups.length === 1) return [all, ...groups[0]!.items];
  return [all, ...groups];
}

/** The choices of « SIREN »: the companies of the perimeter (and a SIREN typed in an address). */
function sirenOptions(
  options: MemberFilterOptions | undefined,
  siren: string | undefined,
): Option[] {
  const sirenData: Option[] = [
    { value: ALL, label: 'Tous' },
    ...(options?.companies ?? []).map((company) => ({
      value: company.siren,
      label: `${formatSiren(company.siren)} — ${company.name}`,
    })),
  ];
  // A SIREN typed in a shared address that is none of the companies': shown as it is.
  if (siren && !options?.companies.some((company) => company.siren === siren)) {
    sirenData.push({ value: siren, label: siren });
  }
  return sirenData;
}

/** Another company: its establishments and contracts only (the chosen ones kept when they are its). */
function withSiren(
  options: MemberFilterOptions | undefined,
  values: MembersFilters,
  siren: string | undefined,
): Partial<MembersFilters> {
  const next = narrowFilterOptions(options, siren);
  return {
    siren,
    establishmentId: next.establishments.some((e) => e.id === values.establishmentId)
      ? values.establishmentId
      : undefined,
    contractId: next.contracts.some((c) => c.id === values.contractId)
      ? values.contractId
      : undefined,
  };
}

/** « Rechercher » and « Réinitialiser ». */
function FilterButtons({ onReset }: { onReset: () => void }) {
  return (
    <Group gap="sm" justify="flex-end" mt="md">
      <Button type="submit" leftSection={<IconSearch size={18} aria-hidden />}>
        Rechercher
      </Button>
      <Button type="button" variant="default" onClick={onReset}>
        Réinitialiser
      </Button>
    </Group>
  );
}

/**
 * The filter bar of « Mes salariés » as in the user guide: SIREN, SIRET, Etablissement, Statut du
 * contrat, Statut professionnel, Contrat, Assuré, then « Rechercher ». Nothing applies before
 * « Rechercher »; the chosen SIREN narrows the establishments and contracts offered.
 *
 * The fields start from the address's filters, and start again from them when the address
 * changes (back button, « Réinitialiser »).
 */
export function MemberFilters({
  options,
  initial,
  onSearch,
  onReset,
}: {
  options: MemberFilterOptions | undefined;
  initial: MembersFilters;
  onSearch: (filters: MembersFilters) => void;
  onReset: () => void;
}) {
  const { values, set, setValues } = useFilterDraft(initial);
  const narrowed = narrowFilterOptions(options, values.siren);

  const sirenData = sirenOptions(options, values.siren);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = (value: string | undefined) => value?.trim() || undefined;
    onSearch({ ...values, siret: trimmed(values.siret), q: trimmed(values.q) });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form role="search" aria-label="Rechercher des salariés" onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm">
          <DeferredSelect
            label="SIREN"
            data={sirenData}
            value={values.siren ?? ALL}
            onChange={(value) => set(withSiren(options, values, fromSelect(value)))}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucune société"
          />
          <TextInput
            label="SIRET"
            placeholder="14 chiffres"
            inputMode="numeric"
            autoComplete="off"
            value={values.siret ?? ''}
            onChange={(event) => set({ siret: event.currentTarget.value })}
          />
          <DeferredSelect
            label="Établissement"
            data={withAll(narrowed.establishmentGroups)}
            value={values.establishmentId ?? ALL}
            onChange={(value) => set({ establishmentId: fromSelect(value) })}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucun établissement"
          />
          <DeferredSelect
            label="Statut du contrat"
            data={CONTRACT_STATUS_OPTIONS}
            value={values.contractStatus ?? ALL}
            onChange={(value) =>
              set({ contractStatus: COVERAGE_STATUSES.find((status) => status === value) })
            }
            allowDeselect={false}
          />
          <DeferredSelect
            label="Statut professionnel"
            data={PROFESSIONAL_STATUS_OPTIONS}
            value={values.professionalStatus ?? ALL}
            onChange={(value) =>
              set({
                professionalStatus: PROFESSIONAL_STATUSES.find((status) => status === value),
              })
            }
            allowDeselect={false}
          />
          <DeferredSelect
            label="Contrat"
            data={withAll(narrowed.contractGroups)}
            value={values.contractId ?? ALL}
            onChange={(value) => set({ contractId: fromSelect(value) })}
            allowDeselect={false}
            searchable
            nothingFoundMessage="Aucun contrat"
          />
          <TextInput
            label="Assuré"
            placeholder="Nom ou NIR"
            autoComplete="off"
            value={values.q ?? ''}
            onChange={(event) => set({ q: event.currentTarget.value })}
          />
          <Checkbox
            label="En portabilité"
            description="Anciens salariés couverts au titre de la portabilité aujourd’hui"
            checked={values.portability === 'active'}
            onChange={(event) =>
              set({ portability: event.currentTarget.checked ? 'active' : undefined })
            }
            mt={{ base: 0, xs: 'lg' }}
          />
        </SimpleGrid>
        <FilterButtons
          onReset={() => {
            setValues({});
            onReset();
          }}
        />
      </form>
    </Paper>
  );
}
