import { useState } from 'react';
import { Loader, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { isApiError } from '../../../lib/api';
import { companyOption, useCompanyOptions } from '../api/use-backoffice-documents';

interface Option {
  value: string;
  label: string;
}

/**
 * « Entreprise » of a document meant for one company: a search among the companies of the
 * « Référentiel » (name, SIREN or identifiant entreprise). If that list cannot be reached, the
 * company's identifier is typed instead (the server checks it).
 */
export function DocumentCompanyPicker({
  value,
  onChange,
  error,
  current,
}: {
  value: string;
  onChange: (companyId: string) => void;
  error?: React.ReactNode;
  /** The company the document is meant for now (edit), to show its name. */
  current: { id: string; name: string } | null;
}) {
  const [selected, setSelected] = useState<Option | null>(
    current && current.id === value ? { value: current.id, label: current.name } : null,
  );
  const [search, setSearch] = useState(selected?.label ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const q = debounced === selected?.label ? '' : debounced;
  const companies = useCompanyOptions(q, true);

  if (companies.isError && isApiError(companies.error) && companies.error.status === 404) {
    return (
      <TextInput
        label="Identifiant de l’entreprise"
        description={
          current
            ? `Actuellement : ${current.name}. L’identifiant figure dans l’adresse de la fiche de l’entreprise (Référentiel).`
            : 'L’identifiant figure dans l’adresse de la fiche de l’entreprise (Référentiel).'
        }
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
    );
  }

  const found = (companies.data ?? []).map(companyOption);
  const data =
    selected && !found.some((o) => o.value === selected.value) ? [selected, ...found] : found;

  return (
    <Select
      label="Entreprise"
      description="Recherchez par nom, SIREN ou identifiant entreprise"
      placeholder="Rechercher une entreprise…"
      required
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Retirer l’entreprise choisie' }}
      data={data}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
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
      error={error}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={280}
    />
  );
}
