import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyRequest } from 'fastify';
import { repoRoot } from '../lib/paths';

/** The built web app: apps/web/dist, or AFFILIA_WEB_DIST when the build was put elsewhere. */
export const webDistDir = process.env.AFFILIA_WEB_DIST ?? path.join(repoRoot, 'apps/web/dist');

/**
 * Serves the built web app (apps/web/dist) on the same origin as the API, with the SPA
 * fallback: any GET outside /api that is not a file answers index.html. Absent build (API
 * tests), nothing is served but the API.
 */
export interface WebPluginOptions {
  distDir?: string;
  /**
   * Data written into each page's HTML, so that the first paint does not wait for a request:
   * `{ branding }` becomes `<script id="affilia-branding" type="application/json">…</script>`.
   */
  pageData?: (request: FastifyRequest) => Promise<Record<string, unknown>>;
}

/** A JSON data block for index.html: `<` escaped, so that no value can close the script. */
export function jsonScript(id: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<script id="affilia-${id}" type="application/json">${json}</script>`;
}

interface RoutePreload {
  /** A path of the web app's paths.ts, `$name` for a parameter. */
  path: string;
  js: string[];
  css: string[];
  /** GET answers the page asks for first, `$name` from its path (src/app/landing-routes.ts). */
  api?: string[];
  /** The answers are named only in a page that carries a user of this kind (`employer`…). */
  signedIn?: string;
}

/** What the page's request says beyond its path. */
export interface PreloadContext {
  /** The kind of the signed-in user the page carries (`employer`, `staff`), null signed out. */
  user: string | null;
  /** The address has a query string (`/?companyId=…`): the page asks for other answers. */
  search: boolean;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The `<link>` tags of each landing page's own code (`route-preloads.json`, written by the web
 * build from src/app/landing-routes.ts): the page's chunks as module preloads and its
 * stylesheets, so that the browser fetches them with the entry instead of after running it, and
 * the API answers its first render asks for as fetch preloads (the app's `fetch` of the same
 * address, same-origin credentials, takes the preloaded answer). Returns the tags for a request
 * path, '' for a page absent from the file (or no file).
 */
export function routePreloadTags(
  root: string,
): (urlPath: string, context?: PreloadContext) => string {
  const file = path.join(root, 'route-preloads.json');
  if (!fs.existsSync(file)) return () => '';
  const routes = (JSON.parse(fs.readFileSync(file, 'utf8')) as RoutePreload[]).map((route) => {
    const names: string[] = [];
    const pattern = route.path
      .split('/')
      .map((part) => {
        if (!part.startsWith('$')) return part.replace(/[.*+?^{}()|[\]\\]/g, '\\$&');
        names.push(part);
        return '([^/]+)';
      })
      .join('/');
    const tags =
      route.js.map((f) => `<link rel="modulepreload" crossorigin href="${f}">`).join('') +
      route.css.map((f) => `<link rel="stylesheet" crossorigin href="${f}">`).join('');
    const test = new RegExp(`^${pattern}/?$`);
    /** The fetch preloads, each `$name` replaced by that segment of the address (as sent). */
    const apiTags = (urlPath: string) => {
      const values = test.exec(urlPath)?.slice(1) ?? [];
      return (
        (route.api ?? [])
          // A function as the replacement: a `$&` in the address is text, not a pattern.
          .map((api) =>
            names.reduce((href, name, i) => href.replace(name, () => values[i] ?? ''), api),
          )
          .map(
            (href) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(href)}">`,
          )
          .join('')
      );
    };
    return { test, tags, apiTags, signedIn: route.signedIn ?? null, params: names.length };
  });
  // A fixed path before the parametered ones it also matches (`/salaries/radier-par-fichier`
  // before `/salaries/$memberId`), whatever the file's order.
  routes.sort((a, b) => a.params - b.params);
  return (urlPath, context = { user: null, search: false }) => {
    const route = routes.find((r) => r.test.test(urlPath));
    if (!route) return '';
    const withApi = !context.search && (route.signedIn === null || route.signedIn === context.user);
    return route.tags + (withApi ? route.apiTags(urlPath) : '');
  };
}

/**
 * A preload of the branding's logo when the page data carries one (`branding.logoUrl`, a path of
 * this server): every page shows it on its first paint, and the `<img>` would otherwise ask for it
 * only once the app has run — one more round trip before a phone's largest paint.
 */
export function logoPreloadTag(data: Record<string, unknown>): string {
  const branding = data.branding as { logoUrl?: unknown } | undefined;
  const url = branding?.logoUrl;
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return '';
  return `<link rel="preload" as="image" href="${escapeAttribute(url)}">`;
}

export const webPlugin = fp<WebPluginOptions>(async (app, opts) => {
  const root = opts.distDir ?? webDistDir;
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn(`web app not built (${indexFile} missing): run \`npm run build\``);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // The build writes a .br and a .gz beside each text asset (apps/web/vite.config.ts): sent
    // as such to a browser that accepts them (with Vary: Accept-Encoding), the file otherwise.
    preCompressed: true,
    setHeaders(reply, filePath) {
      // Hashed assets are immutable; everything else is revalidated.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      } else {
        reply.header('cache-control', 'no-cache');
      }
    },
  });
  const indexHtml = fs.readFileSync(indexFile, 'utf8');
  const headEnd = indexHtml.indexOf('</head>');
  const preloads = routePreloadTags(root);
  /** The page, and whether it carries the signed-in user's data (never stored by a cache). */
  const page = async (request: FastifyRequest, urlPath: string) => {
    if (headEnd < 0) return { html: indexHtml, personal: false };
    const data = opts.pageData ? await opts.pageData(request) : {};
    const blocks = Object.entries(data)
      .map(([id, value]) => jsonScript(id, value))
      .join('');
    const session = data.session as { me?: { kind?: unknown } } | undefined;
    const user = typeof session?.me?.kind === 'string' ? session.me.kind : null;
    const context = { user, search: request.url.includes('?') };
    const html =
      indexHtml.slice(0, headEnd) +
      preloads(urlPath, context) +
      logoPreloadTag(data) +
      blocks +
      indexHtml.slice(headEnd);
    return { html, personal: 'session' in data };
  };
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api') {
      return reply.callNotFound();
    }
    const candidate = path.join(root, path.normalize(decodeURIComponent(url)));
    if (
      candidate.startsWith(root + path.sep) &&
      fs.existsSync(candidate) &&
      fs.statSync(candidate).isFile()
    ) {
      return reply.sendFile(path.relative(root, candidate));
    }
    if (path.extname(url) !== '') return reply.callNotFound(); // a missing asset, not a page
    const { html, personal } = await page(request, url);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', personal ? 'private, no-store' : 'no-cache')
      .header('vary', 'cookie')
      .send(html);
  });
});
