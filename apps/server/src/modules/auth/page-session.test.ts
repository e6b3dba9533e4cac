import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webPageData } from '../../app';
import { webPlugin } from '../../plugins/web';
import { SESSION_COOKIE } from './cookies';
import { browser, signInAs, useTestApp } from '../../../test/helper';
import { createCompany, createEmployerUser, publishTerms } from '../../../test/factories';

/** A built web app in miniature: the page the server completes. */
function makeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-web-dist-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="fr"><head></head><body><div id="root"></div></body></html>',
  );
  return dir;
}

function block(html: string, id: string): unknown {
  const json = new RegExp(`<script id="affilia-${id}" type="application/json">(.*?)</script>`).exec(
    html,
  )?.[1];
  return json === undefined ? undefined : JSON.parse(json);
}

describe('the signed-in user in the page (issue 15: two round trips fewer)', () => {
  const t = useTestApp({
    setup: async (app) => {
      await app.register(webPlugin, { distDir: makeDist(), pageData: webPageData(app.ctx) });
    },
  });

  it('writes the answers of /api/auth/me and /api/auth/terms/pending, never stored by a cache', async () => {
    const company = await createCompany(t.ctx.db);
    const user = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    const page = await b.get('/salaries');
    expect(page.headers['cache-control']).toBe('private, no-store');
    const session = block(page.body, 'session') as { me: unknown; pendingTerms: unknown };
    expect(session.me).toEqual((await b.get('/api/auth/me')).json());
    expect(session.pendingTerms).toEqual((await b.get('/api/auth/terms/pending')).json());
    expect(block(page.body, 'branding')).toMatchObject({ brandName: expect.any(String) });
  });

  it('says when new terms of use wait, as the route does', async () => {
    const company = await createCompany(t.ctx.db);
    const user = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    await publishTerms(t.ctx.db, '2026-09');
    const session = block((await b.get('/')).body, 'session') as {
      pendingTerms: { terms: { version: string } | null };
    };
    expect(session.pendingTerms.terms?.version).toBe('2026-09');
  });

  it('writes nothing of a person without a valid session, and the page may be revalidated', async () => {
    const anonymous = await t.app.inject({ url: '/connexion' });
    expect(block(anonymous.body, 'session')).toBeUndefined();
    expect(anonymous.headers['cache-control']).toBe('no-cache');
    const forged = await t.app.inject({ url: '/', cookies: { [SESSION_COOKIE]: 'forged' } });
    expect(block(forged.body, 'session')).toBeUndefined();
  });
});
