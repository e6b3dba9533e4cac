import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { compiledOnce, compiledPerInputs } from './compiled-once';

describe(`compiledOnce (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    const at = new Date().toISOString();
    await t.handle.db
      .insertInto('data_versions')
      .values([
        { name: 'a', version: 1, updated_at: at },
        { name: 'b', version: 2, updated_at: at },
      ])
      .execute();
  });
  afterAll(() => t?.drop());

  it('builds once, runs with each call’s values and the query’s constants', async () => {
    let builds = 0;
    const versions = compiledOnce(2, (db, first: string, second: string) => {
      builds += 1;
      return db
        .selectFrom('data_versions')
        .select(['name', 'version'])
        .where('name', 'in', [first, second])
        .where('version', '>', 0)
        .orderBy('name')
        .limit(5);
    });
    const db = t.handle.db;
    expect(await versions(db, 'a', 'b')).toEqual([
      { name: 'a', version: 1 },
      { name: 'b', version: 2 },
    ]);
    expect(await versions(db, 'b', 'none')).toEqual([{ name: 'b', version: 2 }]);
    expect(builds).toBe(1);
  });

  it('refuses a value used inside an expression (it would be compiled in)', () => {
    const bad = compiledOnce(1, (db, name: string) =>
      db.selectFrom('data_versions').select('version').where('name', '=', `${name}-x`),
    );
    return expect(bad(t.handle.db, 'a')).rejects.toThrow(/must be a parameter/);
  });

  it('compiles once per set of inputs, keeps the last 500 used, and runs each as compiled', async () => {
    let builds = 0;
    const versions = compiledPerInputs(
      (names: readonly string[]) => names.join(','),
      (db, names: readonly string[]) => {
        builds += 1;
        return db
          .selectFrom('data_versions')
          .select(['name'])
          .where('name', 'in', names)
          .orderBy('name');
      },
    );
    const db = t.handle.db;
    const names = async (input: string[]) => (await versions(db, input)).map((r) => r.name);
    expect(await names(['a', 'b'])).toEqual(['a', 'b']);
    expect(await names(['b'])).toEqual(['b']);
    expect(await names(['a', 'b'])).toEqual(['a', 'b']);
    expect(builds).toBe(2);
    // 500 other inputs: ['b'] (used last) is kept, ['a', 'b'] is compiled again.
    await names(['b']);
    for (let i = 0; i < 499; i++) await names([`x${i}`]);
    await names(['b']);
    expect(builds).toBe(2 + 499);
    expect(await names(['a', 'b'])).toEqual(['a', 'b']);
    expect(builds).toBe(2 + 499 + 1);
  });
});
