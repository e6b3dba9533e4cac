/**
 * Dispenses d'affiliation (issue 19): the cases in which an employee may refuse the mandatory
 * group health cover, the proof each needs, whether it must be renewed every year, when it ends,
 * and the 30-day reminder. Pure functions: the server applies them, the employee's form and the
 * employer's dialog show the same rules before anything is sent.
 *
 * Sources (Code de la sécurité sociale, versions in force in 2026):
 * - « de droit » (the employee may always ask, whatever the plan's founding act says):
 *   article L911-7 III (2nd paragraph) and L911-7-1 for the short fixed-term contracts and
 *   missions; article D911-2 (décret n° 2019-623 du 21 juin 2019) 1° complémentaire santé
 *   solidaire, 2° individual cover held at hiring, 3° cover « au titre d'un autre emploi »,
 *   including as a dependant, by one of the plans of its a) to e).
 * - « prévus par l'acte fondateur » (allowed only when the plan's founding act provides them; the
 *   back office sets, per contract, which ones it does): article R242-1-6, 2°: a) fixed-term
 *   contracts of 12 months or more with an individual cover, b) fixed-term contracts shorter than
 *   12 months, c) part-time employees and apprentices whose contribution would reach 10 % of
 *   their gross pay.
 *
 * Dates are calendar dates 'YYYY-MM-DD'; « today » is the day in Europe/Paris (todayIsoDate).
 */
import { addMonths, previousDay } from './radiation';
import { FIXED_TERM_CONTRACT_TYPES, isOneOf } from './enums';

/** Where a case comes from: always allowed, or only when the contract (its founding act) says so. */
export const DISPENSE_CASE_SOURCES = ['de_droit', 'founding_act'] as const;
export type DispenseCaseSource = (typeof DISPENSE_CASE_SOURCES)[number];

/**
 * When the justification ends:
 * - `justification_end`: the date the employee gives (the individual contract's due date, the end
 *   of the CSS right) — required;
 * - `employment_end`: the end of the fixed-term contract (the request's « Date de fin du contrat
 *   de travail »);
 * - `none`: no end of its own (renewed every year instead, or until the situation changes).
 */
export const DISPENSE_END_RULES = ['justification_end', 'employment_end', 'none'] as const;
export type DispenseEndRule = (typeof DISPENSE_END_RULES)[number];

/** The employment condition a case needs, checked against the affiliation request. */
export const DISPENSE_CONDITIONS = [
  'none',
  /** A fixed-term contract or mission of 3 months at most (L911-7-1). */
  'fixed_term_3_months_max',
  /** A fixed-term contract of 12 months or more (R242-1-6, 2° a). */
  'fixed_term_12_months_min',
  /** A fixed-term contract shorter than 12 months (R242-1-6, 2° b). */
  'fixed_term_under_12_months',
] as const;
export type DispenseCondition = (typeof DISPENSE_CONDITIONS)[number];

export interface DispenseCaseRule {
  code: string;
  /** The label the employee reads (first person, as the form asks). */
  label: string;
  /** The article, as cited on the request's PDF and in the register. */
  legalSource: string;
  source: DispenseCaseSource;
  condition: DispenseCondition;
  /** The proof to upload; null when the request alone suffices. */
  proof: string | null;
  /** The justification must be given again every year (a new proof, or the request renewed). */
  yearlyRenewal: boolean;
  endRule: DispenseEndRule;
  /** The type of the other plan is asked (D911-2 3° a to e). */
  asksOtherPlan: boolean;
}

export const DISPENSE_CASES = [
  {
    code: 'short_fixed_term',
    label:
      'Je suis en CDD ou en contrat de mission de 3 mois au plus et je bénéficie d’une couverture santé individuelle responsable',
    legalSource: 'CSS art. L911-7 III et L911-7-1',
    source: 'de_droit',
    condition: 'fixed_term_3_months_max',
    proof: 'Attestation de votre contrat santé individuel (contrat responsable)',
    yearlyRenewal: false,
    endRule: 'employment_end',
    asksOtherPlan: false,
  },
  {
    code: 'individual_cover',
    label:
      'Je suis déjà couvert(e) par un contrat santé individuel à mon embauche (jusqu’à son échéance)',
    legalSource: 'CSS art. D911-2, 2°',
    source: 'de_droit',
    condition: 'none',
    proof: 'Attestation de votre contrat individuel mentionnant sa date d’échéance',
    yearlyRenewal: false,
    endRule: 'justification_end',
    asksOtherPlan: false,
  },
  {
    code: 'css',
    label: 'Je bénéficie de la complémentaire santé solidaire (CSS)',
    legalSource: 'CSS art. D911-2, 1°',
    source: 'de_droit',
    condition: 'none',
    proof: 'Attestation de droits à la complémentaire santé solidaire',
    yearlyRenewal: false,
    endRule: 'justification_end',
    asksOtherPlan: false,
  },
  {
    code: 'other_plan_dependant',
    label:
      'Je suis couvert(e) en tant qu’ayant droit par le régime collectif obligatoire d’un proche',
    legalSource: 'CSS art. D911-2, 3°',
    source: 'de_droit',
    condition: 'none',
    proof: 'Attestation de l’autre régime, au nom de l’ayant droit, de l’année en cours',
    yearlyRenewal: true,
    endRule: 'none',
    asksOtherPlan: true,
  },
  {
    code: 'multi_employer',
    label:
      'Je suis déjà couvert(e) au titre d’un autre emploi (autre employeur, fonction publique, IEG…)',
    legalSource: 'CSS art. D911-2, 3°',
    source: 'de_droit',
    condition: 'none',
    proof: 'Attestation de l’autre régime obligatoire, de l’année en cours',
    yearlyRenewal: true,
    endRule: 'none',
    asksOtherPlan: true,
  },
  {
    code: 'long_fixed_term_individual_cover',
    label: 'Je suis en CDD de 12 mois ou plus et je bénéficie d’une couverture santé individuelle',
    legalSource: 'CSS art. R242-1-6, 2° a',
    source: 'founding_act',
    condition: 'fixed_term_12_months_min',
    proof: 'Attestation de votre contrat santé individuel',
    yearlyRenewal: true,
    endRule: 'employment_end',
    asksOtherPlan: false,
  },
  {
    code: 'short_fixed_term_no_cover',
    label: 'Je suis en CDD de moins de 12 mois',
    legalSource: 'CSS art. R242-1-6, 2° b',
    source: 'founding_act',
    condition: 'fixed_term_under_12_months',
    proof: null,
    yearlyRenewal: false,
    endRule: 'employment_end',
    asksOtherPlan: false,
  },
  {
    code: 'part_time_10_percent',
    label:
      'Je suis à temps partiel ou apprenti(e) et ma cotisation atteindrait au moins 10 % de ma rémunération brute',
    legalSource: 'CSS art. R242-1-6, 2° c',
    source: 'founding_act',
    condition: 'none',
    proof: null,
    yearlyRenewal: true,
    endRule: 'none',
    asksOtherPlan: false,
  },
] as const satisfies readonly DispenseCaseRule[];

export type DispenseCaseCode = (typeof DISPENSE_CASES)[number]['code'];
export const DISPENSE_CASE_CODES = DISPENSE_CASES.map((c) => c.code) as [
  DispenseCaseCode,
  ...DispenseCaseCode[],
];
/** The cases a contract may allow (R242-1-6): the « de droit » ones are always allowed. */
export const FOUNDING_ACT_CASE_CODES = DISPENSE_CASES.filter(
  (c) => c.source === 'founding_act',
).map((c) => c.code);

export function dispenseCase(code: DispenseCaseCode): DispenseCaseRule {
  const found = DISPENSE_CASES.find((c) => c.code === code);
  if (!found) throw new Error(`Unknown dispense case ${code}`);
  return found;
}
/** The case in a few words, for the register's column and its export (the label is a sentence). */
export const DISPENSE_CASE_SHORT_LABELS: Record<DispenseCaseCode, string> = {
  short_fixed_term: 'CDD ou mission de 3 mois au plus',
  individual_cover: 'Couverture individuelle en cours',
  css: 'Complémentaire santé solidaire',
  other_plan_dependant: 'Ayant droit d’un autre régime collectif',
  multi_employer: 'Couvert au titre d’un autre emploi',
  long_fixed_term_individual_cover: 'CDD de 12 mois ou plus, couverture individuelle',
  short_fixed_term_no_cover: 'CDD de moins de 12 mois',
  part_time_10_percent: 'Temps partiel ou apprenti, cotisation d’au moins 10 %',
};

/** The case's label; an unknown code as it is (old data). */
export function dispenseCaseLabel(code: string): string {
  return DISPENSE_CASES.find((c) => c.code === code)?.label ?? code;
}

/**
 * The plans of D911-2 3°, a) to e): the « type de régime » the employee names for the two cases
 * « couvert par un autre régime collectif obligatoire ».
 */
export const OTHER_PLAN_TYPES = [
  'company_group_plan',
  'public_service',
  'madelin',
  'alsace_moselle',
  'ieg',
] as const;
export type OtherPlanType = (typeof OTHER_PLAN_TYPES)[number];
export const OTHER_PLAN_TYPE_LABELS: Record<OtherPlanType, string> = {
  company_group_plan: 'Régime collectif et obligatoire d’entreprise (art. L242-1)',
  public_service: 'Fonction publique d’État ou territoriale (décrets 2007-1373 et 2011-1474)',
  madelin: 'Contrat d’assurance de groupe « Madelin » (loi n° 94-126)',
  alsace_moselle: 'Régime local d’Alsace-Moselle',
  ieg: 'Régime des industries électriques et gazières (CAMIEG)',
};

/**
 * The cases this contract allows: every « de droit » case, then the founding-act ones it lists
 * (`contracts.dispense_cases`, set in the back office). In the order of DISPENSE_CASES.
 */
export function allowedDispenseCases(
  contractCases: readonly string[],
): readonly DispenseCaseRule[] {
  return DISPENSE_CASES.filter((c) => c.source === 'de_droit' || contractCases.includes(c.code));
}

/** What the affiliation request says of the employment, for the cases' conditions. */
export interface DispenseEmployment {
  /** An EMPLOYMENT_CONTRACT_TYPES code (a string: the request stores it as text). */
  contractType: string;
  startDate: string;
  endDate: string | null;
}

function isFixedTerm(employment: DispenseEmployment): employment is DispenseEmployment & {
  endDate: string;
} {
  return isOneOf(FIXED_TERM_CONTRACT_TYPES, employment.contractType) && !!employment.endDate;
}

/**
 * Null when the employment meets the case's condition, else the French reason it does not. A
 * contract « de 3 mois au plus » ends at the latest the day before the same day 3 months later
 * (1 March → 31 May); « de 12 mois ou plus » ends at the earliest the day before 12 months later.
 */
export function dispenseConditionError(
  code: DispenseCaseCode,
  employment: DispenseEmployment,
): string | null {
  const rule = dispenseCase(code);
  if (rule.condition === 'none') return null;
  if (!isFixedTerm(employment))
    return 'Ce cas de dispense concerne uniquement les contrats à durée déterminée.';
  const lastDayOf = (months: number) => previousDay(addMonths(employment.startDate, months));
  switch (rule.condition) {
    case 'fixed_term_3_months_max':
      return employment.endDate <= lastDayOf(3)
        ? null
        : 'Ce cas concerne uniquement les contrats de 3 mois au plus.';
    case 'fixed_term_12_months_min':
      return employment.endDate >= lastDayOf(12)
        ? null
        : 'Ce cas concerne uniquement les contrats de 12 mois ou plus.';
    case 'fixed_term_under_12_months':
      return employment.endDate < lastDayOf(12)
        ? null
        : 'Ce cas concerne uniquement les contrats de moins de 12 mois.';
  }
}

/**
 * The last day the dispense is justified, or null when it has none of its own: the date the
 * employee gives (`justification_end`), or the end of the fixed-term contract.
 */
export function dispenseEndDate(
  code: DispenseCaseCode,
  input: { justificationEndDate: string | null; employmentEndDate: string | null },
): string | null {
  const rule = dispenseCase(code);
  if (rule.endRule === 'justification_end') return input.justificationEndDate;
  if (rule.endRule === 'employment_end') return input.employmentEndDate;
  return null;
}

/**
 * The day the yearly renewal is due, for a case that needs it: one year after the dispense took
 * effect (`effectiveDate`, the request's affiliation date), or after the previous due date when
 * it is renewed. Null for the cases without yearly renewal, and when the dispense ends before.
 */
export function renewalDueDate(
  code: DispenseCaseCode,
  from: string,
  endDate: string | null,
): string | null {
  if (!dispenseCase(code).yearlyRenewal) return null;
  const due = addMonths(from, 12);
  return endDate && endDate < due ? null : due;
}

/** Days before an end or a renewal date the employee and the employer are reminded. */
export const DISPENSE_REMINDER_DAYS = 30;

/**
 * The next deadline of a validated dispense: the renewal due date or the end, whichever comes
 * first; null when it has neither (it lasts while the situation does).
 */
export function nextDispenseDeadline(dispense: {
  endDate: string | null;
  renewalDueDate: string | null;
}): { date: string; kind: 'end' | 'renewal' } | null {
  const { endDate, renewalDueDate: due } = dispense;
  if (due && (!endDate || due < endDate)) return { date: due, kind: 'renewal' };
  if (endDate) return { date: endDate, kind: 'end' };
  return null;
}

/** The day from which the reminder of a deadline is sent: 30 days before it. */
export function reminderDay(deadline: string): string {
  const t = new Date(`${deadline}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - DISPENSE_REMINDER_DAYS);
  return t.toISOString().slice(0, 10);
}

/**
 * A validated dispense has expired when `today` is after its end date, or on or after its
 * renewal due date without a renewal validated (the proof of the year is missing).
 */
export function isDispenseExpired(
  dispense: { endDate: string | null; renewalDueDate: string | null },
  today: string,
): boolean {
  if (dispense.endDate && today > dispense.endDate) return true;
  return !!dispense.renewalDueDate && today >= dispense.renewalDueDate;
}

/**
 * Status of a dispense:
 *   requested → validated | refused
 *   validated → expired (not renewed in time: the employee must be affiliated) | renewed (a
 *   renewal validated replaces it) | ended (an affiliation of the person validated: they adhere
 *   after all)
 *   expired → ended (a new affiliation request for the person) | renewed (a renewal sent in
 *   time, validated after the expiry)
 * `cancelled` is kept for a request withdrawn before the insurer's decision (no route yet).
 */
export const DISPENSE_STATUSES = [
  'requested',
  'validated',
  'refused',
  'expired',
  'renewed',
  'ended',
  'cancelled',
] as const;
export type DispenseStatus = (typeof DISPENSE_STATUSES)[number];
export const DISPENSE_STATUS_LABELS: Record<DispenseStatus, string> = {
  requested: 'À vérifier par l’assureur',
  validated: 'Dispensé',
  refused: 'Refusée',
  expired: 'Expirée',
  renewed: 'Renouvelée',
  ended: 'Terminée',
  cancelled: 'Annulée',
};

/**
 * The register's view of a dispense (« Dispenses »): the status, or « À renouveler » for a
 * validated one whose next deadline is within 30 days.
 */
export const DISPENSE_REGISTER_STATES = [
  'requested',
  'valid',
  'renewal_due',
  'expired',
  'refused',
  'ended',
] as const;
export type DispenseRegisterState = (typeof DISPENSE_REGISTER_STATES)[number];
export const DISPENSE_REGISTER_STATE_LABELS: Record<DispenseRegisterState, string> = {
  requested: 'Dispense demandée',
  valid: 'Dispensé',
  renewal_due: 'À renouveler',
  expired: 'Expirée',
  refused: 'Refusée',
  ended: 'Terminée',
};

export function dispenseRegisterState(
  dispense: { status: DispenseStatus; endDate: string | null; renewalDueDate: string | null },
  today: string,
): DispenseRegisterState {
  switch (dispense.status) {
    case 'requested':
      return 'requested';
    case 'refused':
    case 'cancelled':
      return 'refused';
    case 'expired':
      return 'expired';
    case 'renewed':
    case 'ended':
      return 'ended';
    case 'validated': {
      if (isDispenseExpired(dispense, today)) return 'expired';
      const next = nextDispenseDeadline(dispense);
      return next && today >= reminderDay(next.date) ? 'renewal_due' : 'valid';
    }
  }
}

/** Who filled the request: the employee online, or the employer from a signed paper form. */
export const DISPENSE_ORIGINS = ['online', 'paper'] as const;
export type DispenseOrigin = (typeof DISPENSE_ORIGINS)[number];
export const DISPENSE_ORIGIN_LABELS: Record<DispenseOrigin, string> = {
  online: 'En ligne',
  paper: 'Papier',
};

/** Kinds of the dispense's files: the proofs, and the signed request (paper, or the PDF made). */
export const DISPENSE_FILE_KINDS = ['proof', 'signed_request'] as const;
export type DispenseFileKind = (typeof DISPENSE_FILE_KINDS)[number];
export const DISPENSE_FILE_KIND_LABELS: Record<DispenseFileKind, string> = {
  proof: 'Justificatif',
  signed_request: 'Demande de dispense signée',
};

/**
 * The sworn statement the employee checks, printed on the request's PDF with the date. The
 * employer's social-charge exemption rests on it (URSSAF: the request « doit comporter la
 * mention selon laquelle le salarié a été préalablement informé des conséquences de son choix »).
 */
export function swornStatement(input: { fullName: string; caseLabel: string }): string {
  return (
    `Je soussigné(e) ${input.fullName} demande à être dispensé(e) d’adhérer au régime collectif ` +
    `et obligatoire de complémentaire santé mis en place dans mon entreprise, au motif suivant : ` +
    `« ${input.caseLabel} ». Je certifie sur l’honneur l’exactitude de cette déclaration et des ` +
    `justificatifs fournis. J’ai été informé(e) que je ne bénéficierai pas des garanties du ` +
    `régime ni de la participation de mon employeur à son financement, et que je devrai en ` +
    `justifier de nouveau chaque fois que ce sera nécessaire, faute de quoi je serai affilié(e).`
  );
}
