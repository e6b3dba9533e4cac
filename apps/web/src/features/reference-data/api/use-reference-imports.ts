import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  REFERENCE_IMPORTS_PATH,
  type ReferenceImportHistory,
  type ReferenceImportHistoryItem,
  type ReferenceImportKind,
  type ReferenceImportReport,
} from '@affilia/shared/schemas/reference-import';
import { postMultipart } from '../../../lib/upload';
import { api } from '../../../lib/api';

export type { ReferenceImportHistoryItem, ReferenceImportKind, ReferenceImportReport };

export const REFERENCE_IMPORTS_QUERY_KEY = ['backoffice', 'reference-imports'] as const;

/** `GET /api/backoffice/reference-data/imports`: the history, newest first. */
export function useReferenceImports() {
  return useQuery({
    queryKey: REFERENCE_IMPORTS_QUERY_KEY,
    queryFn: ({ signal }) => api.get<ReferenceImportHistory>(REFERENCE_IMPORTS_PATH, { signal }),
    select: (data) => data.imports,
  });
}

export interface ImportFileInput {
  kind: ReferenceImportKind;
  file: File;
  dryRun: boolean;
  onProgress: (sent: number) => void;
}

/** `POST /api/backoffice/reference-data/imports`: the kind, then the file (multipart). */
export function uploadReferenceFile(input: ImportFileInput): Promise<ReferenceImportReport> {
  // The kind before the file: the server reads it first.
  return postMultipart<ReferenceImportReport>(
    `${REFERENCE_IMPORTS_PATH}${input.dryRun ? '?dryRun=1' : ''}`,
    { kind: input.kind },
    [input.file],
    { fileField: 'file', onProgress: input.onProgress },
  );
}

/** « Importer » : the report; the history and every list of reference data are read again. */
export function useImportReferenceFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadReferenceFile,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
