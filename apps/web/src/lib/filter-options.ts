import type { AffiliationOptions } from '@affilia/shared/schemas/affiliations';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';

/*
 * The choices of a list's filter bar (« Mes salariés », « Suivi des demandes », « Dispenses »):
 * « Tous » for no filter, and the places of the perimeter.
 */

/** The « Tous » choice of a select (no filter). */
export const ALL = 'all';

/** A select's value as a filter: « Tous » (or nothing) is no filter. */
export const fromSelect = (value: string | null) => (!value || value === ALL ? undefined : value);

export interface Option {
  value: string;
  label: string;
}

/**
 * The choices of « SIREN » and « SIRET / Établissement » (those of the chosen company), each
 * with « Tous » first; a SIREN or an establishment from a shared address that the perimeter does
 * not offer stays shown.
 */
export function placeOptions(
  establishments: AffiliationOptions['establishments'],
  values: { siren?: string; establishmentId?: string },
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

/**
 * Another company chosen in « SIREN »: the establishment chosen stays only when it is one of that
 * company's.
 */
export function withSiren(
  establishments: AffiliationOptions['establishments'],
  values: { establishmentId?: string },
  siren: string | undefined,
): { siren: string | undefined; establishmentId: string | undefined } {
  const kept = establishments.find((e) => e.id === values.establishmentId);
  return {
    siren,
    establishmentId:
      kept && (!siren || kept.company.siren === siren) ? values.establishmentId : undefined,
  };
}
