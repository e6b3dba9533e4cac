import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, jsonHeaders, type TestApp } from '../test/helper';
import { AppError } from './lib/errors';
import { helmetHeaders, helmetOptions } from './plugins/security-headers';
import { webPlugin } from './plugins/web';

const require = createRequire(import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('answers liveness and readiness with the dialect', async () => {
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/api/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: t.ctx.dialect });
  });

  it('never looks up the session cookie on the health checks (an API route does)', async () => {
    const cookie = '__Host-affilia_session=unknown-session';
    for (const url of ['/api/health', '/api/ready']) {
      const res = await t.app.inject({ url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
    // Elsewhere an unknown session is looked up and its cookie cleared.
    const api = await t.app.inject({ url: '/api/members', headers: { cookie } });
    expect(String(api.headers['set-cookie'])).toContain('__Host-affilia_session=;');
  });
});

describe('errors', () => {
  it('answers an unknown API route with the error shape', async () => {
    const res = await t.app.inject('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/aucun service/);
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hides internals of unexpected errors and keeps AppError messages', async () => {
    const { app, close } = await buildTestApp({
      setup(a) {
        a.get('/api/test/boom', () => {
          throw new Error('SQLITE_CONSTRAINT secret detail');
        });
        a.get('/api/test/app-error', () => {
          throw new AppError('siret_invalid', 400, 'Ce numéro de SIRET n’est pas valide', {
            siret: 'Vérifiez le numéro',
          });
        });
      },
    });
    const boom = await app.inject('/api/test/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('SQLITE');
    expect(boom.json()).toMatchObject({ error: { code: 'internal_error' } });
    const appError = await app.inject('/api/test/app-error');
    expect(appError.statusCode).toBe(400);
    expect(appError.json()).toMatchObject({
      error: {
        code: 'siret_invalid',
        message: 'Ce numéro de SIRET n’est pas valide',
        fields: { siret: 'Vérifiez le numéro' },
      },
    });
    await close();
  });
});

describe('CSRF and content types', () => {
  it('refuses a state-changing call without the custom header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'csrf_header_missing' } });
  });

  it('refuses a form or text body even with the header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'text/plain', 'x-requested-with': 'affilia' },
      payload: 'hello',
    });
    expect([404, 415]).toContain(res.statusCode);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-requested-with': 'affilia',
      },
      payload: 'a=b',
    });
    expect([404, 415]).toContain(form.statusCode);
  });

  it('lets a JSON call with the header through to routing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: jsonHeaders,
      payload: '{}',
    });
    expect(res.statusCode).toBe(404); // no POST route: routed, not refused
  });
});

describe('security headers', () => {
  it('sends a CSP that allows the captcha workers and nothing third-party', async () => {
    const res = await t.app.inject('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('sends Helmet’s headers, computed once, on every answer: success, not found, error', async () => {
    const expected = helmetHeaders(helmetOptions(false));
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([
        'content-security-policy',
        'x-frame-options',
        'origin-agent-cluster',
      ]),
    );
    for (const [url, status] of [
      ['/api/health', 200],
      ['/api/nothing-here', 404],
      ['/api/members', 401],
    ] as const) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(status);
      for (const [name, value] of Object.entries(expected)) {
        expect(res.headers[name], `${url}: ${name}`).toBe(value);
      }
    }
    const production = helmetHeaders(helmetOptions(true));
    expect(production['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(production['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('OpenAPI', () => {
  it('describes the API at /api/docs/json and serves Swagger UI', async () => {
    const spec = await t.app.inject('/api/docs/json');
    expect(spec.statusCode).toBe(200);
    const doc = spec.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/branding']),
    );
    const ui = await t.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('declares how each route is called: its scope’s way in, and the CSRF header to change something', async () => {
    type Operation = { security?: Record<string, string[]>[] };
    const doc = (await t.app.inject('/api/docs/json')).json<{
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    const security = (route: string, method: string) => doc.paths[route]?.[method]?.security;
    expect(security('/api/health', 'get')).toEqual([]);
    expect(security('/api/auth/sign-in', 'post')).toEqual([{ csrfHeader: [] }]);
    expect(security('/api/members', 'get')).toEqual([{ sessionCookie: [] }]);
    expect(security('/api/affiliations', 'post')).toEqual([{ sessionCookie: [], csrfHeader: [] }]);
    expect(security('/api/backoffice/staff', 'get')).toEqual([{ sessionCookie: [] }]);
    expect(security('/api/enrolment/{token}/check', 'get')).toEqual([]);
    expect(security('/api/enrolment/{token}/draft', 'put')).toEqual([
      { formCookie: [], csrfHeader: [] },
    ]);
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations.filter((o) => o.security === undefined)).toEqual([]);
  });

  it('passes Redocly’s recommended rules without an error (issue 21)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-openapi-')), 'web.json');
    fs.writeFileSync(file, (await t.app.inject('/api/docs/json')).body);
    const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
    const run = spawnSync(
      process.execPath,
      [cli, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=10000'],
      { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } },
    );
    const report = JSON.parse(run.stdout) as {
      problems: { ruleId: string; severity: string; message: string }[];
    };
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);
});

describe('branding', () => {
  it('answers the public branding with defaults on an empty database', async () => {
    const res = await t.app.inject('/api/branding');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      brandName: expect.any(String),
      primaryColor: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      supportPhone: expect.any(String),
    });
  });
});

describe('web app serving', () => {
  it('serves files, falls back to index.html for pages, and 404s missing assets and API', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Affilia</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-123.js'), 'console.log(1)');
    const { app, close } = await buildTestApp({
      setup: (a) => a.register(webPlugin, { distDir: dist }),
    });
    const page = await app.inject('/salaries?statut=current');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Affilia</title>');
    const asset = await app.inject('/assets/app-123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    expect((await app.inject('/../../etc/passwd')).body).not.toContain('root:');
    const api = await app.inject('/api/unknown');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
    await close();
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
