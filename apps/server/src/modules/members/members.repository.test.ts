import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { refreshPlannerStatistics } from '../../db/database';
import { seedLarge } from '../../db/seed/seed-large';
import { createFieldCipher } from '../../lib/crypto';
import { loadEmployerActor } from '../users/users.repository';
import {
  findMemberPage,
  memberConditions,
  refreshLatestCoverage,
  streamMembers,
} from './members.repository';

/** The query plans of « Mes salariés » on a few thousand members: same answers as plain SQL. */
let t: TestDatabase;
const cipher = createFieldCipher(crypto.randomBytes(32));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedLarge({
    db: t.handle.db,
    cipher,
    members: 2600,
    establishments: 12,
    now: new Date('2026-03-02T09:00:00.000Z'),
  });
  await refreshPlannerStatistics(t.handle.db, t.handle.dialect);
}, 60_000);
afterAll(() => t?.drop());

async function adminActor() {
  const user = await t.handle.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'admin@demo.affilia.test')
    .executeTakeFirstOrThrow();
  return loadEmployerActor(t.handle.db, user);
}

describe(`members repository (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('keeps the latest-coverage copy equal to the coverages (seed and refresh agree)', async () => {
    const db = t.handle.db;
    const before = await db
      .selectFrom('members')
      .select(['id', 'latest_coverage_id', 'latest_effective_date', 'latest_end_date'])
      .orderBy('id')
      .execute();
    await refreshLatestCoverage(db);
    const after = await db
      .selectFrom('members')
      .select(['id', 'latest_coverage_id', 'latest_effective_date', 'latest_end_date'])
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
    expect(before.every((m) => m.latest_coverage_id !== null)).toBe(true);
  });

  it.skipIf(process.env.TEST_POSTGRES_URL)(
    'keeps SQLite’s per-index averages, not the samples that recompile statements each run',
    async () => {
      const db = t.handle.db;
      const count = async (table: string) =>
        Number(
          (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db))
            .rows[0]!.n,
        );
      expect(await count('sqlite_stat1')).toBeGreaterThan(0);
      expect(await count('sqlite_stat4')).toBe(0);
      // The page of « Mes salariés » still walks the name index, not the table.
      const plan = await sql<{ detail: string }>`explain query plan
        select m.id from members m where m.company_id in ('a', 'b')
        order by m.search_name, m.id limit 50`.execute(db);
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX/);
    },
  );

  it('starts deep pages from cached anchors with the same rows as a plain offset', async () => {
    const actor = await adminActor();
    const conditions = memberConditions(actor, cipher, { filters: {}, today: '2026-03-02' });
    for (const order of ['asc', 'desc'] as const) {
      for (const offset of [199, 200, 250, 350, 999, 1000, 1050, 2499, 2550, 2600]) {
        const page = { limit: 50, offset };
        const plain = await findMemberPage(t.handle.db, conditions, { sort: 'name', order }, page);
        const anchored = await findMemberPage(
          t.handle.db,
          conditions,
          { sort: 'name', order },
          page,
          `test:${order}`,
        );
        expect(anchored.map((r) => r.id)).toEqual(plain.map((r) => r.id));
      }
    }
  });

  it('streams every member once, in order, for the export', async () => {
    const actor = await adminActor();
    const conditions = memberConditions(actor, cipher, { filters: {}, today: '2026-03-02' });
    const ids: string[] = [];
    const names: string[] = [];
    for await (const batch of streamMembers(
      t.handle.db,
      conditions,
      { sort: 'name', order: 'asc' },
      700,
    )) {
      for (const r of batch) {
        ids.push(r.id);
        names.push(r.search_name);
      }
    }
    expect(ids).toHaveLength(2600);
    expect(new Set(ids).size).toBe(2600);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
  });
});
