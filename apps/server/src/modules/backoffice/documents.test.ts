import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackofficeDocument, EmployerDocuments } from '@affilia/shared/schemas/documents';
import {
  auditActions,
  browser,
  buildTestApp,
  signInAs,
  type Browser,
  type TestApp,
} from '../../../test/helper';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
import type { ApiErrorBody } from '../../lib/errors';
import { TEST_PDF } from '../documents/test-support';

const boundary = 'documents-boundary';
/** A multipart body: text fields, then the file (binary-safe). */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

describe('Back office documents (/api/backoffice/documents)', () => {
  let t: TestApp;
  let staff: Browser;
  let employerA: Browser;
  let employerB: Browser;
  let companyA: Awaited<ReturnType<typeof createCompany>>;
  let userAId: string;

  const upload = (
    b: Browser,
    url: string,
    fields: Record<string, string>,
    file?: { name: string; bytes: Buffer },
  ) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'x-requested-with': 'affilia',
        cookie: b.jar.header(),
      },
      payload: multipart(fields, file),
    });

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    companyA = await createCompany(db, { name: 'Alpha' });
    const companyB = await createCompany(db, { name: 'Bêta' });
    await db.updateTable('companies').set({ idcc: '3043' }).where('id', '=', companyB.id).execute();
    const ua = await createEmployerUser(db, [{ company: companyA, role: 'user' }]);
    userAId = ua.id;
    const ub = await createEmployerUser(db, [{ company: companyB, role: 'admin' }]);
    staff = browser(t.app, { ip: '192.0.2.60' });
    await signInAs(staff, t.ctx, await createStaffUser(db), 'backoffice');
    employerA = browser(t.app);
    await signInAs(employerA, t.ctx, ua);
    employerB = browser(t.app);
    await signInAs(employerB, t.ctx, ub);
  });
  afterAll(() => t.close());

  it('adds a draft, publishes it (notifying the users it concerns), unpublishes it', async () => {
    const res = await upload(
      staff,
      '/api/backoffice/documents',
      {
        title: 'Avenant Alpha 2026',
        description: 'Avenant au contrat',
        category: 'other',
        scope: 'company',
        companyId: companyA.id,
      },
      { name: 'Avenant é.pdf', bytes: TEST_PDF },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<BackofficeDocument>();
    expect(doc).toMatchObject({ status: 'draft', scope: 'company', companyName: 'Alpha' });
    expect(doc.versions).toMatchObject([
      { version: 1, fileName: 'Avenant é.pdf', mimeType: 'application/pdf' },
    ]);
    const titles = async (b: Browser) =>
      (await b.get('/api/documents'))
        .json<EmployerDocuments>()
        .groups.flatMap((g) => g.documents.map((d) => d.title));
    expect(await titles(employerA)).toEqual([]);
    expect((await employerA.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(404);

    const published = await staff.post(`/api/backoffice/documents/${doc.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<BackofficeDocument>().status).toBe('published');
    expect(await titles(employerA)).toEqual(['Avenant Alpha 2026']);
    expect(await titles(employerB)).toEqual([]);
    expect((await employerB.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(404);
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'type'])
      .where('type', '=', 'new_document')
      .execute();
    expect(notes).toEqual([{ user_id: userAId, type: 'new_document' }]);
    expect((await staff.post(`/api/backoffice/documents/${doc.id}/publish`)).statusCode).toBe(409);

    expect((await staff.post(`/api/backoffice/documents/${doc.id}/unpublish`)).statusCode).toBe(
      200,
    );
    expect(await titles(employerA)).toEqual([]);
    expect((await employerA.get(`/api/documents/${doc.id}/file`)).statusCode).toBe(404);

    expect((await auditActions(t.ctx, { target: doc.id })).sort()).toEqual(
      ['document.created', 'document.published', 'document.unpublished'].sort(),
    );
  });

  it('replaces the file with a new version, the old one kept, and edits the metadata', async () => {
    const created = (
      await upload(
        staff,
        '/api/backoffice/documents',
        { title: 'Tableau', category: 'benefits_summary', scope: 'ccn', idcc: '1527' },
        { name: 'v1.pdf', bytes: TEST_PDF },
      )
    ).json<BackofficeDocument>();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Garanties').addRow(['Garantie', 'Taux']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(
      staff,
      `/api/backoffice/documents/${created.id}/versions`,
      {},
      {
        name: 'garanties.xlsx',
        bytes: xlsx,
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<BackofficeDocument>();
    expect(doc.versions.map((v) => [v.version, v.fileName])).toEqual([
      [2, 'garanties.xlsx'],
      [1, 'v1.pdf'],
    ]);
    expect(doc.currentVersionId).toBe(doc.versions[0]!.id);
    expect(doc).toMatchObject({ idcc: '1527', ccnName: 'Immobilier' });
    expect(doc.versions[0]!.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    // The staff download any version, the replaced one included; a version of another document
    // answers 404.
    const first = await staff.get(
      `/api/backoffice/documents/${created.id}/versions/${doc.versions[1]!.id}/file`,
    );
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.equals(TEST_PDF)).toBe(true);
    expect(first.headers['content-disposition']).toContain('attachment');
    expect(
      (
        await staff.get(
          `/api/backoffice/documents/${'00000000-0000-4000-8000-000000000000'}/versions/${doc.versions[1]!.id}/file`,
        )
      ).statusCode,
    ).toBe(404);
    await staff.post(`/api/backoffice/documents/${created.id}/publish`);
    const file = await employerA.get(`/api/documents/${created.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(xlsx)).toBe(true);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''garanties.xlsx");
    // IDCC 1527: company B (3043) does not see it.
    expect((await employerB.get(`/api/documents/${created.id}/file`)).statusCode).toBe(404);

    const patched = await staff.patch(`/api/backoffice/documents/${created.id}`, {
      title: 'Tableau des garanties',
      category: 'benefits_summary',
      scope: 'all',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<BackofficeDocument>()).toMatchObject({
      title: 'Tableau des garanties',
      scope: 'all',
      idcc: null,
    });
    expect((await employerB.get(`/api/documents/${created.id}/file`)).statusCode).toBe(200);
    const bad = await staff.patch(`/api/backoffice/documents/${created.id}`, {
      title: '',
      category: 'other',
      scope: 'ccn',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ApiErrorBody>().error.fields).toHaveProperty('idcc');
  });

  it('names each version after the type of its bytes (the uploader’s extension, NUL and path dropped)', async () => {
    const fields = { title: 'Extensions', category: 'other', scope: 'all' };
    const created = await upload(staff, '/api/backoffice/documents', fields, {
      name: 'a.pdf\u0000.html',
      bytes: TEST_PDF,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<BackofficeDocument>().id;
    await upload(
      staff,
      `/api/backoffice/documents/${id}/versions`,
      {},
      {
        name: '..\\..\\poly.html',
        bytes: TEST_PDF,
      },
    );
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Garanties').addRow(['Garantie']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(
      staff,
      `/api/backoffice/documents/${id}/versions`,
      {},
      {
        name: 'tableau.pdf',
        bytes: xlsx,
      },
    );
    expect(res.json<BackofficeDocument>().versions.map((v) => [v.fileName, v.mimeType])).toEqual([
      ['tableau.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['poly.pdf', 'application/pdf'],
      ['a.pdf', 'application/pdf'],
    ]);
    const versions = res.json<BackofficeDocument>().versions;
    const download = await staff.get(
      `/api/backoffice/documents/${id}/versions/${versions[1]!.id}/file`,
    );
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="poly\.pdf";/);
  });

  it('refuses a disguised file type, a missing file and wrong fields', async () => {
    const fields = { title: 'Piège', category: 'other', scope: 'all' };
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    const res = await upload(staff, '/api/backoffice/documents', fields, {
      name: 'notice.pdf',
      bytes: exe,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiErrorBody>().error.code).toBe('document_file_type');
    const html = await upload(staff, '/api/backoffice/documents', fields, {
      name: 'notice.docx',
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    expect(html.statusCode).toBe(400);
    expect((await upload(staff, '/api/backoffice/documents', fields)).statusCode).toBe(400);
    const noScope = await upload(
      staff,
      '/api/backoffice/documents',
      { title: 'X', category: 'other', scope: 'company' },
      { name: 'a.pdf', bytes: TEST_PDF },
    );
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json<ApiErrorBody>().error.fields).toHaveProperty('companyId');
    const list = (await staff.get('/api/backoffice/documents')).json<{
      documents: BackofficeDocument[];
    }>();
    expect(list.documents.map((d) => d.title)).not.toContain('Piège');
  });

  it('is for the staff only', async () => {
    expect((await employerA.get('/api/backoffice/documents')).statusCode).toBe(403);
    const res = await upload(
      employerA,
      '/api/backoffice/documents',
      { title: 'X', category: 'other', scope: 'all' },
      { name: 'a.pdf', bytes: TEST_PDF },
    );
    expect(res.statusCode).toBe(403);
    expect((await browser(t.app).get('/api/backoffice/documents')).statusCode).toBe(401);
  });
});
