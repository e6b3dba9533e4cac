import { useState } from 'react';
import type { SelectProps } from '@mantine/core';
import { Loader } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { companyOption, useCompanyOptions } from '../api/use-backoffice-documents';

interface Option {
  value: string;
  label: string;
}

/** The companies chosen in this tab, by id: a filter's field names its company again after a search. */
const chosenNames = new Map<string, string>();

/** « Nom — SIREN … » of a company chosen earlier in this tab, if any. */
export function chosenCompanyLabel(id: string): string | undefined {
  return chosenNames.get(id);
}

/**
 * A search among the companies of the « Référentiel » (name, SIREN or identifiant entreprise) for
 * a Select: the chosen company kept among the options while another search runs, the server's
 * answer as the options, what the list says while it searches or when it cannot be read. Spread
 * `selectProps` on a Select (a document's company) or a DeferredSelect (a list's filter).
 */
export function useCompanySelect({
  value,
  onChange,
  chosen,
  searchFromChosen,
  enabled,
}: {
  value: string;
  onChange: (companyId: string) => void;
  /** The chosen company as the page knows it. */
  chosen: Option | null;
  /** The search starts from the chosen company's name (a form) or empty (a filter). */
  searchFromChosen: boolean;
  /** Whether the companies may be asked for yet. */
  enabled: boolean;
}) {
  const [selected, setSelected] = useState<Option | null>(chosen);
  const [search, setSearch] = useState(searchFromChosen ? (chosen?.label ?? '') : '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const q = debounced === selected?.label ? '' : debounced;
  const companies = useCompanyOptions(q, enabled);
  const found = (companies.data ?? []).map(companyOption);
  const data =
    selected && !found.some((o) => o.value === selected.value) ? [selected, ...found] : found;

  const selectProps = {
    searchable: true,
    clearable: true,
    clearButtonProps: { 'aria-label': 'Retirer l’entreprise choisie' },
    data,
    filter: ({ options }) => options,
    searchValue: search,
    onSearchChange: setSearch,
    value: value || null,
    onChange: (id, option) => {
      setSelected(id && option ? { value: id, label: option.label } : null);
      if (id && option) chosenNames.set(id, option.label);
      onChange(id ?? '');
    },
    nothingFoundMessage: companies.isFetching
      ? 'Recherche…'
      : companies.isError
        ? 'La liste des entreprises n’a pas pu être chargée'
        : 'Aucune entreprise ne correspond',
    leftSection: <IconSearch size={16} aria-hidden />,
    rightSection: companies.isFetching ? <Loader size="xs" aria-hidden /> : undefined,
    comboboxProps: { withinPortal: true },
    maxDropdownHeight: 280,
  } satisfies SelectProps;
  return { companies, selectProps };
}
