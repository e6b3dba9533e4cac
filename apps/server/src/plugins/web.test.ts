import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helper';
import { sendDownload } from '../lib/download';
import { jsonScript, logoPreloadTag, routePreloadTags, webPlugin } from './web';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built web app in miniature: index.html and a hashed asset with its .br and .gz files. */
function makeDist(): { dir: string; js: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-web-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const js = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `mot-${i}`))};\n`;
  const file = path.join(dir, 'assets', 'index-AbC123xy.js');
  fs.writeFileSync(file, js);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(js));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(js));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="fr"><head><script type="module" src="/assets/index-AbC123xy.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(
    path.join(dir, 'route-preloads.json'),
    JSON.stringify([
      { path: '/connexion', js: ['/assets/sign-in-1.js'], css: ['/assets/sign-in-1.css'] },
      {
        path: '/formulaire/$token',
        js: ['/assets/form-2.js', '/assets/input-3.js'],
        css: [],
        api: ['/api/enrolment/$token/check'],
      },
      {
        path: '/',
        js: ['/assets/home-6.js'],
        css: [],
        api: ['/api/dashboard'],
        signedIn: 'employer',
      },
      { path: '/salaries/$memberId', js: ['/assets/member-4.js'], css: [] },
      { path: '/salaries/par-fichier', js: ['/assets/file-5.js'], css: [] },
    ]),
  );
  return { dir, js };
}

describe('the web app and API answers, compressed and cached', () => {
  let t: TestApp;
  let dist: { dir: string; js: string };
  const bigJson = {
    rows: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `Salarié ${i}` })),
  };
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 'x')]);

  beforeAll(async () => {
    dist = makeDist();
    t = await buildTestApp({
      setup: async (app) => {
        app.get('/api/test/big', () => bigJson);
        app.get('/api/test/small', () => ({ ok: true }));
        app.get('/api/test/pdf', (_request, reply) =>
          sendDownload(reply, {
            bytes: pdf,
            fileName: 'attestation.pdf',
            mimeType: 'application/pdf',
          }),
        );
        // Like the members export: rows streamed as CSV, with back-pressure.
        app.get('/api/test/csv', (_request, reply) =>
          reply
            .type('text/csv; charset=utf-8')
            .send(Readable.from(Array.from({ length: 200 }, (_, i) => `ligne;${i}\n`))),
        );
        await app.register(webPlugin, {
          distDir: dist.dir,
          pageData: () => Promise.resolve({ branding: { brandName: 'Mutuelle </script><b>' } }),
        });
      },
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist.dir, { recursive: true, force: true });
  });

  it('serves a hashed asset precompressed with brotli (or gzip), immutable, varying on Accept-Encoding', async () => {
    const br = await t.app.inject({
      url: '/assets/index-AbC123xy.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(dist.js);

    const gz = await t.app.inject({
      url: '/assets/index-AbC123xy.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(dist.js);

    const plain = await t.app.inject({ url: '/assets/index-AbC123xy.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(dist.js);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('answers HEAD and a conditional GET of an asset sanely (no body, 304 on a known ETag)', async () => {
    const headers = { 'accept-encoding': 'br' };
    const head = await t.app.inject({ method: 'HEAD', url: '/assets/index-AbC123xy.js', headers });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body).toBe('');
    const etag = head.headers.etag;
    expect(etag).toBeTruthy();
    const again = await t.app.inject({
      url: '/assets/index-AbC123xy.js',
      headers: { ...headers, 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('writes the page data into each page, escaped so that no value closes the script', async () => {
    const res = await t.app.inject({ url: '/salaries' });
    const block = jsonScript('branding', { brandName: 'Mutuelle </script><b>' });
    expect(block).not.toMatch(/<\/script><b>/);
    expect(res.body).toContain(`${block}</head>`);
    const json = /<script id="affilia-branding" type="application\/json">(.*?)<\/script>/.exec(
      res.body,
    )?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual({ brandName: 'Mutuelle </script><b>' });
  });

  it('names a landing page’s own chunks and stylesheets in its HTML, and only that page’s', async () => {
    const signIn = (await t.app.inject({ url: '/connexion?redirect=%2Fsalaries' })).body;
    expect(signIn).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/sign-in-1.js"><link rel="stylesheet" crossorigin href="/assets/sign-in-1.css">',
    );
    expect(signIn).not.toContain('form-2.js');
    const form = (await t.app.inject({ url: '/formulaire/Zx9-token_1' })).body;
    expect(form).toContain('href="/assets/form-2.js"');
    expect(form).toContain('href="/assets/input-3.js"');
    expect(form).not.toContain('sign-in-1');
    // A fixed path wins over a parametered one listed before it.
    expect((await t.app.inject({ url: '/salaries/par-fichier' })).body).toContain('file-5.js');
    expect((await t.app.inject({ url: '/salaries/par-fichier' })).body).not.toContain('member-4');
    expect((await t.app.inject({ url: '/salaries/abc' })).body).toContain('member-4.js');
    for (const url of ['/formulaire/a/b', '/salaries', '/connexionx']) {
      expect((await t.app.inject({ url })).body, url).not.toContain('modulepreload');
    }
  });

  it('names the API answers a landing page asks for first, from its address', async () => {
    const form = (await t.app.inject({ url: '/formulaire/Zx9-token_1' })).body;
    expect(form).toContain(
      '<link rel="preload" as="fetch" crossorigin href="/api/enrolment/Zx9-token_1/check">',
    );
    // The address's segment is text: `$&` is not a replacement pattern; `"` and `<` escaped.
    expect((await t.app.inject({ url: '/formulaire/a$&b' })).body).toContain(
      'href="/api/enrolment/a$&amp;b/check"',
    );
    // With a search, the page asks for other answers; signed out, the space's would be 401s.
    expect((await t.app.inject({ url: '/formulaire/Zx9-token_1?x=1' })).body).not.toContain(
      'as="fetch"',
    );
    const home = (await t.app.inject({ url: '/' })).body;
    expect(home).toContain('href="/assets/home-6.js"');
    expect(home).not.toContain('as="fetch"');
    const tags = routePreloadTags(dist.dir);
    expect(tags('/', { user: 'employer', search: false })).toContain(
      '<link rel="preload" as="fetch" crossorigin href="/api/dashboard">',
    );
    // The back office's staff at `/` is sent to its own space.
    expect(tags('/', { user: 'staff', search: false })).not.toContain('as="fetch"');
  });

  it('never caches index.html, neither at / nor as the fallback of a page', async () => {
    for (const url of ['/', '/connexion', '/index.html']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses a large JSON answer with gzip when asked, not a small one', async () => {
    const res = await t.app.inject({
      url: '/api/test/big',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(JSON.parse(zlib.gunzipSync(res.rawPayload).toString())).toEqual(bigJson);

    const plain = await t.app.inject({ url: '/api/test/big' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(bigJson);

    const small = await t.app.inject({
      url: '/api/test/small',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('does not compress a PDF download nor a streamed CSV export', async () => {
    const res = await t.app.inject({
      url: '/api/test/pdf',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(pdf)).toBe(true);

    const csv = await t.app.inject({
      url: '/api/test/csv',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(csv.headers['content-encoding']).toBeUndefined();
    expect(csv.body.split('\n')).toHaveLength(201);
  });
});

describe('logoPreloadTag', () => {
  it('preloads the branding’s logo, a path of this server, escaped', () => {
    expect(logoPreloadTag({ branding: { logoUrl: '/api/branding/logo?v=1&x="2"' } })).toBe(
      '<link rel="preload" as="image" href="/api/branding/logo?v=1&amp;x=&quot;2&quot;">',
    );
  });

  it('names nothing without a logo, or for another site’s', () => {
    expect(logoPreloadTag({})).toBe('');
    expect(logoPreloadTag({ branding: { logoUrl: null } })).toBe('');
    expect(logoPreloadTag({ branding: { logoUrl: 'https://example.com/logo.png' } })).toBe('');
    expect(logoPreloadTag({ branding: { logoUrl: '//example.com/logo.png' } })).toBe('');
  });
});
