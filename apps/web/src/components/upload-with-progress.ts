import { ApiError, toApiError } from '../lib/api';

const NETWORK_MESSAGE =
  'Le fichier n’a pas pu être envoyé. Vérifiez votre connexion internet puis réessayez.';

/**
 * Sends a form (`multipart/form-data`) with XMLHttpRequest, which reports the upload's progress
 * (fetch does not): `onProgress` gets the share sent, from 0 to 1. Resolves with the JSON answer;
 * rejects with an ApiError as `api` does.
 */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Requested-With', 'affilia');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
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
    xhr.send(form);
  });
}
