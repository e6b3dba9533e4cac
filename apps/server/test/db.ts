/**
 * A fresh, migrated database per call, for tests: a PostgreSQL database when TEST_POSTGRES_URL
 * is set (an administrator URL, e.g. postgres://affilia:affilia@localhost:5432/postgres; a
 * database `affilia_test_<random>` is created through it), else a temporary SQLite file.
 * `drop()` closes the handle and removes the database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/db/database';

export interface TestDatabase {
  /** What `openDatabase` accepts: a PostgreSQL URL or a SQLite file path. */
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  return adminUrl ? createPostgresDatabase(adminUrl) : createSqliteDatabase();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `affilia_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  return openMigrated(url, () =>
    withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)),
  );
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-test-db-'));
  const url = path.join(dir, 'test.db');
  return openMigrated(url, () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** The database at `url`, migrated; `remove` deletes it (also when the migration fails). */
async function openMigrated(url: string, remove: () => unknown): Promise<TestDatabase> {
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await handle.close();
    await remove();
    throw err;
  }
  let dropped = false;
  return {
    url,
    handle,
    async drop() {
      if (dropped) return;
      dropped = true;
      await handle.close();
      await remove();
    },
  };
}
