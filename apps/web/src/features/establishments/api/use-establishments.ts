import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddEstablishmentRequestSchema,
  AddEstablishmentResult,
  EstablishmentList,
  ImportReport,
  PerimeterEstablishment,
} from '@affilia/shared/schemas/establishments';
import { ApiError, api, toApiError } from '../../../lib/api';

export type { AddEstablishmentResult, ImportReport, PerimeterEstablishment };
export type AddEstablishmentValues = z.output<typeof AddEstablishmentRequestSchema>;

export const ESTABLISHMENTS_QUERY_KEY = ['establishments'] as const;

/** `GET /api/establishments`: the establishments of the perimeter. */
export function useEstablishments() {
  return useQuery({
    queryKey: ESTABLISHMENTS_QUERY_KEY,
    queryFn: ({ signal }) => api.get<EstablishmentList>('/api/establishments', { signal }),
    select: (data) => data.establishments,
  });
}

/**
 * A new perimeter changes every list of the space (members, requests, counts) and maybe the
 * user's roles (a company whose administrator they became): everything is read again.
 */
function useRefreshAfterPerimeterChange() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

/** `POST /api/establishments` — « Ajouter un établissement au périmètre suivi ». */
export function useAddEstablishment() {
  const refresh = useRefreshAfterPerimeterChange();
  return useMutation({
    mutationFn: (values: AddEstablishmentValues) =>
      api.post<AddEstablishmentResult>('/api/establishments', values),
    onSuccess: () => refresh(),
  });
}

const NETWORK_MESSAGE =
  'Le fichier n’a pas pu être envoyé. Vérifiez votre connexion internet puis réessayez.';

/**
 * Sends a file as `multipart/form-data` with XMLHttpRequest, which reports the upload's
 * progress (fetch does not): `onProgress` gets the share sent, from 0 to 1.
 */
export function uploadEstablishmentsFile(
  file: File,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/establishments/import');
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
        resolve(body as ImportReport);
      } else {
        reject(toApiError(xhr.status, body));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE }));
    xhr.onabort = () => reject(new DOMException('Envoi annulé', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** `POST /api/establishments/import` — « Ajouter plusieurs établissements (fichier) ». */
export function useImportEstablishments() {
  const refresh = useRefreshAfterPerimeterChange();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (sent: number) => void }) =>
      uploadEstablishmentsFile(file, onProgress),
    onSuccess: (report) => {
      if (report.summary.added > 0) void refresh();
    },
  });
}
