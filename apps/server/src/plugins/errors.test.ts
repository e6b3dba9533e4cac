import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/helper';
import { errorsPlugin, isUniqueViolation } from './errors';
import Fastify from 'fastify';

describe('the error handler', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers 409 « conflict » when a unique index stops a write (a race the checks missed)', async () => {
    const company = await createCompany(t.ctx.db, { name: 'Unique' });
    // The real error of this database (SQLite or PostgreSQL) for a second row with that SIREN.
    const error = await t.ctx.db
      .insertInto('companies')
      .values({ ...company, id: `${company.id}-bis` } as never)
      .execute()
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(isUniqueViolation(error)).toBe(true);

    const app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    app.get('/race', () => Promise.reject(error as Error));
    app.get('/other', () => Promise.reject(new Error('boom')));
    const res = await app.inject({ method: 'GET', url: '/race' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(res.body).not.toContain(company.siren);
    expect((await app.inject({ method: 'GET', url: '/other' })).statusCode).toBe(500);
    await app.close();
  });
});
