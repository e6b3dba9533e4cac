/**
 * The one error type of the API: a stable machine code, an HTTP status and a French message
 * meant for the user. The central error handler (plugins/errors.ts) turns it into
 * `{ error: { code, message, requestId, fields? } }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Sent as the Retry-After header (throttling answers). */
  retryAfterSeconds?: number;
}

export function tooManyAttempts(message: string, retryAfterSeconds: number): AppError {
  const err = new AppError('too_many_attempts', 429, message);
  err.retryAfterSeconds = retryAfterSeconds;
  return err;
}

export const notFound = (message = 'Élément introuvable.') =>
  new AppError('not_found', 404, message);
export const forbidden = (message = 'Vous n’avez pas les droits pour cette action.') =>
  new AppError('forbidden', 403, message);
export const unauthenticated = (message = 'Veuillez vous connecter.') =>
  new AppError('unauthenticated', 401, message);
export const badRequest = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(code, 400, message, fields);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);

/** The JSON body of every API error. */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId: string; fields?: Record<string, string> };
}
