import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddEstablishmentRequestSchema,
  AddEstablishmentResult,
  EstablishmentList,
  ImportReport,
  PerimeterEstablishment,
} from '@affilia/shared/schemas/establishments';
import { postMultipart } from '../../../lib/upload';
import { api } from '../../../lib/api';

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

/**
 * Sends a file as `multipart/form-data`, reporting the upload's progress: `onProgress` gets the
 * share sent, from 0 to 1.
 */
export function uploadEstablishmentsFile(
  file: File,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return postMultipart<ImportReport>('/api/establishments/import', {}, [file], {
    fileField: 'file',
    onProgress,
    signal,
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
