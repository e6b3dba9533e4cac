import type { BackofficeDispenseQueue } from '@affilia/shared/schemas/dispenses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildTestApp, signInAs, type TestApp } from '../../../test/helper';
import { getBranding } from '../../modules/settings/settings.service';
import { seedDemoIfEmpty } from './demo';
import { demoAccount } from './demo-accounts';
import { seedDemoDispenses } from './demo-dispenses';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty({
    db: t.ctx.db,
    cipher: t.ctx.cipher,
    storage: t.ctx.storage,
    now: t.clock.now(),
    branding: await getBranding(t.ctx),
  });
  await seedDemoDispenses(t.ctx);
}, 60_000);
afterAll(() => t.close());

const dispenses = () =>
  t.ctx.db
    .selectFrom('dispenses as d')
    .innerJoin('affiliation_requests as r', 'r.id', 'd.request_id')
    .select(['r.last_name', 'r.status as request', 'd.status', 'd.origin', 'd.case_code'])
    .orderBy('r.last_name')
    .execute();

describe('the demo’s dispenses (issue 19)', () => {
  it('makes one of each: requested online, due for renewal, expired, paper', async () => {
    expect(await dispenses()).toEqual([
      {
        last_name: 'Fontaine',
        request: 'dispensed',
        status: 'expired',
        origin: 'online',
        case_code: 'individual_cover',
      },
      {
        last_name: 'Garnier',
        request: 'dispensed',
        status: 'validated',
        origin: 'online',
        case_code: 'multi_employer',
      },
      {
        last_name: 'Haddad',
        request: 'dispensed',
        status: 'validated',
        origin: 'paper',
        case_code: 'css',
      },
      {
        last_name: 'Moreau',
        request: 'dispense_requested',
        status: 'requested',
        origin: 'online',
        case_code: 'individual_cover',
      },
    ]);
    // The renewal job reminded Théo Garnier today, with a link (the development mailbox).
    const reminders = await t.ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'created_at'])
      .where('template', '=', 'dispense_reminder')
      .orderBy('created_at')
      .execute();
    expect(reminders.map((r) => r.recipient)).toEqual([
      'chloe.fontaine@exemple.test',
      'theo.garnier@exemple.test',
    ]);
    const contracts = await t.ctx.db
      .selectFrom('contracts')
      .select('dispense_cases')
      .where('dispense_cases', '<>', '[]')
      .execute();
    expect(contracts.length).toBeGreaterThanOrEqual(1);

    // Idempotent day: the job again does nothing more.
    const { runDispenseRenewals } = await import('../../jobs/dispense-jobs');
    expect(await runDispenseRenewals(t.ctx, t.clock.now())).toBe(0);
  });

  it('shows the gestionnaire Inès Moreau’s request in the « Dispenses » queue', async () => {
    const a = demoAccount('staffManager');
    const staff = browser(t.app, { ip: '192.0.2.90' });
    await signInAs(
      staff,
      t.ctx,
      { email: a.email, password: a.password, mobile_phone: a.mobilePhone },
      'backoffice',
    );
    const queue = (await staff.get('/api/backoffice/dispenses')).json<BackofficeDispenseQueue>();
    expect(queue.items.map((i) => `${i.firstName} ${i.lastName}`)).toEqual(['Inès Moreau']);
  });
});
