import { useState } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { USER_STATUSES, USER_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type { ManagedCompany } from '../api/use-users';
import type { UsersSearch } from '../users-search';

const ALL = 'all';

function capitalize(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const STATUS_OPTIONS = [
  { value: ALL, label: 'Tous' },
  ...USER_STATUSES.map((status) => ({
    value: status,
    label: capitalize(USER_STATUS_LABELS[status]),
  })),
];

export function hasFilters(search: UsersSearch): boolean {
  return Boolean(search.companyId ?? search.status ?? search.q);
}

/**
 * « Société », « Statut » and a search on the name or the address. The values live in the page's
 * address (`search`); the text is applied once the user pauses typing.
 */
export function UserFilters({
  companies,
  search,
  onChange,
}: {
  companies: ManagedCompany[];
  search: UsersSearch;
  onChange: (next: UsersSearch) => void;
}) {
  const [text, setText] = useState(search.q ?? '');
  // « Effacer les filtres » (here or in the empty list) empties the box too.
  const [shownQ, setShownQ] = useState(search.q);
  if (shownQ !== search.q) {
    setShownQ(search.q);
    if (search.q === undefined && text.trim() !== '') setText('');
  }
  const applyText = useDebouncedCallback((value: string) => {
    const q = value.trim();
    onChange({ ...search, q: q === '' ? undefined : q });
  }, 300);

  const companyOptions = [
    { value: ALL, label: 'Toutes' },
    ...companies.map((company) => ({ value: company.id, label: company.name })),
  ];

  return (
    <Group
      align="flex-end"
      gap="md"
      wrap="wrap"
      role="search"
      aria-label="Filtrer les utilisateurs"
    >
      <DeferredSelect
        label="Société"
        data={companyOptions}
        value={search.companyId ?? ALL}
        onChange={(value) =>
          onChange({ ...search, companyId: !value || value === ALL ? undefined : value })
        }
        allowDeselect={false}
        w={{ base: '100%', xs: 240 }}
        comboboxProps={{ withinPortal: true }}
      />
      <DeferredSelect
        label="Statut"
        data={STATUS_OPTIONS}
        value={search.status ?? ALL}
        onChange={(value) =>
          onChange({
            ...search,
            status: USER_STATUSES.find((status) => status === value),
          })
        }
        allowDeselect={false}
        w={{ base: '100%', xs: 180 }}
      />
      <TextInput
        label="Rechercher"
        placeholder="Nom, e-mail ou cabinet"
        type="search"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          applyText(event.currentTarget.value);
        }}
        w={{ base: '100%', xs: 260 }}
      />
      {hasFilters(search) ? (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => {
            applyText.cancel();
            setText('');
            onChange({});
          }}
        >
          Effacer les filtres
        </Button>
      ) : null}
    </Group>
  );
}
