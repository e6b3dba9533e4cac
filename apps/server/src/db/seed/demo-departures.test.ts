import type { Dashboard } from '@affilia/shared/schemas/members';
import type { BackofficeRadiationPage, RequestPage } from '@affilia/shared/schemas/radiations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildTestApp, signInAs, type TestApp } from '../../../test/helper';
import { getBranding } from '../../modules/settings/settings.service';
import { seedDemoIfEmpty } from './demo';
import { demoAccount } from './demo-accounts';
import { seedDemoDepartures } from './demo-departures';

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
  await seedDemoDepartures(t.ctx);
}, 60_000);
afterAll(() => t.close());

const account = (key: 'employerAdmin' | 'staffManager') => {
  const a = demoAccount(key);
  return { email: a.email, password: a.password, mobile_phone: a.mobilePhone };
};

describe('the demo’s departures (issue 18)', () => {
  it('shows the administrator a portability ending within 30 days and two processed radiations', async () => {
    const admin = browser(t.app, { ip: '192.0.2.70' });
    await signInAs(admin, t.ctx, account('employerAdmin'));
    const dashboard = (await admin.get('/api/dashboard')).json<Dashboard>();
    expect(dashboard.pending.portabilityEndingSoon).toBe(1);
    const requests = (await admin.get('/api/requests?type=radiation')).json<RequestPage>();
    expect(requests.items.map((r) => r.status).sort()).toEqual(['processed', 'processed']);
    const notices = await t.ctx.db
      .selectFrom('outbox')
      .select('recipient')
      .where('template', '=', 'radiation_notice')
      .execute();
    expect(notices).toHaveLength(1);
  });

  it('leaves one radiation in the back office’s queue, of a company the administrator does not follow', async () => {
    const staff = browser(t.app, { ip: '192.0.2.71' });
    await signInAs(staff, t.ctx, account('staffManager'), 'backoffice');
    const queue = (await staff.get('/api/backoffice/radiations')).json<BackofficeRadiationPage>();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ status: 'sent', motif: 'fin_cdd' });
  });
});
