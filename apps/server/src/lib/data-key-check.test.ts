import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { createRuntime } from '../bootstrap';
import { loadConfig } from '../config';
import { DataKeyError } from './crypto';

let database: TestDatabase;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-key-check-'));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(files, { recursive: true, force: true });
});

const keyA = crypto.randomBytes(32).toString('base64');
const keyB = crypto.randomBytes(32).toString('base64');
const start = (key: string, seed: boolean) =>
  createRuntime(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATA_ENCRYPTION_KEY: key,
      FILE_STORAGE_DIR: files,
    }),
    { seed },
  );

describe('issue 17: an instance and the data key of its database', () => {
  it('starts on an empty database, then only with the key its data was encrypted with', async () => {
    const first = await start(keyA, true); // the demo's members, their NIR encrypted with key A
    await first.close();
    await expect(start(keyB, false)).rejects.toThrow(DataKeyError);
    await expect(start(keyB, false)).rejects.toThrow(/encrypted with another key/);
    const again = await start(keyA, false);
    await again.close();
  }, 60_000); // a demo seed and three starts on a CI machine
});
