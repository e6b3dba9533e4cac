import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAffiliationRequest,
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
} from '../../test/factories';
import { useTestApp } from '../../test/helper';
import { dueReminderMoment } from './affiliation-jobs';
import { acquireLease, releaseLease } from './jobs.repository';
import { LEASE_MS, runDueJobs } from './runner';
import { findHistory } from '../modules/affiliations/affiliations.repository';

const DAY = 24 * 3600_000;

const t = useTestApp();
let fixtures: {
  establishment: Awaited<ReturnType<typeof createEstablishment>>;
  contract: Awaited<ReturnType<typeof createContract>>;
  user: Awaited<ReturnType<typeof createEmployerUser>>;
};

beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  fixtures = {
    establishment: await createEstablishment(t.ctx.db, company),
    contract: await createContract(t.ctx.db, company),
    user: await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]),
  };
});

const request = (
  over: Parameters<typeof createAffiliationRequest>[2] extends infer I ? Partial<I> : never,
) =>
  createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
    establishment: fixtures.establishment,
    contract: fixtures.contract,
    createdBy: fixtures.user,
    ...over,
  });

const load = (id: string) =>
  t.ctx.db
    .selectFrom('affiliation_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const remindersTo = async (email: string) =>
  (
    await t.ctx.db
      .selectFrom('outbox')
      .select('template')
      .where('recipient', '=', email)
      .where('template', '=', 'affiliation_reminder')
      .execute()
  ).length;

describe('dueReminderMoment', () => {
  it('gives the latest delay reached', () => {
    const sent = new Date('2026-03-01T10:00:00.000Z');
    expect(dueReminderMoment(sent, [7, 14], new Date('2026-03-08T09:59:59.000Z'))).toBeNull();
    expect(dueReminderMoment(sent, [7, 14], new Date('2026-03-08T10:00:00.000Z'))).toEqual(
      new Date('2026-03-08T10:00:00.000Z'),
    );
    expect(dueReminderMoment(sent, [7, 14], new Date('2026-03-20T00:00:00.000Z'))).toEqual(
      new Date('2026-03-15T10:00:00.000Z'),
    );
  });
});

describe('runDueJobs', () => {
  it('abandons the requests whose link expired (« Lien expiré »), not the others', async () => {
    const now = t.clock.now();
    const expired = await request({
      status: 'started',
      sentAt: new Date(now.getTime() - 40 * DAY).toISOString(),
      formTokenExpiresAt: new Date(now.getTime() - 1000).toISOString(),
    });
    const alive = await request({ sentAt: now.toISOString() });
    const finalised = await request({
      status: 'finalised',
      formTokenExpiresAt: new Date(now.getTime() - 1000).toISOString(),
    });
    const letter = await request({ email: null });

    const results = await runDueJobs(t.ctx, now, { owner: 'test' });
    expect(results['affiliations.expire']).toBe(1);
    const row = await load(expired.id);
    expect(row).toMatchObject({
      status: 'abandoned',
      abandon_reason: 'expired',
      form_token_hash: null,
      status_changed_at: now.toISOString(),
    });
    const history = await findHistory(t.ctx.db, expired.id);
    expect(history.at(-1)).toMatchObject({
      from_status: 'started',
      to_status: 'abandoned',
      actor_kind: 'system',
      reason: 'Lien expiré',
    });
    for (const r of [alive, finalised, letter]) {
      expect((await load(r.id)).status).toBe(r.status);
    }
    // Idempotent.
    expect((await runDueJobs(t.ctx, now, { owner: 'test' }))['affiliations.expire']).toBe(0);
  });

  it('sends the automatic reminders at 7 and 14 days, once each', async () => {
    const start = t.clock.now();
    const r = await request({ sentAt: start.toISOString(), email: 'auto@example.com' });
    const at = (days: number, extraMs = 0) => new Date(start.getTime() + days * DAY + extraMs);

    await runDueJobs(t.ctx, at(6), { owner: 'test' });
    expect(await remindersTo('auto@example.com')).toBe(0);
    await runDueJobs(t.ctx, at(7), { owner: 'test' });
    expect(await remindersTo('auto@example.com')).toBe(1);
    const after7 = await load(r.id);
    expect(after7.reminder_count).toBe(1);
    expect(after7.last_reminder_at).toBe(at(7).toISOString());
    expect(after7.form_token_hash).not.toBe(r.form_token_hash);
    await runDueJobs(t.ctx, at(10), { owner: 'test' });
    expect(await remindersTo('auto@example.com')).toBe(1);
    await runDueJobs(t.ctx, at(14, 60_000), { owner: 'test' });
    expect(await remindersTo('auto@example.com')).toBe(2);
    await runDueJobs(t.ctx, at(20), { owner: 'test' });
    expect(await remindersTo('auto@example.com')).toBe(2);
    expect((await load(r.id)).reminder_count).toBe(2);
  });

  it('counts a manual reminder after a delay as that delay’s reminder; skips finalised requests', async () => {
    const start = t.clock.now();
    const manual = await request({ sentAt: start.toISOString(), email: 'manuel@example.com' });
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set({
        reminder_count: 1,
        last_reminder_at: new Date(start.getTime() + 7.5 * DAY).toISOString(),
      })
      .where('id', '=', manual.id)
      .execute();
    const done = await request({
      sentAt: start.toISOString(),
      email: 'fini@example.com',
      status: 'finalised',
    });
    await runDueJobs(t.ctx, new Date(start.getTime() + 8 * DAY), { owner: 'test' });
    expect(await remindersTo('manuel@example.com')).toBe(0);
    expect(await remindersTo('fini@example.com')).toBe(0);
    expect((await load(done.id)).reminder_count).toBe(0);
  });

  it('skips a job whose lease another instance holds, until the lease expires', async () => {
    const now = t.clock.now();
    const expired = await request({
      formTokenExpiresAt: new Date(now.getTime() - 1000).toISOString(),
    });
    expect(
      await acquireLease(t.ctx.db, {
        name: 'affiliations.expire',
        owner: 'other-instance',
        now,
        ttlMs: LEASE_MS,
      }),
    ).toBe(true);
    const skipped = await runDueJobs(t.ctx, now, { owner: 'this-instance' });
    expect(skipped['affiliations.expire']).toBe('skipped');
    expect((await load(expired.id)).status).toBe('sent');

    const later = new Date(now.getTime() + LEASE_MS + 1000);
    const ran = await runDueJobs(t.ctx, later, { owner: 'this-instance' });
    expect(ran['affiliations.expire']).toBe(1);
    const lock = await t.ctx.db
      .selectFrom('jobs_locks')
      .selectAll()
      .where('name', '=', 'affiliations.expire')
      .executeTakeFirstOrThrow();
    expect(lock.locked_by).toBeNull();
    expect(lock.last_run_at).not.toBeNull();
  });

  it('lets only one of two instances take a free lease', async () => {
    const now = t.clock.now();
    const [a, b] = await Promise.all([
      acquireLease(t.ctx.db, { name: 'test.job', owner: 'a', now, ttlMs: 60_000 }),
      acquireLease(t.ctx.db, { name: 'test.job', owner: 'b', now, ttlMs: 60_000 }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    await releaseLease(t.ctx.db, { name: 'test.job', owner: a ? 'a' : 'b', now });
    expect(await acquireLease(t.ctx.db, { name: 'test.job', owner: 'b', now, ttlMs: 60_000 })).toBe(
      true,
    );
  });
});
