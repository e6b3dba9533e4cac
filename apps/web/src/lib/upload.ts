import { ApiError, toApiError } from './api';

/**
 * The one way the web app sends a form with files (`multipart/form-data`) to the API: the text
 * fields first (the server reads the fields that come before the files), then the files, the
 * same-origin cookies and the `X-Requested-With` header the server's CSRF guard requires.
 * XMLHttpRequest rather than fetch: it reports the upload's progress.
 */

const NETWORK_MESSAGE =
  'L’envoi n’a pas abouti : le serveur est injoignable. Vérifiez votre connexion internet puis réessayez.';

export interface MultipartOptions {
  /** The form field that holds each file (`file` for one file, `files` for attachments). */
  fileField: string;
  /** The field of each file by its position, when they differ (else `fileField`). */
  fileFields?: readonly string[];
  /** The share sent, from 0 to 1. */
  onProgress?: (sent: number) => void;
  method?: 'POST' | 'PUT' | 'PATCH';
  signal?: AbortSignal;
}

/** Builds the form: the text fields in their order, then the files. */
export function multipartBody(
  fields: Record<string, string>,
  files: readonly File[],
  fileField: string,
  fileFields?: readonly string[],
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  files.forEach((file, i) => form.append(fileFields?.[i] ?? fileField, file, file.name));
  return form;
}

/**
 * Sends `fields` and `files` as `multipart/form-data`. Resolves with the parsed JSON answer;
 * rejects with an `ApiError` as `api` does (status 0 when the server could not be reached), or
 * with an `AbortError` when `signal` aborts.
 */
export function postMultipart<T>(
  path: string,
  fields: Record<string, string>,
  files: readonly File[],
  { fileField, fileFields, onProgress, method = 'POST', signal }: MultipartOptions,
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Envoi annulé', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Requested-With', 'affilia');
    xhr.responseType = 'text';
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.upload.onload = () => onProgress(1);
    }
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body !== undefined) {
        resolve(body as T);
      } else {
        reject(toApiError(xhr.status, body));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE }));
    xhr.onabort = () => reject(new DOMException('Envoi annulé', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(multipartBody(fields, files, fileField, fileFields));
  });
}
