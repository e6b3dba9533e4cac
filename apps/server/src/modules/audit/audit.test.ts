import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '@affilia/shared/domain/audit';
import { AuditFiltersSchema, type AuditPage } from '@affilia/shared/schemas/audit';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
import { JOBS, runDueJobs } from '../../jobs/runner';
import { recordAudit } from '../../lib/audit';
import type { ApiErrorBody } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { IMPORT_REPORT_OWNER_KIND } from '../establishments/establishments.repository';
import { REFERENCE_IMPORT_REPORT_OWNER_KIND } from '../reference-data/import.service';
import { parisDayStart } from '../../lib/clock';
import { exportAudit, purgeAuditLog } from './audit.service';

const DAY = 86_400_000;

describe("Journal d'audit (/api/backoffice/audit)", () => {
  let t: TestApp;
  let admin: Browser;
  let manager: Browser;
  let managerId: string;
  let employer: Browser;
  let company: Awaited<ReturnType<typeof createCompany>>;
  let hr: Awaited<ReturnType<typeof createEmployerUser>>;
  let hrOther: Awaited<ReturnType<typeof createEmployerUser>>;
  let ip = 0;
  const newBrowser = () => browser(t.app, { ip: `198.51.100.${++ip}` });
  const page = async (b: Browser, query: string) => {
    const res = await b.get(`/api/backoffice/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditPage>();
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    company = await createCompany(db, { name: 'Immobilière du Rhône' });
    const other = await createCompany(db, { name: 'Autre Société' });
    hr = await createEmployerUser(db, [{ company, role: 'admin' }], {
      email: 'Helene.RH@immobiliere.fr',
      firstName: 'Hélène',
    });
    hrOther = await createEmployerUser(db, [{ company: other, role: 'admin' }]);
    // Events around a Paris midnight: 2026-03-01 22:59Z is 23:59 in Paris, 23:30Z is 00:30 on the 2nd.
    const events = [
      { at: '2026-02-27T10:00:00.000Z', action: 'users.invited', user: hr, company },
      { at: '2026-03-01T22:59:00.000Z', action: 'auth.sign_in', user: hr, company: null },
      { at: '2026-03-01T23:30:00.000Z', action: 'members.exported', user: hr, company },
      { at: '2026-03-01T23:40:00.000Z', action: 'auth.sign_in', user: hrOther, company: null },
      { at: '2026-03-01T23:50:00.000Z', action: 'authx.other', user: hrOther, company: other },
    ];
    for (const e of events) {
      await recordAudit(db, new Date(e.at), {
        action: e.action as AuditAction,
        actorKind: 'employer',
        actorUserId: e.user.id,
        companyId: e.company?.id ?? null,
        targetType: 'user',
        targetId: e.user.id,
        ip: '203.0.113.7',
        userAgent: '=HYPERLINK("http://evil")',
        details: { reason: '+SUM(1;2)', count: 2 },
      });
    }
    const adminUser = await createStaffUser(db, 'admin');
    const managerUser = await createStaffUser(db, 'manager');
    managerId = managerUser.id;
    admin = newBrowser();
    await signInAs(admin, t.ctx, adminUser, 'backoffice');
    manager = newBrowser();
    await signInAs(manager, t.ctx, managerUser, 'backoffice');
    employer = newBrowser();
    await signInAs(employer, t.ctx, hr);
  });
  afterAll(() => t.close());

  it('turns a Paris calendar day into its first instant (winter and summer time)', () => {
    expect(parisDayStart('2026-03-02').toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(parisDayStart('2026-07-14').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(parisDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisDayStart('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('lists the log newest first with the actor, the company and the details', async () => {
    const res = await page(manager, 'action=members.');
    expect(res.entries).toHaveLength(1);
    expect(res.entries[0]).toMatchObject({
      at: '2026-03-01T23:30:00.000Z',
      actorKind: 'employer',
      actor: { id: hr.id, name: `Hélène ${hr.last_name}`, email: hr.email },
      company: { id: company.id, name: 'Immobilière du Rhône', siren: company.siren },
      action: 'members.exported',
      targetType: 'user',
      ip: '203.0.113.7',
      details: { reason: '+SUM(1;2)', count: 2 },
    });
    const all = await page(manager, 'action=a');
    const times = all.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('names the browser and OS family of each line (issue 14 #21), the full string kept', async () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
    await recordAudit(t.ctx.db, new Date('2026-02-20T09:00:00.000Z'), {
      action: 'profile.updated',
      actorKind: 'employer',
      userAgent: chrome,
    });
    const res = await page(manager, 'action=profile.updated');
    expect(res.entries[0]).toMatchObject({ userAgent: chrome, browser: 'Chrome sur Windows' });
    const unknown = await page(manager, 'action=members.exported');
    expect(unknown.entries[0]).toMatchObject({ browser: 'Navigateur inconnu' });
  });

  it('filters by actor (email or id), company (SIREN or id), action prefix and Paris dates', async () => {
    const actions = async (query: string) =>
      (await page(manager, query)).entries
        .filter((e) => !e.action.startsWith('audit.'))
        .map((e) => `${e.action}@${e.at.slice(8, 16)}`);
    expect(await actions('actor=HELENE.rh%40immobiliere.fr&action=auth.&to=2026-03-01')).toEqual([
      'auth.sign_in@01T22:59',
    ]);
    expect(await actions(`actor=${hr.id}&action=users`)).toEqual(['users.invited@27T10:00']);
    const spaced = company.siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
    expect(await actions(`company=${encodeURIComponent(spaced)}`)).toEqual([
      'members.exported@01T23:30',
      'users.invited@27T10:00',
    ]);
    expect(await actions(`company=${company.id}&action=members`)).toEqual([
      'members.exported@01T23:30',
    ]);
    // « auth. » is a prefix: « authx.other » is not in it; « % » and « _ » are plain characters.
    expect(await actions(`actor=${hrOther.id}&action=auth.`)).toEqual(['auth.sign_in@01T23:40']);
    expect(await actions(`actor=${hrOther.id}&action=auth_`)).toEqual([]);
    expect(await actions(`actor=${hrOther.id}&action=%25`)).toEqual([]);
    // The 2nd of March in Paris starts at 23:00Z on the 1st.
    expect(await actions(`actor=${hrOther.id}&from=2026-03-02&to=2026-03-02`)).toEqual([
      'authx.other@01T23:50',
      'auth.sign_in@01T23:40',
    ]);
    expect(await actions(`actor=${hr.id}&from=2026-03-01&to=2026-03-01`)).toEqual([
      'auth.sign_in@01T22:59',
    ]);
    expect(await actions(`actor=${hr.id}&to=2026-02-28`)).toEqual(['users.invited@27T10:00']);
    expect(await actions('actor=inconnu%40nulle-part.fr')).toEqual([]);

    const bad = await manager.get('/api/backoffice/audit?from=02%2F03%2F2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ApiErrorBody>().error.fields?.from).toBeDefined();
  });

  it('pages newest first and audits each read', async () => {
    for (let i = 0; i < 23; i += 1) {
      await recordAudit(t.ctx.db, new Date(Date.UTC(2026, 0, 1, 0, i)), {
        action: 'paging.test' as AuditAction,
        actorKind: 'system',
      });
    }
    const first = await page(manager, 'action=paging&pageSize=10');
    const second = await page(manager, 'action=paging&pageSize=10&page=2');
    const third = await page(manager, 'action=paging&pageSize=10&page=3');
    expect([first.hasMore, second.hasMore, third.hasMore]).toEqual([true, true, false]);
    expect(third.entries).toHaveLength(3);
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.at);
    expect(new Set(ids).size).toBe(23);
    expect(first.entries[0]?.at).toBe('2026-01-01T00:22:00.000Z');
    expect(first.entries[0]?.actor).toBeNull();

    const reads = await page(manager, `actor=${managerId}&action=audit.viewed`);
    expect(reads.entries.length).toBeGreaterThanOrEqual(3);
    expect(reads.entries[0]).toMatchObject({ actorKind: 'staff', action: 'audit.viewed' });
  });

  it('exports the filtered log as CSV for Excel: BOM, « ; », formulas neutralised, audited', async () => {
    const res = await manager.get(
      `/api/backoffice/audit/export.csv?company=${company.siren}&action=members`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="journal-audit-/);
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFFDate (heure de Paris);')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('02/03/2026 00:30:00');
    expect(lines[1]).toContain(`;Hélène ${hr.last_name};`);
    expect(lines[1]).toContain(`;Immobilière du Rhône;${company.siren};members.exported;`);
    expect(lines[1]).toContain(`;"'=HYPERLINK(""http://evil"")";`);
    expect(lines[1]).not.toMatch(/;=|;\+/);

    // Several batches: everything, in order.
    const all = await manager.get('/api/backoffice/audit/export.csv?action=paging');
    expect(all.rawPayload.toString('utf8').trim().split('\r\n')).toHaveLength(24);

    const exports = await page(manager, 'action=audit.exported');
    expect(exports.entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        { format: 'csv', filters: { action: 'paging' } },
        { format: 'csv', filters: { company: company.siren, action: 'members' } },
      ]),
    );
  });

  it('streams the export: batches read as the client reads, one ahead at most', async () => {
    const stream = await exportAudit(
      t.ctx,
      { userId: managerId, meta: { ip: '198.51.100.200', userAgent: 'test' } },
      AuditFiltersSchema.parse({ action: 'paging' }),
      5,
    );
    const chunks: string[] = [String(stream.read() ?? '')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The header was read; the client waits: at most one batch of 5 rows is ready.
    expect(stream.readableLength).toBeLessThanOrEqual(1);
    for await (const chunk of stream) chunks.push(String(chunk));
    const lines = chunks.join('').trim().split('\r\n');
    expect(lines).toHaveLength(24);
    expect(chunks.length).toBeGreaterThanOrEqual(1 + 23 / 5);
  });

  it('is closed to employers', async () => {
    expect((await employer.get('/api/backoffice/audit')).statusCode).toBe(403);
    expect((await employer.get('/api/backoffice/audit/export.csv')).statusCode).toBe(403);
    expect((await newBrowser().get('/api/backoffice/audit')).statusCode).toBe(401);
  });

  it('keeps one year by default; administrators change it between 30 days and 10 years', async () => {
    expect((await manager.get('/api/backoffice/audit/retention')).json()).toEqual({ days: 365 });
    const refused = await manager.put('/api/backoffice/audit/retention', { days: 90 });
    expect(refused.statusCode).toBe(403);
    for (const days of [29, 3651, 12.5]) {
      const bad = await admin.put('/api/backoffice/audit/retention', { days });
      expect(bad.statusCode, String(days)).toBe(400);
      expect(bad.json<ApiErrorBody>().error.fields?.days).toMatch(/jours|entier/);
    }
    const ok = await admin.put('/api/backoffice/audit/retention', { days: 90 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await manager.get('/api/backoffice/audit/retention')).json()).toEqual({ days: 90 });
    const changed = await page(admin, 'action=audit.retention');
    expect(changed.entries[0]?.details).toEqual({ from: 365, to: 90 });
  });

  it('purges, with the job, the lines and the import reports older than the retention', async () => {
    const db = t.ctx.db;
    const now = new Date('2026-06-01T03:00:00.000Z');
    t.clock.set(now);
    await db.updateTable('insurer_settings').set({ audit_retention_days: 30 }).execute();
    for (let i = 0; i < 7; i += 1) {
      await recordAudit(db, new Date(now.getTime() - 31 * DAY - i * 1000), {
        action: 'purge.old' as AuditAction,
        actorKind: 'system',
      });
    }
    await recordAudit(db, new Date(now.getTime() - 29 * DAY), {
      action: 'purge.recent' as AuditAction,
      actorKind: 'system',
    });
    const report = async (createdAt: Date, ownerKind: string = IMPORT_REPORT_OWNER_KIND) => {
      const saved = await t.ctx.storage.save(Buffer.from('\uFEFFLigne;SIRET\r\n'), {
        originalName: 'rapport.csv',
        mimeType: 'text/csv',
      });
      const id = newId();
      await db
        .insertInto('stored_files')
        .values({
          id,
          storage_key: saved.storageKey,
          original_name: 'rapport.csv',
          mime_type: 'text/csv',
          size: saved.size,
          sha256: saved.sha256,
          owner_kind: ownerKind,
          owner_id: hr.id,
          created_at: createdAt.toISOString(),
        })
        .execute();
      return { id, key: saved.storageKey };
    };
    const oldReport = await report(new Date(now.getTime() - 40 * DAY));
    const newReport = await report(new Date(now.getTime() - DAY));
    // A reference-data import of 40 days ago: its history row and its report go too.
    const oldReferenceReport = await report(
      new Date(now.getTime() - 40 * DAY),
      REFERENCE_IMPORT_REPORT_OWNER_KIND,
    );
    await db
      .insertInto('reference_imports')
      .values({
        id: newId(),
        kind: 'members',
        file_name: 'assures.csv',
        dry_run: 0,
        source: 'cli',
        actor_user_id: null,
        report_file_id: oldReferenceReport.id,
        total: 1,
        created_count: 1,
        updated_count: 0,
        unchanged_count: 0,
        error_count: 0,
        duration_ms: 10,
        created_at: new Date(now.getTime() - 40 * DAY).toISOString(),
      })
      .execute();
    const before = await db.selectFrom('audit_log').select('id').execute();

    // By batches of 3: every old line goes.
    const purged = await purgeAuditLog(t.ctx, now, 3);
    const remaining = await db.selectFrom('audit_log').select(['action', 'at']).execute();
    const cutoff = new Date(now.getTime() - 30 * DAY).toISOString();
    expect(remaining.every((r) => r.at >= cutoff)).toBe(true);
    expect(remaining.map((r) => r.action)).toContain('purge.recent');
    // The audit lines, the history row and the two old reports.
    expect(purged).toBe(before.length - remaining.length + 3);
    const files = await db
      .selectFrom('stored_files')
      .select('id')
      .where('owner_kind', 'in', [IMPORT_REPORT_OWNER_KIND, REFERENCE_IMPORT_REPORT_OWNER_KIND])
      .execute();
    expect(files.map((f) => f.id)).toEqual([newReport.id]);
    expect(await db.selectFrom('reference_imports').select('id').execute()).toEqual([]);
    await expect(t.ctx.storage.read(oldReport.key)).rejects.toThrow();
    expect((await t.ctx.storage.read(newReport.key)).length).toBeGreaterThan(0);

    // The job in the runner's list, under its lease; nothing left to do the next time.
    expect(JOBS.map((j) => j.name)).toContain('audit.purge');
    await recordAudit(db, new Date(now.getTime() - 45 * DAY), {
      action: 'purge.old' as AuditAction,
      actorKind: 'system',
    });
    const purgeJob = JOBS.filter((j) => j.name === 'audit.purge');
    expect(await runDueJobs(t.ctx, now, { owner: 'test', jobs: purgeJob })).toEqual({
      'audit.purge': 1,
    });
    // Once per period: this period's run is done.
    expect(await runDueJobs(t.ctx, now, { owner: 'test', jobs: purgeJob })).toEqual({
      'audit.purge': 'skipped',
    });
    t.clock.advance(2 * DAY);
    await runDueJobs(t.ctx, t.clock.now(), { owner: 'test', jobs: purgeJob });
    const left = await db.selectFrom('audit_log').select('action').execute();
    expect(left.map((r) => r.action)).not.toContain('purge.recent');
  });
});
