import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import pino from 'pino';
import type { Config } from '../config';

/**
 * Fields that never reach a log line: wherever one of these names sits in a logged object (at
 * the top or one or two levels down, errors included), its value is replaced by "[REDACTED]".
 * Bodies are never logged, but services log objects.
 */
const SENSITIVE_KEYS = new Set([
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
]);

/** A one-time code logged at top level; nested `code` fields are error codes. */
const SENSITIVE_TOP_KEYS = new Set([...SENSITIVE_KEYS, 'code']);

const CENSOR = '[REDACTED]';

/** The logged fields that have a serializer of their own (which keeps only safe fields). */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

function isPlainContainer(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `value` with its sensitive fields (SENSITIVE_KEYS, `depth` levels down) replaced by the
 * censor: the same object when there is none (nothing copied on the common path), a copy
 * otherwise — the caller's object is never changed.
 */
function redactNested(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const v = value[key];
    let next = v;
    if (SENSITIVE_KEYS.has(key)) next = CENSOR;
    else if (depth > 1 && isPlainContainer(v)) next = redactNested(v, depth - 1);
    if (next !== v) {
      copy ??= (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<
        string,
        unknown
      >;
      copy[key] = next;
    }
  }
  return copy ?? value;
}

/**
 * The logged object with its secrets hidden (pino's `formatters.log`, run on every line). A
 * hand-written walk instead of pino's `redact` paths: with wildcard paths (`*.password`) pino
 * runs its redactor on every field of every line, the message included — it cost a fifth of
 * the server's time on a trivial route.
 */
export function redactLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    if (SERIALIZED_KEYS.has(key)) continue;
    const v = obj[key];
    let next = v;
    if (SENSITIVE_TOP_KEYS.has(key)) next = CENSOR;
    else if (isPlainContainer(v)) next = redactNested(v, 2);
    if (next !== v) {
      copy ??= { ...obj };
      copy[key] = next;
    }
  }
  return copy ?? obj;
}

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
    formatters: { log: redactLogObject },
    serializers: {
      // Only these fields of a request: never its headers (cookies, authorization, CSRF token).
      req(req: { method: string; url: string; ip?: string; headers: Record<string, unknown> }) {
        return {
          method: req.method,
          url: redactUrl(req.url),
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        };
      },
      err(err: Error) {
        return redactNested(pino.stdSerializers.err(err), 2) as ReturnType<
          typeof pino.stdSerializers.err
        >;
      },
    },
  };
}

/** A request slower than this is logged at `warn`: visible at the production level too. */
export const SLOW_REQUEST_MS = 1000;

/**
 * One line per request, written when its answer is sent, instead of Fastify's two (« incoming
 * request » and « request completed »): method, URL (secrets masked), client, status and
 * duration in ms. `info`; `warn` for a slow request; `error` for a 5xx answer (whose error the
 * error handler, plugins/errors.ts, logs with its stack) or an answer that failed to be sent.
 * Fastify's other lines (stream errors, serializer errors…) are kept.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const statusCode = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    if (error) {
      request.log.error({ req: request, statusCode, ms, err: error }, 'request failed');
    } else if (statusCode >= 500) {
      request.log.error({ req: request, statusCode, ms }, 'request failed');
    } else if (ms >= SLOW_REQUEST_MS) {
      request.log.warn({ req: request, statusCode, ms }, 'slow request');
    } else {
      request.log.info({ req: request, statusCode, ms }, 'request');
    }
  }
}
