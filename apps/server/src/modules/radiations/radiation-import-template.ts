/**
 * The Excel template of « Radier par fichier »: the sheet « Radiations » (one column per field,
 * every cell formatted as text so that Excel keeps a NIR as typed, the motif chosen from a list,
 * « Droits au chômage » Oui/Non), and the sheet « Instructions » (each column explained, the
 * motifs with their DSN codes and whether they open unemployment rights by default).
 */
import type { Workbook, Worksheet } from 'exceljs';
import { RADIATION_MOTIFS } from '@affilia/shared/domain/radiation';
import {
  RADIATION_IMPORT_COLUMNS,
  RADIATION_IMPORT_MAX_BYTES,
  RADIATION_IMPORT_MAX_ROWS,
} from '@affilia/shared/domain/radiation-import';
import { RADIATION_COLUMNS } from './radiation-import-file';

export const RADIATION_TEMPLATE_FILE_NAME = 'modele-radiations.xlsx';

const DATA_SHEET = 'Radiations';
const HELP_SHEET = 'Instructions';
/** Headings shown as the column is typed (jj/mm/aaaa, Oui/Non). */
const HEADINGS: Partial<Record<string, string>> = {
  contractEndDate: `${RADIATION_IMPORT_COLUMNS.contractEndDate} (jj/mm/aaaa)`,
  unemploymentRights: `${RADIATION_IMPORT_COLUMNS.unemploymentRights} (Oui/Non)`,
  employmentStartDate: `${RADIATION_IMPORT_COLUMNS.employmentStartDate} (jj/mm/aaaa)`,
};
const WIDTHS: Partial<Record<string, number>> = {
  nir: 24,
  contractEndDate: 30,
  motif: 48,
  unemploymentRights: 26,
  employmentStartDate: 32,
  contactEmail: 30,
  contactAddress: 40,
  comment: 40,
};

/** The sheet « Instructions »; returns the range of the motifs' labels (the list's source). */
function writeHelp(workbook: Workbook): string {
  const help = workbook.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 62 }, { width: 12 }, { width: 90 }];
  const title = (text: string) => {
    help.addRow([text]).font = { bold: true, size: 12 };
  };
  title('Radier plusieurs salariés par fichier');
  help.addRow([
    `Une ligne par salarié à radier, à partir de la ligne 2 de la feuille « ${DATA_SHEET} » (gardez la ligne des titres). ${RADIATION_IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes au plus, ${RADIATION_IMPORT_MAX_BYTES / 1024 / 1024} Mo au plus, au format Excel (.xlsx) ou CSV (.csv, séparateur point-virgule ou virgule).`,
  ]);
  help.addRow([
    'Chaque ligne correcte devient une demande de radiation envoyée à l’assureur, vérifiée comme dans le formulaire « Radier un salarié » ; une ligne en erreur n’est pas appliquée et le rapport en donne la raison.',
  ]);
  help.addRow([]);
  title('Les colonnes');
  for (const spec of RADIATION_COLUMNS) {
    const row = help.addRow([
      HEADINGS[spec.field] ?? spec.header,
      spec.required ? 'Obligatoire' : 'Facultatif',
      spec.help,
    ]);
    row.getCell(1).font = { bold: true };
  }
  help.addRow([]);
  help.addRow([
    'Les colonnes sont au format Texte : gardez ce format. Un NIR enregistré comme un nombre peut être affiché « 1,85E+14 » (notation scientifique) : la ligne serait alors refusée.',
  ]);
  help.addRow([]);
  title('Les motifs de rupture');
  const head = help.addRow(['Motif', 'Code DSN', 'Ouvre droit au chômage par défaut']);
  head.font = { bold: true };
  const first = head.number + 1;
  for (const motif of RADIATION_MOTIFS) {
    help.addRow([motif.label, motif.dsn, motif.unemployment ? 'Oui' : 'Non']);
  }
  help.addRow([]);
  help.addRow([
    'Codes DSN : rubrique S21.G00.62.002 « Motif de la rupture du contrat » (cahier technique DSN, net-entreprises.fr).',
  ]);
  help.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  help.getColumn(2).numFmt = '@';
  return `'${HELP_SHEET}'!$A$${first}:$A$${first + RADIATION_MOTIFS.length - 1}`;
}

function writeData(sheet: Worksheet, motifList: string): void {
  sheet.columns = RADIATION_COLUMNS.map((spec) => ({
    header: HEADINGS[spec.field] ?? spec.header,
    key: spec.field,
    width: WIDTHS[spec.field] ?? 20,
    style: { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.height = 22;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  const motifColumn = RADIATION_COLUMNS.findIndex((c) => c.field === 'motif') + 1;
  const rightsColumn = RADIATION_COLUMNS.findIndex((c) => c.field === 'unemploymentRights') + 1;
  for (let r = 2; r <= RADIATION_IMPORT_MAX_ROWS + 1; r += 1) {
    const row = sheet.getRow(r);
    // The column style is enough for Excel; LibreOffice reads it from the cells themselves.
    for (let c = 1; c <= RADIATION_COLUMNS.length; c += 1) row.getCell(c).numFmt = '@';
    row.getCell(motifColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [motifList],
      showErrorMessage: true,
      errorTitle: 'Motif',
      error: `Choisissez le motif dans la liste (feuille « ${HELP_SHEET} »).`,
    };
    row.getCell(rightsColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"Oui,Non"'],
      showErrorMessage: true,
      errorTitle: 'Droits au chômage',
      error: 'Répondez « Oui » ou « Non », ou laissez vide.',
    };
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
  const motifList = writeHelp(workbook);
  writeData(sheet, motifList);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let template: Promise<Buffer> | null = null;

/** The Excel template of « Radier par fichier », built once. */
export function radiationImportTemplate(): Promise<Buffer> {
  template ??= buildTemplate().catch((err: unknown) => {
    template = null;
    throw err;
  });
  return template;
}
