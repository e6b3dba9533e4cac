import crypto from 'node:crypto';
import { isValidSiret } from '@affilia/shared/validators/siret';
import { parseNir } from '@affilia/shared/validators/nir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { createFieldCipher } from '../../lib/crypto';
import { getDemoInfo, seedDemoIfEmpty } from './demo';
import { seedLarge, type LargeSeedSummary } from './seed-large';
import { createFileStorage } from '../../lib/storage';

let t: TestDatabase;
const cipher = createFieldCipher(crypto.randomBytes(32));
let summary: LargeSeedSummary;

beforeAll(async () => {
  t = await createTestDatabase();
  summary = await seedLarge({
    db: t.handle.db,
    cipher,
    members: 3000,
    establishments: 40,
    now: new Date('2026-03-02T09:00:00.000Z'),
  });
}, 60_000);
afterAll(() => t?.drop());

describe(`seed:large (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('creates the requested volume with one or two coverages per member', async () => {
    expect(summary).toMatchObject({ companies: 3, establishments: 40, members: 3000 });
    const db = t.handle.db;
    const n = async (table: 'members' | 'coverages' | 'establishments') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await n('members')).toBe(3000);
    expect(await n('establishments')).toBe(40);
    expect(await n('coverages')).toBe(summary.coverages);
    expect(summary.coverages).toBeGreaterThan(3000);
    expect(summary.coverages).toBeLessThanOrEqual(6000);
    const sample = await db.selectFrom('members').select('nir_encrypted').limit(200).execute();
    for (const m of sample) expect(parseNir(cipher.decrypt(m.nir_encrypted)).ok).toBe(true);
    const sirets = await db.selectFrom('establishments').select('siret').execute();
    expect(sirets.every((e) => isValidSiret(e.siret))).toBe(true);
  });

  it('creates the demo accounts, the administrator on all 3 companies, and blocks the demo seed', async () => {
    const info = await getDemoInfo(t.handle.db);
    expect(info.accounts).toHaveLength(5);
    expect(info.accounts[0]?.role).toBe('Administrateur (3 sociétés)');
    expect(
      await seedDemoIfEmpty({
        db: t.handle.db,
        cipher,
        storage: createFileStorage('/nonexistent-never-written'),
        now: new Date(),
      }),
    ).toBeNull();
    await expect(
      seedLarge({ db: t.handle.db, cipher, members: 1, establishments: 3 }),
    ).rejects.toThrow(/already has companies/);
  });
});
