import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildTestApp, jsonHeaders, signInAs, type TestApp } from '../../../test/helper';
import {
  createCompany,
  createEmployerUser,
  createStaffUser,
  publishTerms,
} from '../../../test/factories';
import { scope } from './scopes';

let t: TestApp;
let handled = 0;
beforeAll(async () => {
  t = await buildTestApp({
    async setup(app) {
      await app.register(
        scope('public', {
          prefix: '/api/test',
          routes: async (open) => {
            // A programming error: the employer actor read in the public scope.
            open.get('/public-reads-employer', async (request) => ({
              id: request.employer.user.id,
            }));
          },
        }),
      );
      await app.register(
        scope('employer', {
          prefix: '/api/test',
          routes: async (employer) => {
            employer.post('/employer-body', async (request) => {
              handled += 1;
              return { id: request.employer.user.id, body: request.body };
            });
          },
        }),
      );
      await app.register(
        scope('backoffice', {
          prefix: '/api/test',
          routes: async (staff) => {
            staff.get(
              '/administer',
              { config: { staffPermission: 'backoffice.administer' } },
              async (request) => ({ role: request.staff.role }),
            );
          },
        }),
      );
    },
  });
  await publishTerms(t.ctx.db);
});
afterAll(() => t.close());

describe('route scopes (issue 16)', () => {
  it('marks each route with its scope', () => {
    const scopes = Object.fromEntries(
      t.app.registeredRoutes
        .filter((r) => r.url.startsWith('/api/test/'))
        .map((r) => [r.url, r.scope]),
    );
    expect(scopes).toEqual({
      '/api/test/public-reads-employer': 'public',
      '/api/test/employer-body': 'employer',
      '/api/test/administer': 'backoffice',
    });
  });

  it('refuses before the body is read: anonymous gets 401 for a malformed body, the handler never runs', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/employer-body',
      headers: jsonHeaders,
      payload: '{ pas du JSON',
    });
    expect(res.statusCode).toBe(401);
    expect(handled).toBe(0);
  });

  it('gives the handler the scope’s actor; reading another scope’s actor is an error (500), never null', async () => {
    const company = await createCompany(t.ctx.db);
    const user = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    const ok = await b.post('/api/test/employer-body', { a: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: user.id, body: { a: 1 } });
    expect(handled).toBe(1);
    expect((await b.get('/api/test/public-reads-employer')).statusCode).toBe(500);
  });

  it('checks the back-office permission a route names: a « gestionnaire » gets 403, an administrator 200', async () => {
    const manager = browser(t.app, { ip: '192.0.2.10' });
    await signInAs(manager, t.ctx, await createStaffUser(t.ctx.db, 'manager'), 'backoffice');
    const refused = await manager.get('/api/test/administer');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'staff_admin_required' } });
    const admin = browser(t.app, { ip: '192.0.2.11' });
    await signInAs(admin, t.ctx, await createStaffUser(t.ctx.db, 'admin'), 'backoffice');
    expect((await admin.get('/api/test/administer')).json()).toEqual({ role: 'admin' });
  });
});
