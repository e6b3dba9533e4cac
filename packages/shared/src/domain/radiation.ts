/**
 * Departures (« Radier un salarié », issue 18): the end-of-contract motifs, the radiation
 * statuses, and the legal rules computed from them — portability of the group cover (Code de la
 * sécurité sociale, article L911-8) and the retiree/unemployed individual continuation (loi
 * n° 89-1009 du 31 décembre 1989, dite loi Évin, article 4). Pure functions: the server applies
 * them, the web app shows the same result before the employer confirms.
 *
 * Dates are calendar dates 'YYYY-MM-DD' (no time zone involved).
 */

/**
 * Motifs of the end of an employment contract, each mapped to its code in the DSN: rubrique
 * S21.G00.62.002 « Motif de la rupture du contrat », nomenclature of the cahier technique
 * DSN P26V01 (norme NEODeS 2026.1, net-entreprises.fr). `unemployment` pre-answers « ouvre droit
 * à l'assurance chômage » (involuntary loss of employment, règlement d'assurance chômage annexé
 * au décret n° 2019-797, article 2); the employer may change it (a resignation recognised as
 * legitimate, for instance).
 */
export const RADIATION_MOTIFS = [
  {
    code: 'licenciement_economique',
    dsn: '014',
    label: 'Licenciement pour motif économique',
    unemployment: true,
  },
  {
    code: 'licenciement_personnel',
    dsn: '020',
    label: 'Licenciement pour motif personnel (hors faute grave ou lourde)',
    unemployment: true,
  },
  {
    code: 'licenciement_faute_grave',
    dsn: '087',
    label: 'Licenciement pour faute grave',
    unemployment: true,
  },
  {
    code: 'licenciement_faute_lourde',
    dsn: '088',
    label: 'Licenciement pour faute lourde',
    unemployment: true,
  },
  {
    code: 'licenciement_inaptitude',
    dsn: '091',
    label: 'Licenciement pour inaptitude d’origine non professionnelle',
    unemployment: true,
  },
  {
    code: 'csp',
    dsn: '026',
    label: 'Rupture dans le cadre d’un contrat de sécurisation professionnelle (CSP)',
    unemployment: true,
  },
  {
    code: 'rupture_conventionnelle',
    dsn: '043',
    label: 'Rupture conventionnelle',
    unemployment: true,
  },
  { code: 'fin_cdd', dsn: '031', label: 'Fin de contrat à durée déterminée', unemployment: true },
  {
    code: 'fin_mission_interim',
    dsn: '032',
    label: 'Fin de mission d’intérim',
    unemployment: true,
  },
  {
    code: 'fin_apprentissage',
    dsn: '081',
    label: 'Fin de contrat d’apprentissage',
    unemployment: true,
  },
  {
    code: 'rupture_anticipee_cdd_employeur',
    dsn: '036',
    label: 'Rupture anticipée d’un CDD à l’initiative de l’employeur',
    unemployment: true,
  },
  {
    code: 'rupture_anticipee_cdd_salarie',
    dsn: '037',
    label: 'Rupture anticipée d’un CDD à l’initiative du salarié',
    unemployment: false,
  },
  {
    code: 'fin_essai_employeur',
    dsn: '034',
    label: 'Fin de période d’essai à l’initiative de l’employeur',
    unemployment: true,
  },
  {
    code: 'fin_essai_salarie',
    dsn: '035',
    label: 'Fin de période d’essai à l’initiative du salarié',
    unemployment: false,
  },
  { code: 'demission', dsn: '059', label: 'Démission', unemployment: false },
  {
    code: 'prise_acte',
    dsn: '058',
    label: 'Prise d’acte de la rupture du contrat de travail',
    unemployment: false,
  },
  {
    code: 'mise_retraite',
    dsn: '038',
    label: 'Mise à la retraite par l’employeur',
    unemployment: false,
  },
  {
    code: 'depart_retraite',
    dsn: '039',
    label: 'Départ volontaire à la retraite',
    unemployment: false,
  },
  { code: 'deces', dsn: '066', label: 'Décès du salarié', unemployment: false },
] as const;

export type RadiationMotif = (typeof RADIATION_MOTIFS)[number]['code'];
export const RADIATION_MOTIF_CODES = RADIATION_MOTIFS.map((m) => m.code) as [
  RadiationMotif,
  ...RadiationMotif[],
];

export function radiationMotif(code: RadiationMotif): (typeof RADIATION_MOTIFS)[number] {
  const motif = RADIATION_MOTIFS.find((m) => m.code === code);
  if (!motif) throw new Error(`unknown radiation motif ${code}`);
  return motif;
}

/** « Licenciement pour faute lourde »: L911-8 excludes it from portability. */
export const GROSS_MISCONDUCT_MOTIF: RadiationMotif = 'licenciement_faute_lourde';
/** Departures to retirement: loi Évin article 4 continuation is offered. */
export const RETIREMENT_MOTIFS: readonly RadiationMotif[] = ['mise_retraite', 'depart_retraite'];

/**
 * A radiation's life: the employer sends it (« Envoyée à l'assureur »), the insurer processes it
 * (« Traitée »: coverage ended, portability opened) or returns it with a reason (« Retournée à
 * l'employeur »: the employer corrects and sends it again, or cancels it); the employer may
 * cancel it while it waits (« Annulée »).
 */
export const RADIATION_STATUSES = ['sent', 'processed', 'returned', 'cancelled'] as const;
export type RadiationStatus = (typeof RADIATION_STATUSES)[number];
export const RADIATION_STATUS_LABELS: Record<RadiationStatus, string> = {
  sent: 'Envoyée à l’assureur',
  processed: 'Traitée',
  returned: 'Retournée à l’employeur',
  cancelled: 'Annulée',
};

/** The answer to the loi Évin offer, recorded by the insurer. */
export const EVIN_ANSWERS = ['accepted', 'declined'] as const;
export type EvinAnswer = (typeof EVIN_ANSWERS)[number];
export const EVIN_ANSWER_LABELS: Record<EvinAnswer, string> = {
  accepted: 'Maintien individuel demandé',
  declined: 'Maintien individuel refusé',
};

/** Loi Évin, article 4: the former employee asks for the continuation within 6 months. */
export const EVIN_DELAY_MONTHS = 6;
/** L911-8, 1°: portability lasts at most 12 months. */
export const PORTABILITY_MAX_MONTHS = 12;

export interface EmploymentPeriod {
  /** First day of the contract. */
  start: string;
  /** Last day of the contract. */
  end: string;
}

export type PortabilityRefusal = 'no_unemployment_rights' | 'gross_misconduct' | 'death';

export const PORTABILITY_REFUSAL_LABELS: Record<PortabilityRefusal, string> = {
  no_unemployment_rights: 'la rupture n’ouvre pas droit à l’assurance chômage',
  gross_misconduct: 'licenciement pour faute lourde',
  death:
    'décès du salarié : le maintien des garanties des ayants droit relève du contrat (hors portabilité)',
};

export type Portability =
  | { eligible: true; months: number; start: string; end: string }
  | { eligible: false; reason: PortabilityRefusal };

function parseDay(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The calendar day after `date`. */
export function nextDay(date: string): string {
  const { y, m, d } = parseDay(date);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The calendar day before `date`. */
export function previousDay(date: string): string {
  const { y, m, d } = parseDay(date);
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * `date` plus `months` calendar months, the day kept or, when the month is shorter, its last day
 * (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseDay(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * The length of the contracts in whole months, a started month counting as a whole one (L911-8,
 * 1°: « appréciée en mois, le cas échéant arrondie au nombre supérieur »). From the first day of
 * the period to its last day inclusive: 1 March–31 March is 1 month; 1 March–3 April is 2.
 */
export function monthsRoundedUp(period: EmploymentPeriod): number {
  const dayAfter = nextDay(period.end);
  let months = 0;
  while (addMonths(period.start, months) < dayAfter) months += 1;
  return months;
}

/**
 * The last contract(s) with this employer that L911-8 counts: the last one, and the ones before it
 * when they follow each other without a gap (« les derniers contrats de travail lorsqu'ils sont
 * consécutifs chez le même employeur »). A gap of at least one day ends the chain. Returns the
 * whole span, from the first consecutive contract's start to the last contract's end.
 */
export function consecutiveSpan(periods: readonly EmploymentPeriod[]): EmploymentPeriod {
  if (periods.length === 0) throw new Error('at least one employment period is needed');
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const last = sorted[sorted.length - 1]!;
  let start = last.start;
  for (let i = sorted.length - 2; i >= 0; i -= 1) {
    const before = sorted[i]!;
    if (nextDay(before.end) < start) break;
    if (before.start < start) start = before.start;
  }
  return { start, end: last.end };
}

/**
 * Portability of the group health cover after the contract ends (Code de la sécurité sociale,
 * article L911-8, in force since 1 June 2015 for health): eligible when the end of the contract
 * opens rights to unemployment insurance and is not a dismissal for gross misconduct (« faute
 * lourde »); it starts the day after the contract's last day and lasts as long as the last
 * contract(s) with this employer, in whole months rounded up, at most 12 months; free for the
 * former employee; the dependants keep their cover. The insurer also stops it early when the
 * former employee finds a new job or stops being paid unemployment benefits (not computed here:
 * reported afterwards). Death is not portability: what the survivors keep is out of scope.
 */
export function computePortability(input: {
  motif: RadiationMotif;
  unemploymentRights: boolean;
  periods: readonly EmploymentPeriod[];
}): Portability {
  if (input.motif === 'deces') return { eligible: false, reason: 'death' };
  if (input.motif === GROSS_MISCONDUCT_MOTIF)
    return { eligible: false, reason: 'gross_misconduct' };
  if (!input.unemploymentRights) return { eligible: false, reason: 'no_unemployment_rights' };
  const span = consecutiveSpan(input.periods);
  const months = Math.min(PORTABILITY_MAX_MONTHS, monthsRoundedUp(span));
  const start = nextDay(span.end);
  return { eligible: true, months, start, end: previousDay(addMonths(start, months)) };
}

/**
 * Loi Évin, article 4: a former employee who retires, or receives unemployment benefits, or a
 * disability or incapacity pension, may ask within 6 months to keep an individual cover (with a
 * capped price). The notice offers it when the departure is a retirement or opens unemployment
 * rights (the 6 months then run from the end of portability), or when the employer says the
 * employee receives a disability pension.
 */
export function evinOffered(input: {
  motif: RadiationMotif;
  unemploymentRights: boolean;
  disabilityPension?: boolean;
}): boolean {
  if (input.motif === 'deces') return false;
  return (
    RETIREMENT_MOTIFS.includes(input.motif) ||
    input.unemploymentRights ||
    input.disabilityPension === true
  );
}

/**
 * The day by which the loi Évin continuation must be asked: 6 months after the end of the
 * contract, or after the end of the portability when there is one (article 4, first paragraph:
 * « dans les six mois qui suivent la rupture du contrat de travail ou, le cas
 * échéant, dans les six mois suivant l'expiration de la période durant laquelle il bénéficie à
 * titre temporaire du maintien de ces garanties »).
 */
export function evinDeadline(contractEnd: string, portabilityEnd: string | null): string {
  return addMonths(portabilityEnd ?? contractEnd, EVIN_DELAY_MONTHS);
}
