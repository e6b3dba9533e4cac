import { ApiError, toApiError } from './api';

/*
 * « Confirmez votre date de naissance » of an emailed link (the enrolment form's, the
 * beneficiaries link's): `POST …/unlock {birthDate}`.
 */

/** A refused unlock, with the instant the link opens again when it is locked. */
export class UnlockError extends ApiError {
  readonly retryAt: string | null;
  constructor(error: ApiError, retryAt: string | null) {
    super({
      status: error.status,
      code: error.code,
      message: error.message,
      requestId: error.requestId,
      fields: error.fields,
    });
    this.retryAt = retryAt;
  }
}

const NETWORK_MESSAGE =
  'Le service est momentanément injoignable. Vérifiez votre connexion internet puis réessayez.';

/**
 * `POST {url} {birthDate}`: with fetch directly, for the `Retry-After` of a locked link (429),
 * which tells the employee when to try again.
 */
export async function unlockLink<T>(url: string, birthDate: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-Requested-With': 'affilia',
      },
      body: JSON.stringify({ birthDate }),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok) return body as T;
  const seconds = Number(response.headers.get('Retry-After'));
  const retryAt =
    response.status === 429 && Number.isFinite(seconds) && seconds > 0
      ? new Date(Date.now() + seconds * 1000).toISOString()
      : null;
  throw new UnlockError(toApiError(response.status, body), retryAt);
}
