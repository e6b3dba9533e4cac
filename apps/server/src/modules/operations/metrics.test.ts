import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { buildApp } from '../../app';
import { createRuntime, type Runtime } from '../../bootstrap';
import { loadConfig } from '../../config';

const token = crypto.randomBytes(32).toString('hex');
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-metrics-'));
let database: TestDatabase;
let runtime: Runtime;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  database = await createTestDatabase();
  runtime = await createRuntime(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATA_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
      FILE_STORAGE_DIR: files,
      METRICS_TOKEN: token,
    }),
    { seed: false },
  );
  app = await buildApp(runtime.ctx, { logger: false, serveWeb: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await database?.drop();
  fs.rmSync(files, { recursive: true, force: true });
});

const scrape = (authorization?: string) =>
  app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });

describe('issue 17: /metrics', () => {
  it('answers only the bearer of the operations token', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${token.slice(1)}`)).statusCode).toBe(401);
    expect((await scrape(token)).statusCode).toBe(401);
    const res = await scrape(`Bearer ${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('reports each route by its pattern (never an id), the outbox and the process', async () => {
    await app.inject('/api/health');
    const id = crypto.randomUUID();
    await app.inject(`/api/members/${id}`); // refused (no session), still measured
    await app.inject('/api/nowhere');
    const text = (await scrape(`Bearer ${token}`)).body;
    expect(text).toMatch(
      /affilia_http_request_duration_seconds_count\{route="\/api\/health",method="GET",status="200"\} 1/,
    );
    expect(text).toMatch(/route="\/api\/members\/:memberId",method="GET",status="401"/);
    expect(text).toMatch(/route="unmatched",method="GET",status="404"/);
    expect(text).not.toContain(id);
    expect(text).toMatch(/affilia_outbox_messages\{status="pending"\} \d+/);
    expect(text).toMatch(/affilia_outbox_messages\{status="failed"\} \d+/);
    expect(text).toContain('affilia_process_resident_memory_bytes');
    if (runtime.ctx.dialect === 'postgres') {
      expect(text).toMatch(/affilia_db_pool_connections\{state="open"\} \d+/);
    }
  });

  it('is not served without METRICS_TOKEN, and the token must be long', async () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'court' })).toThrow(/METRICS_TOKEN/);
    expect(runtime.ctx.config.metricsToken).toBe(token);
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });
});
