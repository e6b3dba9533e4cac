/**
 * The rules of a pré-affiliation that depend on the insurer's settings and the company's
 * contracts, shared by the wizard and `POST /api/affiliations` (issue 14 #26): the form runs them
 * first and says what the server would answer, without a round trip.
 */
import { formatFrenchDate } from '../validators/dates';
import { nirBirthDateWarning, parseNir } from '../validators/nir';
import type { ProfessionalStatus, StaffCategory } from './enums';
import { PROFESSIONAL_STATUS_LABELS } from './enums';

/** A health contract as the choice of a collège reads it (calendar dates, end included). */
export interface ContractPeriod {
  staffCategory: StaffCategory;
  startDate: string;
  endDate: string | null;
}

/**
 * The health contract of a collège: the company's contracts of that staff category, or for the
 * whole staff ('all'), still running on `onDate` (a calendar date). The exact collège first, then
 * the latest start. Undefined when there is none.
 */
export function pickContract<T extends ContractPeriod>(
  contracts: readonly T[],
  professionalStatus: ProfessionalStatus,
  onDate: string,
): T | undefined {
  const running = contracts.filter(
    (c) =>
      (c.staffCategory === professionalStatus || c.staffCategory === 'all') &&
      (c.endDate === null || c.endDate >= onDate),
  );
  const rank = (c: T) => (c.staffCategory === professionalStatus ? 0 : 1);
  return [...running].sort(
    (a, b) => rank(a) - rank(b) || b.startDate.localeCompare(a.startDate),
  )[0];
}

export type AffiliationContractResult<T> =
  | { ok: true; contract: T }
  | {
      ok: false;
      code: 'no_contract';
      message: string;
      fields: { professionalStatus: string };
    }
  | { ok: false; code: 'validation_error'; fields: { affiliationDate: string } };

/** The contract of a request on its affiliation date, or the server's refusal. */
export function contractOnAffiliationDate<T extends ContractPeriod>(
  contracts: readonly T[],
  professionalStatus: ProfessionalStatus,
  affiliationDate: string,
): AffiliationContractResult<T> {
  const contract = pickContract(contracts, professionalStatus, affiliationDate);
  if (!contract) {
    return {
      ok: false,
      code: 'no_contract',
      message: `Aucun contrat Frais de Santé de l'entreprise ne couvre le collège « ${PROFESSIONAL_STATUS_LABELS[professionalStatus]} » à cette date d'affiliation.`,
      fields: { professionalStatus: 'Aucun contrat Frais de Santé pour ce statut à cette date' },
    };
  }
  if (affiliationDate < contract.startDate) {
    return {
      ok: false,
      code: 'validation_error',
      fields: {
        affiliationDate: `La date d'affiliation ne peut pas être antérieure au début du contrat Frais de Santé (${formatFrenchDate(contract.startDate)})`,
      },
    };
  }
  return { ok: true, contract };
}

export type PreAffiliationNirResult =
  | {
      ok: true;
      /** The 13 characters. */
      value: string;
      temporary: boolean;
      /** The NIR / birth date mismatch the user confirms (`confirmNirWarning`), or null. */
      warning: string | null;
    }
  | { ok: false; error: string };

/**
 * The NIR of a request with the insurer's setting (temporary numbers allowed or not) and its
 * agreement with the birth date (`YYYY-MM-DD`).
 */
export function checkPreAffiliationNir(
  input: string,
  birthDate: string,
  settings: { allowTemporaryNir: boolean },
): PreAffiliationNirResult {
  const nir = parseNir(input, { allowTemporary: settings.allowTemporaryNir });
  if (!nir.ok) return nir;
  const mismatch = nir.temporary ? null : nirBirthDateWarning(nir.value, birthDate);
  return {
    ok: true,
    value: nir.value,
    temporary: nir.temporary,
    warning: mismatch
      ? `${mismatch}. Vérifiez le numéro et la date, ou confirmez qu'ils sont exacts.`
      : null,
  };
}
