import { TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { isApiError } from '../../../lib/api';
import { useCompanySelect } from './company-select';

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
  const { companies, selectProps } = useCompanySelect({
    value,
    onChange,
    chosen: current && current.id === value ? { value: current.id, label: current.name } : null,
    searchFromChosen: true,
    enabled: true,
  });

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

  return (
    <DeferredSelect
      label="Entreprise"
      description="Recherchez par nom, SIREN ou identifiant entreprise"
      placeholder="Rechercher une entreprise…"
      required
      {...selectProps}
      error={error}
    />
  );
}
