/**
 * Reading a file of departures (« Radier par fichier », issue 18) without the database: the table
 * in (read by lib/spreadsheet, as every import: type from the bytes, UTF-8 or Windows-1252, `;`
 * or `,`, .xlsx behind the ZIP guard, in a worker thread), each row out either ready to be
 * matched with a member or refused with its reasons, one per column.
 *
 * The cells are read by the same helpers as the reference-data import: a NIR with spaces, or as
 * `="…"`, or that Excel turned into scientific notation (a row error, never a guessed number);
 * dates jj/mm/aaaa, ISO or Excel's date cells.
 */
import {
  RADIATION_MOTIFS,
  radiationMotif,
  type RadiationMotif,
} from '@affilia/shared/domain/radiation';
import {
  RADIATION_IMPORT_COLUMNS as HEADERS,
  RADIATION_IMPORT_MAX_ROWS,
  type RadiationImportColumn,
} from '@affilia/shared/domain/radiation-import';
import { readTable } from '../../lib/spreadsheet/read-table';
import {
  checkDigitsCell,
  displayText,
  isBlank,
  matchKey,
  unwrapText,
  type Cell,
  type TableRow,
} from '../establishments/import-file';
import {
  col,
  readImportRows,
  NIR_CELL,
  parseDateInColumn,
  type ColumnSpec,
  type ReadImportRow,
  type RowReason,
} from '../reference-data/import-parse';

const DATE_HELP = 'jj/mm/aaaa (par exemple 31/03/2027).';

/** The columns, their headings (the template's), their help and the other headings accepted. */
export const RADIATION_COLUMNS: readonly ColumnSpec[] = [
  col(
    'nir',
    HEADERS.nir,
    true,
    'Numéro de sécurité sociale du salarié : 13 caractères, ou 15 avec la clé, espaces permis. Le salarié doit figurer dans votre périmètre.',
    ['numerodesecuritesociale', 'securitesociale', 'nircle'],
  ),
  col(
    'lastName',
    HEADERS.lastName,
    true,
    'Nom du salarié, tel qu’il figure dans « Mes salariés ».',
    ['nomdenaissance', 'nomdusage', 'nomdefamille'],
  ),
  col('firstName', HEADERS.firstName, true, 'Prénom du salarié.', ['prenoms']),
  col(
    'contractEndDate',
    HEADERS.contractEndDate,
    true,
    `Dernier jour du contrat de travail, qui est aussi le dernier jour de couverture : ${DATE_HELP}`,
    [
      'datedefinducontratjjmmaaaa',
      'datedefinducontratdetravail',
      'datedefin',
      'datefincontrat',
      'findecontrat',
      'datedesortie',
    ],
  ),
  col(
    'motif',
    HEADERS.motif,
    true,
    'Motif de la rupture, choisi dans la liste (voir ci-dessous ; le code DSN est aussi accepté).',
    ['motifdelarupture', 'motifderupture'],
  ),
  col(
    'unemploymentRights',
    HEADERS.unemploymentRights,
    false,
    '« Oui » si la rupture ouvre droit à l’assurance chômage, « Non » sinon ; vide : selon le motif (voir la liste des motifs ci-dessous).',
    ['droitsauchomageouinon', 'droitsauchomage', 'chomage', 'ouvredroitalassurancechomage'],
  ),
  col(
    'employmentStartDate',
    HEADERS.employmentStartDate,
    false,
    `Facultatif : premier jour du dernier contrat (ou des derniers contrats successifs), pour la durée de la portabilité : ${DATE_HELP} Vide : la date d’embauche connue du portail, à défaut la date d’effet de la couverture.`,
    ['debutduderniercontratjjmmaaaa', 'datededebutducontrat', 'datedembauche', 'dateentree'],
  ),
  col(
    'contactEmail',
    HEADERS.contactEmail,
    false,
    'E-mail du salarié pour lui envoyer la notice de fin des garanties. Vide, sans adresse postale : l’e-mail connu du portail.',
    ['email', 'mail', 'adresseemail'],
  ),
  col(
    'contactAddress',
    HEADERS.contactAddress,
    false,
    'Adresse postale du salarié, si la notice doit lui être remise sur papier.',
    ['adresse'],
  ),
  col('comment', HEADERS.comment, false, 'Facultatif : un commentaire pour l’assureur.', [
    'commentaires',
    'remarque',
  ]),
];

/** What a row asks, checked as far as possible without data. */
export interface RadiationFileRow {
  /** The 13 characters of the NIR, without key. */
  nir: string;
  lastName: string;
  firstName: string;
  contractEndDate: string;
  motif: RadiationMotif;
  /** As the file says it; undefined: from the motif. */
  unemploymentRights: boolean | undefined;
  employmentStartDate: string | undefined;
  contactEmail: string | undefined;
  contactAddress: string | undefined;
  comment: string | undefined;
}

export type ReadRow = ReadImportRow<RadiationFileRow>;

/** The motif of a cell: its label (the template's list), its code, or its DSN code. */
export function motifOf(text: string): RadiationMotif | null {
  const key = matchKey(text);
  if (key === '') return null;
  const found = RADIATION_MOTIFS.find(
    (m) =>
      matchKey(m.label) === key ||
      matchKey(m.code) === key ||
      m.dsn === text.trim().padStart(3, '0'),
  );
  return found ? found.code : null;
}

const YES = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x']);
const NO = new Set(['non', 'n', 'no', 'faux', 'false', '0']);

/** « Oui » / « Non » / empty (undefined: from the motif); null when unreadable. */
export function yesNoOf(text: string): boolean | undefined | null {
  const key = matchKey(text);
  if (key === '') return undefined;
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

/** The reasons and values of one row's cells. */
function readCells(get: (field: RadiationImportColumn) => Cell | null) {
  const reasons: RowReason[] = [];
  const refuse = (field: RadiationImportColumn, message: string) =>
    reasons.push({ field: HEADERS[field], message });
  const text = (field: RadiationImportColumn) => {
    const cell = get(field);
    return cell ? unwrapText(displayText(cell)) : '';
  };
  const date = (field: RadiationImportColumn) => {
    const parsed = parseDateInColumn(get(field), HEADERS[field]);
    if (!parsed.ok) refuse(field, parsed.error);
    return parsed.ok ? (parsed.value ?? undefined) : undefined;
  };

  let nir = '';
  const nirCell = get('nir');
  if (!nirCell || isBlank(nirCell)) refuse('nir', 'NIR manquant');
  else {
    const checked = checkDigitsCell(nirCell, NIR_CELL);
    if (checked.ok) nir = checked.value;
    else refuse('nir', checked.error);
  }
  const lastName = text('lastName');
  const firstName = text('firstName');
  if (lastName === '') refuse('lastName', 'Nom manquant');
  if (firstName === '') refuse('firstName', 'Prénom manquant');
  const contractEndDate = date('contractEndDate');
  if (contractEndDate === undefined && !reasons.some((r) => r.field === HEADERS.contractEndDate)) {
    refuse('contractEndDate', 'Date de fin du contrat manquante');
  }
  const motifText = text('motif');
  const motif = motifOf(motifText);
  if (!motif) {
    refuse(
      'motif',
      motifText === ''
        ? 'Motif manquant : choisissez-le dans la liste du modèle'
        : `Motif inconnu (« ${motifText} ») : choisissez-le dans la liste du modèle`,
    );
  }
  const rightsText = text('unemploymentRights');
  const unemploymentRights = yesNoOf(rightsText);
  if (unemploymentRights === null) {
    refuse(
      'unemploymentRights',
      `Répondez « Oui » ou « Non », ou laissez vide (« ${rightsText} »)`,
    );
  }
  const optional = (field: RadiationImportColumn) => text(field) || undefined;
  const values = {
    nir,
    lastName,
    firstName,
    contractEndDate: contractEndDate ?? '',
    motif: motif ?? 'demission',
    unemploymentRights: unemploymentRights ?? undefined,
    employmentStartDate: date('employmentStartDate'),
    contactEmail: optional('contactEmail'),
    contactAddress: optional('contactAddress'),
    comment: optional('comment'),
  };
  return { reasons, values };
}

/** Whether the departure opens unemployment rights: as the file says, else from the motif. */
export function unemploymentRightsOf(row: RadiationFileRow): boolean {
  return row.unemploymentRights ?? radiationMotif(row.motif).unemployment;
}

/** The rows of a table, read (see `readImportRows`). */
export function readRows(table: TableRow[], maxRows = RADIATION_IMPORT_MAX_ROWS): ReadRow[] {
  return readImportRows(table, RADIATION_COLUMNS, {
    maxRows,
    noRow: 'Le fichier ne contient aucun salarié à radier.',
    readCells,
  });
}

/** From the bytes of an uploaded file to its rows (the sheet « Radiations », else the first). */
export async function readRadiationFile(
  bytes: Buffer,
  maxRows = RADIATION_IMPORT_MAX_ROWS,
): Promise<{ kind: 'csv' | 'xlsx'; rows: ReadRow[] }> {
  const { kind, table } = await readTable(bytes, { sheetKeys: ['radiations'], maxRows });
  return { kind, rows: readRows(table, maxRows) };
}
