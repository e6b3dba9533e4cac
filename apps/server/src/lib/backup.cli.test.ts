import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db';
import { createRuntime } from '../bootstrap';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { run } from './backup.cli';
import { createFieldCipher } from './crypto';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const key = crypto.randomBytes(32).toString('base64');
const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: path.join(dir, 'live.db'),
  DATA_ENCRYPTION_KEY: key,
  FILE_STORAGE_DIR: path.join(dir, 'files'),
};

async function cli(argv: string[], over: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    env: { ...env, ...over },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('issue 17: npm run cli -- backup', () => {
  it('copies the live SQLite database; the copy, restored, holds the data, readable with the key', async () => {
    const live = await createRuntime(loadConfig(env), { seed: true });
    const members = await live.ctx.db
      .selectFrom('members')
      .select(['nir_encrypted', 'last_name'])
      .orderBy('id')
      .execute();
    expect(members.length).toBeGreaterThan(0);

    const copy = path.join(dir, 'sauvegarde.db');
    const result = await cli(['--out', copy]); // while the server's connection is open
    await live.close();
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Sauvegarde écrite : ${copy}`);
    expect(result.out).toMatch(/chiffrés avec la clé DATA_ENCRYPTION_KEY/);
    if (process.platform !== 'win32') expect(fs.statSync(copy).mode & 0o077).toBe(0);

    // Restored: the server's database replaced by the copy.
    fs.rmSync(env.DATABASE_URL);
    fs.copyFileSync(copy, env.DATABASE_URL);
    const restored = openDatabase(env.DATABASE_URL);
    const back = await restored.db
      .selectFrom('members')
      .select(['nir_encrypted', 'last_name'])
      .orderBy('id')
      .execute();
    await restored.close();
    expect(back).toEqual(members);
    const cipher = createFieldCipher(Buffer.from(key, 'base64'));
    // 13 characters, Corsica's departments 2A and 2B included.
    expect(cipher.decrypt(back[0]?.nir_encrypted ?? '')).toMatch(/^\d{5}(\d{2}|2[AB])\d{6}$/);
  }, 60_000);

  it('never overwrites a file, and says how to call it', async () => {
    const existing = path.join(dir, 'existe.db');
    fs.writeFileSync(existing, 'x');
    expect((await cli(['--out', existing])).code).toBe(2);
    expect(fs.readFileSync(existing, 'utf8')).toBe('x');
    expect((await cli([])).err).toContain('backup --out');
  });

  /** PostgreSQL's client programs (Debian keeps them under /usr/lib/postgresql/<version>/bin). */
  function pgProgram(name: string): string {
    const root = '/usr/lib/postgresql';
    const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => +b - +a) : [];
    const found = versions
      .map((v) => path.join(root, v, 'bin', name))
      .find((p) => fs.existsSync(p));
    return found ?? name;
  }

  it.runIf(process.env.TEST_POSTGRES_URL)(
    'the README’s PostgreSQL procedure: pg_dump, then pg_restore, finds the data',
    async () => {
      const source = await createTestDatabase();
      const target = await createTestDatabase();
      try {
        const live = await createRuntime(loadConfig({ ...env, DATABASE_URL: source.url }), {
          seed: true,
        });
        const members = await live.ctx.db.selectFrom('members').selectAll().orderBy('id').execute();
        await live.close();
        const dump = path.join(dir, 'affilia.dump');
        execFileSync(pgProgram('pg_dump'), ['--format=custom', `--file=${dump}`, source.url]);
        execFileSync(pgProgram('pg_restore'), [
          '--clean',
          '--if-exists',
          '--no-owner',
          `--dbname=${target.url}`,
          dump,
        ]);
        const back = await target.handle.db
          .selectFrom('members')
          .selectAll()
          .orderBy('id')
          .execute();
        expect(back).toEqual(members);
        expect(back.length).toBeGreaterThan(0);
      } finally {
        await source.drop();
        await target.drop();
      }
    },
    60_000, // a demo seed, a dump and a restore on a CI machine
  );

  it.runIf(process.env.TEST_POSTGRES_URL)('points to pg_dump for PostgreSQL', async () => {
    const result = await cli(['--out', path.join(dir, 'pg.db')], {
      DATABASE_URL: process.env.TEST_POSTGRES_URL ?? '',
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('pg_dump');
  });
});
