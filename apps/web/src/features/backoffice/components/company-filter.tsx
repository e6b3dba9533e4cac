import { useState } from 'react';
import { DeferredSelect } from '../../../components/deferred-select';
import { chosenCompanyLabel, useCompanySelect } from './company-select';

/**
 * « Entreprise » of a back-office list's filters: a search among the companies of the
 * « Référentiel », optional; the list of companies and the select's code load when the person
 * reaches for the field (DeferredSelect).
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
  // The companies are asked for once the person is in the field.
  const [wanted, setWanted] = useState(false);
  const { selectProps } = useCompanySelect({
    value,
    onChange,
    chosen: value
      ? {
          value,
          label:
            chosenCompanyLabel(value) ??
            (current?.id === value ? current.name : 'Entreprise choisie'),
        }
      : null,
    searchFromChosen: false,
    enabled: wanted,
  });
  return (
    <DeferredSelect
      label="Entreprise"
      placeholder="Toutes les entreprises"
      onFocus={() => setWanted(true)}
      {...selectProps}
    />
  );
}
