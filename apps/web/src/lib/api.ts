/**
 * The one way the web app talks to the API: JSON only, same-origin cookies, and the
 * `X-Requested-With` header that the server's CSRF guard requires on every request.
 */

/** The error body every API error answers with. */
export interface ApiErrorBody {
  error: {
    code: string;
    /** A French message meant for the user. */
    message: string;
    requestId?: string;
    /** French messages per field, for forms. */
    fields?: Record<string, string>;
  };
}

const GENERIC_MESSAGE =
  'Une erreur inattendue est survenue. Veuillez réessayer dans quelques instants.';
export const NETWORK_MESSAGE =
  'Le service est momentanément injoignable. Vérifiez votre connexion internet puis réessayez.';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    requestId?: string | undefined;
    fields?: Record<string, string> | undefined;
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.fields = options.fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Reads the server's error shape; anything else becomes a generic French message. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError({
      status,
      code: error.code,
      message: error.message,
      requestId: typeof error.requestId === 'string' ? error.requestId : undefined,
      fields: isStringRecord(error.fields) ? error.fields : undefined,
    });
  }
  return new ApiError({ status, code: 'UNEXPECTED_RESPONSE', message: GENERIC_MESSAGE });
}

export interface RequestOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Requested-With': 'affilia',
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      if (response.ok) {
        throw new ApiError({
          status: response.status,
          code: 'INVALID_JSON',
          message: GENERIC_MESSAGE,
        });
      }
    }
  }
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body ?? {}, options),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};
