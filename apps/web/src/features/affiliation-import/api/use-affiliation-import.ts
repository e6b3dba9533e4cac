import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AFFILIATION_IMPORT_PATH } from '@affilia/shared/domain/affiliation-import';
import type { AffiliationImportReport } from '@affilia/shared/schemas/affiliation-import';
import type { FileUploadInput } from '../../../components/file-upload';
import { postMultipart } from '../../../lib/upload';

export type { AffiliationImportReport };

/**
 * `POST /api/affiliations/import` — « Pré-affilier par fichier »: the file, then the row-by-row
 * report.
 */
export function useAffiliationImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: FileUploadInput) =>
      postMultipart<AffiliationImportReport>(AFFILIATION_IMPORT_PATH, {}, [file], {
        fileField: 'file',
        onProgress,
      }),
    // New requests: « Suivi des demandes » and the home page's figures change.
    onSuccess: (report) => {
      if (report.summary.created > 0) void queryClient.invalidateQueries();
    },
  });
}
