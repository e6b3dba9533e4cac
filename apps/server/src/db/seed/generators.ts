/**
 * Deterministic generators of realistic French data, shared by the demo seed (demo.ts) and the
 * large seed (seed-large.ts): names, birth dates, NIRs, SIRENs and SIRETs, addresses, IBANs,
 * coverages. Everything draws from a seeded PRNG, so the same seed gives the same data.
 * Check digits come from @affilia/shared (luhnCheckDigit, computeNirKey).
 */
import { computeNirKey } from '@affilia/shared/validators/nir';
import { LA_POSTE_SIREN, luhnCheckDigit } from '@affilia/shared/validators/siret';
import type { ContractOption, ProfessionalStatus, StaffCategory } from '../schema';

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(probability: number): boolean;
  /** n digits, as text (leading zeros kept). */
  digits(n: number): string;
}

/** mulberry32: small, fast, good enough for test data (not for secrets). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, weight] of items) {
        r -= weight;
        if (r < 0) return value;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    chance: (p: number) => next() < p,
    digits: (n: number) => {
      let s = '';
      for (let i = 0; i < n; i += 1) s += String(int(0, 9));
      return s;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Dates ('YYYY-MM-DD', computed in UTC)

export function toIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000,
  );
}

/** A date between `from` and `to`, both included. */
export function randomDate(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

/** An instant `days` before `now`, at a working hour (for realistic timestamps). */
export function instantBefore(now: Date, days: number, hour = 10, minute = 0): string {
  const d = new Date(now.getTime() - days * 86_400_000);
  d.setUTCHours(hour, minute, 0, 0);
  // Never in the future of `now` (a "today" event at 10:00 when it is 08:00).
  return (d.getTime() > now.getTime() ? now : d).toISOString();
}

// ---------------------------------------------------------------------------------------------
// SIREN, SIRET

/** A valid SIREN (9 digits, Luhn), never La Poste's. */
export function makeSiren(rng: Rng): string {
  for (;;) {
    const partial = String(rng.int(1, 9)) + rng.digits(7);
    const siren = partial + luhnCheckDigit(partial);
    if (siren !== LA_POSTE_SIREN) return siren;
  }
}

/** The SIRET of the `index`-th establishment (1-based) of a company: SIREN + NIC (4 + Luhn). */
export function makeSiret(siren: string, index: number): string {
  const partial = siren + String(index).padStart(4, '0');
  return partial + luhnCheckDigit(partial);
}

// ---------------------------------------------------------------------------------------------
// People

// prettier-ignore
export const FEMALE_FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Laura', 'Marie',
  'Anaïs', 'Pauline', 'Céline', 'Élodie', 'Aurélie', 'Émilie', 'Hélène', 'Isabelle', 'Nathalie',
  'Sandrine', 'Valérie', 'Sophie', 'Christine', 'Sylvie', 'Catherine', 'Françoise', 'Véronique',
  'Agnès', 'Mélanie', 'Gaëlle', 'Maëlle', 'Zoé', 'Noémie', 'Clémence', 'Margaux', 'Océane',
  'Justine', 'Lucie', 'Alice', 'Charlotte', 'Juliette', 'Louise', 'Jeanne', 'Béatrice', 'Solène',
  'Aïcha', 'Yasmine', 'Fatima', 'Leïla', 'Nadia', 'Estelle', 'Laëtitia', 'Delphine', 'Karine',
  'Virginie', 'Stéphanie', 'Audrey', 'Coralie', 'Morgane', 'Ophélie',
] as const;

// prettier-ignore
export const MALE_FIRST_NAMES = [
  'Thomas', 'Nicolas', 'Julien', 'Maxime', 'Alexandre', 'Antoine', 'Kévin', 'Romain', 'Guillaume',
  'Sébastien', 'Jérôme', 'Stéphane', 'Frédéric', 'Laurent', 'Olivier', 'Christophe', 'Philippe',
  'François', 'Éric', 'Thierry', 'Pascal', 'Didier', 'Hervé', 'Benoît', 'Loïc', 'Gaël', 'Noël',
  'Raphaël', 'Mathéo', 'Hugo', 'Lucas', 'Louis', 'Gabriel', 'Arthur', 'Théo', 'Quentin',
  'Clément', 'Baptiste', 'Adrien', 'Damien', 'Cédric', 'Grégoire', 'Jean-Michel', 'Jean-Luc',
  'Pierre-Yves', 'Karim', 'Mehdi', 'Yacine', 'Samir', 'Rachid', 'Mathis', 'Jordan', 'Anthony',
  'Florian', 'Vincent', 'Arnaud', 'Fabien', 'Ludovic', 'Joël', 'Aurélien',
] as const;

// prettier-ignore
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
  'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux',
  'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet',
  'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller',
  'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont',
  'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer',
  'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer',
  'Lucas', 'Meunier', 'Jean', 'Pérez', 'Marchand', 'Dufour', 'Blanchard', 'Marie', 'Barbier',
  'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Pierre', 'Renard',
  'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud',
  'Lemoine', 'Picard', 'Gaillard', 'Philippe', 'Leclercq', 'Lacroix', 'Fabre', 'Dupuis',
  'Olivier', 'Rodriguez', 'Da Silva', 'Hubert', 'Louis', 'Charles', 'Guillot', 'Rivière',
  'Le Gall', 'Guillaume', 'Adam', 'Rey', 'Moulin', 'Gonzalez', 'Berger', 'Lecomte', 'Ménard',
  'Fleury', 'Deschamps', 'Carpentier', 'Julien', 'Benoît', 'Paris', 'Maillard', 'Marchal',
  'Aubry', 'Vasseur', 'Le Roux', 'Renault', 'Jacquet', 'Collet', 'Prévost', 'Poirier',
  'Charpentier', 'Royer', 'Huet', 'Baron', 'Dupuy', 'Pons', 'Paul', 'Lainé', 'Carré', 'Bréhier',
  'Rémy', 'Schneider', 'Perrot', 'Guyot', 'Barre', 'Marty', 'Cousin', 'Hoarau', 'Lebrun',
  "N'Diaye", "D'Almeida", 'Benali', 'Haddad', 'Bouchard', 'Santoni', 'Luciani', 'Casanova',
  'Pietri', 'Le Goff', 'Kerbrat', 'Étienne', 'Bézier', 'Lefebvre-Duclos', 'Saint-Martin',
] as const;

export type Sex = 1 | 2;

/** Department of birth in a NIR, with weights (Corsica 2A/2B, overseas 97x and abroad 99). */
// prettier-ignore
const BIRTH_DEPARTMENTS: readonly (readonly [string, number])[] = [
  ['75', 14], ['92', 6], ['93', 6], ['94', 5], ['91', 3], ['78', 4], ['95', 3], ['77', 3],
  ['69', 7], ['13', 7], ['33', 5], ['59', 6], ['31', 5], ['44', 4], ['06', 4], ['67', 4],
  ['34', 3], ['35', 3], ['38', 3], ['21', 2], ['76', 3], ['57', 3], ['49', 2], ['29', 2],
  ['63', 2], ['37', 2], ['45', 2], ['14', 2], ['80', 1], ['68', 2], ['62', 3], ['83', 3],
  ['2A', 2], ['2B', 2], ['97', 2], ['99', 4],
];
/** INSEE country codes for births abroad (department 99). */
const BIRTH_COUNTRIES = ['109', '127', '134', '139', '350', '351', '352', '216', '328', '401'];

/**
 * NIRs (13 characters, without key) that are valid and unique within one generator, with the
 * sex, year and month of the birth date.
 */
export interface NirGenerator {
  next(sex: Sex, birthDate: string): string;
  /** Marks a NIR as taken (e.g. loaded from elsewhere). */
  reserve(nir13: string): void;
  readonly size: number;
}

export function createNirGenerator(rng: Rng): NirGenerator {
  const taken = new Set<string>();
  return {
    next(sex, birthDate) {
      const yy = birthDate.slice(2, 4);
      const mm = birthDate.slice(5, 7);
      for (;;) {
        const dept = rng.weighted(BIRTH_DEPARTMENTS);
        let place: string;
        if (dept === '99') place = rng.pick(BIRTH_COUNTRIES);
        else if (dept === '97') place = String(rng.pick([1, 2, 3, 4, 6])) + rng.digits(2);
        else place = String(rng.int(1, 999)).padStart(3, '0');
        const order = String(rng.int(1, 999)).padStart(3, '0');
        const nir = `${sex}${yy}${mm}${dept}${place}${order}`;
        if (!taken.has(nir)) {
          taken.add(nir);
          return nir;
        }
      }
    },
    reserve(nir13) {
      taken.add(nir13);
    },
    get size() {
      return taken.size;
    },
  };
}

/** The 15-character NIR: the 13 characters and their key. */
export function withNirKey(nir13: string): string {
  return nir13 + computeNirKey(nir13);
}

export interface Person {
  sex: Sex;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** 13 characters, canonical (upper-case, no key). */
  nir: string;
}

/** A person aged between `minAge` and `maxAge` on `today`, with a consistent NIR. */
export function makePerson(
  rng: Rng,
  nirs: NirGenerator,
  opts: { today: string; minAge?: number; maxAge?: number; sex?: Sex },
): Person {
  const sex: Sex = opts.sex ?? (rng.chance(0.52) ? 2 : 1);
  const firstName = rng.pick(sex === 2 ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const year = Number(opts.today.slice(0, 4));
  const from = `${year - (opts.maxAge ?? 63)}-01-01`;
  const to = addDays(opts.today, -365 * (opts.minAge ?? 19));
  const birthDate = randomDate(rng, from, to);
  return { sex, firstName, lastName, birthDate, nir: nirs.next(sex, birthDate) };
}

/** A plausible personal email, on a reserved domain (RFC 2606). */
export function makeEmail(firstName: string, lastName: string, n: number): string {
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${clean(firstName)}.${clean(lastName)}${n > 0 ? n : ''}@exemple.test`;
}

// ---------------------------------------------------------------------------------------------
// Addresses

export interface City {
  city: string;
  postalCode: string;
}

// prettier-ignore
export const CITIES: readonly City[] = [
  { city: 'Paris', postalCode: '75008' }, { city: 'Paris', postalCode: '75015' },
  { city: 'Paris', postalCode: '75011' }, { city: 'Boulogne-Billancourt', postalCode: '92100' },
  { city: 'Versailles', postalCode: '78000' }, { city: 'Saint-Denis', postalCode: '93200' },
  { city: 'Créteil', postalCode: '94000' }, { city: 'Lille', postalCode: '59000' },
  { city: 'Roubaix', postalCode: '59100' }, { city: 'Amiens', postalCode: '80000' },
  { city: 'Rouen', postalCode: '76000' }, { city: 'Caen', postalCode: '14000' },
  { city: 'Rennes', postalCode: '35000' }, { city: 'Brest', postalCode: '29200' },
  { city: 'Nantes', postalCode: '44000' }, { city: 'Angers', postalCode: '49100' },
  { city: 'Tours', postalCode: '37000' }, { city: 'Orléans', postalCode: '45000' },
  { city: 'Dijon', postalCode: '21000' }, { city: 'Besançon', postalCode: '25000' },
  { city: 'Strasbourg', postalCode: '67000' }, { city: 'Colmar', postalCode: '68000' },
  { city: 'Mulhouse', postalCode: '68100' }, { city: 'Metz', postalCode: '57000' },
  { city: 'Nancy', postalCode: '54000' }, { city: 'Reims', postalCode: '51100' },
  { city: 'Lyon', postalCode: '69002' }, { city: 'Lyon', postalCode: '69006' },
  { city: 'Villeurbanne', postalCode: '69100' }, { city: 'Grenoble', postalCode: '38000' },
  { city: 'Annecy', postalCode: '74000' }, { city: 'Saint-Étienne', postalCode: '42000' },
  { city: 'Clermont-Ferrand', postalCode: '63000' }, { city: 'Limoges', postalCode: '87000' },
  { city: 'Poitiers', postalCode: '86000' }, { city: 'La Rochelle', postalCode: '17000' },
  { city: 'Bordeaux', postalCode: '33000' }, { city: 'Pau', postalCode: '64000' },
  { city: 'Toulouse', postalCode: '31000' }, { city: 'Montpellier', postalCode: '34000' },
  { city: 'Nîmes', postalCode: '30000' }, { city: 'Perpignan', postalCode: '66000' },
  { city: 'Marseille', postalCode: '13006' }, { city: 'Aix-en-Provence', postalCode: '13100' },
  { city: 'Toulon', postalCode: '83000' }, { city: 'Nice', postalCode: '06000' },
  { city: 'Cannes', postalCode: '06400' }, { city: 'Avignon', postalCode: '84000' },
  { city: 'Ajaccio', postalCode: '20000' }, { city: 'Bastia', postalCode: '20200' },
];

const STREET_TYPES = ['rue', 'avenue', 'boulevard', 'place', 'allée', 'quai', 'cours'] as const;
// prettier-ignore
const STREET_NAMES = [
  'de la République', 'Victor Hugo', 'Jean Jaurès', 'du Général de Gaulle', 'Pasteur',
  'de la Liberté', 'des Lilas', 'Gambetta', 'Carnot', 'Émile Zola', 'de Verdun',
  'du Maréchal Foch', 'des Écoles', 'de la Gare', 'Saint-Michel', 'Voltaire', 'Jules Ferry',
  'des Tilleuls', 'de Strasbourg', 'du Château', 'Anatole France', 'de la Paix',
  'des Peupliers', 'Georges Clemenceau', 'Molière', 'de Bretagne', 'Lamartine',
  'Aristide Briand', 'de la Fontaine', 'des Acacias',
] as const;

export function makeStreet(rng: Rng): string {
  const number = rng.int(1, 180);
  const suffix = rng.chance(0.08) ? ' bis' : '';
  return `${number}${suffix} ${rng.pick(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`;
}

// ---------------------------------------------------------------------------------------------
// Bank details

/** ISO 7064 mod 97-10 of a numeric string of any length. */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  return r;
}

/** A valid French IBAN (RIB key and IBAN check digits), electronic format. */
export function makeFrenchIban(rng: Rng): string {
  const bank = String(rng.int(10000, 19999));
  const branch = rng.digits(5);
  const account = rng.digits(11);
  const ribKey = String(
    97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97),
  ).padStart(2, '0');
  const bban = bank + branch + account + ribKey;
  // F = 15, R = 27; check digits "00" while computing.
  const check = String(98 - mod97(`${bban}152700`)).padStart(2, '0');
  return `FR${check}${bban}`;
}

/** A well-formed BIC of a (fictional) French bank. */
export function makeBic(rng: Rng): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let bank = '';
  for (let i = 0; i < 4; i += 1) bank += letters.charAt(rng.int(0, 25));
  return `${bank}FRPP${rng.chance(0.5) ? 'XXX' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Contracts and coverages

export const CONTRACT_OPTIONS: readonly ContractOption[] = [
  { code: 'base', label: 'Base obligatoire', mandatory: true },
  { code: 'opt1', label: 'Option 1', mandatory: false },
  { code: 'opt2', label: 'Option 2', mandatory: false },
  { code: 'opt3', label: 'Option 3', mandatory: false },
  { code: 'opt4', label: 'Option 4', mandatory: false },
];

const COLLEGE_CODES: Record<StaffCategory, string> = { non_cadre: 'NC', cadre: 'C', all: 'ENS' };

/** « BASE CCN NC RG Oblig/Options 1 2 3 4 Fac » and its cadre / whole-staff siblings. */
export function contractLabel(category: StaffCategory): string {
  return `BASE CCN ${COLLEGE_CODES[category]} RG Oblig/Options 1 2 3 4 Fac`;
}

export function contractNumber(companyIdentifier: string, category: StaffCategory): string {
  return `${companyIdentifier}/${COLLEGE_CODES[category]}`;
}

export function pickOptionCode(rng: Rng): string {
  return rng.weighted([
    ['base', 45],
    ['opt1', 22],
    ['opt2', 15],
    ['opt3', 11],
    ['opt4', 7],
  ]);
}

export function pickProfessionalStatus(rng: Rng): ProfessionalStatus {
  return rng.chance(0.27) ? 'cadre' : 'non_cadre';
}

export interface GeneratedCoverage {
  optionCode: string;
  effectiveDate: string;
  endDate: string | null;
}

/**
 * One or two coverages of a member by a contract, relative to `today`: about 83 % current
 * (a tenth of them after an earlier coverage with another option), 13 % ended, 4 % upcoming.
 * Dates stay after the contract's start and the member's 18th birthday.
 */
export function makeCoverages(
  rng: Rng,
  opts: { today: string; contractStart: string; birthDate: string },
): GeneratedCoverage[] {
  const adult = addDays(opts.birthDate, 365 * 18 + 5);
  const earliest = adult > opts.contractStart ? adult : opts.contractStart;
  const kind = rng.weighted([
    ['current', 83],
    ['ended', 13],
    ['upcoming', 4],
  ] as const);
  if (kind === 'upcoming') {
    return [
      {
        optionCode: pickOptionCode(rng),
        effectiveDate: addDays(opts.today, rng.int(1, 60)),
        endDate: null,
      },
    ];
  }
  if (kind === 'ended') {
    const latestStart = addDays(opts.today, -61);
    const effectiveDate = randomDate(
      rng,
      earliest < latestStart ? earliest : latestStart,
      latestStart,
    );
    const endDate = randomDate(rng, addDays(effectiveDate, 30), addDays(opts.today, -1));
    return [{ optionCode: pickOptionCode(rng), effectiveDate, endDate }];
  }
  const effectiveDate = randomDate(rng, earliest, addDays(opts.today, -1));
  const optionCode = pickOptionCode(rng);
  if (rng.chance(0.1) && daysBetween(effectiveDate, opts.today) > 400) {
    // Changed option: the earlier coverage ends the day before the current one starts.
    const changeDate = randomDate(rng, addDays(effectiveDate, 180), addDays(opts.today, -30));
    const previous = CONTRACT_OPTIONS.filter((o) => o.code !== optionCode);
    return [
      {
        optionCode: rng.pick(previous).code,
        effectiveDate,
        endDate: addDays(changeDate, -1),
      },
      { optionCode, effectiveDate: changeDate, endDate: null },
    ];
  }
  return [{ optionCode, effectiveDate, endDate: null }];
}
