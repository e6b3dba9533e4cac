import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RADIATION_IMPORT_PATH } from '@affilia/shared/domain/radiation-import';
import type { RadiationImportReport } from '@affilia/shared/schemas/radiation-import';
import { postMultipart } from '../../../lib/upload';

export type { RadiationImportReport };

/** `POST /api/radiations/import` — « Radier par fichier »: the file, then the row-by-row report. */
export function useRadiationImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (sent: number) => void }) =>
      postMultipart<RadiationImportReport>(RADIATION_IMPORT_PATH, {}, [file], {
        fileField: 'file',
        onProgress,
      }),
    // New requests: « Suivi des demandes », « Mes salariés » and the home page's figures change.
    onSuccess: (report) => {
      if (report.summary.created > 0) void queryClient.invalidateQueries();
    },
  });
}
