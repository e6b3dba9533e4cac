/**
 * The dispense branch of the employee's form (issue 19): its values, the checks made before
 * anything is sent (the server makes them again, with the contract and the employment), and what
 * a screen shows of the dispense already asked.
 */
import {
  OTHER_PLAN_TYPES,
  nextDispenseDeadline,
  type DispenseCaseCode,
  type OtherPlanType,
} from '@affilia/shared/domain/dispense';
import { isOneOf } from '@affilia/shared/domain/enums';
import type { DispenseCaseOption, DispenseSummary } from '@affilia/shared/schemas/dispenses';
import type { DispenseSubmitInput } from './api/use-dispense';
import type { EnrolmentForm } from './api/use-enrolment';

export interface DispenseValues {
  caseCode: DispenseCaseCode | '';
  otherPlanType: OtherPlanType | '';
  /** ISO date, '' while empty. */
  justificationEndDate: string;
  sworn: boolean;
}

/** The label of the end date the employee gives, per case. */
const END_DATE_LABELS: Partial<Record<DispenseCaseCode, string>> = {
  individual_cover: 'Date d’échéance de votre contrat individuel',
  css: 'Date de fin de vos droits à la CSS',
};
export function endDateLabel(code: DispenseCaseCode): string {
  return END_DATE_LABELS[code] ?? 'Date de fin de votre couverture actuelle';
}

/** The values to start from: the case of the dispense asked before (refused, or to renew). */
export function initialDispenseValues(current: DispenseSummary | null): DispenseValues {
  return {
    caseCode: current?.caseCode ?? '',
    otherPlanType: current?.otherPlanType ?? '',
    justificationEndDate: '',
    sworn: false,
  };
}

/** The case chosen, if it is one the form offers and the employment fits. */
export function chosenCase(
  cases: readonly DispenseCaseOption[],
  code: string,
): DispenseCaseOption | null {
  return cases.find((c) => c.code === code && c.conditionError === null) ?? null;
}

/** The errors of the values before sending, per field (the API's field names). */
export function validateDispense(
  values: DispenseValues,
  cases: readonly DispenseCaseOption[],
  proofCount: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const rule = chosenCase(cases, values.caseCode);
  if (!rule) {
    errors.caseCode = 'Choisissez le cas de dispense';
    return errors;
  }
  if (rule.asksOtherPlan && !values.otherPlanType)
    errors.otherPlanType = 'Choisissez le type de régime';
  if (rule.endRule === 'justification_end' && !values.justificationEndDate)
    errors.justificationEndDate = 'Indiquez la date de fin de votre couverture actuelle';
  if (rule.proof && proofCount === 0) errors.proofs = 'Joignez le justificatif demandé';
  if (!values.sworn) errors.sworn = 'Cochez la déclaration sur l’honneur pour continuer';
  return errors;
}

/** The body of « Envoyer ma demande de dispense », for the case chosen (values checked first). */
export function toDispenseSubmit(
  values: DispenseValues,
  rule: DispenseCaseOption,
): DispenseSubmitInput {
  return {
    caseCode: rule.code,
    otherPlanType:
      rule.asksOtherPlan && isOneOf(OTHER_PLAN_TYPES, values.otherPlanType)
        ? values.otherPlanType
        : null,
    justificationEndDate:
      rule.endRule === 'justification_end' && values.justificationEndDate
        ? values.justificationEndDate
        : null,
    sworn: values.sworn as true,
  };
}

/**
 * The form was returned to the employee because the insurer refused their first request of
 * dispense (not a BIA returned): the refusal's reason is shown, not the return's.
 */
export function refusedDispense(data: EnrolmentForm): DispenseSummary | null {
  const current = data.dispense.current;
  return data.status === 'returned' &&
    current?.status === 'refused' &&
    !current.isRenewal &&
    data.returnReason === current.refusalReason
    ? current
    : null;
}

/**
 * The renewal screen's state: the deadline of the dispense in force, a renewal waiting for the
 * insurer, or a renewal refused with its reason (to send again until the link expires).
 */
export type RenewalState =
  | { kind: 'due'; deadline: { date: string; kind: 'end' | 'renewal' } | null }
  | { kind: 'waiting' }
  | { kind: 'refused'; reason: string | null };

export function renewalState(current: DispenseSummary | null): RenewalState {
  if (current?.isRenewal && current.status === 'requested') return { kind: 'waiting' };
  if (current?.isRenewal && current.status === 'refused')
    return { kind: 'refused', reason: current.refusalReason };
  return { kind: 'due', deadline: current ? nextDispenseDeadline(current) : null };
}
