import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordEvaluatorLoaded } from '@affilia/shared/domain/password-policy';
import { browser, buildTestApp, type TestApp } from '../test/helper';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('what the app loads at start', () => {
  it('neither Fastify’s default compilers (ajv, fast-json-stringify) nor the password dictionaries', async () => {
    expect((await browser(t.app).get('/api/health')).statusCode).toBe(200);
    // A validation error and a 404, answered by zod's compilers and the app's error handler.
    expect((await browser(t.app).post('/api/auth/sign-in', {})).statusCode).toBe(400);
    expect((await browser(t.app).get('/api/nowhere')).statusCode).toBe(404);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(
      loaded.filter((f) => /[/\\]node_modules[/\\](ajv|@fastify[/\\]ajv-compiler)[/\\]/.test(f)),
    ).toEqual([]);
    expect(
      loaded.filter((f) => /[/\\]node_modules[/\\]fast-json-stringify[/\\]index\.js$/.test(f)),
    ).toEqual([]);
    expect(passwordEvaluatorLoaded()).toBe(false);
  });
});
