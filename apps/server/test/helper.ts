import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { ManualClock } from '../src/lib/clock';
import type { AppContext } from '../src/lib/context';
import { createFieldCipher } from '../src/lib/crypto';
import { devMailboxTransport, type MailTransport } from '../src/lib/mail/transport';
import { createLogSmsProvider, type SmsProvider } from '../src/lib/sms/provider';
import { createFileStorage } from '../src/lib/storage';
import { createTestDatabase } from './db';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  config: Config;
  close: () => Promise<void>;
}

export interface TestAppOptions extends BuildAppOptions {
  env?: Record<string, string>;
  mail?: MailTransport;
  sms?: SmsProvider;
  /** Registers extra routes or plugins before the app is ready (tests of cross-cutting parts). */
  setup?: (app: FastifyInstance) => unknown;
}

/**
 * A Fastify app on a fresh, migrated database of its own (SQLite file, or PostgreSQL when
 * TEST_POSTGRES_URL is set), a manual clock, files in a temporary folder. No port is opened.
 */
export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-test-files-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    FILE_STORAGE_DIR: tmp,
    ...opts.env,
  });
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const silentLog = (await import('pino')).default({ level: 'silent' });
  const ctx: AppContext = {
    config,
    db: database.handle.db,
    dialect: database.handle.dialect,
    cipher: createFieldCipher(crypto.randomBytes(32)),
    storage: createFileStorage(tmp),
    clock,
    mail: opts.mail ?? devMailboxTransport,
    sms: opts.sms ?? createLogSmsProvider(silentLog, false),
  };
  const app = await buildApp(ctx, { logger: false, serveWeb: false, ...opts });
  await opts.setup?.(app);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    config,
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Headers of a state-changing API call from the web app. */
export const jsonHeaders = { 'content-type': 'application/json', 'x-requested-with': 'affilia' };
