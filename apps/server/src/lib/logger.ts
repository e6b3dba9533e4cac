import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config';

/**
 * Paths that pino replaces by "[REDACTED]". Bodies are never logged by Fastify, but services
 * log objects: any field with one of these names is hidden wherever it sits (two levels deep).
 */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'password_hash',
  'token',
  'otp',
  'smsCode',
  'nir',
  'iban',
  'bic',
  'secret',
  'totpSecret',
  'cookie',
  'authorization',
  'text',
  'body_text',
  'body_html',
];

export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'code', // a one-time code logged at top level; nested `code` fields are error codes
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
];

/** Secrets that may sit in a URL path (link tokens): long opaque segments are masked. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(/\/[A-Za-z0-9_-]{24,}(?=\/|$)/g, '/[REDACTED]');
  return query === undefined ? safePath : `${safePath}?[REDACTED]`;
}

export function loggerOptions(
  config: Pick<Config, 'logLevel'> & { pretty?: boolean },
): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    // Readable lines in a developer's terminal; JSON lines (for log collectors) otherwise.
    ...(config.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              translateTime: 'SYS:HH:MM:ss',
              ignore: 'pid,hostname,reqId',
              singleLine: true,
            },
          },
        }
      : {}),
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    serializers: {
      req(req: { method: string; url: string; ip?: string; headers: Record<string, unknown> }) {
        return {
          method: req.method,
          url: redactUrl(req.url),
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        };
      },
    },
  };
}
