import type { Portability, RadiationMotif } from '@affilia/shared/domain/radiation';
import {
  PORTABILITY_REFUSAL_LABELS,
  RADIATION_MOTIFS,
  computePortability,
  evinDeadline,
  evinOffered,
  radiationMotif,
} from '@affilia/shared/domain/radiation';
import type {
  RadiationCreateInput,
  RadiationDetail,
  RadiationPrefill,
} from '@affilia/shared/schemas/radiations';
import { formatIsoDate } from './member-format';

/*
 * The rules of the « Radier » forms (issue 18), apart from their look: the values start from the
 * server's prefill (or a returned radiation), the motif pre-answers « ouvre droit à l’assurance
 * chômage », the last contract ends on the end of the contract of employment, and the
 * portability and the loi Évin offer are computed as the server will, before confirming.
 */

export interface PeriodValues {
  start: string;
  end: string;
}

/** What every radiation asks, one member or several. */
export interface RadiationCommonValues {
  contractEndDate: string;
  motif: RadiationMotif | '';
  /** null until answered (the motif pre-answers it). */
  unemploymentRights: boolean | null;
  disabilityPension: boolean;
  comment: string;
}

/** One member: the contracts, the contact for the notice. */
export interface RadiationFormValues extends RadiationCommonValues {
  /** The last contract first (its end is `contractEndDate`), then the previous ones. */
  employmentPeriods: PeriodValues[];
  contactEmail: string;
  contactAddress: string;
}

/** The motifs as a Select's choices. */
export const MOTIF_OPTIONS = RADIATION_MOTIFS.map((m) => ({ value: m.code, label: m.label }));

export function isMotif(value: string | null | undefined): value is RadiationMotif {
  return RADIATION_MOTIFS.some((m) => m.code === value);
}

export const EMPTY_COMMON_VALUES: RadiationCommonValues = {
  contractEndDate: '',
  motif: '',
  unemploymentRights: null,
  disabilityPension: false,
  comment: '',
};

/** The form of a new radiation from the prefill, or of a returned one to correct. */
export function initialRadiationValues(
  prefill: RadiationPrefill,
  existing?: RadiationDetail | null,
): RadiationFormValues {
  if (existing) {
    const periods = [...existing.employmentPeriods].sort((a, b) => (a.end < b.end ? 1 : -1));
    return {
      contractEndDate: existing.contractEndDate,
      motif: existing.motif,
      unemploymentRights: existing.unemploymentRights,
      disabilityPension: existing.disabilityPension,
      comment: existing.comment ?? '',
      employmentPeriods: periods.length > 0 ? periods : [{ start: '', end: '' }],
      contactEmail: existing.contactEmail ?? '',
      contactAddress: existing.contactAddress ?? '',
    };
  }
  return {
    ...EMPTY_COMMON_VALUES,
    employmentPeriods: [
      { start: prefill.employmentStartDate ?? prefill.coverageEffectiveDate ?? '', end: '' },
    ],
    contactEmail: prefill.member.email ?? '',
    contactAddress: '',
  };
}

/** Another motif pre-answers « La rupture ouvre droit à l’assurance chômage » (editable). */
export function withMotif<V extends RadiationCommonValues>(values: V, motif: string | null): V {
  if (!isMotif(motif)) return { ...values, motif: '', unemploymentRights: null };
  return { ...values, motif, unemploymentRights: radiationMotif(motif).unemployment };
}

/** The end of the contract of employment is the end of the last contract. */
export function withContractEndDate(
  values: RadiationFormValues,
  contractEndDate: string,
): RadiationFormValues {
  const [last, ...previous] = values.employmentPeriods;
  return {
    ...values,
    contractEndDate,
    employmentPeriods: [{ start: last?.start ?? '', end: contractEndDate }, ...previous],
  };
}

/** What the API receives (the shared schema checks it on both sides). */
export function toRadiationInput(
  memberId: string,
  values: RadiationFormValues,
): RadiationCreateInput {
  const [last, ...previous] = values.employmentPeriods;
  return {
    memberId,
    contractEndDate: values.contractEndDate,
    motif: values.motif as RadiationMotif,
    unemploymentRights: values.unemploymentRights as boolean,
    disabilityPension: values.disabilityPension,
    comment: values.comment,
    employmentPeriods: [
      { start: last?.start ?? '', end: values.contractEndDate },
      ...previous.map((p) => ({ start: p.start, end: p.end })),
    ],
    contactEmail: values.contactEmail,
    contactAddress: values.contactAddress,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** No end of contract before the coverage's date d'effet (the server says the same). */
export function endBeforeCoverageError(
  contractEndDate: string,
  coverageEffectiveDate: string | null | undefined,
): string | null {
  if (!coverageEffectiveDate || !ISO_DATE.test(contractEndDate)) return null;
  return contractEndDate < coverageEffectiveDate
    ? `La fin du contrat ne peut pas précéder la date d’effet de la couverture (${formatIsoDate(coverageEffectiveDate)})`
    : null;
}

/** The portability the values give, or null while they are not complete enough. */
export function portabilityPreview(values: RadiationFormValues): Portability | null {
  if (!isMotif(values.motif) || values.unemploymentRights === null) return null;
  const periods = values.employmentPeriods.map((p, index) => ({
    start: p.start,
    end: index === 0 ? values.contractEndDate : p.end,
  }));
  const needsPeriods = values.motif !== 'deces' && values.unemploymentRights;
  if (
    needsPeriods &&
    !periods.every((p) => ISO_DATE.test(p.start) && ISO_DATE.test(p.end) && p.start <= p.end)
  )
    return null;
  return computePortability({
    motif: values.motif,
    unemploymentRights: values.unemploymentRights,
    periods,
  });
}

/**
 * Several members at once (one date and motif, each their own contracts): whether they keep a
 * portability, and why not — its length is each one's. Null while the motif is not answered.
 */
export function bulkPortabilitySentence(values: RadiationCommonValues): string | null {
  if (!isMotif(values.motif) || values.unemploymentRights === null) return null;
  const day = '2000-01-01';
  const portability = computePortability({
    motif: values.motif,
    unemploymentRights: values.unemploymentRights,
    periods: [{ start: day, end: day }],
  });
  return portability.eligible
    ? 'Portabilité : la durée du dernier contrat de chaque salarié, arrondie au mois supérieur (12 mois au plus)'
    : portabilitySentence(portability);
}

/** « 8 mois, jusqu’au 12/04/2027 », « 1 mois, … ». */
export function portabilityDuration(portability: { months: number; end: string }): string {
  return `${portability.months} mois, jusqu’au ${formatIsoDate(portability.end)}`;
}

/** « Portabilité : 8 mois, jusqu’au 12/04/2027 » or why there is none. */
export function portabilitySentence(portability: Portability): string {
  return portability.eligible
    ? `Portabilité : ${portabilityDuration(portability)}`
    : `Pas de portabilité : ${PORTABILITY_REFUSAL_LABELS[portability.reason]}`;
}

/** The loi Évin offer the notice will make, or null when none. */
export function evinSentence(input: {
  motif: RadiationMotif;
  unemploymentRights: boolean;
  disabilityPension: boolean;
  contractEndDate: string;
  portability: Portability | null;
}): string | null {
  if (!evinOffered(input)) return null;
  if (!ISO_DATE.test(input.contractEndDate))
    return 'Maintien individuel (loi Évin) : proposé dans la notice, à demander dans les 6 mois.';
  const deadline = evinDeadline(
    input.contractEndDate,
    input.portability?.eligible ? input.portability.end : null,
  );
  return `Maintien individuel (loi Évin) : proposé dans la notice, à demander au plus tard le ${formatIsoDate(deadline)}.`;
}
