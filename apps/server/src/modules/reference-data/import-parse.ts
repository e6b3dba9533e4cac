/**
 * Reading a reference-data file (SPEC §3) without the database: the table of the file (read by
 * the establishments import's robust reader: type from the bytes, encodings, separators, Excel's
 * ways with numbers) → one checked row per data row, ready to be looked up, or already in error.
 *
 * One column list per kind; headers are matched loosely (case, accents, punctuation). A column
 * absent from the file leaves that field untouched on an update (undefined); present but empty,
 * it clears an optional field (null).
 */
import type { ContractOption, ProfessionalStatus, StaffCategory } from '../../db/schema';
import { SpillingKeyMap } from '../../lib/compact-keys';
import { badRequest } from '../../lib/errors';
import { tooManyRows } from '../../lib/spreadsheet/table';
import {
  REFERENCE_IMPORT_MAX_ROWS,
  type ReferenceImportKind,
} from '@affilia/shared/schemas/reference-import';
import { birthDateError } from '@affilia/shared/validators/birth-date';
import { parseFrenchOrIsoDate } from '@affilia/shared/validators/dates';
import { formatNir, nirBirthDateWarning, parseNir } from '@affilia/shared/validators/nir';
import type { ParseResult } from '@affilia/shared/validators/result';
import { parseSiren, sirenOfSiret } from '@affilia/shared/validators/siret';
import {
  cellText,
  checkDigitsCell,
  checkSiretCell,
  type DigitsCellSpec,
  displayText,
  isBlank,
  matchKey,
  unwrapText,
  type Cell,
  type TableRow,
} from '../establishments/import-file';

// ---------------------------------------------------------------------------------------------
// Columns

export interface ColumnSpec {
  field: string;
  /** The header of the template. */
  header: string;
  /** Other headers accepted, as matchKey() forms. */
  aliases: readonly string[];
  required: boolean;
  /** A line of the template's instructions. */
  help: string;
}

export const col = (
  field: string,
  header: string,
  required: boolean,
  help: string,
  aliases: readonly string[] = [],
): ColumnSpec => ({ field, header, required, help, aliases: [matchKey(header), ...aliases] });

export const COLUMNS: Record<ReferenceImportKind, readonly ColumnSpec[]> = {
  companies: [
    col('siren', 'SIREN', true, '9 chiffres (clé de Luhn vérifiée).', ['numerosiren']),
    col('name', 'Raison sociale', true, 'Le nom de l’entreprise.', [
      'nom',
      'nomentreprise',
      'entreprise',
      'denomination',
    ]),
    col(
      'identifier',
      'Identifiant entreprise',
      true,
      'L’identifiant imprimé sur les courriers de l’assureur (unique).',
      ['numeroentreprise', 'identifiant', 'codeentreprise', 'identifiantassureur'],
    ),
    col('ccnName', 'CCN', false, 'La convention collective, par exemple « Immobilier ».', [
      'conventioncollective',
      'nomccn',
      'libelleccn',
    ]),
    col('idcc', 'IDCC', false, 'Le code IDCC de la convention (4 chiffres), par exemple 1527.', [
      'codeidcc',
    ]),
  ],
  establishments: [
    col('siret', 'SIRET', true, '14 chiffres (clé vérifiée ; règle de La Poste acceptée).', [
      'numerosiret',
    ]),
    col(
      'siren',
      'SIREN',
      false,
      'Le SIREN de l’entreprise (déjà importée) ; sinon les 9 premiers chiffres du SIRET.',
      ['sirenentreprise'],
    ),
    col('name', 'Nom', true, 'Le nom de l’établissement.', [
      'nometablissement',
      'enseigne',
      'etablissement',
      'raisonsociale',
    ]),
    col('addressLine1', 'Adresse', false, 'Numéro et voie.', ['adresse1', 'adresseligne1']),
    col('addressLine2', 'Complément d’adresse', false, 'Bâtiment, étage…', [
      'adresse2',
      'adresseligne2',
      'complement',
    ]),
    col('postalCode', 'Code postal', false, '5 chiffres.', ['cp']),
    col('city', 'Ville', false, 'La commune.', ['commune', 'localite']),
    col(
      'identifier',
      'Identifiant établissement',
      true,
      'Le « code identifiant » (« ID Assureur ») de l’établissement (unique).',
      ['codeidentifiant', 'idassureur', 'identifiant', 'codeetablissement', 'idetablissement'],
    ),
  ],
  contracts: [
    col('number', 'Numéro de contrat', true, 'Le numéro du contrat collectif (unique).', [
      'numero',
      'contrat',
      'ncontrat',
      'numcontrat',
    ]),
    col('siren', 'SIREN', true, 'Le SIREN de l’entreprise souscriptrice (déjà importée).'),
    col('label', 'Libellé', true, 'Par exemple « BASE CCN NC RG Oblig/Options 1 2 3 4 Fac ».', [
      'libellecontrat',
      'intitule',
    ]),
    col(
      'staffCategory',
      'Collège',
      true,
      '« Cadre », « Non cadre » ou « Ensemble du personnel ».',
      ['categorie', 'population'],
    ),
    col(
      'options',
      'Options',
      false,
      'Les options proposées, séparées par « | » : par exemple « Base obligatoire | Option 1 | Option 2 ». « code=Libellé » fixe le code ; une option est obligatoire si son libellé contient « oblig ».',
      ['optionsproposees'],
    ),
    col('startDate', 'Date de début', true, 'JJ/MM/AAAA.', ['datedebut', 'debut', 'dateeffet']),
    col('endDate', 'Date de fin', false, 'JJ/MM/AAAA, vide si le contrat est en cours.', [
      'datefin',
      'fin',
    ]),
  ],
  members: [
    col('nir', 'NIR', true, 'Numéro de sécurité sociale : 13 caractères, ou 15 avec la clé.', [
      'numerosecuritesociale',
      'numerodesecuritesociale',
      'ndesecuritesociale',
      'nsecuritesociale',
      'nircle',
      'niraveccle',
      'nss',
      'securitesociale',
    ]),
    col('lastName', 'Nom', true, 'Nom de famille.', ['nomdefamille', 'nomusage']),
    col('firstName', 'Prénom', true, 'Prénom.', ['prenoms']),
    col('birthDate', 'Date de naissance', true, 'JJ/MM/AAAA.', ['naissance', 'datenaissance']),
    col('siret', 'SIRET', true, 'Le SIRET de l’établissement (déjà importé).', [
      'siretetablissement',
    ]),
    col('professionalStatus', 'Statut professionnel', true, '« Cadre » ou « Non cadre ».', [
      'statut',
      'college',
      'categorie',
    ]),
    col(
      'contractNumber',
      'Numéro de contrat',
      true,
      'Le contrat de la couverture (déjà importé).',
      ['contrat', 'ncontrat', 'numcontrat'],
    ),
    col(
      'option',
      'Option',
      false,
      'Le code ou le libellé d’une option du contrat ; vide : l’option obligatoire.',
      ['optionchoisie', 'codeoption'],
    ),
    col('effectiveDate', 'Date d’effet', true, 'JJ/MM/AAAA : le premier jour couvert.', [
      'dateeffet',
      'dateaffiliation',
      'effet',
    ]),
    col('endDate', 'Date de fin', false, 'JJ/MM/AAAA : le dernier jour couvert ; vide sinon.', [
      'datefin',
      'fin',
    ]),
  ],
};

type Columns = Map<string, number>;

/** The columns of a header row: field → index. Throws when a required one is missing. */
export function locateColumns(kind: ReferenceImportKind, header: Cell[]): Columns {
  return locateColumnsOf(COLUMNS[kind], header);
}

/** The columns `specs` of a header row (any import's): field → index; a required one missing throws. */
export function locateColumnsOf(specs: readonly ColumnSpec[], header: Cell[]): Columns {
  const keys = header.map((c) => matchKey(cellText(c)));
  const columns: Columns = new Map();
  const used = new Set<number>();
  for (const spec of specs) {
    const index = keys.findIndex((k, i) => !used.has(i) && spec.aliases.includes(k));
    if (index >= 0) {
      columns.set(spec.field, index);
      used.add(index);
    }
  }
  const missing = specs.filter((s) => s.required && !columns.has(s.field));
  if (missing.length > 0) {
    throw badRequest(
      'import_columns_missing',
      `${missing.length > 1 ? 'Les colonnes' : 'La colonne'} ${missing.map((s) => `« ${s.header} »`).join(', ')} ${missing.length > 1 ? 'sont introuvables' : 'est introuvable'} sur la première ligne du fichier. Utilisez le modèle à télécharger.`,
    );
  }
  return columns;
}

/** A row of an employer's import refused before the database: a reason per column's heading. */
export interface RowReason {
  field: string | null;
  message: string;
}

/** A data row of an employer's import, read: its values, or why it is refused. */
export type ReadImportRow<T> =
  | { line: number; name: string; row: T; reasons: null }
  | { line: number; name: string; row: null; reasons: RowReason[] };

/**
 * The rows of an employer's import (« Radier par fichier », « Pré-affilier par fichier »): the
 * header (the first row) located by `specs`, then each non-blank row read by `readCells` — its
 * values, named « Nom Prénom », or its reasons. Throws when a required column is missing, when
 * there is no row (`noRow` says what was expected) or more than `maxRows`.
 */
export function readImportRows<F extends string, T extends { lastName: string; firstName: string }>(
  table: TableRow[],
  specs: readonly ColumnSpec[],
  opts: {
    maxRows: number;
    noRow: string;
    readCells: (get: (field: F) => Cell | null) => { reasons: RowReason[]; values: T };
  },
): ReadImportRow<T>[] {
  const [header, ...data] = table;
  if (!header) throw badRequest('import_empty', 'Le fichier ne contient aucune ligne.');
  const columns = locateColumnsOf(specs, header.cells);
  const rows = data.filter((r) => r.cells.some((c) => !isBlank(c)));
  if (rows.length === 0) throw badRequest('import_empty', opts.noRow);
  if (rows.length > opts.maxRows) throw tooManyRows(opts.maxRows);
  return rows.map((row): ReadImportRow<T> => {
    const { reasons, values } = opts.readCells((field) => {
      const index = columns.get(field);
      return index === undefined ? null : (row.cells[index] ?? null);
    });
    const name = `${values.lastName} ${values.firstName}`.trim();
    if (reasons.length > 0) return { line: row.line, name, row: null, reasons };
    return { line: row.line, name, row: values, reasons: null };
  });
}

// ---------------------------------------------------------------------------------------------
// Cells

/** The text of a cell as typed (Excel's ways of keeping text removed), '' when empty. */
function text(cell: Cell | null | undefined): string {
  return cell ? unwrapText(displayText(cell)) : '';
}

/** Days from Excel's epoch (1899-12-30) to a date, for a date cell stored as a number. */
function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function parseDateCell(
  cell: Cell | null | undefined,
  label: string,
): ParseResult<string | null> {
  if (!cell || isBlank(cell)) return { ok: true, value: null };
  if (cell.kind === 'number') {
    const iso = excelSerialDate(cell.value);
    return iso ? { ok: true, value: iso } : { ok: false, error: `${label} : date invalide` };
  }
  const raw = text(cell);
  // An ISO instant (a date cell read as text by some tools): its day.
  const value = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
  const parsed = parseFrenchOrIsoDate(value);
  return parsed.ok
    ? parsed
    : {
        ok: false,
        error: `${label} : ${parsed.error.charAt(0).toLowerCase()}${parsed.error.slice(1)} (« ${raw} »)`,
      };
}

/**
 * `parseDateCell` for a report that names the column beside each reason (« Radier par fichier »,
 * « Pré-affilier par fichier »): the reason without the column's name in front.
 */
export function parseDateInColumn(
  cell: Cell | null | undefined,
  label: string,
): ParseResult<string | null> {
  const parsed = parseDateCell(cell, label);
  if (parsed.ok) return parsed;
  const reason = parsed.error.slice(label.length + ' : '.length);
  return { ok: false, error: reason.charAt(0).toUpperCase() + reason.slice(1) };
}

const SIREN_CELL = {
  length: 9,
  parse: parseSiren,
  wrongLengthMessage: 'Le SIREN doit comporter 9 chiffres',
  scientificNotationMessage:
    'SIREN transformé par Excel en notation scientifique : formatez la colonne en texte et saisissez-le à nouveau',
  leadingZeroLostMessage:
    'SIREN enregistré comme un nombre : le zéro du début a été perdu. Formatez la colonne en texte et saisissez-le à nouveau',
};

export const NIR_CELL = {
  length: 15,
  parse: (t: string): ParseResult => {
    const parsed = parseNir(t);
    return parsed.ok ? { ok: true, value: parsed.value } : parsed;
  },
  wrongLengthMessage:
    'Le numéro de sécurité sociale doit comporter 13 caractères (ou 15 avec la clé)',
  scientificNotationMessage:
    'NIR transformé par Excel en notation scientifique : formatez la colonne en texte et saisissez-le à nouveau',
  leadingZeroLostMessage:
    'Le numéro de sécurité sociale doit comporter 13 caractères (ou 15 avec la clé)',
};

const POSTAL_CODE_MESSAGE = 'Code postal : 5 chiffres';
/** A French postal code: 5 digits; 06000 saved by a spreadsheet as 6000 gets its zero back. */
const POSTAL_CODE_CELL: DigitsCellSpec = {
  length: 5,
  parse: (t) =>
    /^\d{5}$/.test(t) ? { ok: true, value: t } : { ok: false, error: POSTAL_CODE_MESSAGE },
  wrongLengthMessage: POSTAL_CODE_MESSAGE,
  scientificNotationMessage: POSTAL_CODE_MESSAGE,
  leadingZeroLostMessage: POSTAL_CODE_MESSAGE,
  restoredLeadingZeroNotice: (read, restored) =>
    `code postal ${read} lu comme ${restored} : le zéro du début, perdu par le tableur, a été rétabli`,
};

/** « 1 85 06 •• ••• ••• •• »: enough for staff to recognise a row, not the number itself. */
export function maskNir(nir13: string): string {
  return `${formatNir(nir13).slice(0, 7)} •• ••• ••• ••`;
}

function maskRaw(raw: string): string {
  const compact = raw.replace(/\s/g, '');
  return compact.length <= 5 ? compact : `${compact.slice(0, 5)}…`;
}

const COLLEGES: Record<string, StaffCategory> = {
  cadre: 'cadre',
  cadres: 'cadre',
  c: 'cadre',
  noncadre: 'non_cadre',
  noncadres: 'non_cadre',
  nc: 'non_cadre',
  ensembledupersonnel: 'all',
  ensemble: 'all',
  tous: 'all',
  toutlepersonnel: 'all',
  all: 'all',
  ens: 'all',
};

/** Options of a contract: « Base obligatoire | Option 1 | opt2=Option 2 facultative ». */
export function parseOptions(raw: string): ParseResult<ContractOption[]> {
  const items = raw
    .split(/[|;\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) {
    return { ok: true, value: [{ code: 'base', label: 'Base obligatoire', mandatory: true }] };
  }
  const options: ContractOption[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    const label = (eq >= 0 ? item.slice(eq + 1) : item).trim();
    const key = matchKey(label);
    let code = eq >= 0 ? item.slice(0, eq).trim() : '';
    if (!code) {
      const n = /^option(\d+)/.exec(key);
      code = key.startsWith('base') ? 'base' : n ? `opt${n[1]}` : key.slice(0, 20);
    }
    if (!code || !label) return { ok: false, error: `Options : « ${item} » n’est pas une option` };
    if (options.some((o) => o.code === code)) {
      return { ok: false, error: `Options : l’option « ${code} » figure deux fois` };
    }
    options.push({ code, label, mandatory: key.includes('oblig') });
  }
  return { ok: true, value: options };
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface CompanyData {
  siren: string;
  name: string;
  identifier: string;
  ccnName: string | null | undefined;
  idcc: string | null | undefined;
}

export interface EstablishmentData {
  siret: string;
  siren: string;
  name: string;
  identifier: string;
  addressLine1: string | null | undefined;
  addressLine2: string | null | undefined;
  postalCode: string | null | undefined;
  city: string | null | undefined;
  /** A notice to show with the row (a postal code's leading zero put back). */
  warning: string | null;
}

export interface ContractData {
  number: string;
  siren: string;
  label: string;
  staffCategory: StaffCategory;
  options: ContractOption[] | undefined;
  startDate: string;
  endDate: string | null | undefined;
}

export interface MemberData {
  /** 13 characters, canonical. */
  nir: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  siret: string;
  professionalStatus: ProfessionalStatus;
  contractNumber: string;
  /** As typed (code or label), null for the mandatory option. */
  option: string | null;
  effectiveDate: string;
  endDate: string | null | undefined;
  /** A warning to show with the row (NIR and birth date disagree). */
  warning: string | null;
}

export interface KindData {
  companies: CompanyData;
  establishments: EstablishmentData;
  contracts: ContractData;
  members: MemberData;
}

export type ParsedRow<T> =
  | { line: number; key: string; label: string; ok: true; data: T; dedupKey: string }
  | { line: number; key: string; label: string; ok: false; message: string };

type Get = (field: string) => Cell | null | undefined;

class RowError extends Error {}
const fail = (message: string): never => {
  throw new RowError(message);
};

function required(get: Get, field: string, label: string, max = 200): string {
  const value = text(get(field));
  if (value === '') fail(`${label} manquant`);
  if (value.length > max) fail(`${label} trop long (${max} caractères au plus)`);
  return value;
}

/** undefined: column absent; null: empty. */
function optional(get: Get, field: string, label: string, max = 200): string | null | undefined {
  const cell = get(field);
  if (cell === undefined) return undefined;
  const value = text(cell);
  if (value.length > max) fail(`${label} trop long (${max} caractères au plus)`);
  return value === '' ? null : value;
}

function ok<T>(r: ParseResult<T>): T {
  if (!r.ok) fail(r.error);
  return (r as { value: T }).value;
}

function siretOf(get: Get): string {
  const cell = get('siret');
  if (!cell || isBlank(cell)) return fail('SIRET manquant');
  const checked = checkSiretCell(cell);
  return checked.ok ? checked.siret : fail(checked.error);
}

function sirenOf(get: Get): string {
  const cell = get('siren');
  if (!cell || isBlank(cell)) return fail('SIREN manquant');
  return ok(checkDigitsCell(cell, SIREN_CELL));
}

function dateOf(get: Get, field: string, label: string): string {
  const value = ok(parseDateCell(get(field), label));
  return value ?? fail(`${label} manquante`);
}

function optionalDate(get: Get, field: string, label: string): string | null | undefined {
  const cell = get(field);
  return cell === undefined ? undefined : ok(parseDateCell(cell, label));
}

const PARSERS: {
  [K in ReferenceImportKind]: (get: Get) => {
    data: KindData[K];
    key: string;
    label: string;
    dedupKey: string;
  };
} = {
  companies: (get) => {
    const siren = sirenOf(get);
    const name = required(get, 'name', 'Raison sociale');
    const identifier = required(get, 'identifier', 'Identifiant entreprise', 40);
    const idcc = optional(get, 'idcc', 'IDCC', 10);
    if (idcc && !/^\d{1,4}$/.test(idcc)) fail('IDCC : 4 chiffres au plus');
    return {
      key: siren,
      label: name,
      dedupKey: siren,
      data: {
        siren,
        name,
        identifier,
        ccnName: optional(get, 'ccnName', 'CCN'),
        idcc: idcc ? idcc.padStart(4, '0') : idcc,
      },
    };
  },
  establishments: (get) => {
    const siret = siretOf(get);
    const sirenCell = get('siren');
    const siren = sirenCell && !isBlank(sirenCell) ? sirenOf(get) : sirenOfSiret(siret);
    if (siret.slice(0, 9) !== siren) {
      fail(`Le SIRET ne commence pas par le SIREN ${siren}`);
    }
    const name = required(get, 'name', 'Nom');
    const postalCell = get('postalCode');
    const postal =
      postalCell && !isBlank(postalCell) ? checkDigitsCell(postalCell, POSTAL_CODE_CELL) : null;
    if (postal && !postal.ok) fail(postal.error);
    // undefined: column absent; null: empty.
    const postalCode = postalCell === undefined ? undefined : postal?.ok ? postal.value : null;
    return {
      key: siret,
      label: name,
      dedupKey: siret,
      data: {
        siret,
        siren,
        name,
        identifier: required(get, 'identifier', 'Identifiant établissement', 40),
        addressLine1: optional(get, 'addressLine1', 'Adresse'),
        addressLine2: optional(get, 'addressLine2', 'Complément d’adresse'),
        postalCode,
        city: optional(get, 'city', 'Ville', 100),
        warning: (postal?.ok && postal.notice) || null,
      },
    };
  },
  contracts: (get) => {
    const number = required(get, 'number', 'Numéro de contrat', 40);
    const label = required(get, 'label', 'Libellé');
    const siren = sirenOf(get);
    const college = text(get('staffCategory'));
    if (college === '') fail('Collège manquant');
    const staffCategory =
      COLLEGES[matchKey(college)] ??
      fail(
        `Collège « ${college} » inconnu : « Cadre », « Non cadre » ou « Ensemble du personnel »`,
      );
    const optionsCell = get('options');
    const options = optionsCell === undefined ? undefined : ok(parseOptions(text(optionsCell)));
    const startDate = dateOf(get, 'startDate', 'Date de début');
    const endDate = optionalDate(get, 'endDate', 'Date de fin');
    if (endDate && endDate < startDate) fail('La date de fin précède la date de début');
    return {
      key: number,
      label,
      dedupKey: number,
      data: { number, siren, label, staffCategory, options, startDate, endDate },
    };
  },
  members: (get) => {
    const nirCell = get('nir');
    if (!nirCell || isBlank(nirCell)) fail('NIR manquant');
    const nirChecked = checkDigitsCell(nirCell as Cell, NIR_CELL);
    if (!nirChecked.ok) throw new NirError(nirChecked.error, maskRaw(text(nirCell)));
    const nir = nirChecked.value;
    const lastName = required(get, 'lastName', 'Nom', 100);
    const firstName = required(get, 'firstName', 'Prénom', 100);
    const birthDate = dateOf(get, 'birthDate', 'Date de naissance');
    const birthDateWrong = birthDateError(birthDate);
    if (birthDateWrong) fail(birthDateWrong);
    const siret = siretOf(get);
    const status = text(get('professionalStatus'));
    if (status === '') fail('Statut professionnel manquant');
    const college = COLLEGES[matchKey(status)];
    if (college !== 'cadre' && college !== 'non_cadre') {
      fail(`Statut professionnel « ${status} » inconnu : « Cadre » ou « Non cadre »`);
    }
    const contractNumber = required(get, 'contractNumber', 'Numéro de contrat', 40);
    const effectiveDate = dateOf(get, 'effectiveDate', 'Date d’effet');
    const endDate = optionalDate(get, 'endDate', 'Date de fin');
    if (endDate && endDate < effectiveDate) fail('La date de fin précède la date d’effet');
    if (birthDate >= effectiveDate) fail('La date de naissance doit précéder la date d’effet');
    return {
      key: maskNir(nir),
      label: `${lastName.toUpperCase()} ${firstName}`,
      dedupKey: `${nir}|${siret.slice(0, 9)}|${contractNumber}|${effectiveDate}`,
      data: {
        nir,
        lastName,
        firstName,
        birthDate,
        siret,
        professionalStatus: college as ProfessionalStatus,
        contractNumber,
        option: optional(get, 'option', 'Option', 60) ?? null,
        effectiveDate,
        endDate,
        warning: nirBirthDateWarning(nir, birthDate),
      },
    };
  },
};

class NirError extends RowError {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
  }
}

/** What identifies a row in error, from its cells (no NIR in clear). */
function errorKey(kind: ReferenceImportKind, get: Get): { key: string; label: string } {
  switch (kind) {
    case 'companies':
      return { key: text(get('siren')), label: text(get('name')) };
    case 'establishments':
      return { key: text(get('siret')), label: text(get('name')) };
    case 'contracts':
      return { key: text(get('number')), label: text(get('label')) };
    case 'members': {
      const nir = parseNir(text(get('nir')));
      return {
        key: nir.ok ? maskNir(nir.value) : maskRaw(text(get('nir'))),
        label: `${text(get('lastName')).toUpperCase()} ${text(get('firstName'))}`.trim(),
      };
    }
  }
}

/** Checks the data rows of a file one at a time, after its header row. */
export interface RowParser<T> {
  parse(row: TableRow): ParsedRow<T>;
  /** Forgets the file's keys (their temporary file is removed). */
  close(): void;
}

/**
 * The parser of a file's data rows, from its header row (throws when a required column is
 * missing). It remembers, for the whole file, the key of every row kept (SIREN, SIRET, contract
 * number, or NIR + SIREN + contract + date d'effet) with its line, in a SpillingKeyMap sized for
 * `expectedRows` (the file's data rows): the same key again is an error that names the first
 * line, whatever batch that line was in. Close it when the file is done.
 */
export function createRowParser<K extends ReferenceImportKind>(
  kind: K,
  header: Cell[],
  maxRows = REFERENCE_IMPORT_MAX_ROWS,
  expectedRows = 1024,
): RowParser<KindData[K]> {
  const columns = locateColumns(kind, header);
  const parse = PARSERS[kind] as (get: Get) => {
    data: KindData[K];
    key: string;
    label: string;
    dedupKey: string;
  };
  const firstLineOf = new SpillingKeyMap(Math.min(expectedRows, maxRows));
  let count = 0;
  return {
    parse(row) {
      if (count >= maxRows) {
        throw badRequest(
          'import_too_many_rows',
          `Le fichier contient plus de ${maxRows.toLocaleString('fr-FR')} lignes : découpez-le en plusieurs fichiers.`,
        );
      }
      count += 1;
      const get: Get = (field) => {
        const index = columns.get(field);
        return index === undefined ? undefined : (row.cells[index] ?? null);
      };
      try {
        const parsed = parse(get);
        const seen = firstLineOf.putIfAbsent(parsed.dedupKey, String(row.line));
        if (seen !== null) {
          return {
            line: row.line,
            key: parsed.key,
            label: parsed.label,
            ok: false,
            message: `Cette ligne figure déjà à la ligne ${seen} du fichier`,
          };
        }
        return { line: row.line, ok: true, ...parsed };
      } catch (err) {
        if (!(err instanceof RowError)) throw err;
        const id = errorKey(kind, get);
        return {
          line: row.line,
          key: err instanceof NirError ? err.key : id.key,
          label: id.label,
          ok: false,
          message: err.message,
        };
      }
    },
    close: () => firstLineOf.close(),
  };
}

export const noRows = () => badRequest('import_empty', 'Le fichier ne contient aucune ligne.');
export const noDataRows = () =>
  badRequest('import_empty', 'Le fichier ne contient aucune ligne de données.');

/**
 * The rows of a table: the first non-blank row is the header; then each non-blank row, parsed.
 * The same key twice in the file (SIREN, SIRET, contract number, or NIR + contract + date
 * d'effet): the first is kept, the others are errors.
 */
export function parseTable<K extends ReferenceImportKind>(
  kind: K,
  table: TableRow[],
  maxRows = REFERENCE_IMPORT_MAX_ROWS,
): ParsedRow<KindData[K]>[] {
  const first = table.findIndex((r) => r.cells.some((c) => !isBlank(c)));
  if (first < 0) throw noRows();
  const parser = createRowParser(kind, (table[first] as TableRow).cells, maxRows, table.length);
  const rows: ParsedRow<KindData[K]>[] = [];
  try {
    for (let i = first + 1; i < table.length; i += 1) {
      const row = table[i] as TableRow;
      if (!row.cells.some((c) => !isBlank(c))) continue;
      rows.push(parser.parse(row));
    }
  } finally {
    parser.close();
  }
  if (rows.length === 0) throw noDataRows();
  return rows;
}

/** The sheet names a reference file may use, as matchKey() forms. */
export const SHEET_KEYS: Record<ReferenceImportKind, readonly string[]> = {
  companies: ['entreprises'],
  establishments: ['etablissements'],
  contracts: ['contrats', 'contratscollectifs'],
  members: ['assures', 'assuresetcouvertures', 'couvertures'],
};
