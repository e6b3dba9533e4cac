import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, type ApiErrorBody } from '../lib/errors';

/**
 * The central error handler: every error leaves the API as
 * `{ error: { code, message (French), requestId, fields? } }`. 5xx answers hide internals.
 */
export const errorsPlugin = fp((app) => {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    const requestId = request.id;
    const send = (status: number, body: ApiErrorBody['error']) =>
      reply.status(status).send({ error: body } satisfies ApiErrorBody);

    if (err instanceof AppError) {
      if (err.statusCode >= 500) request.log.error({ err }, 'application error');
      if (err.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(err.retryAfterSeconds));
      return send(err.statusCode, {
        code: err.code,
        message: err.message,
        requestId,
        ...(err.fields ? { fields: err.fields } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
        fields[path] ??= issue.message ?? 'Valeur invalide';
      }
      return send(400, {
        code: 'validation_error',
        message: 'Certaines informations sont invalides : vérifiez les champs signalés.',
        requestId,
        fields,
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response does not match its schema');
      return send(500, { code: 'internal_error', message: internalMessage, requestId });
    }
    if (isUniqueViolation(err)) {
      // Two requests creating the same thing at the same instant: the database's unique index
      // stopped the second one, whose transaction left nothing behind.
      request.log.warn({ err }, 'unique constraint violated');
      return send(409, { code: 'conflict', message: conflictMessage, requestId });
    }
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'unexpected error');
      return send(500, { code: 'internal_error', message: internalMessage, requestId });
    }
    // Fastify's own 4xx (bad JSON, body too large, unsupported media type, rate limit…)
    const known = fastifyClientErrors[(err as FastifyError).code ?? ''];
    return send(status, {
      code: known?.code ?? 'bad_request',
      message: known?.message ?? 'La requête est invalide.',
      requestId,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'not_found',
        message: 'Cette adresse ne correspond à aucun service.',
        requestId: request.id,
      },
    } satisfies ApiErrorBody);
  });
});

/** A unique index violated, on PostgreSQL (23505) or SQLite. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

const conflictMessage =
  'Cette opération est en conflit avec une autre faite au même moment (la donnée existe déjà) : rechargez la page et vérifiez avant de réessayer.';

const internalMessage =
  'Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez le support en indiquant la référence.';

const fastifyClientErrors: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Format de requête non accepté : le service attend du JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: 'La requête est vide.' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'bad_request',
    message: 'La requête contient un JSON invalide.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload_too_large',
    message: 'La requête est trop volumineuse.',
  },
};
