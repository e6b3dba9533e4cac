import compress from '@fastify/compress';
import fp from 'fastify-plugin';

/**
 * Text that compresses well: JSON, HTML, CSS, JavaScript, SVG, XML, plain text. Not CSV (the
 * exports stream rows with back-pressure and are downloaded once), not PDF, spreadsheets,
 * archives or images (already compressed).
 */
export const compressibleTypes =
  /^(?:text\/(?:html|css|javascript|plain|xml)|application\/(?:json|javascript|xml|[\w.-]+\+json|problem\+json)|image\/svg\+xml)(?:;|$)/;

/**
 * API answers over 1 KB compressed (brotli at quality 4, or gzip) when the client accepts it.
 * The built web app's files are precompressed at build time (apps/web/vite.config.ts) and
 * served as such by the web plugin: this does not compress them again.
 */
export const compressionPlugin = fp(async (app) => {
  // @fastify/compress also compresses whatever mime-db calls compressible (text/csv among
  // them, streamed or not): only the types above are. Application hooks run before the
  // route-level hook that compresses.
  app.addHook('onSend', (request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && !compressibleTypes.test(type)) {
      request.headers['x-no-compression'] = '1';
    }
    done(null, payload);
  });
  await app.register(compress, {
    global: true,
    // Answers only: no client of ours sends a compressed body, and decompressing requests put a
    // preParsing hook on every route (3 % of the home page's CPU, 2026-12-08).
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: compressibleTypes,
  });
});
