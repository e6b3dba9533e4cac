import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RADIATION_MOTIFS } from '@affilia/shared/domain/radiation';
import type { RadiationImportReport } from '@affilia/shared/schemas/radiation-import';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { newId } from '../../lib/ids';
import { xlsxBomb } from '../../../test/zip';
import {
  browser,
  buildTestApp,
  errorOf,
  signInAs,
  type Browser,
  type TestApp,
} from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  publishTerms,
} from '../../../test/factories';
import { motifOf, readRows, yesNoOf } from './radiation-import-file';
import { OUTSIDE_PERIMETER } from './radiation-import.service';

let t: TestApp;
let b: Browser;
let adminId: string;
let other: Browser;
type Member = Awaited<ReturnType<typeof createMember>>;
const m: Record<string, Member> = {};

/** The 13 characters and their key, spaced as a person types them: « 1 85 06 75 123 456 78 ». */
const NIR = (n: number) => `1850675123${String(n).padStart(3, '0')}`;
const spaced = (nir13: string) =>
  `${nir13.slice(0, 1)} ${nir13.slice(1, 3)} ${nir13.slice(3, 5)} ${nir13.slice(5, 7)} ${nir13.slice(7, 10)} ${nir13.slice(10)} ${computeNirKey(nir13)}`;

/** Text as French Excel saves a CSV: Windows-1252 (’ is 0x92). */
const windows1252 = (text: string) =>
  Buffer.from(text.replace(/’/g, '\u0092').replace(/\n/g, '\r\n'), 'latin1');

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.ctx.db;
  await publishTerms(db);
  const company = await createCompany(db, { name: 'Boulangerie Dupain' });
  const establishment = await createEstablishment(db, company);
  const contract = await createContract(db, company);
  const coverages = [{ contract, effectiveDate: '2024-01-01' }];
  const add = async (key: string, n: number, lastName: string, firstName: string) => {
    m[key] = await createMember(db, t.ctx.cipher, {
      establishment: { id: establishment.id, company_id: company.id },
      nir13: NIR(n),
      lastName,
      firstName,
      coverages,
    });
  };
  await add('eloise', 1, 'Lefèvre', 'Éloïse');
  await add('bruno', 2, 'Martin', 'Bruno');
  await add('chloe', 3, 'Durand', 'Chloé');
  await add('noEmail', 4, 'Petit', 'Jules');
  await add('xlsx', 5, 'Nguyễn', 'Łukasz');
  await add('again', 6, 'Roux', 'Inès');
  await db
    .updateTable('members')
    .set({ email: 'membre@exemple.fr' })
    .where('id', '!=', m.noEmail!.id)
    .execute();

  const elsewhere = await createCompany(db, { name: 'Ailleurs SA' });
  const elsewhereEstablishment = await createEstablishment(db, elsewhere);
  m.outside = await createMember(db, t.ctx.cipher, {
    establishment: { id: elsewhereEstablishment.id, company_id: elsewhere.id },
    nir13: NIR(9),
    lastName: 'Loin',
    firstName: 'Paul',
    coverages: [{ contract: await createContract(db, elsewhere), effectiveDate: '2024-01-01' }],
  });

  const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
  adminId = admin.id;
  b = browser(t.app);
  await signInAs(b, t.ctx, admin);
  other = browser(t.app, { ip: '192.0.2.77' });
  await signInAs(
    other,
    t.ctx,
    await createEmployerUser(db, [{ company: elsewhere, role: 'admin' }]),
  );
});
afterAll(() => t.close());

function upload(who: Browser, fileName: string, bytes: Buffer) {
  const boundary = `----affilia${newId().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/radiations/import',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-requested-with': 'affilia',
      cookie: who.jar.header(),
    },
    payload,
  });
}

async function importOk(who: Browser, fileName: string, bytes: Buffer) {
  const res = await upload(who, fileName, bytes);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RadiationImportReport>();
}

const HEADER =
  'NIR;Nom;Prénom;Date de fin du contrat (jj/mm/aaaa);Motif;Droits au chômage (Oui/Non);Début du dernier contrat (jj/mm/aaaa);E-mail;Adresse postale;Commentaire';

const radiationsOf = (memberId: string) =>
  t.ctx.db
    .selectFrom('radiations')
    .select(['id', 'status', 'motif', 'contract_end_date', 'unemployment_rights', 'contact_email'])
    .where('member_id', '=', memberId)
    .execute();

describe('reading the cells', () => {
  it('reads a motif from its label, code or DSN code, and Oui/Non', () => {
    expect(motifOf('rupture conventionnelle')).toBe('rupture_conventionnelle');
    expect(motifOf('Fin de période d’essai à l’initiative de l’employeur')).toBe(
      'fin_essai_employeur',
    );
    expect(motifOf('43')).toBe('rupture_conventionnelle');
    expect(motifOf('demission')).toBe('demission');
    expect(motifOf('Départ en vacances')).toBeNull();
    expect([yesNoOf('Oui'), yesNoOf('non'), yesNoOf(''), yesNoOf('peut-être')]).toEqual([
      true,
      false,
      undefined,
      null,
    ]);
    expect(RADIATION_MOTIFS.every((mo) => motifOf(mo.label) === mo.code)).toBe(true);
  });

  it('refuses a file without the required columns, with their names', () => {
    expect(() =>
      readRows([
        { line: 1, cells: [{ kind: 'text', text: 'NIR' }] },
        { line: 2, cells: [{ kind: 'text', text: '1850675123001' }] },
      ]),
    ).toThrow(
      /«\sNom\s», «\sPrénom\s», «\sDate de fin du contrat\s», «\sMotif\s» sont introuvables/,
    );
  });
});

describe('POST /api/radiations/import', () => {
  it('a CSV saved by French Excel (Windows-1252, `;`, jj/mm/aaaa, NIR with spaces): the valid rows become radiations, the bad ones are refused and applied nowhere', async () => {
    const csv = windows1252(
      [
        HEADER,
        `${spaced(NIR(1))};LEFEVRE;Eloise;31/03/2026;Rupture conventionnelle;;;eloise@exemple.fr;;Départ le 31 mars`,
        `${spaced(NIR(2))};Martin;Bruno;30/04/2026;Départ en vacances;;;;;`,
        `1,85068E+12;Durand;Chloé;30/04/2026;Démission;;;;;`,
        `${spaced(NIR(9))};Loin;Paul;30/04/2026;Démission;;;;;`,
        `${spaced(NIR(3))};Durand;Marie;30/04/2026;Démission;;;;;`,
        ``,
        `${spaced(NIR(4))};Petit;Jules;30/04/2026;Fin de période d’essai à l’initiative du salarié;Oui;01/10/2025;;;`,
        `${spaced(NIR(1))};Lefèvre;Éloïse;31/03/2026;Démission;;;;;`,
      ].join('\n'),
    );
    const report = await importOk(b, 'radiations.csv', csv);

    expect(report.summary).toEqual({ total: 7, created: 1, refused: 6 });
    const brief = report.rows.map((r) => [r.line, r.name, r.outcome, r.reasons]);
    expect(brief).toEqual([
      [2, 'Lefèvre Éloïse', 'created', []],
      [
        3,
        'Martin Bruno',
        'refused',
        [
          {
            field: 'Motif',
            message:
              'Motif inconnu (« Départ en vacances ») : choisissez-le dans la liste du modèle',
          },
        ],
      ],
      [
        4,
        'Durand Chloé',
        'refused',
        [
          {
            field: 'NIR',
            message:
              'NIR transformé par Excel en notation scientifique : formatez la colonne en texte et saisissez-le à nouveau',
          },
        ],
      ],
      // Another company's member: never a hint that the NIR exists elsewhere.
      [5, 'Loin Paul', 'refused', [{ field: 'NIR', message: OUTSIDE_PERIMETER }]],
      [
        6,
        'Durand Marie',
        'refused',
        [
          {
            field: 'Nom',
            message: 'Le nom et le prénom ne correspondent pas à ce NIR (salarié : Durand Chloé)',
          },
        ],
      ],
      // No email nor address in the row, none on file: the form's rule, on its column.
      [
        8,
        'Petit Jules',
        'refused',
        [
          {
            field: 'E-mail',
            message:
              'Indiquez l’e-mail du salarié ou son adresse postale pour lui remettre la notice',
          },
        ],
      ],
      [
        9,
        'Lefèvre Éloïse',
        'refused',
        [{ field: 'NIR', message: 'Ce salarié figure déjà à la ligne 2 du fichier' }],
      ],
    ]);

    const [created] = await radiationsOf(m.eloise!.id);
    expect(created).toMatchObject({
      id: report.rows[0]!.radiationId,
      status: 'sent',
      motif: 'rupture_conventionnelle',
      contract_end_date: '2026-03-31',
      unemployment_rights: 1,
      contact_email: 'eloise@exemple.fr',
    });
    for (const key of ['bruno', 'chloe', 'noEmail', 'outside']) {
      expect(await radiationsOf(m[key]!.id)).toEqual([]);
    }
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'radiations.imported')
      .where('actor_user_id', '=', adminId)
      .execute();
    expect(JSON.parse(audit.at(-1)!.details!)).toMatchObject({
      fileKind: 'csv',
      total: 7,
      imported: 1,
      refused: 6,
    });
  });

  it('an .xlsx, a date cell, the member’s email on file when the row has none; a radiation already open is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Radiations');
    sheet.addRow(HEADER.split(';'));
    sheet.addRow([
      spaced(NIR(5)),
      'NGUYỄN',
      'Łukasz',
      new Date(Date.UTC(2026, 5, 30)),
      'Licenciement pour faute lourde',
      'Non',
      '01/02/2025',
    ]);
    sheet.addRow([NIR(6), 'Roux', 'Inès', '15/05/2026', 'Démission']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importOk(b, 'radiations.xlsx', xlsx);
    expect(report.rows.map((r) => [r.line, r.name, r.outcome])).toEqual([
      [2, 'Nguyễn Łukasz', 'created'],
      [3, 'Roux Inès', 'created'],
    ]);
    expect(await radiationsOf(m.xlsx!.id)).toMatchObject([
      {
        motif: 'licenciement_faute_lourde',
        contract_end_date: '2026-06-30',
        unemployment_rights: 0,
        contact_email: 'membre@exemple.fr',
      },
    ]);

    // The same member again: the form's rule « no radiation twice ».
    const again = await importOk(
      b,
      'encore.csv',
      Buffer.from(`${HEADER}\n${NIR(6)};Roux;Inès;15/05/2026;Démission;;;;;\n`),
    );
    expect(again.summary).toEqual({ total: 1, created: 0, refused: 1 });
    expect(again.rows[0]!.reasons).toEqual([
      {
        field: 'NIR',
        message:
          'Une radiation de ce salarié est déjà envoyée à l’assureur ou traitée : il ne peut pas être radié deux fois.',
      },
    ]);
    expect(await radiationsOf(m.again!.id)).toHaveLength(1);
  });

  it('refuses a file of more than 1,000 rows, and an old .xls', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `${NIR(i)};X;Y;30/04/2026;Démission`);
    const res = await upload(b, 'gros.csv', Buffer.from([HEADER, ...rows].join('\n')));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'import_too_many_rows' });
    expect(errorOf(res).message).toMatch(/plus de 1\s000 lignes/);

    // An old Excel workbook (.xls, its OLE signature).
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const old = await upload(b, 'ancien.xls', xls);
    expect(old.statusCode).toBe(400);
    expect(errorOf(old).code).toBe('import_file_type');
  });

  it('refuses an .xlsx bomb before reading it, and a file over 2 MB', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Radiations').addRow(HEADER.split(';'));
    const bomb = await xlsxBomb(Buffer.from(await workbook.xlsx.writeBuffer()), 128);
    const res = await upload(b, 'bombe.xlsx', bomb);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('import_file_unzipped_too_large');

    const big = await upload(b, 'gros.csv', Buffer.alloc(2 * 1024 * 1024 + 10, 0x41));
    expect(big.statusCode).toBe(413);
    expect(errorOf(big)).toMatchObject({ code: 'import_file_too_large' });
  });

  it('another company’s user finds none of these members', async () => {
    const report = await importOk(
      other,
      'radiations.csv',
      Buffer.from(`${HEADER}\n${NIR(2)};Martin;Bruno;30/04/2026;Démission;;;;;\n`),
    );
    expect(report.rows[0]!.reasons).toEqual([{ field: 'NIR', message: OUTSIDE_PERIMETER }]);
  });
});

describe('GET /api/radiations/import/template.xlsx', () => {
  it('is an .xlsx with text columns, the motif list and the help sheet, that reads back', async () => {
    const res = await b.get('/api/radiations/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('modele-radiations.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Radiations')!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADER.split(';'));
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('E2').dataValidation).toMatchObject({ type: 'list' });
    const help = workbook.getWorksheet('Instructions')!;
    const texts: string[] = [];
    help.eachRow((row) => texts.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(texts).toContain('Rupture conventionnelle | 043 | Oui');
    // The template's own headings are read by the import.
    const table = [
      { line: 1, cells: HEADER.split(';').map((text) => ({ kind: 'text' as const, text })) },
    ];
    table.push({
      line: 2,
      cells: [NIR(1), 'Lefèvre', 'Éloïse', '31/03/2026', 'Démission'].map((text) => ({
        kind: 'text' as const,
        text,
      })),
    });
    expect(readRows(table)[0]).toMatchObject({ reasons: null, row: { motif: 'demission' } });
  });
});
