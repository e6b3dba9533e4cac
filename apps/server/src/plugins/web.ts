import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { repoRoot } from '../lib/paths';

/** The built web app: apps/web/dist, or AFFILIA_WEB_DIST when the build was put elsewhere. */
export const webDistDir = process.env.AFFILIA_WEB_DIST ?? path.join(repoRoot, 'apps/web/dist');

/**
 * Serves the built web app (apps/web/dist) on the same origin as the API, with the SPA
 * fallback: any GET outside /api that is not a file answers index.html. Absent build (API
 * tests), nothing is served but the API.
 */
export const webPlugin = fp<{ distDir?: string }>(async (app, opts) => {
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
  const indexHtml = fs.readFileSync(indexFile);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
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
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(indexHtml);
  });
});
