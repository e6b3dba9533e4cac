import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type BuildAppOptions } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { ManualClock } from '../src/lib/clock';
import type { AppContext } from '../src/lib/context';
import type { ApiErrorBody } from '../src/lib/errors';
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
    // Every injected request comes from 127.0.0.1 and the manual clock stands still: room for
    // all the SMS codes of a test file's sign-ins (the e2e server does the same).
    SMS_PER_IP_PER_HOUR: '500',
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
/**
 * The test app of a test file: built before its tests, closed after them. The object is filled
 * in when the app is built: read its fields (`t.app`, `t.ctx`…) inside the tests and hooks.
 */
export function useTestApp(opts: TestAppOptions = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await buildTestApp(opts));
  });
  afterAll(() => t.close());
  return t;
}

/** The error of an API answer: its stable code, French message and fields. */
export const errorOf = (res: { json: <T>() => T }) => res.json<ApiErrorBody>().error;

export const jsonHeaders = { 'content-type': 'application/json', 'x-requested-with': 'affilia' };

/** A browser's cookies across `inject` calls (the server's Set-Cookie headers applied). */
export class CookieJar {
  private cookies = new Map<string, string>();

  update(res: {
    cookies: { name: string; value: string; maxAge?: number; expires?: Date }[];
  }): void {
    for (const c of res.cookies) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  clone(): CookieJar {
    const jar = new CookieJar();
    for (const [k, v] of this.cookies) jar.set(k, v);
    return jar;
  }
}

/** A browser: its cookies and its address, calling the app. */
export function browser(
  app: FastifyInstance,
  opts: { ip?: string; jar?: CookieJar; userAgent?: string } = {},
) {
  const jar = opts.jar ?? new CookieJar();
  let ip = opts.ip ?? '203.0.113.10';
  const call = async (
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
  ) => {
    const res = await app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: {
        ...(method === 'GET' ? {} : jsonHeaders),
        cookie: jar.header(),
        'user-agent':
          opts.userAgent ??
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      },
      ...(payload === undefined
        ? method === 'GET'
          ? {}
          : { payload: {} }
        : { payload: payload as object }),
    });
    jar.update(res);
    return res;
  };
  return {
    app,
    jar,
    setIp(next: string) {
      ip = next;
    },
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload),
    delete: (url: string) => call('DELETE', url),
    patch: (url: string, payload?: unknown) => call('PATCH', url, payload),
    put: (url: string, payload?: unknown) => call('PUT', url, payload),
  };
}
export type Browser = ReturnType<typeof browser>;

/** The newest SMS or email sent to `to`, from the outbox. */
export async function lastMessageTo(ctx: AppContext, to: string, channel: 'sms' | 'email') {
  return ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', to)
    .where('channel', '=', channel)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function lastCodeSentTo(ctx: AppContext, phone: string): Promise<string> {
  const sms = await lastMessageTo(ctx, phone, 'sms');
  const code = /\b(\d{6})\b/.exec(sms?.body_text ?? '')?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

export async function lastLinkSentTo(ctx: AppContext, email: string): Promise<string> {
  const mail = await lastMessageTo(ctx, email, 'email');
  const url = /(https?:\/\/\S+)/.exec(mail?.body_text ?? '')?.[1];
  if (!url) throw new Error(`no link sent to ${email}`);
  return url;
}

/** The audit log's actions done by a user (`actor`) or about a record (`target`), oldest first. */
export async function auditActions(
  ctx: AppContext,
  who: { actor: string } | { target: string },
): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where((eb) =>
      'actor' in who ? eb('actor_user_id', '=', who.actor) : eb('target_id', '=', who.target),
    )
    .orderBy('at')
    .execute();
  return rows.map((r) => r.action);
}

/** Signs in through every step (password, then the SMS code when asked). */
export async function signInAs(
  b: Browser,
  ctx: AppContext,
  user: { email: string; password: string; mobile_phone: string | null },
  space: 'employer' | 'backoffice' = 'employer',
) {
  const res = await b.post('/api/auth/sign-in', {
    email: user.email,
    password: user.password,
    space,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  if (res.json<{ status: string }>().status === 'signed_in') return res;
  // Several codes may carry the same instant (a manual clock): take the one this send added.
  const before = new Set(
    (await ctx.db.selectFrom('outbox').select('id').execute()).map((r) => r.id),
  );
  const sent = await b.post('/api/auth/second-factor/send', {});
  if (sent.statusCode !== 200) throw new Error(`send failed: ${sent.body}`);
  const added = await ctx.db
    .selectFrom('outbox')
    .select(['id', 'body_text'])
    .where('recipient', '=', user.mobile_phone ?? '')
    .where('channel', '=', 'sms')
    .execute();
  const fresh = added.find((m) => !before.has(m.id));
  const code = /\b(\d{6})\b/.exec(fresh?.body_text ?? '')?.[1];
  if (!code) throw new Error('no code sent');
  const verified = await b.post('/api/auth/second-factor/verify', { code });
  if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.body}`);
  return verified;
}
