import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '@affilia/shared/validators/siret';
import type { EstablishmentList, ImportReport } from '@affilia/shared/schemas/establishments';
import { newId } from '../../lib/ids';
import { xlsxBomb } from '../../../test/zip';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import { createEmployerUser } from '../../../test/factories';
import {
  createRestrictedUser,
  ESTABLISHMENTS,
  insertPerimeterData,
  resetDeuxRives,
  type PerimeterData,
} from '../../../test/fixtures/establishments/perimeter-data';
import { IMPORT_UNKNOWN_PER_DAY } from './establishments.service';
import { LEADING_ZERO_LOST_MESSAGE, SCIENTIFIC_NOTATION_MESSAGE } from './import-file';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/establishments');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let t: TestApp;
let data: PerimeterData;
beforeAll(async () => {
  t = await buildTestApp();
  data = await insertPerimeterData(t.ctx.db);
});
afterAll(() => t.close());
beforeEach(() => resetDeuxRives(t.ctx.db, data));

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/** A multipart/form-data body with one file, as a browser's FormData sends it. */
function multipart(fileName: string, bytes: Buffer, type = 'application/octet-stream') {
  const boundary = `----affilia${newId().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(b: Browser, fileName: string, bytes: Buffer) {
  const { payload, contentType } = multipart(fileName, bytes);
  return t.app.inject({
    method: 'POST',
    url: '/api/establishments/import',
    remoteAddress: '203.0.113.10',
    headers: {
      'content-type': contentType,
      'x-requested-with': 'affilia',
      cookie: b.jar.header(),
      'user-agent': 'Mozilla/5.0 (test)',
    },
    payload,
  });
}

async function signedInRestrictedUser() {
  const user = await createRestrictedUser(t.ctx.db, data);
  const b = browser(t.app);
  await signInAs(b, t.ctx, user);
  return { b, user };
}

async function importOk(b: Browser, fileName: string, bytes: Buffer): Promise<ImportReport> {
  const res = await upload(b, fileName, bytes);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ImportReport>();
}

const brief = (report: ImportReport) =>
  report.rows.map((r) => [r.line, r.siret, r.identifier, r.status]);

const A = ESTABLISHMENTS;

describe('POST /api/establishments/import: files as Excel and LibreOffice write them', () => {
  it('CSV with `;`, UTF-8 BOM, CRLF, SIRET with spaces, identifier in lower case, blank line', async () => {
    const { b } = await signedInRestrictedUser();
    const report = await importOk(b, 'etablissements.csv', fixture('semicolon-utf8-bom.csv'));
    expect(report.fileName).toBe('etablissements.csv');
    expect(brief(report)).toEqual([
      [2, A.A2.siret, 'VAL-002', 'added'],
      [3, A.A3.siret, 'val-003', 'added'],
      [5, A.A1.siret, 'VAL-001', 'already_followed'],
    ]);
    expect(report.summary).toEqual({ total: 3, added: 2, alreadyFollowed: 1, errors: 0 });
    const list = (await b.get('/api/establishments')).json<EstablishmentList>();
    expect(list.establishments.map((e) => e.siret)).toEqual(
      expect.arrayContaining([A.A1.siret, A.A2.siret, A.A3.siret]),
    );
  });

  it('CSV with `,`, no BOM, LF, lower-case headers, quoted SIRET', async () => {
    const { b } = await signedInRestrictedUser();
    const report = await importOk(b, 'export.csv', fixture('comma-no-bom.csv'));
    expect(brief(report)).toEqual([
      [2, A.A2.siret, 'VAL-002', 'added'],
      [3, A.A4.siret, 'VAL-004', 'added'],
    ]);
  });

  it('CSV in Windows-1252 with accented headers in another order and non-breaking spaces', async () => {
    const { b } = await signedInRestrictedUser();
    const report = await importOk(b, 'excel-fr.csv', fixture('windows-1252.csv'));
    expect(brief(report)).toEqual([
      [2, A.A2.siret, 'VAL-002', 'added'],
      [3, A.A3.siret, 'VAL-003', 'added'],
    ]);
    expect(report.rows[0]?.message).toBe('Ajouté : Agence de Créteil (Valmont Essai)');
  });

  it('quoted fields, a field over two lines: the line numbers are those of the file', async () => {
    const { b } = await signedInRestrictedUser();
    const report = await importOk(b, 'quoted.csv', fixture('quoted-fields.csv'));
    expect(brief(report)).toEqual([
      [2, A.A2.siret, 'VAL-002', 'added'],
      [3, A.A3.siret, 'VAL-003', 'added'],
      [5, A.A4.siret, 'VAL-004', 'added'],
    ]);
  });

  it('SIRETs in scientific notation are row errors, the other rows are applied', async () => {
    const { b } = await signedInRestrictedUser();
    const report = await importOk(b, 'sci.csv', fixture('scientific-notation.csv'));
    expect(report.rows).toEqual([
      {
        line: 2,
        siret: '3,56E+13',
        identifier: 'POSTE-001',
        status: 'invalid_siret',
        message: SCIENTIFIC_NOTATION_MESSAGE,
      },
      {
        line: 3,
        siret: '3.5600000000048E+13',
        identifier: 'POSTE-002',
        status: 'invalid_siret',
        message: SCIENTIFIC_NOTATION_MESSAGE,
      },
      {
        line: 4,
        siret: A.A2.siret,
        identifier: 'VAL-002',
        status: 'added',
        message: 'Ajouté : Agence de Créteil (Valmont Essai)',
      },
    ]);
  });

  it('issue 14 #1: a file widens the perimeter within the role held, never the role nor to the whole company', async () => {
    const { b, user } = await signedInRestrictedUser();
    const file = [
      'SIRET;Code identifiant',
      `${A.A3.siret};VAL-003`,
      `${A.A4.siret};VAL-004`,
      `${A.B1.siret};MAR-001`,
    ].join('\r\n');
    const report = await importOk(b, 'trois.csv', Buffer.from(file));
    expect(report.rows.map((r) => r.status)).toEqual(['added', 'added', 'refused']);
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select(['company_id', 'role', 'all_establishments'])
      .where('user_id', '=', user.id)
      .execute();
    expect(roles.find((r) => r.company_id === data.companyIds.valmont)).toEqual({
      company_id: data.companyIds.valmont,
      role: 'user',
      all_establishments: 0,
    });
    expect(roles.find((r) => r.company_id === data.companyIds.marceau)).toBeUndefined();
  });

  it('mixed good and bad rows: the exact report, every valid row applied, the CSV report', async () => {
    const { b, user } = await signedInRestrictedUser();
    const report = await importOk(b, 'mixed.csv', fixture('mixed.csv'));
    const unknown =
      'Ce SIRET et ce code identifiant ne correspondent à aucun établissement de nos données';
    expect(report.rows).toEqual([
      {
        line: 2,
        siret: A.A2.siret,
        identifier: 'VAL-002',
        status: 'added',
        message: 'Ajouté : Agence de Créteil (Valmont Essai)',
      },
      {
        line: 3,
        siret: A.A1.siret,
        identifier: 'VAL-001',
        status: 'already_followed',
        message: 'Déjà suivi : Siège Paris (Valmont Essai)',
      },
      {
        line: 4,
        siret: '73282932000091',
        identifier: 'VAL-009',
        status: 'invalid_siret',
        message: 'Ce numéro de SIRET n’est pas valide',
      },
      {
        line: 5,
        siret: '3,56E+13',
        identifier: 'VAL-005',
        status: 'invalid_siret',
        message: SCIENTIFIC_NOTATION_MESSAGE,
      },
      {
        line: 6,
        siret: A.A3.siret,
        identifier: 'VAL-999',
        status: 'unknown_identifier',
        message: unknown,
      },
      {
        line: 7,
        siret: '99887766600011',
        identifier: 'XYZ-001',
        status: 'unknown_identifier',
        message: unknown,
      },
      {
        line: 8,
        siret: A.B1.siret,
        identifier: 'MAR-001',
        status: 'refused',
        message:
          'La société Marceau Essai a déjà un administrateur : demandez-lui l’accès à cet établissement',
      },
      {
        line: 9,
        siret: A.C1.siret,
        identifier: 'DRV-001',
        status: 'added',
        message:
          'Ajouté : Deux Rives Bordeaux (vous êtes désormais administrateur de la société Deux Rives Essai)',
      },
      {
        line: 10,
        siret: A.C2.siret,
        identifier: 'drv-002',
        status: 'added',
        message:
          'Ajouté : Deux Rives Pessac (vous êtes désormais administrateur de la société Deux Rives Essai)',
      },
      {
        line: 11,
        siret: A.A2.siret,
        identifier: 'VAL-002',
        status: 'duplicate',
        message: 'Ce SIRET figure déjà à la ligne 2 du fichier',
      },
      {
        line: 12,
        siret: A.A4.siret,
        identifier: '',
        status: 'invalid_row',
        message: 'Code identifiant manquant',
      },
      {
        line: 13,
        siret: '',
        identifier: 'VAL-004',
        status: 'invalid_row',
        message: 'SIRET manquant',
      },
      {
        line: 16,
        siret: '7328293200004',
        identifier: 'VAL-004',
        status: 'invalid_siret',
        message: 'Le SIRET doit comporter 14 chiffres',
      },
    ]);
    expect(report.summary).toEqual({ total: 13, added: 3, alreadyFollowed: 1, errors: 9 });

    // Applied: A2 (restricted role), C1 and C2 with the administrator role; nothing else.
    const followed = await t.ctx.db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(followed.map((f) => f.establishment_id).sort()).toEqual(
      [
        data.establishmentIds.A1,
        data.establishmentIds.A2,
        data.establishmentIds.C1,
        data.establishmentIds.C2,
      ].sort(),
    );
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select(['company_id', 'role', 'all_establishments'])
      .where('user_id', '=', user.id)
      .execute();
    expect(roles).toHaveLength(3);
    expect(roles).toContainEqual({
      company_id: data.companyIds.deuxRives,
      role: 'admin',
      all_establishments: 1,
    });

    // One audit line for the import, one for the role.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details', 'company_id'])
      .where('actor_user_id', '=', user.id)
      .where('action', 'like', 'perimeter.%')
      .orderBy('action')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'perimeter.company_role_granted',
      'perimeter.establishments_imported',
    ]);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toMatchObject({
      fileKind: 'csv',
      total: 13,
      added: 3,
      alreadyFollowed: 1,
      errors: 9,
      unknown: 2,
      refused: 1,
    });

    // The report as CSV, for this user only.
    const csv = await b.get(`/api/establishments/import/${report.reportId}/report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="rapport-import-etablissements\.csv"/,
    );
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
    expect(csv.headers['cache-control']).toBe('private, no-store');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Ligne;SIRET;Code identifiant;Résultat;Détail');
    expect(lines[1]).toBe(
      '2;732 829 320 00025;VAL-002;Ajouté;Ajouté : Agence de Créteil (Valmont Essai)',
    );
    expect(lines[9]).toBe(
      '10;552 100 554 00021;drv-002;Ajouté;Ajouté : Deux Rives Pessac (vous êtes désormais administrateur de la société Deux Rives Essai)',
    );
    expect(lines).toHaveLength(15);

    const other = await signedInRestrictedUser();
    expect(
      (await other.b.get(`/api/establishments/import/${report.reportId}/report.csv`)).statusCode,
    ).toBe(404);
    expect((await b.get(`/api/establishments/import/${newId()}/report.csv`)).statusCode).toBe(404);
  });

  it('xlsx with numeric, text, rich text and formula cells, a lost leading zero', async () => {
    const { b } = await signedInRestrictedUser();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Établissements');
    sheet.addRow(['SIRET', 'ID Assureur']);
    sheet.addRow([73282932000025, 'VAL-002']);
    sheet.addRow([
      '732 829 320 00033',
      { richText: [{ text: 'VAL-' }, { text: '003', font: { bold: true } }] },
    ]);
    sheet.addRow([{ formula: 'TEXTE(1;"0")', result: '73282932000041' }, 'VAL-004']);
    sheet.addRow([1234567400019, 'ZER-001']);
    sheet.addRow(['01234567400019', 'ZER-001']);
    sheet.addRow([3.56e13, 'POSTE-001']);
    sheet.addRow([]);
    sheet.addRow([73282932000017, { text: 'VAL-001', hyperlink: 'https://exemple.fr' }]);
    const report = await importOk(
      b,
      'Établissements.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(brief(report)).toEqual([
      [2, A.A2.siret, 'VAL-002', 'added'],
      [3, A.A3.siret, 'VAL-003', 'added'],
      [4, A.A4.siret, 'VAL-004', 'added'],
      [5, '1234567400019', 'ZER-001', 'invalid_siret'],
      [6, A.Z1.siret, 'ZER-001', 'already_followed'],
      [7, '35600000000000', 'POSTE-001', 'invalid_siret'],
      [9, A.A1.siret, 'VAL-001', 'already_followed'],
    ]);
    expect(report.rows[3]?.message).toBe(LEADING_ZERO_LOST_MESSAGE);
    expect(report.summary).toEqual({ total: 7, added: 3, alreadyFollowed: 2, errors: 2 });
  });

  it('the template, filled in, imports as it is', async () => {
    const { b } = await signedInRestrictedUser();
    const template = (await b.get('/api/establishments/import-template.xlsx')).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('Établissements') as ExcelJS.Worksheet;
    sheet.getCell('A2').value = '732 829 320 00025';
    sheet.getCell('B2').value = 'VAL-002';
    const report = await importOk(
      b,
      'modele-etablissements.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(brief(report)).toEqual([[2, A.A2.siret, 'VAL-002', 'added']]);
  });
});

describe('POST /api/establishments/import: the file name kept', () => {
  it('keeps the last part of the name, without control characters nor bidirectional overrides', async () => {
    // From its own address: the other tests' sign-ins fill the default one's quota.
    const b = browser(t.app, { ip: '198.51.100.77' });
    await signInAs(b, t.ctx, await createRestrictedUser(t.ctx.db, data));
    const report = await importOk(
      b,
      '..\\..\\dossier\\etab\u202Evsc.exe\u0000.csv',
      fixture('semicolon-utf8-bom.csv'),
    );
    expect(report.fileName).toBe('etabvsc.exe.csv');
  });
});

describe('POST /api/establishments/import: files refused as a whole', () => {
  const expectRefused = async (fileName: string, bytes: Buffer, status: number, code: string) => {
    const { b, user } = await signedInRestrictedUser();
    const res = await upload(b, fileName, bytes);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json<ErrorBody>().error.code).toBe(code);
    const followed = await t.ctx.db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(followed).toHaveLength(1);
    return res.json<ErrorBody>().error;
  };

  it('an executable renamed .csv', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'),
      Buffer.alloc(200),
    ]);
    const error = await expectRefused('etablissements.csv', exe, 400, 'import_file_type');
    expect(error.message).toContain('.xlsx');
  });

  it('an empty file, a file with headers only, a file without the columns', async () => {
    await expectRefused('vide.csv', Buffer.alloc(0), 400, 'import_empty');
    await expectRefused(
      'titres.csv',
      Buffer.from('SIRET;Code identifiant\r\n\r\n'),
      400,
      'import_empty',
    );
    await expectRefused(
      'autre.csv',
      Buffer.from('Nom;Ville\r\nA;B\r\n'),
      400,
      'import_columns_missing',
    );
  });

  it('more than 5,000 rows', async () => {
    const lines = ['SIRET;Code identifiant'];
    for (let i = 0; i < 5001; i += 1) lines.push(`${A.A2.siret};VAL-002`);
    const error = await expectRefused(
      'long.csv',
      Buffer.from(lines.join('\r\n')),
      400,
      'import_too_many_rows',
    );
    expect(error.message).toMatch(/5\s000/);
  });

  it('issue 14 #2: an xlsx bomb (a sheet of 128 MB in a file of a few hundred kB), before reading it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Établissements').addRow(['SIRET', 'Code identifiant']);
    const bomb = await xlsxBomb(Buffer.from(await wb.xlsx.writeBuffer()), 128);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await expectRefused('bombe.xlsx', bomb, 413, 'import_file_unzipped_too_large');
    expect(error.message).toMatch(/^Ce fichier Excel .* une fois décompressé/);
  });

  it('more than 2 MB', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x41);
    await expectRefused('gros.csv', big, 413, 'import_file_too_large');
  });

  it('no file at all, or not a multipart request', async () => {
    const { b } = await signedInRestrictedUser();
    const res = await b.post('/api/establishments/import', {});
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe('import_file_missing');
  });

  it('for signed-in employer users only, with the CSRF header', async () => {
    const anonymous = browser(t.app);
    expect((await upload(anonymous, 'a.csv', fixture('mixed.csv'))).statusCode).toBe(401);
    const { b } = await signedInRestrictedUser();
    const { payload, contentType } = multipart('a.csv', fixture('mixed.csv'));
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/establishments/import',
      headers: { 'content-type': contentType, cookie: b.jar.header() },
      payload,
    });
    expect(noHeader.statusCode).toBe(403);
  });

  it('too many unknown pairs in a day: the file is not applied at all', async () => {
    const { b, user } = await signedInRestrictedUser();
    // Valid SIRETs that no establishment has, each once, and one good row.
    const guesses = ['SIRET;Code identifiant', `${A.A2.siret};VAL-002`];
    for (let i = 0; i <= IMPORT_UNKNOWN_PER_DAY; i += 1) {
      const base = `9988776${String(i).padStart(6, '0')}`;
      guesses.push(`${base}${luhnCheckDigit(base)};GUESS`);
    }
    const res = await upload(b, 'guesses.csv', Buffer.from(guesses.join('\r\n')));
    expect(res.statusCode).toBe(429);
    expect(res.json<ErrorBody>().error.code).toBe('too_many_attempts');
    const followed = await t.ctx.db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(followed).toHaveLength(1);
    // The budget is spent: even a good file waits until tomorrow.
    const next = await upload(b, 'ok.csv', fixture('comma-no-bom.csv'));
    expect(next.statusCode).toBe(429);
  });
});

describe('performance', () => {
  it('imports 5,000 rows in one go (logs the time)', async () => {
    const company = { id: newId(), siren: `83000000${luhnCheckDigit('83000000')}` };
    const now = '2026-01-01T00:00:00.000Z';
    await t.ctx.db
      .insertInto('companies')
      .values({
        id: company.id,
        siren: company.siren,
        name: 'Grande Société',
        insurer_company_identifier: 'TSTBIG001',
        ccn_name: null,
        idcc: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const rows: { siret: string; identifier: string }[] = [];
    for (let i = 1; i <= 5000; i += 1) {
      const base = `${company.siren}${String(i).padStart(4, '0')}`;
      rows.push({
        siret: base + luhnCheckDigit(base),
        identifier: `BIG-${String(i).padStart(5, '0')}`,
      });
    }
    for (let i = 0; i < rows.length; i += 500) {
      await t.ctx.db
        .insertInto('establishments')
        .values(
          rows.slice(i, i + 500).map((r, j) => ({
            id: newId(),
            company_id: company.id,
            siret: r.siret,
            name: `Agence ${i + j + 1}`,
            address_line1: null,
            address_line2: null,
            postal_code: null,
            city: null,
            insurer_identifier: r.identifier,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    const user = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    await t.ctx.db
      .updateTable('user_company_roles')
      .set({ all_establishments: 0 })
      .where('user_id', '=', user.id)
      .execute();
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    const csv = ['SIRET;Code identifiant', ...rows.map((r) => `${r.siret};${r.identifier}`)].join(
      '\r\n',
    );

    const started = performance.now();
    const report = await importOk(b, 'grand.csv', Buffer.from(csv));
    const ms = performance.now() - started;
    console.info(`5,000-row import on ${t.ctx.dialect}: ${Math.round(ms)} ms`);

    expect(report.summary).toEqual({ total: 5000, added: 5000, alreadyFollowed: 0, errors: 0 });
    const list = (await b.get('/api/establishments')).json<EstablishmentList>();
    expect(list.establishments).toHaveLength(5000);

    // The same rows from the Excel template: all followed already.
    const wb = new ExcelJS.Workbook();
    const template = (await b.get('/api/establishments/import-template.xlsx')).rawPayload;
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('Établissements') as ExcelJS.Worksheet;
    rows.forEach((r, i) => {
      sheet.getCell(i + 2, 1).value = r.siret;
      sheet.getCell(i + 2, 2).value = r.identifier;
    });
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const startedXlsx = performance.now();
    const again = await importOk(b, 'grand.xlsx', xlsx);
    const msXlsx = performance.now() - startedXlsx;
    console.info(
      `5,000-row import from the .xlsx template (${Math.round(xlsx.length / 1024)} KB) on ${t.ctx.dialect}: ${Math.round(msXlsx)} ms`,
    );
    expect(again.summary).toEqual({ total: 5000, added: 0, alreadyFollowed: 5000, errors: 0 });
  });
});
