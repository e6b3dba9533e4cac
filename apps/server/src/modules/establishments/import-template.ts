import { IMPORT_MAX_ROWS } from '@affilia/shared/schemas/establishments';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TEMPLATE_FILE_NAME = 'modele-etablissements.xlsx';

const INSTRUCTIONS: readonly (string | { title: string })[] = [
  { title: 'Ajouter plusieurs établissements à votre périmètre' },
  '',
  { title: 'Comment remplir la feuille « Établissements »' },
  '1. Une ligne par établissement, à partir de la ligne 2 (gardez la ligne des titres).',
  '2. Colonne « SIRET » : les 14 chiffres du numéro de SIRET de l’établissement, avec ou sans espaces (par exemple 356 000 000 00048).',
  '3. Colonne « Code identifiant » : le code identifiant de l’établissement (« ID Assureur »), tel qu’il figure sur les courriers de votre assureur.',
  '',
  { title: 'Pour que vos numéros restent exacts' },
  '• La colonne SIRET est au format Texte : gardez ce format. Un SIRET enregistré comme un nombre peut être affiché « 3,56E+13 » (notation scientifique) ou perdre un zéro : la ligne serait alors refusée.',
  '• Si vous collez des numéros depuis un autre fichier, utilisez « Collage spécial > Valeurs » pour conserver le format Texte.',
  '',
  { title: 'Envoyer le fichier' },
  `• ${IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes au plus par fichier, 2 Mo au plus.`,
  '• Enregistrez-le au format Excel (.xlsx) ou CSV (.csv, séparateur point-virgule ou virgule), puis envoyez-le depuis « Mon profil » > « Établissements suivis ».',
  '• Vous recevez un rapport ligne par ligne : établissements ajoutés, déjà suivis, et les lignes en erreur avec leur motif. Les lignes correctes sont ajoutées même si d’autres sont en erreur.',
  '• Un établissement d’une société dont vous n’avez pas encore l’accès n’est ajouté que si cette société n’a pas encore d’administrateur ; sinon, demandez l’accès à son administrateur.',
];

async function buildTemplate(): Promise<Buffer> {
  // Loaded on first use: exceljs weighs about 30 MB of memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Affilia';
  workbook.created = new Date('2026-01-01T00:00:00Z');

  const sheet = workbook.addWorksheet('Établissements', {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }],
    properties: { defaultColWidth: 20 },
  });
  sheet.columns = [
    { header: 'SIRET', key: 'siret', width: 24, style: { numFmt: '@' } },
    { header: 'Code identifiant', key: 'identifier', width: 28, style: { numFmt: '@' } },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle' };
  header.height = 22;
  for (const col of [1, 2]) {
    header.getCell(col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    header.getCell(col).numFmt = '@';
  }
  // The column style is enough for Excel; LibreOffice reads it from the cells themselves.
  for (let r = 2; r <= IMPORT_MAX_ROWS + 1; r += 1) {
    const row = sheet.getRow(r);
    row.getCell(1).numFmt = '@';
    row.getCell(2).numFmt = '@';
  }

  const help = workbook.addWorksheet('Instructions', { properties: { defaultColWidth: 120 } });
  help.getColumn(1).width = 120;
  help.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  for (const line of INSTRUCTIONS) {
    const row = help.addRow([typeof line === 'string' ? line : line.title]);
    if (typeof line !== 'string') row.font = { bold: true, size: 12 };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let template: Promise<Buffer> | null = null;

/** The Excel template of « Ajouter plusieurs établissements (fichier) », built once. */
export function importTemplate(): Promise<Buffer> {
  template ??= buildTemplate().catch((err: unknown) => {
    template = null;
    throw err;
  });
  return template;
}
