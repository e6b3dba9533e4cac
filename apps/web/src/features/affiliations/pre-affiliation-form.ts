import type { ProfessionalStatus } from '@affilia/shared/domain/enums';
import {
  PROFESSIONAL_STATUSES,
  isFixedTermContractType,
  isOneOf,
} from '@affilia/shared/domain/enums';
import type { DispensePreAffiliation } from '@affilia/shared/schemas/dispenses';
import type { AffiliationOptions, PreAffiliation } from '@affilia/shared/schemas/affiliations';
import { PreAffiliationSchema } from '@affilia/shared/schemas/affiliations';
import {
  checkPreAffiliationNir,
  contractOnAffiliationDate,
  pickContract,
} from '@affilia/shared/domain/pre-affiliation';

/* The values of the « Pré-affiliation » wizard, and their check by the shared schema. */

/** Step 1: « Etablissement et statut professionnel ». */
export interface SetupValues {
  establishmentId: string;
  professionalStatus: ProfessionalStatus | '';
}

/** Step 2: « Pré-affiliation du salarié », as the form holds them (text). */
export interface EmployeeValues {
  alreadyAffiliated: '' | 'yes' | 'no';
  lastName: string;
  firstName: string;
  email: string;
  nir: string;
  birthDate: string;
  hireDate: string;
  affiliationDate: string;
  employmentContractType: string;
  employmentStartDate: string;
  employmentEndDate: string;
  positionInCompany: string;
}

export const EMPTY_SETUP: SetupValues = { establishmentId: '', professionalStatus: '' };

export const EMPTY_EMPLOYEE: EmployeeValues = {
  alreadyAffiliated: '',
  lastName: '',
  firstName: '',
  email: '',
  nir: '',
  birthDate: '',
  hireDate: '',
  affiliationDate: '',
  employmentContractType: '',
  employmentStartDate: '',
  employmentEndDate: '',
  positionInCompany: '',
};

export const EMPLOYEE_FIELDS = Object.keys(EMPTY_EMPLOYEE) as (keyof EmployeeValues)[];

/**
 * « Affilier » an employee whose dispense expired (issue 19): the wizard starts from the values of
 * the request they had been dispensed on (GET /api/dispenses/:id/pre-affiliation).
 */
export function prefillFromDispense(v: DispensePreAffiliation): {
  setup: SetupValues;
  employee: EmployeeValues;
} {
  return {
    setup: {
      establishmentId: v.establishmentId,
      professionalStatus: isOneOf(PROFESSIONAL_STATUSES, v.professionalStatus)
        ? v.professionalStatus
        : '',
    },
    employee: {
      alreadyAffiliated: 'no',
      lastName: v.lastName,
      firstName: v.firstName,
      email: v.email ?? '',
      nir: v.nir,
      birthDate: v.birthDate,
      hireDate: v.hireDate,
      affiliationDate: v.affiliationDate,
      employmentContractType: v.employmentContractType,
      employmentStartDate: v.employmentStartDate,
      employmentEndDate: v.employmentEndDate ?? '',
      positionInCompany: v.positionInCompany ?? '',
    },
  };
}

/** « Date de fin du contrat de travail » is asked for fixed-term contracts only. */
export function needsEndDate(contractType: string): boolean {
  return contractType !== '' && isFixedTermContractType(contractType);
}

/** The body of `POST /api/affiliations` before the schema reads it. */
export function toPreAffiliationInput(
  setup: SetupValues,
  employee: EmployeeValues,
  confirmNirWarning = false,
): Record<string, unknown> {
  return {
    establishmentId: setup.establishmentId,
    professionalStatus: setup.professionalStatus || undefined,
    alreadyAffiliated:
      employee.alreadyAffiliated === '' ? undefined : employee.alreadyAffiliated === 'yes',
    lastName: employee.lastName,
    firstName: employee.firstName,
    email: employee.email.trim(),
    nir: employee.nir,
    birthDate: employee.birthDate,
    hireDate: employee.hireDate,
    affiliationDate: employee.affiliationDate,
    employmentContractType: employee.employmentContractType || undefined,
    employmentStartDate: employee.employmentStartDate,
    employmentEndDate: needsEndDate(employee.employmentContractType)
      ? employee.employmentEndDate
      : '',
    positionInCompany: employee.positionInCompany,
    ...(confirmNirWarning ? { confirmNirWarning: true } : {}),
  };
}

/** What the server checks beyond the schema: the insurer's setting, the company's contracts. */
export interface WizardRules {
  allowTemporaryNir: boolean;
  establishment: Establishment | undefined;
}

export type ParseResult =
  | {
      ok: true;
      value: PreAffiliation;
      /** The NIR / birth date mismatch to confirm before sending (null without rules). */
      warning: string | null;
      /** The contract of the affiliation date (undefined without rules). */
      contract?: EstablishmentContract;
    }
  | { ok: false; errors: Record<string, string> };

/**
 * Checks the wizard with the shared schema (the one of the API route), then, with `rules`, with
 * the server's own checks (shared domain/pre-affiliation.ts, issue 14 #26): a temporary NIR the
 * insurer refuses, the contract on the affiliation date, the NIR / birth date warning. The errors
 * are keyed by field (`nir`, `employmentEndDate`…), the first message of a field wins.
 */
export function parsePreAffiliation(
  setup: SetupValues,
  employee: EmployeeValues,
  confirmNirWarning = false,
  rules?: WizardRules,
): ParseResult {
  const result = PreAffiliationSchema.safeParse(
    toPreAffiliationInput(setup, employee, confirmNirWarning),
  );
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.length > 0 ? String(issue.path[0]) : '';
      if (key && !(key in errors)) errors[key] = issue.message;
    }
  }
  if (!rules)
    return result.success ? { ok: true, value: result.data, warning: null } : { ok: false, errors };

  const nir = checkPreAffiliationNir(employee.nir, employee.birthDate, rules);
  if (!nir.ok && !errors.nir) errors.nir = nir.error;
  let contract: EstablishmentContract | undefined;
  if (setup.professionalStatus !== '' && rules.establishment && !errors.affiliationDate) {
    const picked = contractOnAffiliationDate(
      rules.establishment.contracts,
      setup.professionalStatus,
      employee.affiliationDate,
    );
    // « Aucun contrat… à cette date »: the affiliation date is what this step can change.
    if (!picked.ok) {
      errors.affiliationDate =
        picked.code === 'no_contract' ? picked.message : picked.fields.affiliationDate;
    } else contract = picked.contract;
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: result.data, warning: nir.ok ? nir.warning : null, contract };
}

/** The errors of step 2's fields only (step 1 was checked on its own). */
export function employeeErrors(errors: Record<string, string>): Record<string, string> {
  const own: Record<string, string> = {};
  for (const field of EMPLOYEE_FIELDS) {
    const message = errors[field];
    if (message) own[field] = message;
  }
  return own;
}

export type Establishment = AffiliationOptions['establishments'][number];
export type EstablishmentContract = Establishment['contracts'][number];

/**
 * The contract of the collège on a date (the affiliation date, or today before it is known), by
 * the server's rule; null when there is none.
 */
export function contractFor(
  establishment: Establishment | undefined,
  status: ProfessionalStatus | '',
  onDate: string,
): EstablishmentContract | null {
  if (!establishment || status === '') return null;
  return pickContract(establishment.contracts, status, onDate) ?? null;
}

/** The errors of step 1, before going on. */
export function setupErrors(
  setup: SetupValues,
  establishment: Establishment | undefined,
): Partial<Record<keyof SetupValues, string>> {
  const errors: Partial<Record<keyof SetupValues, string>> = {};
  if (!establishment) errors.establishmentId = 'Choisissez l’établissement du salarié';
  if (setup.professionalStatus === '')
    errors.professionalStatus = 'Choisissez le statut professionnel';
  return errors;
}
