import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** Helmet's options: the Content-Security-Policy and the other security headers. */
export function helmetOptions(isProduction: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  };
}

/** The headers Helmet sets for these options, computed once (they depend on no request). */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err instanceof Error) throw err;
  });
  return headers;
}

/**
 * Security headers (Helmet) on every answer. The Content-Security-Policy allows the captcha's
 * web workers (`worker-src 'self' blob:`) and Mantine's inline styles; nothing loads from a
 * third party. Helmet's headers depend on no request (no nonce): they are computed once at
 * start and set by one hook, where @fastify/helmet ran Helmet again for every request (a tenth
 * of the server's time on a trivial route). A route may still set its own (an SVG's sandbox).
 */
export const securityHeadersPlugin = fp<{ isProduction: boolean }>((app, opts, done) => {
  const headers = helmetHeaders(helmetOptions(opts.isProduction));
  app.addHook('onRequest', (_request, reply, next) => {
    void reply.headers(headers);
    next();
  });
  done();
});
