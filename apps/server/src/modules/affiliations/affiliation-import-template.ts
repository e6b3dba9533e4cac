/**
 * The Excel template of « Pré-affilier par fichier »: the sheet « Pré-affiliations » (one column
 * per field of the wizard, every cell formatted as text so that Excel keeps a NIR and a SIRET as
 * typed, the closed lists chosen from a list), and the sheet « Instructions » (each column
 * explained, the two modes).
 */
import type { Workbook, Worksheet } from 'exceljs';
import {
  AFFILIATION_IMPORT_COLUMNS,
  AFFILIATION_IMPORT_MAX_BYTES,
  AFFILIATION_IMPORT_MAX_ROWS,
} from '@affilia/shared/domain/affiliation-import';
import {
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  PROFESSIONAL_STATUS_LABELS,
} from '@affilia/shared/domain/enums';
import { AFFILIATION_COLUMNS, DATED } from './affiliation-import-file';

export const AFFILIATION_TEMPLATE_FILE_NAME = 'modele-pre-affiliations.xlsx';

const DATA_SHEET = 'Pré-affiliations';
const HELP_SHEET = 'Instructions';
const DATE_FIELDS = new Set([
  'birthDate',
  'hireDate',
  'affiliationDate',
  'employmentStartDate',
  'employmentEndDate',
]);
const heading = (field: string) =>
  AFFILIATION_IMPORT_COLUMNS[field as keyof typeof AFFILIATION_IMPORT_COLUMNS] +
  (DATE_FIELDS.has(field) ? DATED : field === 'alreadyAffiliated' ? ' (Oui/Non)' : '');
const WIDTHS: Partial<Record<string, number>> = {
  siret: 24,
  professionalStatus: 20,
  alreadyAffiliated: 18,
  nir: 24,
  email: 30,
  employmentContractType: 32,
  positionInCompany: 30,
};

/** A closed list written on the help sheet: the range its cells choose from. */
function writeList(help: Worksheet, title: string, values: readonly string[]): string {
  help.addRow([]);
  help.addRow([title]).font = { bold: true, size: 12 };
  const first = help.rowCount + 1;
  for (const value of values) help.addRow([value]);
  return `'${HELP_SHEET}'!$A$${first}:$A$${first + values.length - 1}`;
}

/** The sheet « Instructions »; returns the lists' ranges. */
function writeHelp(workbook: Workbook): { statuses: string; contracts: string } {
  const help = workbook.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 44 }, { width: 12 }, { width: 100 }];
  const title = (text: string) => {
    help.addRow([text]).font = { bold: true, size: 12 };
  };
  title('Pré-affilier plusieurs salariés par fichier');
  help.addRow([
    `Une ligne par salarié, à partir de la ligne 2 de la feuille « ${DATA_SHEET} » (gardez la ligne des titres). ${AFFILIATION_IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes au plus, ${AFFILIATION_IMPORT_MAX_BYTES / 1024 / 1024} Mo au plus, au format Excel (.xlsx) ou CSV (.csv, séparateur point-virgule ou virgule).`,
  ]);
  help.addRow([
    'Chaque ligne correcte devient une demande d’affiliation, vérifiée comme dans le formulaire « Pré-affiliation ». Avec un e-mail, le salarié reçoit le lien de son formulaire en ligne (mode « E-mail ») ; sans e-mail, la demande est en mode « Courrier » : imprimez les bulletins pré-remplis depuis le rapport. Une ligne en erreur n’est pas appliquée et le rapport en donne la raison.',
  ]);
  help.addRow([]);
  title('Les colonnes');
  for (const spec of AFFILIATION_COLUMNS) {
    const row = help.addRow([
      heading(spec.field),
      spec.required ? 'Obligatoire' : 'Facultatif',
      spec.help,
    ]);
    row.getCell(1).font = { bold: true };
  }
  help.addRow([]);
  help.addRow([
    'Les colonnes sont au format Texte : gardez ce format. Un NIR ou un SIRET enregistré comme un nombre peut être affiché « 1,85E+14 » (notation scientifique) ou perdre son zéro initial : la ligne serait alors refusée.',
  ]);
  const statuses = writeList(
    help,
    'Statuts professionnels',
    Object.values(PROFESSIONAL_STATUS_LABELS),
  );
  const contracts = writeList(
    help,
    'Types de contrat de travail',
    Object.values(EMPLOYMENT_CONTRACT_TYPE_LABELS),
  );
  help.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return { statuses, contracts };
}

function listValidation(formula: string, title: string) {
  return {
    type: 'list' as const,
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: title,
    error: `Choisissez une valeur de la liste (feuille « ${HELP_SHEET} »).`,
  };
}

function writeData(sheet: Worksheet, lists: { statuses: string; contracts: string }): void {
  sheet.columns = AFFILIATION_COLUMNS.map((spec) => ({
    header: heading(spec.field),
    key: spec.field,
    width: WIDTHS[spec.field] ?? (DATE_FIELDS.has(spec.field) ? 30 : 20),
    style: { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.height = 22;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  const columnOf = (field: string) => AFFILIATION_COLUMNS.findIndex((c) => c.field === field) + 1;
  const status = columnOf('professionalStatus');
  const affiliated = columnOf('alreadyAffiliated');
  const contract = columnOf('employmentContractType');
  for (let r = 2; r <= AFFILIATION_IMPORT_MAX_ROWS + 1; r += 1) {
    const row = sheet.getRow(r);
    // The column style is enough for Excel; LibreOffice reads it from the cells themselves.
    for (let c = 1; c <= AFFILIATION_COLUMNS.length; c += 1) row.getCell(c).numFmt = '@';
    row.getCell(status).dataValidation = listValidation(lists.statuses, 'Statut professionnel');
    row.getCell(contract).dataValidation = listValidation(lists.contracts, 'Type de contrat');
    row.getCell(affiliated).dataValidation = listValidation('"Oui,Non"', 'Déjà affilié');
  }
}

async function buildTemplate(): Promise<Buffer> {
  // Loaded on first use: exceljs weighs about 30 MB of memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Affilia';
  workbook.created = new Date('2026-01-01T00:00:00Z');
  const sheet = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }],
  });
  writeData(sheet, writeHelp(workbook));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let template: Promise<Buffer> | null = null;

/** The Excel template of « Pré-affilier par fichier », built once. */
export function affiliationImportTemplate(): Promise<Buffer> {
  template ??= buildTemplate().catch((err: unknown) => {
    template = null;
    throw err;
  });
  return template;
}
