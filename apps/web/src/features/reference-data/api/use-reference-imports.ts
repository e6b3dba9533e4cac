import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  REFERENCE_IMPORT_JOBS_PATH,
  REFERENCE_IMPORTS_PATH,
  type ReferenceImportKind,
} from '@affilia/shared/domain/reference-import';
import type {
  ReferenceImportHistory,
  ReferenceImportJob,
  ReferenceImportHistoryItem,
  ReferenceImportReport,
} from '@affilia/shared/schemas/reference-import';
import { postMultipart } from '../../../lib/upload';
import { api, ApiError } from '../../../lib/api';

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
  /** While the server applies the rows: the rows done and the rows of the file. */
  onRows: (done: number, total: number) => void;
}

/** How often the page asks how the import goes. */
const POLL_MS = 1000;

/**
 * `POST …/import-jobs`: the kind, then the file (multipart); the server answers once the file is
 * checked and counted (a file error is that answer). Then `GET …/import-jobs/:id` every second,
 * rows done / total, until the report.
 */
export async function uploadReferenceFile(input: ImportFileInput): Promise<ReferenceImportReport> {
  // The kind before the file: the server reads it first.
  const { id } = await postMultipart<{ id: string }>(
    `${REFERENCE_IMPORT_JOBS_PATH}${input.dryRun ? '?dryRun=1' : ''}`,
    { kind: input.kind },
    [input.file],
    { fileField: 'file', onProgress: input.onProgress },
  );
  for (;;) {
    const job = await api.get<ReferenceImportJob>(`${REFERENCE_IMPORT_JOBS_PATH}/${id}`);
    if (job.status === 'done' && job.report) return job.report;
    if (job.status !== 'running') {
      throw new ApiError({
        status: 500,
        code: `import_${job.status}`,
        message: job.error ?? 'L’import s’est arrêté.',
      });
    }
    input.onRows(job.rowsDone, job.rowsTotal);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** « Importer » : the report; the history and every list of reference data are read again. */
export function useImportReferenceFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadReferenceFile,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
