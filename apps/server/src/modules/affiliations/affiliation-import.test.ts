import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFFILIATION_IMPORT_COLUMNS as H } from '@affilia/shared/domain/affiliation-import';
import type { AffiliationImportReport } from '@affilia/shared/schemas/affiliation-import';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { extractPdfText } from '../../../test/pdf-text';
import { postMultipart } from '../../../test/multipart';
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
import { contractTypeOf, professionalStatusOf, readRows } from './affiliation-import-file';
import { OUTSIDE_PERIMETER } from './affiliation-import.service';

let t: TestApp;
let b: Browser;
let other: Browser;
let siret: string;
let otherSiret: string;

/** A NIR of someone born in June 1985, the `n`th of the file; spaced with its key when asked. */
const NIR = (n: number) => `1850675${String(1_000_000 + n).slice(1)}`;
const spaced = (nir13: string) =>
  `${nir13.slice(0, 1)} ${nir13.slice(1, 3)} ${nir13.slice(3, 5)} ${nir13.slice(5, 7)} ${nir13.slice(7, 10)} ${nir13.slice(10)} ${computeNirKey(nir13)}`;

const HEADER = [
  H.siret,
  H.professionalStatus,
  H.alreadyAffiliated,
  H.lastName,
  H.firstName,
  H.nir,
  `${H.birthDate} (jj/mm/aaaa)`,
  H.email,
  H.hireDate,
  H.affiliationDate,
  H.employmentContractType,
  H.employmentStartDate,
  H.employmentEndDate,
];

interface Row {
  siret?: string;
  status?: string;
  already?: string;
  lastName?: string;
  firstName?: string;
  nir?: string;
  birth?: string;
  email?: string;
  hire?: string;
  affiliation?: string;
  contract?: string;
  start?: string;
  end?: string;
}

function line(n: number, over: Row = {}): string[] {
  return [
    over.siret ?? siret,
    over.status ?? (n % 2 === 0 ? 'Cadre' : 'Non cadre'),
    over.already ?? '',
    over.lastName ?? `Salarié${n}`,
    over.firstName ?? 'Camille',
    over.nir ?? NIR(n),
    over.birth ?? '15/06/1985',
    over.email ?? (n % 5 === 0 ? '' : `salarie${n}@exemple.fr`),
    over.hire ?? '01/03/2026',
    over.affiliation ?? '01/03/2026',
    over.contract ?? 'CDI',
    over.start ?? '01/03/2026',
    over.end ?? '',
  ];
}

/** Text as French Excel saves a CSV: Windows-1252 (’ is 0x92), `;`, CRLF. */
const windows1252 = (rows: string[][]) =>
  Buffer.from(
    rows
      .map((r) => r.join(';'))
      .join('\r\n')
      .replace(/’/g, '\u0092'),
    'latin1',
  );

function upload(who: Browser, fileName: string, bytes: Buffer) {
  return postMultipart(who, '/api/affiliations/import', {}, [
    { field: 'file', name: fileName, bytes, type: 'application/octet-stream' },
  ]);
}

async function importOk(who: Browser, fileName: string, bytes: Buffer) {
  const res = await upload(who, fileName, bytes);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AffiliationImportReport>();
}

const countRequests = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('affiliation_requests')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.ctx.db;
  await publishTerms(db);
  const company = await createCompany(db, { name: 'Boulangerie Dupain' });
  const establishment = await createEstablishment(db, company);
  siret = establishment.siret;
  await createContract(db, company, { staffCategory: 'cadre', label: 'Frais de santé cadres' });
  await createContract(db, company, { staffCategory: 'non_cadre', label: 'Frais de santé' });
  const elsewhere = await createCompany(db, { name: 'Ailleurs SA' });
  const elsewhereEstablishment = await createEstablishment(db, elsewhere);
  otherSiret = elsewhereEstablishment.siret;
  await createContract(db, elsewhere);
  // Already covered: a row for them is refused by the wizard's rule.
  await createMember(db, t.ctx.cipher, {
    establishment: { id: establishment.id, company_id: company.id },
    nir13: NIR(999),
    lastName: 'Couvert',
    firstName: 'Déjà',
    coverages: [
      {
        contract: await createContract(db, company, { label: 'Ancien' }),
        effectiveDate: '2024-01-01',
      },
    ],
  });

  const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
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

describe('reading a file of pré-affiliations', () => {
  it('reads the closed lists by label, code or common spelling', () => {
    expect(professionalStatusOf('non-cadre')).toBe('non_cadre');
    expect(professionalStatusOf(' CADRE ')).toBe('cadre');
    expect(professionalStatusOf('ETAM')).toBeNull();
    expect(contractTypeOf('CDD d’usage')).toBe('cdd_usage');
    expect(contractTypeOf('apprentissage')).toBe('apprenticeship');
    expect(contractTypeOf('Intérim')).toBe('interim');
    expect(contractTypeOf('stage')).toBeNull();
  });

  it('says which required column is missing', () => {
    const table = [
      { line: 1, cells: [{ kind: 'text' as const, text: H.siret }] },
      { line: 2, cells: [{ kind: 'text' as const, text: siret }] },
    ];
    expect(() => readRows(table)).toThrow(/«\sStatut professionnel\s»/);
  });
});

describe('POST /api/affiliations/import', () => {
  it('makes 497 requests of a file of 500 rows with 3 bad ones, reports the 3, writes nothing else', async () => {
    const before = await countRequests();
    const auditBefore = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'affiliations.created')
      .executeTakeFirstOrThrow();
    const rows = [HEADER];
    for (let n = 1; n <= 500; n += 1) {
      if (n === 100) rows.push(line(n, { siret: '12345678901234' }));
      else if (n === 250) rows.push(line(n, { birth: '31/02/1985' }));
      else if (n === 400) rows.push(line(n, { hire: '01/03/2026', affiliation: '01/02/2026' }));
      else rows.push(line(n, n === 7 ? { nir: spaced(NIR(7)) } : {}));
    }
    const report = await importOk(b, 'embauches-mars.csv', windows1252(rows));

    expect(report.summary).toEqual({
      total: 500,
      created: 497,
      refused: 3,
      byEmail: 400,
      byMail: 97,
    });
    const bad = report.rows.filter((r) => r.outcome === 'refused');
    expect(bad.map((r) => [r.line, r.reasons.map((x) => x.field)])).toEqual([
      [101, [H.siret]],
      [251, [H.birthDate]],
      [401, [H.affiliationDate]],
    ]);
    expect(bad[2]!.reasons[0]!.message).toMatch(/antérieure à la date d’entrée/);
    // The report names the column: the reason does not repeat it.
    expect(bad[1]!.reasons[0]!.message).toMatch(/^[A-Z].*«\s31\/02\/1985\s»/);
    expect(bad[1]!.reasons[0]!.message).not.toContain(H.birthDate);
    expect(await countRequests()).toBe(before + 497);
    const created = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select(['mode', 'status', 'import_batch_id', 'last_name', 'company_id'])
      .where('import_batch_id', '=', report.batchId)
      .execute();
    expect(created).toHaveLength(497);
    expect(new Set(created.map((r) => r.status))).toEqual(new Set(['sent']));
    expect(created.filter((r) => r.mode === 'mail')).toHaveLength(97);
    expect(created.some((r) => r.last_name === 'Salarié100')).toBe(false);
    // Each request has its own history, audit entry and (mode « E-mail ») invitation.
    const auditAfter = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'affiliations.created')
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n) - Number(auditBefore.n)).toBe(497);
    const invitations = await t.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('template', '=', 'affiliation_invitation')
      .executeTakeFirstOrThrow();
    expect(Number(invitations.n)).toBeGreaterThanOrEqual(400);
    const fileAudit = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'affiliations.imported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(fileAudit.details ?? '{}')).toMatchObject({
      fileName: 'embauches-mars.csv',
      imported: 497,
      refused: 3,
      byMail: 97,
    });

    // The « Courrier » requests' pre-filled BIAs, in one PDF, each named.
    const pdf = await b.get(`/api/affiliations/import/${report.batchId}/bia.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await extractPdfText(pdf.rawPayload)).join(' ');
    expect(text).toContain('Pré-rempli pour Camille Salarié5');
    expect(text).toContain('Pré-rempli pour Camille Salarié495');
    expect(text).not.toContain('Salarié1 ');
    expect(text.match(/Pré-rempli pour/g)).toHaveLength(97);
    // Another company's user: nothing to print there.
    const elsewhere = await other.get(`/api/affiliations/import/${report.batchId}/bia.pdf`);
    expect(elsewhere.statusCode).toBe(404);
    expect(errorOf(elsewhere).code).toBe('no_mail_requests');
  }, 120_000);

  it('applies the wizard’s rules row by row: perimeter, already covered, same person twice, fixed-term end', async () => {
    const before = await countRequests();
    const report = await importOk(
      b,
      'regles.csv',
      windows1252([
        HEADER,
        line(601, { siret: otherSiret }),
        line(999),
        line(602),
        line(603, { nir: NIR(602), lastName: 'Doublon' }),
        line(604, { contract: 'CDD' }),
        line(605, { status: 'ETAM' }),
        line(606, { nir: '1,85067E+12' }),
        line(607, { contract: 'CDD', end: '31/08/2026' }),
      ]),
    );
    const reasons = Object.fromEntries(
      report.rows.map((r) => [r.line, r.reasons.map((x) => `${x.field}: ${x.message}`)]),
    );
    expect(reasons[2]).toEqual([`${H.siret}: ${OUTSIDE_PERIMETER}`]);
    expect(reasons[3]![0]).toMatch(/déjà couvert/);
    expect(reasons[4]).toEqual([]);
    expect(reasons[5]).toEqual([`${H.nir}: Ce salarié figure déjà à la ligne 4 du fichier`]);
    expect(reasons[6]).toEqual([
      `${H.employmentEndDate}: La date de fin du contrat de travail est obligatoire pour ce type de contrat`,
    ]);
    expect(reasons[7]![0]).toMatch(/^Statut professionnel: Statut professionnel inconnu/);
    expect(reasons[8]![0]).toMatch(/notation scientifique/);
    expect(reasons[9]).toEqual([]);
    expect(report.summary).toMatchObject({ total: 8, created: 2, refused: 6 });
    expect(await countRequests()).toBe(before + 2);
    // The other company's user may not create in this company: their report refuses the row.
    const theirs = await importOk(other, 'x.csv', windows1252([HEADER, line(608)]));
    expect(theirs.rows[0]!.reasons[0]!.message).toBe(OUTSIDE_PERIMETER);
    expect(await countRequests()).toBe(before + 2);
  });

  it('reads the template filled in Excel (text cells, dates as dates), with a non-Latin name', async () => {
    const res = await b.get('/api/affiliations/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Pré-affiliations')!;
    expect(sheet.getRow(1).getCell(1).value).toBe(H.siret);
    expect(workbook.getWorksheet('Instructions')).toBeDefined();
    const row = sheet.getRow(2);
    const values = line(701, { lastName: 'Nguyễn', firstName: 'Łucja' });
    values.forEach((v, i) => {
      row.getCell(i + 1).value = v;
    });
    row.getCell(7).value = new Date(Date.UTC(1985, 5, 15));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importOk(b, 'modele.xlsx', bytes);
    expect(report.rows).toEqual([
      expect.objectContaining({ line: 2, name: 'Nguyễn Łucja', outcome: 'created', mode: 'email' }),
    ]);
  });

  it('refuses a file it cannot take, with a stable code and nothing written', async () => {
    const before = await countRequests();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Pré-affiliations').addRow(HEADER);
    const cases: [Buffer, string, number, string][] = [
      [
        Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0)]),
        'x.pdf',
        400,
        'import_file_type',
      ],
      [windows1252([HEADER]), 'vide.csv', 400, 'import_empty'],
      [
        windows1252([
          ['Nom', 'Prénom'],
          ['A', 'B'],
        ]),
        'cols.csv',
        400,
        'import_columns_missing',
      ],
      [
        await xlsxBomb(Buffer.from(await workbook.xlsx.writeBuffer()), 128),
        'bombe.xlsx',
        413,
        'import_file_unzipped_too_large',
      ],
    ];
    for (const [bytes, name, status, code] of cases) {
      const res = await upload(b, name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(errorOf(res).code).toBe(code);
    }
    expect(await countRequests()).toBe(before);
  });
});
