import { useId, useState } from 'react';
import { Button, Grid, Group, Paper, TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import {
  AUDIT_ACTION_FAMILIES,
  AUDIT_ACTION_LABELS,
  auditActionLabel,
} from '@affilia/shared/domain/audit';
import { DateField } from '../../../components/date-field';
import { IconSearch } from '@tabler/icons-react';
import type { AuditFilterValues } from '../audit-search';

const EMPTY = { actor: '', company: '', action: '', from: '', to: '' };
type Values = typeof EMPTY;

function toValues(filters: AuditFilterValues): Values {
  return {
    actor: filters.actor ?? '',
    company: filters.company ?? '',
    action: filters.action ?? '',
    from: filters.from ?? '',
    to: filters.to ?? '',
  };
}

const byLabel = (a: { label: string }, b: { label: string }) =>
  a.label.localeCompare(b.label, 'fr');

/** The action filter's choices in French: families (a code's beginning), then each action. */
function actionOptions(current: string) {
  const families = Object.entries(AUDIT_ACTION_FAMILIES)
    .map(([value, label]) => ({ value, label: `${label} (toutes)` }))
    .sort(byLabel);
  const actions = Object.entries(AUDIT_ACTION_LABELS)
    .map(([value, label]) => ({ value, label }))
    .sort(byLabel);
  // A beginning typed in the address before: kept, shown by its code.
  const known =
    current === '' || current in AUDIT_ACTION_FAMILIES || current in AUDIT_ACTION_LABELS;
  return [
    ...(known
      ? []
      : [{ group: 'Autre', items: [{ value: current, label: auditActionLabel(current) }] }]),
    { group: 'Familles', items: families },
    { group: 'Actions', items: actions },
  ];
}

/**
 * The filters of the log; they apply on « Rechercher » (and live in the address). Render it with
 * a `key` made of the address's filters, so that back and forward in the browser show them.
 */
export function AuditFilters({
  filters,
  onSearch,
  onReset,
}: {
  filters: AuditFilterValues;
  onSearch: (filters: AuditFilterValues) => void;
  onReset: () => void;
}) {
  const formId = useId();
  const [values, setValues] = useState<Values>(() => toValues(filters));
  const [dateError, setDateError] = useState<string | null>(null);

  const set = (field: keyof Values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    if (field === 'from' || field === 'to') setDateError(null);
  };

  const setDate = (field: 'from' | 'to') => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setDateError(null);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (values.from && values.to && values.from > values.to) {
      setDateError('La date de fin est avant la date de début');
      return;
    }
    onSearch(values);
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form id={formId} onSubmit={submit} noValidate role="search" aria-label="Filtrer le journal">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput
              label="Acteur"
              description="E-mail ou identifiant"
              value={values.actor}
              onChange={set('actor')}
              maxLength={254}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput
              label="Entreprise"
              description="SIREN ou identifiant"
              value={values.company}
              onChange={set('company')}
              maxLength={64}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, lg: 2 }}>
            <DeferredSelect
              label="Action"
              placeholder="Toutes"
              searchable
              clearable
              data={actionOptions(values.action)}
              value={values.action || null}
              onChange={(action) => setValues((v) => ({ ...v, action: action ?? '' }))}
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
            <DateField
              label="Du"
              description="Heure de Paris"
              value={values.from}
              onChange={setDate('from')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
            <DateField
              label="Au"
              description="Inclus"
              value={values.to}
              onChange={setDate('to')}
              error={dateError}
            />
          </Grid.Col>
        </Grid>
        <Group mt="md" gap="sm">
          <Button type="submit" leftSection={<IconSearch size={18} aria-hidden />}>
            Rechercher
          </Button>
          <Button
            variant="subtle"
            onClick={() => {
              setValues(EMPTY);
              setDateError(null);
              onReset();
            }}
          >
            Effacer les filtres
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
