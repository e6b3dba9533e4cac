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
import { claimRun, finishRun } from './jobs.repository';
import { LEASE_MS, periodOf, runDueJobs, type Job } from './runner';
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
  it('abandons the requests whose link expired (« Lien expiré »), not the others', async () => {
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
    // Once per period: done for this one; idempotent in the next.
    expect((await runDueJobs(t.ctx, now, { owner: 'test' }))['affiliations.expire']).toBe(
      'skipped',
    );
    const next = new Date(now.getTime() + t.config.jobsIntervalMs);
    expect((await runDueJobs(t.ctx, next, { owner: 'test' }))['affiliations.expire']).toBe(0);
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

  it('issue 17: takes over a run whose instance died, once its lease has expired, in the same period', async () => {
    // Later than the other tests' runs: time only goes forward for the jobs.
    const now = new Date(t.clock.now().getTime() + 60 * DAY);
    const expired = await request({
      formTokenExpiresAt: new Date(now.getTime() - 1000).toISOString(),
    });
    const period = periodOf(now, t.config.jobsIntervalMs);
    // Another instance claimed the period's run, then was killed (-9): no finish, no renewal.
    expect(
      await claimRun(t.ctx.db, {
        name: 'affiliations.expire',
        owner: 'other-instance',
        now,
        period,
        ttlMs: LEASE_MS,
      }),
    ).toBe(true);
    const skipped = await runDueJobs(t.ctx, now, { owner: 'this-instance' });
    expect(skipped['affiliations.expire']).toBe('skipped');
    expect((await load(expired.id)).status).toBe('sent');

    const later = new Date(now.getTime() + LEASE_MS + 1000);
    expect(periodOf(later, t.config.jobsIntervalMs)).toBe(period);
    const ran = await runDueJobs(t.ctx, later, { owner: 'this-instance' });
    // This request, and the earlier tests' whose links have expired 60 days on.
    expect(ran['affiliations.expire']).toBeGreaterThanOrEqual(1);
    expect((await load(expired.id)).status).toBe('abandoned');
    const lock = await t.ctx.db
      .selectFrom('jobs_locks')
      .selectAll()
      .where('name', '=', 'affiliations.expire')
      .executeTakeFirstOrThrow();
    expect(lock).toMatchObject({ locked_by: null, locked_until: null, done_period: period });
    expect(lock.last_run_at).not.toBeNull();
  });

  it('issue 17: runs each job once per period across instances ticking at once and again', async () => {
    let runs = 0;
    const counted: Job[] = [{ name: 'test.counted', run: async () => ((runs += 1), 0) }];
    const periodMs = 60_000;
    const start = new Date('2030-01-01T00:00:00.000Z');
    // Three instances, each ticking every 10 s through three periods.
    for (let tick = 0; tick < 18; tick += 1) {
      const now = new Date(start.getTime() + tick * 10_000);
      await Promise.all(
        ['a', 'b', 'c'].map((owner) => runDueJobs(t.ctx, now, { owner, jobs: counted, periodMs })),
      );
    }
    expect(runs).toBe(3);
  });

  it('counts a failed run as the period’s run (retried next period, not at every tick)', async () => {
    let calls = 0;
    const failing: Job[] = [
      {
        name: 'test.failing',
        run: async () => {
          calls += 1;
          throw new Error('boom');
        },
      },
    ];
    const now = new Date('2031-01-01T00:00:00.000Z');
    expect(await runDueJobs(t.ctx, now, { owner: 'a', jobs: failing, periodMs: 60_000 })).toEqual({
      'test.failing': 'failed',
    });
    await runDueJobs(t.ctx, new Date(now.getTime() + 30_000), {
      owner: 'b',
      jobs: failing,
      periodMs: 60_000,
    });
    expect(calls).toBe(1);
    await runDueJobs(t.ctx, new Date(now.getTime() + 60_000), {
      owner: 'b',
      jobs: failing,
      periodMs: 60_000,
    });
    expect(calls).toBe(2);
  });

  it('lets only one of two instances claim a period, and nobody once it is done', async () => {
    const now = new Date('2032-01-01T00:00:00.000Z');
    const period = periodOf(now, 60_000);
    const claim = (owner: string) =>
      claimRun(t.ctx.db, { name: 'test.job', owner, now, period, ttlMs: 60_000 });
    const [a, b] = await Promise.all([claim('a'), claim('b')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    await finishRun(t.ctx.db, { name: 'test.job', owner: a ? 'a' : 'b', now, period });
    expect(await claim('b')).toBe(false);
  });
});
