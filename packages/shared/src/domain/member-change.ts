/**
 * The member's life after enrolment (issue 20): the changes an employer declares for an insured
 * employee, each a request the insurer validates or returns, and the certificates' periods.
 * Pure rules, shared by the API, the back office and the forms; dates are ISO days (`YYYY-MM-DD`)
 * in Europe/Paris, compared as strings.
 *
 * These are the plan's rules (the contract signed by the employer and the insurer), not the law:
 * the law (CSS art. L911-7, the DUE or the collective agreement) makes the cover collective and
 * mandatory; when a change takes effect and which proof it needs are the contract's terms. The
 * defaults below are the common terms of group health contracts, set per contract where they
 * vary (`contracts.option_change_min_months`).
 */
import type { BeneficiaryType, ProfessionalStatus, StaffCategory } from './enums';
import { addMonths, nextDay, previousDay } from './radiation';

/** The kinds of change, each its own type in « Suivi des demandes ». */
export const MEMBER_CHANGE_KINDS = [
  'professional_status',
  'establishment',
  'option',
  'beneficiary',
] as const;
export type MemberChangeKind = (typeof MEMBER_CHANGE_KINDS)[number];
export const MEMBER_CHANGE_KIND_LABELS: Record<MemberChangeKind, string> = {
  professional_status: 'Changement de statut professionnel',
  establishment: 'Changement d’établissement',
  option: 'Changement d’option',
  beneficiary: 'Bénéficiaires',
};

/**
 * sent → validated | returned; returned → sent (corrected by the employer) | cancelled;
 * sent → cancelled (withdrawn by the employer before the insurer acts).
 */
export const MEMBER_CHANGE_STATUSES = ['sent', 'validated', 'returned', 'cancelled'] as const;
export type MemberChangeStatus = (typeof MEMBER_CHANGE_STATUSES)[number];
export const MEMBER_CHANGE_STATUS_LABELS: Record<MemberChangeStatus, string> = {
  sent: 'Envoyée à l’assureur',
  validated: 'Validée',
  returned: 'Retournée à l’employeur',
  cancelled: 'Annulée',
};
const TRANSITIONS: Record<MemberChangeStatus, readonly MemberChangeStatus[]> = {
  sent: ['validated', 'returned', 'cancelled'],
  returned: ['sent', 'cancelled'],
  validated: [],
  cancelled: [],
};
export function canMoveMemberChange(from: MemberChangeStatus, to: MemberChangeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
/** Who declared a change: the employer, or the employee through their beneficiaries link. */
export const MEMBER_CHANGE_DECLARANTS = ['employer', 'employee'] as const;
export type MemberChangeDeclarant = (typeof MEMBER_CHANGE_DECLARANTS)[number];
export const MEMBER_CHANGE_DECLARANT_LABELS: Record<MemberChangeDeclarant, string> = {
  employer: 'L’employeur',
  employee: 'Le salarié (par le lien envoyé par l’employeur)',
};

/** A change waiting for someone: the insurer (sent) or the employer (returned). */
export function memberChangePending(status: MemberChangeStatus): boolean {
  return status === 'sent' || status === 'returned';
}

// ---------------------------------------------------------------------------------------------
// Beneficiaries

/** What a beneficiary change does. */
export const BENEFICIARY_ACTIONS = ['add', 'remove', 'correct'] as const;
export type BeneficiaryAction = (typeof BENEFICIARY_ACTIONS)[number];
export const BENEFICIARY_ACTION_LABELS: Record<BeneficiaryAction, string> = {
  add: 'Ajouter un bénéficiaire',
  remove: 'Retirer un bénéficiaire',
  correct: 'Corriger un bénéficiaire',
};

/**
 * The events that open a beneficiary's cover, the beneficiary they give and the proof the
 * insurer asks for (the usual « pièces justificatives » of group health contracts).
 */
export const BENEFICIARY_ADD_EVENTS = [
  'birth',
  'adoption',
  'marriage',
  'pacs',
  'cohabitation',
] as const;
export type BeneficiaryAddEvent = (typeof BENEFICIARY_ADD_EVENTS)[number];
export const BENEFICIARY_ADD_EVENT_RULES: Record<
  BeneficiaryAddEvent,
  { label: string; beneficiary: BeneficiaryType; proof: string }
> = {
  birth: {
    label: 'Naissance',
    beneficiary: 'child',
    proof: 'Acte de naissance ou copie du livret de famille',
  },
  adoption: {
    label: 'Adoption',
    beneficiary: 'child',
    proof: 'Jugement d’adoption ou copie du livret de famille',
  },
  marriage: {
    label: 'Mariage',
    beneficiary: 'spouse',
    proof: 'Acte de mariage ou copie du livret de famille',
  },
  pacs: {
    label: 'PACS',
    beneficiary: 'partner',
    proof: 'Attestation d’enregistrement du PACS',
  },
  cohabitation: {
    label: 'Nouveau concubin',
    beneficiary: 'partner',
    proof: 'Attestation sur l’honneur de vie commune et justificatif de domicile commun',
  },
};

/** Why a beneficiary's cover ends. */
export const BENEFICIARY_REMOVE_REASONS = [
  'divorce',
  'separation',
  'death',
  'no_longer_dependent',
  'other_cover',
] as const;
export type BeneficiaryRemoveReason = (typeof BENEFICIARY_REMOVE_REASONS)[number];
export const BENEFICIARY_REMOVE_REASON_LABELS: Record<BeneficiaryRemoveReason, string> = {
  divorce: 'Divorce ou dissolution du PACS',
  separation: 'Fin de la vie commune',
  death: 'Décès',
  no_longer_dependent: 'N’est plus à charge',
  other_cover: 'Couvert par un autre contrat',
};

/**
 * Days after the event within which a beneficiary is covered from the event itself (a newborn
 * from birth); declared later, from the 1st of the month after the declaration.
 */
export const BENEFICIARY_EVENT_DECLARATION_DAYS = 90;

/** The 1st of the month after `date`. */
export function firstOfNextMonth(date: string): string {
  return `${addMonths(date, 1).slice(0, 8)}01`;
}

/** Whether `date` is the 1st of a month. */
export function isFirstOfMonth(date: string): boolean {
  return date.endsWith('-01');
}

/**
 * The day `days` after `date`. (Calendar days; the event's day is day 0.)
 */
function addDays(date: string, days: number): string {
  let day = date;
  for (let i = 0; i < days; i += 1) day = nextDay(day);
  return day;
}

/**
 * When a beneficiary added for `event` on `eventDate`, declared on `declaredOn`, is covered from:
 * the event's day when declared within BENEFICIARY_EVENT_DECLARATION_DAYS, else the 1st of the
 * month after the declaration. Never before the member's own cover (`memberFrom`).
 */
export function beneficiaryStartDate(input: {
  eventDate: string;
  declaredOn: string;
  memberFrom: string;
}): string {
  const inTime = input.declaredOn <= addDays(input.eventDate, BENEFICIARY_EVENT_DECLARATION_DAYS);
  const start = inTime ? input.eventDate : firstOfNextMonth(input.declaredOn);
  return start < input.memberFrom ? input.memberFrom : start;
}

/**
 * The last covered day of a removed beneficiary: the end of the month of the event (a death: the
 * day itself), never before their cover began.
 */
export function beneficiaryEndDate(input: {
  reason: BeneficiaryRemoveReason;
  eventDate: string;
  coveredFrom: string;
}): string {
  const end =
    input.reason === 'death' ? input.eventDate : previousDay(firstOfNextMonth(input.eventDate));
  return end < input.coveredFrom ? input.coveredFrom : end;
}

// ---------------------------------------------------------------------------------------------
// Professional status, establishment, option

/**
 * The contract of the collège a member moves to: a contract of the company for that status (or for
 * everyone) in force on the day, the one already held first (a contract « ensemble du personnel »
 * keeps the member where they are). null when the company has none: the insurer must set it up.
 */
export function contractForStatus<
  C extends {
    id: string;
    staff_category: StaffCategory;
    start_date: string;
    end_date: string | null;
  },
>(
  contracts: readonly C[],
  status: ProfessionalStatus,
  day: string,
  currentId: string | null,
): C | null {
  const eligible = contracts.filter(
    (c) =>
      (c.staff_category === status || c.staff_category === 'all') &&
      c.start_date <= day &&
      (c.end_date === null || c.end_date >= day),
  );
  return (
    eligible.find((c) => c.id === currentId) ??
    eligible.find((c) => c.staff_category === status) ??
    eligible[0] ??
    null
  );
}

/** How often, by default, a member may change option: once per 12 months. */
export const DEFAULT_OPTION_CHANGE_MIN_MONTHS = 12;

export type OptionChangeRefusal =
  'not_first_of_month' | 'same_option' | 'too_soon' | 'unknown_option';
export const OPTION_CHANGE_REFUSAL_MESSAGES: Record<OptionChangeRefusal, string> = {
  not_first_of_month: 'Un changement d’option prend effet le 1er d’un mois.',
  same_option: 'Le salarié a déjà cette option.',
  too_soon: 'Le contrat ne permet pas encore de changer d’option.',
  unknown_option: 'Cette option n’existe pas dans le contrat du salarié.',
};

/**
 * Whether a member may move to `option` from `effectiveDate`: on the 1st of a month, an option of
 * the contract, another than the current one, and at least `minMonths` after the current option
 * took effect (0: any month). Returns the refusal, or null, and the first allowed day when too soon.
 */
export function optionChangeCheck(input: {
  effectiveDate: string;
  option: string;
  currentOption: string;
  currentOptionFrom: string;
  contractOptions: readonly string[];
  minMonths: number;
}): { refusal: OptionChangeRefusal; earliest?: string } | null {
  if (!isFirstOfMonth(input.effectiveDate)) return { refusal: 'not_first_of_month' };
  if (!input.contractOptions.includes(input.option)) return { refusal: 'unknown_option' };
  if (input.option === input.currentOption) return { refusal: 'same_option' };
  const earliestDay = addMonths(input.currentOptionFrom, input.minMonths);
  if (input.effectiveDate < earliestDay) {
    const earliest = isFirstOfMonth(earliestDay) ? earliestDay : firstOfNextMonth(earliestDay);
    return { refusal: 'too_soon', earliest };
  }
  return null;
}

/**
 * A change of contract or option closes the coverage in force on the day before it takes effect
 * and opens the new one on that day: the history keeps both periods. The change must fall after
 * the coverage's start, and within it.
 */
export function splitCoverage(
  current: { effective_date: string; end_date: string | null },
  effectiveDate: string,
): { closeOn: string; openOn: string; until: string | null } | null {
  if (effectiveDate <= current.effective_date) return null;
  if (current.end_date !== null && effectiveDate > current.end_date) return null;
  return { closeOn: previousDay(effectiveDate), openOn: effectiveDate, until: current.end_date };
}

// ---------------------------------------------------------------------------------------------
// Certificates

/**
 * The validity printed on a « Carte de tiers payant »: the calendar year (of `today`, or of the
 * coverage's start when it starts in a later year), cut to the coverage: from its start when
 * later than the 1st of January, to its end when earlier than the 31st of December. null when
 * the coverage has ended.
 */
export function thirdPartyCardValidity(
  coverage: { effective_date: string; end_date: string | null },
  today: string,
): { from: string; to: string } | null {
  const year = (coverage.effective_date > today ? coverage.effective_date : today).slice(0, 4);
  const from =
    coverage.effective_date > `${year}-01-01` ? coverage.effective_date : `${year}-01-01`;
  const to =
    coverage.end_date !== null && coverage.end_date < `${year}-12-31`
      ? coverage.end_date
      : `${year}-12-31`;
  if (to < today || from > to) return null;
  return { from, to };
}
