import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberPage } from '@affilia/shared/schemas/members';
import type {
  ReferenceImportHistory,
  ReferenceImportJob,
  ReferenceImportKind,
  ReferenceImportReport,
} from '@affilia/shared/schemas/reference-import';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { luhnCheckDigit } from '@affilia/shared/validators/siret';
import { readDataVersion } from '../../lib/data-versions';
import { newId } from '../../lib/ids';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import { createEmployerUser, createStaffUser } from '../../../test/factories';
import { xlsxBomb } from '../../../test/zip';
import { readTable } from '../establishments/import-file';
import { run } from './import.cli';
import { sql } from 'kysely';
import { SHEET_KEYS } from './import-parse';
import { notAppliedMessage, runReferenceImport, type ImportDeps } from './import.service';

let t: TestApp;
let staff: Browser;
let deps: ImportDeps;
beforeAll(async () => {
  t = await buildTestApp();
  const manager = await createStaffUser(t.ctx.db, 'manager');
  staff = browser(t.app);
  await signInAs(staff, t.ctx, manager, 'backoffice');
  deps = {
    db: t.ctx.db,
    dialect: t.ctx.dialect,
    cipher: t.ctx.cipher,
    storage: t.ctx.storage,
    now: () => t.clock.now(),
  };
});
afterAll(() => t.close());

const DB = `(${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`;

function siren(base8: string) {
  return base8 + luhnCheckDigit(base8);
}
function siret(siren9: string, n: number) {
  const base = siren9 + String(n).padStart(4, '0');
  return base + luhnCheckDigit(base);
}
function nir(sex: 1 | 2, yymm: string, order: number) {
  const n13 = `${sex}${yymm}75${String(100 + order).padStart(3, '0')}${String(order).padStart(3, '0')}`;
  return n13 + computeNirKey(n13);
}

const SIREN_A = siren('51234567');
const SIREN_B = siren('52234567');
const SIRET_A1 = siret(SIREN_A, 1);
const SIRET_A2 = siret(SIREN_A, 2);
const SIRET_B1 = siret(SIREN_B, 1);

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(';')).join('\r\n'), 'utf8');

/** A multipart/form-data body: the `kind` field, then the file. */
function multipart(kind: string, fileName: string, bytes: Buffer) {
  const boundary = `----affilia${newId().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  b: Browser,
  kind: ReferenceImportKind,
  fileName: string,
  bytes: Buffer,
  query = '',
) {
  const { payload, contentType } = multipart(kind, fileName, bytes);
  // One import per second: the history is in order.
  t.clock.advance(1000);
  return t.app.inject({
    method: 'POST',
    url: `/api/backoffice/reference-data/imports${query}`,
    headers: {
      'content-type': contentType,
      'x-requested-with': 'affilia',
      cookie: b.jar.header(),
      'user-agent': 'Mozilla/5.0 (test)',
    },
    payload,
  });
}

async function importOk(
  kind: ReferenceImportKind,
  fileName: string,
  bytes: Buffer,
  query = '',
): Promise<ReferenceImportReport> {
  const res = await upload(staff, kind, fileName, bytes, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ReferenceImportReport>();
}

/** « 2 created, 3 error »: each row's line and status. */
const brief = (r: ReferenceImportReport) => r.rows.map((x) => `${x.line} ${x.status}`).join(', ');

async function count(
  table: 'companies' | 'establishments' | 'contracts' | 'members' | 'coverages',
) {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function xlsx(sheetName: string, rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const COMPANIES = csv([
  ['SIREN', 'Raison sociale', 'Identifiant entreprise', 'CCN', 'IDCC'],
  [SIREN_A, 'Agence Alpha', 'ENT-A', 'Immobilier', '1527'],
  [SIREN_B, 'Bureau Bêta', 'ENT-B', 'Immobilier', '1527'],
  ['123456789', 'Mauvais SIREN', 'ENT-X', '', ''],
  [SIREN_A, 'Agence Alpha bis', 'ENT-A2', '', ''],
]);

const CONTRACTS = csv([
  ['Numéro de contrat', 'SIREN', 'Libellé', 'Collège', 'Options', 'Date de début', 'Date de fin'],
  [
    'A/NC',
    SIREN_A,
    'BASE CCN NC RG Oblig/Options 1 2 Fac',
    'Non cadre',
    'Base obligatoire | Option 1 | Option 2',
    '01/01/2020',
    '',
  ],
  ['A/C', SIREN_A, 'BASE CCN C RG', 'Cadre', 'Base obligatoire | Option 1', '01/01/2020', ''],
  ['B/ENS', SIREN_B, 'BASE CCN ENS', 'Ensemble du personnel', '', '2021-01-01', ''],
  ['X/1', '999999999', 'Entreprise inconnue', 'Cadre', '', '01/01/2020', ''],
  ['A/BAD', SIREN_A, 'Dates inversées', 'Cadre', '', '01/01/2022', '01/01/2021'],
  ['A/BAD2', SIREN_A, 'Collège inconnu', 'Stagiaires', '', '01/01/2022', ''],
]);

const N1 = nir(1, '8506', 1);
const N2 = nir(2, '9011', 2);
const N3 = nir(1, '7703', 3);
const N4 = nir(2, '8812', 4);
const MEMBER_HEADER = [
  'NIR',
  'Nom',
  'Prénom',
  'Date de naissance',
  'SIRET',
  'Statut professionnel',
  'Numéro de contrat',
  'Option',
  'Date d’effet',
  'Date de fin',
];
const memberRows = (endOfN2: string) => [
  MEMBER_HEADER,
  [N1, 'Durand', 'Léa', '12/06/1985', SIRET_A1, 'Non cadre', 'A/NC', 'Option 1', '01/02/2024', ''],
  [N2, 'Zéphyr', 'Jules', '03/11/1990', SIRET_A2, 'Cadre', 'A/C', '', '01/03/2024', endOfN2],
  [
    N3,
    'Martin',
    'Paul',
    '20/03/1977',
    SIRET_B1,
    'Non cadre',
    'B/ENS',
    'base',
    '01/01/2022',
    '31/12/2022',
  ],
  [N3, 'Martin', 'Paul', '20/03/1977', SIRET_B1, 'Non cadre', 'B/ENS', 'base', '01/01/2023', ''],
  // Errors: wrong NIR key, unknown SIRET, contract of another company, cadre contract for a
  // non-cadre, end before effect, an option the contract does not offer, the same coverage twice.
  [
    `${N4.slice(0, 13)}00`,
    'Clé',
    'Fausse',
    '01/12/1988',
    SIRET_A1,
    'Non cadre',
    'A/NC',
    '',
    '01/01/2024',
    '',
  ],
  [
    N4,
    'Inconnu',
    'Siret',
    '01/12/1988',
    siret(SIREN_A, 9),
    'Non cadre',
    'A/NC',
    '',
    '01/01/2024',
    '',
  ],
  [N4, 'Autre', 'Société', '01/12/1988', SIRET_A1, 'Non cadre', 'B/ENS', '', '01/01/2024', ''],
  [N4, 'Mauvais', 'Collège', '01/12/1988', SIRET_A1, 'Non cadre', 'A/C', '', '01/01/2024', ''],
  [
    N4,
    'Dates',
    'Inversées',
    '01/12/1988',
    SIRET_A1,
    'Non cadre',
    'A/NC',
    '',
    '01/01/2024',
    '01/01/2023',
  ],
  [
    N4,
    'Option',
    'Absente',
    '01/12/1988',
    SIRET_A1,
    'Non cadre',
    'A/NC',
    'Option 9',
    '01/02/2024',
    '',
  ],
  [N1, 'Durand', 'Léa', '12/06/1985', SIRET_A1, 'Non cadre', 'A/NC', 'Option 1', '01/02/2024', ''],
];

describe(`reference-data import ${DB}`, () => {
  it('refuses an employer (403) and anonymous callers (401)', async () => {
    const company = await t.ctx.db.selectFrom('companies').select('id').execute();
    const employer = await createEmployerUser(
      t.ctx.db,
      company.map((c) => ({ company: c, role: 'admin' as const })),
    );
    const b = browser(t.app);
    await signInAs(b, t.ctx, employer);
    expect((await upload(b, 'companies', 'e.csv', COMPANIES)).statusCode).toBe(403);
    expect((await b.get('/api/backoffice/reference-data/imports')).statusCode).toBe(403);
    expect((await upload(browser(t.app), 'companies', 'e.csv', COMPANIES)).statusCode).toBe(401);
    expect(await count('companies')).toBe(0);
  });

  it('imports companies: bad rows reported and never applied; a re-import changes nothing', async () => {
    const dry = await importOk('companies', 'entreprises.csv', COMPANIES, '?dryRun=1');
    expect(dry.dryRun).toBe(true);
    expect(dry.summary).toEqual({ total: 4, created: 2, updated: 0, unchanged: 0, errors: 2 });
    expect(await count('companies')).toBe(0);

    const first = await importOk('companies', 'entreprises.csv', COMPANIES);
    expect(brief(first)).toBe('2 created, 3 created, 4 error, 5 error');
    expect(first.rows[2]?.message).toBe('Ce numéro de SIREN n’est pas valide');
    expect(first.rows[3]?.message).toBe('Cette ligne figure déjà à la ligne 2 du fichier');
    expect(await count('companies')).toBe(2);

    const again = await importOk('companies', 'entreprises.csv', COMPANIES);
    expect(again.summary).toEqual({ total: 4, created: 0, updated: 0, unchanged: 2, errors: 2 });
    expect(await count('companies')).toBe(2);

    const renamed = await importOk(
      'companies',
      'entreprises.csv',
      csv([
        ['SIREN', 'Raison sociale', 'Identifiant entreprise'],
        [SIREN_A, 'Agence Alpha Immobilier', 'ENT-A'],
        [SIREN_B, 'Bureau Bêta', 'ENT-A'],
      ]),
    );
    expect(brief(renamed)).toBe('2 updated, 3 error');
    expect(renamed.rows[0]?.message).toBe('Mis à jour : raison sociale');
    const a = await t.ctx.db
      .selectFrom('companies')
      .selectAll()
      .where('siren', '=', SIREN_A)
      .executeTakeFirstOrThrow();
    // The CCN column was absent: kept.
    expect([a.name, a.ccn_name, a.idcc]).toEqual(['Agence Alpha Immobilier', 'Immobilier', '1527']);
  });

  it('imports establishments from an xlsx (SIREN derived from the SIRET), then unchanged', async () => {
    const file = await xlsx('Établissements', [
      ['SIRET', 'Nom', 'Adresse', 'Code postal', 'Ville', 'Code identifiant'],
      [SIRET_A1, 'Alpha Paris', '1 rue de Rivoli', '75001', 'Paris', 'ETB-A1'],
      [SIRET_A2, 'Alpha Lyon', '2 quai Saint-Antoine', '69002', 'Lyon', 'ETB-A2'],
      [SIRET_B1, 'Bêta Nantes', '', '44000', 'Nantes', 'ETB-B1'],
      [Number(siret(SIREN_B, 2)) / 1e13, 'Notation scientifique', '', '', '', 'ETB-SCI'],
      [
        siret('99999999' + luhnCheckDigit('99999999'), 1),
        'Entreprise inconnue',
        '',
        '',
        '',
        'ETB-U',
      ],
      [siret(SIREN_B, 3), 'Identifiant pris', '', '', '', 'ETB-A1'],
    ]);
    const first = await importOk('establishments', 'etablissements.xlsx', file);
    expect(brief(first)).toBe('2 created, 3 created, 4 created, 5 error, 6 error, 7 error');
    expect(first.rows[4]?.message).toMatch(/^Aucune entreprise de SIREN/);
    expect(first.rows[5]?.message).toMatch(/^L’identifiant établissement ETB-A1 est déjà celui/);
    expect(await count('establishments')).toBe(3);
    const again = await importOk('establishments', 'etablissements.xlsx', file);
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: 3 });
  });

  it('imports contracts (collège, options, dates)', async () => {
    const first = await importOk('contracts', 'contrats.csv', CONTRACTS);
    expect(brief(first)).toBe('2 created, 3 created, 4 created, 5 error, 6 error, 7 error');
    const nc = await t.ctx.db
      .selectFrom('contracts')
      .selectAll()
      .where('number', '=', 'A/NC')
      .executeTakeFirstOrThrow();
    expect(nc.staff_category).toBe('non_cadre');
    expect(JSON.parse(nc.options)).toEqual([
      { code: 'base', label: 'Base obligatoire', mandatory: true },
      { code: 'opt1', label: 'Option 1', mandatory: false },
      { code: 'opt2', label: 'Option 2', mandatory: false },
    ]);
    const b = await t.ctx.db
      .selectFrom('contracts')
      .selectAll()
      .where('number', '=', 'B/ENS')
      .executeTakeFirstOrThrow();
    expect([b.staff_category, b.start_date, b.end_date]).toEqual(['all', '2021-01-01', null]);
    const again = await importOk('contracts', 'contrats.csv', CONTRACTS);
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: 3 });
  });

  it('imports members and coverages: idempotent, bad rows never applied, an end date changed', async () => {
    const file = csv(memberRows(''));
    const first = await importOk('members', 'assures.csv', file);
    expect(brief(first)).toBe(
      '2 created, 3 created, 4 created, 5 created, 6 error, 7 error, 8 error, 9 error, 10 error, 11 error, 12 error',
    );
    expect(first.rows.map((r) => r.message).slice(4)).toEqual([
      'La clé du numéro de sécurité sociale ne correspond pas',
      `Aucun établissement de SIRET ${siret(SIREN_A, 9)} : importez d’abord l’établissement`,
      'Le contrat B/ENS n’est pas un contrat de l’entreprise de cet établissement',
      'Le contrat A/C couvre le collège « Cadre », pas un assuré « Non cadre »',
      'La date de fin précède la date d’effet',
      'L’option « Option 9 » n’est pas une option du contrat A/NC (Base obligatoire, Option 1, Option 2)',
      'Cette ligne figure déjà à la ligne 2 du fichier',
    ]);
    // No NIR in clear in the report.
    expect(JSON.stringify(first)).not.toContain(N1);
    expect(first.rows[0]?.key).toBe('1 85 06 •• ••• ••• ••');
    expect(await count('members')).toBe(3);
    expect(await count('coverages')).toBe(4);
    const martin = await t.ctx.db
      .selectFrom('members')
      .selectAll()
      .where('last_name', '=', 'Martin')
      .executeTakeFirstOrThrow();
    expect([martin.latest_effective_date, martin.latest_end_date]).toEqual(['2023-01-01', null]);
    expect(martin.nir_hash).toBe(t.ctx.cipher.hash(N3.slice(0, 13)));
    expect(t.ctx.cipher.decrypt(martin.nir_encrypted)).toBe(N3.slice(0, 13));
    expect(martin.search_name).toBe('MARTIN PAUL');
    const durand = await t.ctx.db
      .selectFrom('coverages')
      .innerJoin('members', 'members.id', 'coverages.member_id')
      .select('option_code')
      .where('last_name', '=', 'Durand')
      .executeTakeFirstOrThrow();
    expect(durand.option_code).toBe('opt1');

    // The same file again: nothing changes, not even the data version.
    const version = await readDataVersion(t.ctx.db, 'members');
    const snapshot = await t.ctx.db.selectFrom('coverages').selectAll().orderBy('id').execute();
    const again = await importOk('members', 'assures.csv', file);
    expect(again.summary).toEqual({ total: 11, created: 0, updated: 0, unchanged: 4, errors: 7 });
    expect(await count('members')).toBe(3);
    expect(await t.ctx.db.selectFrom('coverages').selectAll().orderBy('id').execute()).toEqual(
      snapshot,
    );
    expect(await readDataVersion(t.ctx.db, 'members')).toBe(version);
    // The same rows saved as Excel (NIR and SIRET as numbers, dates as date cells): the same.
    const asXlsx = await xlsx(
      'Assurés',
      memberRows('').map((row, i) =>
        i === 0
          ? row
          : row.map((cell, c) =>
              (c === 0 || c === 4) && /^\d{14,15}$/.test(cell)
                ? Number(cell)
                : (c === 3 || c === 8) && /^\d{2}\/\d{2}\/\d{4}$/.test(cell)
                  ? new Date(`${cell.slice(6)}-${cell.slice(3, 5)}-${cell.slice(0, 2)}T00:00:00Z`)
                  : cell,
            ),
      ),
    );
    const fromXlsx = await importOk('members', 'assures.xlsx', asXlsx);
    expect(fromXlsx.summary).toEqual({
      total: 11,
      created: 0,
      updated: 0,
      unchanged: 4,
      errors: 7,
    });
    expect(await readDataVersion(t.ctx.db, 'members')).toBe(version);

    // The employer administrator of company A sees Zéphyr's coverage in progress…
    const companyA = await t.ctx.db
      .selectFrom('companies')
      .select('id')
      .where('siren', '=', SIREN_A)
      .executeTakeFirstOrThrow();
    const employer = await createEmployerUser(t.ctx.db, [{ company: companyA, role: 'admin' }]);
    const b = browser(t.app);
    await signInAs(b, t.ctx, employer);
    const zephyr = async () => {
      const res = await b.get('/api/members?q=zephyr');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<MemberPage>();
      expect(page.total).toBe(1);
      return page.items[0]?.contract;
    };
    expect(await zephyr()).toMatchObject({ number: 'A/C', endDate: null, status: 'current' });

    // …then a re-import with that coverage's end date: exactly that coverage changes.
    const changed = await importOk('members', 'assures.csv', csv(memberRows('31/12/2025')));
    expect(changed.summary).toEqual({ total: 11, created: 0, updated: 1, unchanged: 3, errors: 7 });
    expect(changed.rows[1]).toMatchObject({
      line: 3,
      status: 'updated',
      message: 'Couverture mise à jour : date de fin (31/12/2025)',
    });
    const after = await t.ctx.db.selectFrom('coverages').selectAll().orderBy('id').execute();
    const diff = after.filter((c, i) => JSON.stringify(c) !== JSON.stringify(snapshot[i]));
    expect(diff.map((c) => [c.end_date, c.updated_at])).toEqual([
      ['2025-12-31', t.clock.now().toISOString()],
    ]);
    expect(await readDataVersion(t.ctx.db, 'members')).toBeGreaterThan(version);
    expect(await zephyr()).toMatchObject({ endDate: '2025-12-31', status: 'ended' });
  });

  it('keeps a history of the imports with their reports as CSV, and serves the templates', async () => {
    const history = await staff.get('/api/backoffice/reference-data/imports');
    expect(history.statusCode).toBe(200);
    const imports = history.json<ReferenceImportHistory>().imports;
    expect(imports.length).toBeGreaterThanOrEqual(8);
    const latest = imports[0]!;
    expect(latest).toMatchObject({
      kind: 'members',
      fileName: 'assures.csv',
      dryRun: false,
      source: 'backoffice',
    });
    expect(latest.actorName).toMatch(/^Camille Martin/);
    const report = await staff.get(
      `/api/backoffice/reference-data/imports/${latest.id}/report.csv`,
    );
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    // French download names (issue 14 #22).
    expect(report.headers['content-disposition']).toMatch(
      /^attachment; filename="rapport-import-assures-couvertures\.csv"/,
    );
    const text = report.body.replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('Ligne;NIR (masqué);Nom Prénom;Résultat;Détail');
    expect(text).toContain(
      '3;2 90 11 •• ••• ••• ••;ZÉPHYR Jules;Mis à jour;Couverture mise à jour : date de fin (31/12/2025)',
    );
    expect(text).not.toContain(N2);
    expect(
      (await staff.get('/api/backoffice/reference-data/imports/nope/report.csv')).statusCode,
    ).toBe(404);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind'])
      .where('target_id', '=', latest.id)
      .execute();
    expect(audit).toEqual([{ action: 'reference_data.imported', actor_kind: 'staff' }]);

    for (const kind of ['companies', 'establishments', 'contracts', 'members'] as const) {
      const res = await staff.get(`/api/backoffice/reference-data/templates/${kind}.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="modele-(entreprises|etablissements|contrats-collectifs|assures-couvertures)\.xlsx"$/,
      );
      // The template, filled in, is read back with the same columns.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      expect(wb.worksheets[0]?.getRow(1).cellCount).toBeGreaterThanOrEqual(5);
    }
    expect(
      (await staff.get('/api/backoffice/reference-data/templates/autre.xlsx')).statusCode,
    ).toBe(400);
  });

  it('refuses a file without the required columns, and a missing kind', async () => {
    const res = await upload(
      staff,
      'members',
      'x.csv',
      csv([
        ['NIR', 'Nom'],
        [N1, 'Durand'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'import_columns_missing',
    });
    expect(res.json<{ error: { message: string } }>().error.message).toContain('« Prénom »');
    const bad = await upload(staff, 'autre' as ReferenceImportKind, 'x.csv', COMPANIES);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('import_kind_invalid');
  });

  it('runs two imports of the same new rows one after the other, never both creating', async () => {
    const file = csv([
      ['SIREN', 'Raison sociale', 'Identifiant entreprise'],
      [siren('53234567'), 'Gamma', 'ENT-G'],
      [siren('54234567'), 'Delta', 'ENT-D'],
    ]);
    const [one, two] = await Promise.all([
      importOk('companies', 'a.csv', file),
      importOk('companies', 'b.csv', file),
    ]);
    expect([
      one.summary.created + two.summary.created,
      one.summary.unchanged + two.summary.unchanged,
    ]).toEqual([2, 2]);
  });

  it('takes files up to 20 MB (above the uploads’ default of 10 MB), not more', async () => {
    const header = 'SIREN;Raison sociale;Identifiant entreprise\r\n';
    const blank = (bytes: number) => Buffer.from(header + ';;\r\n'.repeat(bytes / 4));
    const eleven = await upload(staff, 'companies', 'vide.csv', blank(11 * 1024 * 1024));
    expect(eleven.statusCode).toBe(400);
    expect(eleven.json<{ error: { code: string } }>().error.code).toBe('import_empty');
    const tooBig = await upload(staff, 'companies', 'gros.csv', blank(21 * 1024 * 1024));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json<{ error: { code: string } }>().error.code).toBe('import_file_too_large');
  });

  it('runs from the command line: same path, report file, exit codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-cli-import-'));
    try {
      const out: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), cwd: dir };
      const N5 = nir(2, '9502', 5);
      fs.writeFileSync(
        path.join(dir, 'assures.csv'),
        csv([
          MEMBER_HEADER,
          [
            N5,
            'Lignecommande',
            'Inès',
            '02/02/1995',
            SIRET_A1,
            'Non cadre',
            'A/NC',
            '',
            '01/06/2025',
            '',
          ],
        ]),
      );
      expect(await run(['assures.csv', '--kind', 'members', '--dry-run'], { deps, io })).toBe(0);
      expect(await count('members')).toBe(3);
      expect(await run(['assures.csv', '--kind', 'members'], { deps, io })).toBe(0);
      expect(await count('members')).toBe(4);
      expect(out.join('\n')).toContain(
        '1 lignes — 1 créées, 0 mises à jour, 0 inchangées, 0 en erreur',
      );
      const report = fs.readFileSync(path.join(dir, 'assures.csv.rapport.csv'), 'utf8');
      expect(report).toContain('Assuré créé, couverture créée');

      fs.writeFileSync(path.join(dir, 'mixte.csv'), csv(memberRows('31/12/2025')));
      expect(await run(['mixte.csv', '--kind', 'members', '--report', 'r.csv'], { deps, io })).toBe(
        1,
      );
      expect(fs.existsSync(path.join(dir, 'r.csv'))).toBe(true);

      expect(await run(['mixte.csv'], { deps, io })).toBe(2);
      expect(await run(['mixte.csv', '--kind', 'autre'], { deps, io })).toBe(2);
      expect(await run(['absent.csv', '--kind', 'members'], { deps, io })).toBe(2);
      expect(await run(['mixte.csv', '--kind', 'members', '--inconnu'], { deps, io })).toBe(2);
      const history = await t.ctx.db
        .selectFrom('reference_imports')
        .select(['source', 'actor_user_id'])
        .where('source', '=', 'cli')
        .execute();
      expect(history).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the command line’s report after the whole file name: x.csv and x.xlsx keep both reports', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-cli-report-'));
    try {
      const io = { out: () => undefined, err: () => undefined, cwd: dir };
      const header = ['SIREN', 'Raison sociale', 'Identifiant entreprise'];
      fs.writeFileSync(path.join(dir, 'x.csv'), csv([header, ['123456789', 'Depuis CSV', 'E']]));
      fs.writeFileSync(
        path.join(dir, 'x.xlsx'),
        await xlsx('Entreprises', [header, ['123456789', 'Depuis Excel', 'E']]),
      );
      expect(await run(['x.csv', '--kind', 'companies', '--dry-run'], { deps, io })).toBe(1);
      expect(await run(['x.xlsx', '--kind', 'companies', '--dry-run'], { deps, io })).toBe(1);
      const reports = fs
        .readdirSync(dir)
        .filter((f) => f.includes('rapport'))
        .sort();
      expect(reports).toEqual(['x.csv.rapport.csv', 'x.xlsx.rapport.csv']);
      expect(fs.readFileSync(path.join(dir, reports[0]!), 'utf8')).toContain('Depuis CSV');
      expect(fs.readFileSync(path.join(dir, reports[1]!), 'utf8')).toContain('Depuis Excel');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('imports an establishment whose postal code lost its leading zero (06000 typed 6000), then its members', async () => {
    const nice = siret(SIREN_A, 6);
    const file = await xlsx('Établissements', [
      ['SIRET', 'Nom', 'Code postal', 'Ville', 'Code identifiant'],
      [nice, 'Alpha Nice', 6000, 'Nice', 'ETB-A6'],
    ]);
    const report = await importOk('establishments', 'etablissements.xlsx', file);
    expect(report.rows).toEqual([
      expect.objectContaining({
        line: 2,
        status: 'created',
        message:
          'Établissement créé (Agence Alpha Immobilier) (attention : code postal 6000 lu comme 06000 : le zéro du début, perdu par le tableur, a été rétabli)',
      }),
    ]);
    const saved = await t.ctx.db
      .selectFrom('establishments')
      .select('postal_code')
      .where('siret', '=', nice)
      .executeTakeFirstOrThrow();
    expect(saved.postal_code).toBe('06000');
    const N6 = nir(1, '9204', 6);
    const members = await importOk(
      'members',
      'assures-nice.csv',
      csv([
        MEMBER_HEADER,
        [N6, 'Niçois', 'Marc', '01/04/1992', nice, 'Non cadre', 'A/NC', '', '01/09/2025', ''],
      ]),
    );
    expect(brief(members)).toBe('2 created');
  });
  it('issue 14 #2: refuses an xlsx bomb from its directory, and one whose headers lie about the size', async () => {
    const base = await xlsx('Assurés', [MEMBER_HEADER]);
    for (const bomb of [
      await xlsxBomb(base, 128),
      // The headers say 1 MB: the real size is found while inflating, and the file refused.
      await xlsxBomb(base, 128, { declaredSize: 1024 * 1024 }),
    ]) {
      const res = await upload(staff, 'members', 'bombe.xlsx', bomb, '?dryRun=1');
      expect(res.statusCode, res.body).toBe(413);
      const { error } = res.json<{ error: { code: string; message: string } }>();
      expect(error.code).toBe('import_file_unzipped_too_large');
      expect(error.message).toMatch(/^Ce fichier Excel .* une fois décompressé/);
    }
  });

  it('issue 14 #2: answers other requests while a large file is being read (a worker thread parses it)', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const row = [
      N1,
      'Durand',
      'Léa',
      '12/06/1985',
      SIRET_A1,
      'Non cadre',
      'A/NC',
      '',
      '01/02/2024',
      '',
    ];
    const big = csv([MEMBER_HEADER, ...Array.from({ length: 150_000 }, () => row)]);
    let parsed = false;
    const parsing = readTable(big, { sheetKeys: SHEET_KEYS.members, maxRows: 200_000 }).then(
      (result) => {
        parsed = true;
        return result;
      },
    );
    // Sent once the parse has started: the health check answers while it goes on.
    const health = await fetch(`${address}/api/health`);
    expect(health.status).toBe(200);
    expect(parsed).toBe(false);
    const { kind, table } = await parsing;
    expect(kind).toBe('csv');
    expect(table).toHaveLength(150_001);
    expect(table[150_000]).toEqual({
      line: 150_001,
      cells: row.map((text) => ({ kind: 'text', text })),
    });
  });
});

describe(`issue 15: an import applied batch by batch ${DB}`, () => {
  const importFile = (
    kind: ReferenceImportKind,
    bytes: Buffer,
    opts: { batchRows: number; dryRun?: boolean },
  ) => {
    t.clock.advance(1000);
    return runReferenceImport(deps, {
      kind,
      file: { bytes },
      fileName: `${kind}.csv`,
      dryRun: opts.dryRun ?? false,
      source: 'cli',
      actor: null,
      batchRows: opts.batchRows,
    });
  };

  it('a batch that fails in the database is applied not at all, the batches before it stay, the report says which rows were not applied', async () => {
    const sirens = Array.from({ length: 8 }, (_, i) => siren(`6${String(i).padStart(7, '0')}`));
    const file = csv([
      ['SIREN', 'Raison sociale', 'Identifiant entreprise'],
      ...sirens.map((s, i) => [s, `Lot ${i + 1}`, `LOT-${i + 1}`]),
    ]);
    // The database refuses the 2nd row of the 2nd batch (line 6 of the file), as a constraint
    // would: the statement that inserts the batch fails.
    const refused = sirens[4] as string;
    if (t.ctx.dialect === 'postgres') {
      await sql
        .raw(
          `create function affilia_test_refuse() returns trigger language plpgsql as $$ begin if new.siren = '${refused}' then raise exception 'refusé par la base'; end if; return new; end $$`,
        )
        .execute(t.ctx.db);
      await sql
        .raw(
          'create trigger affilia_test_refuse before insert on companies for each row execute function affilia_test_refuse()',
        )
        .execute(t.ctx.db);
    } else {
      await sql
        .raw(
          `create trigger affilia_test_refuse before insert on companies when new.siren = '${refused}' begin select raise(abort, 'refusé par la base'); end`,
        )
        .execute(t.ctx.db);
    }
    try {
      const result = await importFile('companies', file, { batchRows: 3 });
      const failed = notAppliedMessage({ first: 5, last: 7 }, true);
      const after = notAppliedMessage({ first: 5, last: 7 }, false);
      expect(failed).toBe(
        'Non appliquée : l’enregistrement du lot des lignes 5 à 7 a échoué (erreur de la base de données) et rien de ce lot n’a été appliqué. Importez de nouveau le fichier : les lignes déjà appliquées seront « inchangées ».',
      );
      expect(result.report.rows.map((r) => [r.line, r.status, r.message])).toEqual([
        [2, 'created', 'Entreprise créée'],
        [3, 'created', 'Entreprise créée'],
        [4, 'created', 'Entreprise créée'],
        [5, 'error', failed],
        [6, 'error', failed],
        [7, 'error', failed],
        [8, 'error', after],
        [9, 'error', after],
      ]);
      expect(result.report.summary).toEqual({
        total: 8,
        created: 3,
        updated: 0,
        unchanged: 0,
        errors: 5,
      });
      const inDb = await t.ctx.db
        .selectFrom('companies')
        .select('siren')
        .where('siren', 'in', sirens)
        .orderBy('siren')
        .execute();
      expect(inDb.map((c) => c.siren)).toEqual(sirens.slice(0, 3));
      // The stored report (the history's download) has every row, in the order of the file.
      const stored = (await t.ctx.storage.read(result.reportStorageKey)).toString('utf8');
      const lines = stored.split('\r\n');
      expect(lines[0]).toBe('\uFEFFLigne;SIREN;Raison sociale;Résultat;Détail');
      expect(lines.slice(1, -1).map((l) => l.split(';').slice(0, 4))).toEqual(
        sirens.map((s, i) => [String(i + 2), s, `Lot ${i + 1}`, i < 3 ? 'Créé' : 'Erreur']),
      );
      const history = await t.ctx.db
        .selectFrom('reference_imports')
        .selectAll()
        .where('id', '=', result.id)
        .executeTakeFirstOrThrow();
      expect([history.total, history.created_count, history.error_count].map(Number)).toEqual([
        8, 3, 5,
      ]);
    } finally {
      await sql
        .raw(
          'drop trigger affilia_test_refuse' +
            (t.ctx.dialect === 'postgres' ? ' on companies' : ''),
        )
        .execute(t.ctx.db);
      if (t.ctx.dialect === 'postgres') {
        await sql.raw('drop function affilia_test_refuse()').execute(t.ctx.db);
      }
    }
    // Imported again once the database accepts them: the first three « inchangées ».
    const again = await importFile('companies', file, { batchRows: 3 });
    expect(again.report.summary).toMatchObject({ created: 5, unchanged: 3, errors: 0 });
  });

  it('reports the same rows whatever the batch size: a duplicate and a member’s other values in a later batch, « inchangé »', async () => {
    const N6 = nir(1, '8001', 6);
    const N7 = nir(2, '8001', 7);
    const row = (n: string, first: string, effect: string) => [
      n,
      'Lotier',
      first,
      '01/01/1980',
      SIRET_A1,
      'Non cadre',
      'A/NC',
      '',
      effect,
      '',
    ];
    const file = csv([
      MEMBER_HEADER,
      row(N6, 'Anne', '01/02/2024'),
      row(N7, 'Bruno', '01/02/2024'),
      row(N6, 'Anne', '01/03/2024'),
      row(N6, 'Annie', '01/04/2024'),
      row(N6, 'Anne', '01/02/2024'),
    ]);
    const expected = [
      [2, 'created', 'Assuré créé, couverture créée (Base obligatoire, effet 01/02/2024)'],
      [3, 'created', 'Assuré créé, couverture créée (Base obligatoire, effet 01/02/2024)'],
      [4, 'created', 'Couverture créée (Base obligatoire, effet 01/03/2024)'],
      [5, 'error', 'Cet assuré figure à la ligne 2 avec d’autres valeurs : prénom'],
      [6, 'error', 'Cette ligne figure déjà à la ligne 2 du fichier'],
    ];
    const brief3 = (r: ReferenceImportReport) => r.rows.map((x) => [x.line, x.status, x.message]);
    for (const batchRows of [1, 2, 3, 5000]) {
      const dry = await importFile('members', file, { batchRows, dryRun: true });
      expect(brief3(dry.report), `batches of ${batchRows}`).toEqual(expected);
    }
    const members = await count('members');
    const applied = await importFile('members', file, { batchRows: 1 });
    expect(brief3(applied.report)).toEqual(expected);
    expect(await count('members')).toBe(members + 2);
    const again = await importFile('members', file, { batchRows: 2 });
    expect(brief3(again.report)).toEqual([
      [2, 'unchanged', 'Aucun changement'],
      [3, 'unchanged', 'Aucun changement'],
      [4, 'unchanged', 'Aucun changement'],
      expected[3],
      expected[4],
    ]);
  });
});

describe(`issue 15: the back office's import in the background ${DB}`, () => {
  function startJob(bytes: Buffer, kind: ReferenceImportKind = 'companies', query = '') {
    const { payload, contentType } = multipart(kind, 'entreprises.csv', bytes);
    t.clock.advance(1000);
    return t.app.inject({
      method: 'POST',
      url: `/api/backoffice/reference-data/import-jobs${query}`,
      headers: {
        'content-type': contentType,
        'x-requested-with': 'affilia',
        cookie: staff.jar.header(),
      },
      payload,
    });
  }

  it('answers once the file is counted (202), then rows done / total, then the same report', async () => {
    const sirens = Array.from({ length: 4 }, (_, i) => siren(`7${String(i).padStart(7, '0')}`));
    const file = csv([
      ['SIREN', 'Raison sociale', 'Identifiant entreprise'],
      ...sirens.map((s, i) => [s, `Fond ${i + 1}`, `FOND-${i + 1}`]),
      ['123456789', 'Mauvais SIREN', 'FOND-X'],
    ]);
    const res = await startJob(file);
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: string }>();
    let job: ReferenceImportJob | undefined;
    for (let i = 0; i < 100; i += 1) {
      const read = await staff.get(`/api/backoffice/reference-data/import-jobs/${id}`);
      expect(read.statusCode, read.body).toBe(200);
      job = read.json<ReferenceImportJob>();
      expect(job.rowsTotal).toBe(5);
      if (job.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(job).toMatchObject({ status: 'done', rowsDone: 5, rowsTotal: 5, error: null });
    expect(job?.report?.summary).toEqual({
      total: 5,
      created: 4,
      updated: 0,
      unchanged: 0,
      errors: 1,
    });
    expect(job?.report?.rows[4]?.message).toBe('Ce numéro de SIREN n’est pas valide');
    // In the history, with its report.
    const report = await staff.get(
      `/api/backoffice/reference-data/imports/${job?.report?.id}/report.csv`,
    );
    expect(report.statusCode).toBe(200);
  });

  it('answers a file error at once, and leaves no job', async () => {
    const before = await t.ctx.db.selectFrom('reference_import_jobs').select('id').execute();
    const res = await startJob(csv([['Nom'], ['x']]));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('import_columns_missing');
    expect(await t.ctx.db.selectFrom('reference_import_jobs').select('id').execute()).toEqual(
      before,
    );
  });

  it('a job whose server stopped reads as interrupted, not « en cours » forever; another id is 404', async () => {
    const id = newId();
    const at = new Date(t.clock.now().getTime() - 60_000).toISOString();
    await t.ctx.db
      .insertInto('reference_import_jobs')
      .values({
        id,
        kind: 'members',
        file_name: 'assures.csv',
        actor_user_id: null,
        status: 'running',
        rows_done: 15_000,
        rows_total: 100_000,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const read = await staff.get(`/api/backoffice/reference-data/import-jobs/${id}`);
    expect(read.json<ReferenceImportJob>()).toMatchObject({
      status: 'interrupted',
      rowsDone: 15_000,
      rowsTotal: 100_000,
      report: null,
      error: expect.stringMatching(/^L’import s’est interrompu/),
    });
    const missing = await staff.get(`/api/backoffice/reference-data/import-jobs/${newId()}`);
    expect(missing.statusCode).toBe(404);
  });
});
