import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployerDocuments } from '@affilia/shared/schemas/documents';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import { createCompany, createEmployerUser } from '../../../test/factories';
import { insertDocument, TEST_PDF } from './test-support';

/*
 * Company A (IDCC 1527) and company B (IDCC 3043). A's user sees the documents for everyone, for
 * IDCC 1527 and for company A; never B's own documents nor IDCC 3043's, nor unpublished ones.
 */
describe('Mes documents pratiques (/api/documents)', () => {
  let t: TestApp;
  let userA: Browser;
  let userB: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    const a = await createCompany(db, { name: 'Alpha' });
    const b = await createCompany(db, { name: 'Bêta' });
    await db.updateTable('companies').set({ idcc: '3043' }).where('id', '=', b.id).execute();
    const ua = await createEmployerUser(db, [{ company: a, role: 'user' }]);
    const ub = await createEmployerUser(db, [{ company: b, role: 'admin' }]);
    userA = browser(t.app);
    await signInAs(userA, t.ctx, ua);
    userB = browser(t.app);
    await signInAs(userB, t.ctx, ub);

    const documents: Record<string, Parameters<typeof insertDocument>[1]> = {
      all: {
        title: 'Notice générale',
        description: 'Pour tous les adhérents',
        category: 'information_notice',
        fileName: 'Notice générale 2026.pdf',
      },
      ccnA: {
        title: 'Résumé des garanties immobilier',
        category: 'benefits_summary',
        scope: 'ccn',
        ccnIdcc: '1527',
      },
      ccnB: {
        title: 'Résumé des garanties propreté',
        category: 'benefits_summary',
        scope: 'ccn',
        ccnIdcc: '3043',
      },
      companyA: { title: 'Avenant Alpha', category: 'other', scope: 'company', companyId: a.id },
      companyB: { title: 'Avenant Bêta', category: 'other', scope: 'company', companyId: b.id },
      draft: { title: 'Brouillon', status: 'draft' },
      unpublished: { title: 'Retiré', status: 'unpublished' },
    };
    for (const [key, over] of Object.entries(documents)) {
      ids[key] = (await insertDocument(t.ctx, over)).id;
    }
  });
  afterAll(() => t.close());

  const titles = (body: EmployerDocuments) =>
    body.groups.flatMap((g) => g.documents.map((d) => d.title));

  it('lists what concerns the user, grouped by category in a fixed order', async () => {
    const res = await userA.get('/api/documents');
    expect(res.statusCode).toBe(200);
    const body = res.json<EmployerDocuments>();
    expect(body.groups.map((g) => g.category)).toEqual([
      'benefits_summary',
      'information_notice',
      'other',
    ]);
    expect(titles(body).sort()).toEqual(
      ['Avenant Alpha', 'Notice générale', 'Résumé des garanties immobilier'].sort(),
    );
    const notice = body.groups[1]!.documents[0]!;
    expect(notice).toMatchObject({
      description: 'Pour tous les adhérents',
      fileName: 'Notice générale 2026.pdf',
      mimeType: 'application/pdf',
      size: TEST_PDF.length,
    });
    expect(notice.publishedAt).toBeTruthy();

    const other = titles((await userB.get('/api/documents')).json<EmployerDocuments>()).sort();
    expect(other).toEqual(
      ['Avenant Bêta', 'Notice générale', 'Résumé des garanties propreté'].sort(),
    );
  });

  it('searches without accents or case, and filters by category', async () => {
    const res = await userA.get(`/api/documents?q=${encodeURIComponent('GARANTIES immo')}`);
    expect(titles(res.json())).toEqual(['Résumé des garanties immobilier']);
    const res2 = await userA.get('/api/documents?q=generale');
    expect(titles(res2.json())).toEqual(['Notice générale']);
    // Issue 14 #18: the rule of every list — words in any order, each the start of a word.
    const res4 = await userA.get(`/api/documents?q=${encodeURIComponent('immobilier résumé')}`);
    expect(titles(res4.json())).toEqual(['Résumé des garanties immobilier']);
    const res5 = await userA.get('/api/documents?q=enerale');
    expect(titles(res5.json())).toEqual([]);
    const res3 = await userA.get('/api/documents?category=other');
    expect(titles(res3.json())).toEqual(['Avenant Alpha']);
    expect((await userA.get('/api/documents?category=nope')).statusCode).toBe(400);
  });

  it('downloads the current version with safe headers', async () => {
    const res = await userA.get(`/api/documents/${ids.all}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Notice générale 2026.pdf')}`,
    );
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(TEST_PDF)).toBe(true);
    for (const id of [ids.ccnA, ids.companyA])
      expect((await userA.get(`/api/documents/${id}/file`)).statusCode).toBe(200);
  });

  it('answers 404 on a direct URL outside the scope, unpublished or unknown', async () => {
    for (const id of [ids.companyB, ids.ccnB, ids.draft, ids.unpublished, 'nope'])
      expect((await userA.get(`/api/documents/${id}/file`)).statusCode).toBe(404);
    expect((await userB.get(`/api/documents/${ids.companyA}/file`)).statusCode).toBe(404);
    // Nor found by a search from the other company.
    const search = await userB.get(`/api/documents?q=${encodeURIComponent('Avenant Alpha')}`);
    expect(titles(search.json())).toEqual([]);
    const category = await userB.get('/api/documents?category=other');
    expect(titles(category.json())).toEqual(['Avenant Bêta']);
  });

  it('requires an employer account', async () => {
    const anonymous = browser(t.app);
    expect((await anonymous.get('/api/documents')).statusCode).toBe(401);
    expect((await anonymous.get(`/api/documents/${ids.all}/file`)).statusCode).toBe(401);
  });
});
