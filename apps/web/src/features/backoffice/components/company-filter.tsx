import { useState } from 'react';
import { Loader } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { DeferredSelect } from '../../../components/deferred-select';
import { companyOption, useCompanyOptions } from '../api/use-backoffice-documents';

/**
 * « Entreprise » of a back-office list's filters: a search among the companies of the
 * « Référentiel » (name, SIREN), optional; the list of companies and the select's code load when
 * the person reaches for the field (DeferredSelect).
 */
export function CompanyFilter({
  value,
  onChange,
  current,
}: {
  value: string;
  onChange: (companyId: string) => void;
  /** The chosen company's name when the page knows it (from its rows). */
  current: { id: string; name: string } | null;
}) {
  const [selected, setSelected] = useState(
    value ? { value, label: current?.id === value ? current.name : 'Entreprise choisie' } : null,
  );
  const [search, setSearch] = useState('');
  // The companies are asked for once the person is in the field.
  const [wanted, setWanted] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const q = debounced === selected?.label ? '' : debounced;
  const companies = useCompanyOptions(q, wanted);
  const found = (companies.data ?? []).map(companyOption);
  const data =
    selected && !found.some((o) => o.value === selected.value) ? [selected, ...found] : found;

  return (
    <DeferredSelect
      label="Entreprise"
      placeholder="Toutes les entreprises"
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Retirer l’entreprise choisie' }}
      data={data}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      onFocus={() => setWanted(true)}
      value={value || null}
      onChange={(id, option) => {
        setSelected(id && option ? { value: id, label: option.label } : null);
        onChange(id ?? '');
      }}
      nothingFoundMessage={
        companies.isFetching
          ? 'Recherche…'
          : companies.isError
            ? 'La liste des entreprises n’a pas pu être chargée'
            : 'Aucune entreprise ne correspond'
      }
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={companies.isFetching ? <Loader size="xs" aria-hidden /> : undefined}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={280}
    />
  );
}
