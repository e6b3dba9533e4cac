/**
 * Reading a file of pré-affiliations (« Pré-affilier par fichier », issue 20) without the
 * database: the table in (lib/spreadsheet, as every import: type from the bytes, UTF-8 or
 * Windows-1252, `;` or `,`, .xlsx behind the ZIP guard, in a worker thread), each row out either
 * as the wizard's answers (the establishment still a SIRET) or refused with its reasons, one per
 * column. The answers are then checked by the wizard's own schema and rules (the service).
 *
 * The cells are read by the same helpers as the other imports: a NIR or a SIRET with spaces, or
 * as `="…"`, or that Excel turned into scientific notation (a row error, never a guessed number);
 * dates jj/mm/aaaa, ISO or Excel's date cells.
 */
import {
  AFFILIATION_IMPORT_COLUMNS as HEADERS,
  AFFILIATION_IMPORT_MAX_ROWS,
  type AffiliationImportColumn,
} from '@affilia/shared/domain/affiliation-import';
import {
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  EMPLOYMENT_CONTRACT_TYPES,
  PROFESSIONAL_STATUS_LABELS,
  PROFESSIONAL_STATUSES,
  type EmploymentContractType,
  type ProfessionalStatus,
} from '@affilia/shared/domain/enums';
import { readTable } from '../../lib/spreadsheet/read-table';
import {
  checkDigitsCell,
  checkSiretCell,
  displayText,
  isBlank,
  matchKey,
  unwrapText,
  type Cell,
  type TableRow,
} from '../establishments/import-file';
import { yesNoOf } from '../radiations/radiation-import-file';
import {
  col,
  readImportRows,
  NIR_CELL,
  parseDateInColumn,
  type ColumnSpec,
  type ReadImportRow,
  type RowReason,
} from '../reference-data/import-parse';

const DATE_HELP = 'jj/mm/aaaa (par exemple 01/02/2027).';
/** The template's heading of a date column, and the key it is found by. */
export const DATED = ' (jj/mm/aaaa)';
const dated = (field: AffiliationImportColumn) => matchKey(HEADERS[field] + DATED);

const labelsOf = (labels: Record<string, string>) =>
  Object.values(labels)
    .map((l) => `« ${l} »`)
    .join(', ');

/** The columns, their headings (the template's), their help and the other headings accepted. */
export const AFFILIATION_COLUMNS: readonly ColumnSpec[] = [
  col(
    'siret',
    HEADERS.siret,
    true,
    'SIRET de l’établissement du salarié : 14 chiffres, espaces permis. L’établissement doit figurer dans votre périmètre.',
    ['siret', 'siretetablissement', 'etablissement'],
  ),
  col(
    'professionalStatus',
    HEADERS.professionalStatus,
    true,
    `Statut professionnel du salarié : ${labelsOf(PROFESSIONAL_STATUS_LABELS)}. Il choisit le contrat (collège) du salarié.`,
    ['statut', 'college', 'categorie'],
  ),
  col(
    'alreadyAffiliated',
    HEADERS.alreadyAffiliated,
    false,
    '« Oui » si le salarié a déjà été affilié à un contrat de l’entreprise (il est alors retrouvé par son NIR), « Non » ou vide sinon.',
    [matchKey(`${HEADERS.alreadyAffiliated} (Oui/Non)`), 'dejaaffiliee'],
  ),
  col('lastName', HEADERS.lastName, true, 'Nom du salarié.', [
    'nomdefamille',
    'nomdenaissance',
    'nomdusage',
  ]),
  col('firstName', HEADERS.firstName, true, 'Prénom du salarié.', ['prenoms']),
  col(
    'nir',
    HEADERS.nir,
    true,
    'Numéro de sécurité sociale du salarié : 13 caractères, ou 15 avec la clé, espaces permis.',
    ['numerodesecuritesociale', 'securitesociale', 'nircle'],
  ),
  col('birthDate', HEADERS.birthDate, true, `Date de naissance : ${DATE_HELP}`, [
    dated('birthDate'),
    'naissance',
  ]),
  col(
    'email',
    HEADERS.email,
    false,
    'E-mail du salarié : il reçoit le lien de son formulaire d’affiliation en ligne (mode « E-mail »). Vide : mode « Courrier », vous imprimez son bulletin pré-rempli.',
    ['email', 'mail', 'adresseemail', 'courriel'],
  ),
  col('hireDate', HEADERS.hireDate, true, `Date d’entrée dans l’entreprise : ${DATE_HELP}`, [
    dated('hireDate'),
    'datedentree',
    'datedembauche',
  ]),
  col(
    'affiliationDate',
    HEADERS.affiliationDate,
    true,
    `Date d’affiliation au contrat Frais de Santé : ${DATE_HELP} Elle ne peut pas précéder la date d’entrée.`,
    [dated('affiliationDate'), 'datedaffiliationaucontratfraisdesante', 'dateeffet'],
  ),
  col(
    'employmentContractType',
    HEADERS.employmentContractType,
    true,
    `Type de contrat de travail : ${labelsOf(EMPLOYMENT_CONTRACT_TYPE_LABELS)}.`,
    ['typedecontrat', 'contratdetravail', 'naturecontrat'],
  ),
  col(
    'employmentStartDate',
    HEADERS.employmentStartDate,
    true,
    `Date de début du contrat de travail : ${DATE_HELP}`,
    [dated('employmentStartDate'), 'datededebutducontratdetravail', 'debutducontrat'],
  ),
  col(
    'employmentEndDate',
    HEADERS.employmentEndDate,
    false,
    `Date de fin du contrat de travail, obligatoire pour un CDD, un CDD d’usage, un contrat d’apprentissage ou de professionnalisation et l’intérim : ${DATE_HELP}`,
    [dated('employmentEndDate'), 'datedefinducontratdetravail', 'findecontrat'],
  ),
  col(
    'positionInCompany',
    HEADERS.positionInCompany,
    false,
    'Facultatif : le poste ou statut du salarié au sein de l’entreprise.',
    ['poste', 'fonction'],
  ),
];

/** The wizard's answers of a row, the establishment still as its SIRET. */
export interface AffiliationFileRow {
  siret: string;
  professionalStatus: ProfessionalStatus;
  alreadyAffiliated: boolean;
  lastName: string;
  firstName: string;
  /** As checked by the NIR cell (13 or 15 characters); the schema checks it again. */
  nir: string;
  birthDate: string;
  email: string | undefined;
  hireDate: string;
  affiliationDate: string;
  employmentContractType: EmploymentContractType;
  employmentStartDate: string;
  employmentEndDate: string | undefined;
  positionInCompany: string | undefined;
}

export type ReadRow = ReadImportRow<AffiliationFileRow>;

/** A value of a closed list from its label, its code or (contracts) a common spelling. */
function choiceOf<T extends string>(
  text: string,
  codes: readonly T[],
  labels: Record<T, string>,
): T | null {
  const key = matchKey(text);
  if (key === '') return null;
  return codes.find((c) => matchKey(labels[c]) === key || matchKey(c) === key) ?? null;
}

/** Other spellings of a contract type found in payroll exports. */
const CONTRACT_SPELLINGS: Record<string, EmploymentContractType> = {
  apprentissage: 'apprenticeship',
  professionnalisation: 'professionalisation',
  contratpro: 'professionalisation',
  cddu: 'cdd_usage',
  cdddusage: 'cdd_usage',
  interimaire: 'interim',
  cdii: 'cdi_intermittent',
};

export function contractTypeOf(text: string): EmploymentContractType | null {
  return (
    choiceOf(text, EMPLOYMENT_CONTRACT_TYPES, EMPLOYMENT_CONTRACT_TYPE_LABELS) ??
    CONTRACT_SPELLINGS[matchKey(text)] ??
    null
  );
}

export function professionalStatusOf(text: string): ProfessionalStatus | null {
  return choiceOf(text, PROFESSIONAL_STATUSES, PROFESSIONAL_STATUS_LABELS);
}

/** The reasons and values of one row's cells. */
function readCells(get: (field: AffiliationImportColumn) => Cell | null) {
  const reasons: RowReason[] = [];
  const refuse = (field: AffiliationImportColumn, message: string) =>
    reasons.push({ field: HEADERS[field], message });
  const text = (field: AffiliationImportColumn) => {
    const cell = get(field);
    return cell ? unwrapText(displayText(cell)) : '';
  };
  const date = (field: AffiliationImportColumn, missing?: string) => {
    const parsed = parseDateInColumn(get(field), HEADERS[field]);
    if (!parsed.ok) refuse(field, parsed.error);
    else if (parsed.value === null && missing) refuse(field, missing);
    return parsed.ok ? (parsed.value ?? undefined) : undefined;
  };
  const required = (field: AffiliationImportColumn, missing: string) => {
    const value = text(field);
    if (value === '') refuse(field, missing);
    return value;
  };

  let siret = '';
  const siretCell = get('siret');
  if (!siretCell || isBlank(siretCell)) refuse('siret', 'SIRET manquant');
  else {
    const checked = checkSiretCell(siretCell);
    if (checked.ok) siret = checked.siret;
    else refuse('siret', checked.error);
  }
  const statusText = text('professionalStatus');
  const professionalStatus = professionalStatusOf(statusText);
  if (!professionalStatus) {
    refuse(
      'professionalStatus',
      statusText === ''
        ? 'Statut professionnel manquant : « Cadre » ou « Non cadre »'
        : `Statut professionnel inconnu (« ${statusText} ») : « Cadre » ou « Non cadre »`,
    );
  }
  const affiliatedText = text('alreadyAffiliated');
  const alreadyAffiliated = yesNoOf(affiliatedText);
  if (alreadyAffiliated === null) {
    refuse(
      'alreadyAffiliated',
      `Répondez « Oui » ou « Non », ou laissez vide (« ${affiliatedText} »)`,
    );
  }
  const lastName = required('lastName', 'Nom manquant');
  const firstName = required('firstName', 'Prénom manquant');
  let nir = '';
  const nirCell = get('nir');
  if (!nirCell || isBlank(nirCell)) refuse('nir', 'NIR manquant');
  else {
    const checked = checkDigitsCell(nirCell, NIR_CELL);
    if (checked.ok) nir = checked.value;
    else refuse('nir', checked.error);
  }
  const contractText = text('employmentContractType');
  const employmentContractType = contractTypeOf(contractText);
  if (!employmentContractType) {
    refuse(
      'employmentContractType',
      contractText === ''
        ? 'Type de contrat de travail manquant'
        : `Type de contrat de travail inconnu (« ${contractText} ») : ${labelsOf(EMPLOYMENT_CONTRACT_TYPE_LABELS)}`,
    );
  }
  const values: AffiliationFileRow = {
    siret,
    professionalStatus: professionalStatus ?? 'non_cadre',
    alreadyAffiliated: alreadyAffiliated ?? false,
    lastName,
    firstName,
    nir,
    birthDate: date('birthDate', 'Date de naissance manquante') ?? '',
    email: text('email') || undefined,
    hireDate: date('hireDate', 'Date d’entrée dans l’entreprise manquante') ?? '',
    affiliationDate: date('affiliationDate', 'Date d’affiliation manquante') ?? '',
    employmentContractType: employmentContractType ?? 'other',
    employmentStartDate:
      date('employmentStartDate', 'Date de début du contrat de travail manquante') ?? '',
    employmentEndDate: date('employmentEndDate'),
    positionInCompany: text('positionInCompany') || undefined,
  };
  return { reasons, values };
}

/** The rows of a table, read (see `readImportRows`). */
export function readRows(table: TableRow[], maxRows = AFFILIATION_IMPORT_MAX_ROWS): ReadRow[] {
  return readImportRows(table, AFFILIATION_COLUMNS, {
    maxRows,
    noRow: 'Le fichier ne contient aucun salarié à pré-affilier.',
    readCells,
  });
}

/** From the bytes of an uploaded file to its rows (the sheet « Pré-affiliations », else the first). */
export async function readAffiliationFile(
  bytes: Buffer,
  maxRows = AFFILIATION_IMPORT_MAX_ROWS,
): Promise<{ kind: 'csv' | 'xlsx'; rows: ReadRow[] }> {
  const { kind, table } = await readTable(bytes, {
    sheetKeys: ['preaffiliations', 'affiliations'],
    maxRows,
  });
  return { kind, rows: readRows(table, maxRows) };
}
