import {
  REFERENCE_IMPORT_KIND_LABELS,
  type ReferenceImportKind,
} from '@affilia/shared/schemas/reference-import';
import { COLUMNS } from './import-parse';

const SHEET_NAMES: Record<ReferenceImportKind, string> = {
  companies: 'Entreprises',
  establishments: 'Établissements',
  contracts: 'Contrats',
  members: 'Assurés',
};

/** Rows pre-formatted as text for LibreOffice (Excel reads the column style). */
const FORMATTED_ROWS = 1000;

async function buildTemplate(kind: ReferenceImportKind): Promise<Buffer> {
  // Loaded on first use: exceljs weighs about 30 MB of memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Affilia';
  workbook.created = new Date('2026-01-01T00:00:00Z');
  const columns = COLUMNS[kind];

  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }],
  });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(16, c.header.length + 6),
    style: { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.height = 22;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FF1F4E79' : 'FF5B7FA6' },
    };
    cell.numFmt = '@';
  });
  for (let r = 2; r <= FORMATTED_ROWS + 1; r += 1) {
    const row = sheet.getRow(r);
    for (let i = 1; i <= columns.length; i += 1) row.getCell(i).numFmt = '@';
  }

  const help = workbook.addWorksheet('Instructions');
  help.getColumn(1).width = 30;
  help.getColumn(2).width = 14;
  help.getColumn(3).width = 100;
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([`Import : ${REFERENCE_IMPORT_KIND_LABELS[kind]}`]).font = { bold: true, size: 12 };
  help.addRow([
    'Une ligne par élément, à partir de la ligne 2 de la première feuille (gardez la ligne des titres). Les colonnes sont au format Texte : gardez ce format pour que les numéros restent exacts.',
  ]);
  help.addRow([
    'Un nouvel import du même fichier ne change rien (« Inchangé ») ; seules les valeurs modifiées sont mises à jour. Les lignes en erreur ne sont jamais appliquées.',
  ]);
  help.addRow([]);
  help.addRow(['Colonne', 'Obligatoire', 'Contenu']).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.required ? 'Oui' : 'Non', c.help]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const templates = new Map<ReferenceImportKind, Promise<Buffer>>();

/** The Excel template of a kind of reference data, built once. */
export function referenceImportTemplate(kind: ReferenceImportKind): Promise<Buffer> {
  let template = templates.get(kind);
  if (!template) {
    template = buildTemplate(kind).catch((err: unknown) => {
      templates.delete(kind);
      throw err;
    });
    templates.set(kind, template);
  }
  return template;
}
