import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { hitRateLimit, readCounter } from './rate-limit';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('hitRateLimit', () => {
  it('issue 17: lets exactly the limit through when calls arrive together (several instances)', async () => {
    const now = new Date('2026-03-02T09:10:00Z');
    const opts = { limit: 20, windowMs: 3_600_000, now };
    // A pool of connections on PostgreSQL: the 30 statements really run side by side.
    const results = await Promise.all(
      Array.from({ length: 30 }, () => hitRateLimit(database.handle.db, 'invite:c1', opts)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(results[0]?.retryAfterSeconds).toBe(50 * 60);
    expect(await readCounter(database.handle.db, 'invite:c1', '2026-03-02T09:00:00.000Z')).toBe(30);
  });

  it('starts again with the next window', async () => {
    const opts = { limit: 1, windowMs: 60_000 };
    const db = database.handle.db;
    expect(
      (await hitRateLimit(db, 'k', { ...opts, now: new Date('2026-03-02T09:00:10Z') })).allowed,
    ).toBe(true);
    expect(
      (await hitRateLimit(db, 'k', { ...opts, now: new Date('2026-03-02T09:00:50Z') })).allowed,
    ).toBe(false);
    expect(
      (await hitRateLimit(db, 'k', { ...opts, now: new Date('2026-03-02T09:01:00Z') })).allowed,
    ).toBe(true);
  });
});
