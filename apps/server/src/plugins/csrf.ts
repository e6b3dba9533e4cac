import fp from 'fastify-plugin';
import { AppError } from '../lib/errors';

export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'affilia';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for the API: every state-changing request must carry the custom header
 * `X-Requested-With: affilia`. A cross-site form cannot send it, and a cross-site script could
 * only with a CORS preflight, which this API never grants. Bodies are JSON only (no
 * form-encoded or text parser is registered); upload routes use multipart with the same header.
 */
export const csrfPlugin = fp((app) => {
  // A callback hook, not an async one: nothing to wait for (no promise per request).
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return done();
    if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      return done(
        new AppError(
          'csrf_header_missing',
          403,
          'Requête refusée : elle ne provient pas de l’application.',
        ),
      );
    }
    done();
  });
});
