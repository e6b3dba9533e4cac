import type { ProfessionalStatus } from '@affilia/shared/domain/enums';
import { isFixedTermContractType } from '@affilia/shared/domain/enums';
import type { AffiliationOptions, PreAffiliation } from '@affilia/shared/schemas/affiliations';
import { PreAffiliationSchema } from '@affilia/shared/schemas/affiliations';

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

export type ParseResult =
  { ok: true; value: PreAffiliation } | { ok: false; errors: Record<string, string> };

/**
 * Checks the wizard with the shared schema (the one of the API route). The errors are keyed by
 * field (`nir`, `employmentEndDate`…), the first message of a field wins.
 */
export function parsePreAffiliation(
  setup: SetupValues,
  employee: EmployeeValues,
  confirmNirWarning = false,
): ParseResult {
  const result = PreAffiliationSchema.safeParse(
    toPreAffiliationInput(setup, employee, confirmNirWarning),
  );
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    if (key && !(key in errors)) errors[key] = issue.message;
  }
  return { ok: false, errors };
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
export type EstablishmentContract = NonNullable<Establishment['contracts']['cadre']>;

/** The contract the establishment's company has for the collège, or null. */
export function contractFor(
  establishment: Establishment | undefined,
  status: ProfessionalStatus | '',
): EstablishmentContract | null {
  if (!establishment || status === '') return null;
  return establishment.contracts[status];
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
