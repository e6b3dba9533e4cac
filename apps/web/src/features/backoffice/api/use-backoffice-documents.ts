import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BackofficeDocument,
  BackofficeDocuments,
  DocumentMetadata,
} from '@affilia/shared/schemas/documents';
import { formatSiren } from '@affilia/shared/validators/siret';
import { api } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';
import { metadataFields } from '../../../lib/document-format';

export type { BackofficeDocument };
export type BackofficeDocumentVersion = BackofficeDocument['versions'][number];

const BASE = '/api/backoffice/documents';
const KEY = ['backoffice', 'documents'] as const;

const documentPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** `GET /api/backoffice/documents`: every document, most recently changed first. */
export function useBackofficeDocuments() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<BackofficeDocuments>(BASE, { signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KEY });
}

/** `POST /api/backoffice/documents` (multipart) — « Ajouter un document », as a draft. */
export function useCreateDocument() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { meta: DocumentMetadata; file: File }) =>
      postMultipart<BackofficeDocument>(BASE, metadataFields(input.meta), [input.file], {
        fileField: 'file',
      }),
    onSuccess: () => refresh(),
  });
}

/** `PATCH /api/backoffice/documents/:id` — « Modifier » (title, description, category, scope). */
export function useUpdateDocument(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (meta: DocumentMetadata) =>
      api.patch<BackofficeDocument>(documentPath(id), metadataFields(meta)),
    onSuccess: () => refresh(),
  });
}

/** `POST …/:id/versions` (multipart) — « Remplacer le fichier »: a new version, the old kept. */
export function useAddDocumentVersion(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) =>
      postMultipart<BackofficeDocument>(`${documentPath(id)}/versions`, {}, [file], {
        fileField: 'file',
      }),
    onSuccess: () => refresh(),
  });
}

/** `POST …/:id/publish` or `…/:id/unpublish` — « Publier » / « Dépublier ». */
export function useSetDocumentStatus() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'unpublish' }) =>
      api.post<BackofficeDocument>(`${documentPath(id)}/${action}`),
    onSuccess: () => refresh(),
  });
}

/** A company as the picker shows it (from the « Référentiel » list). */
export interface CompanyOption {
  id: string;
  name: string;
  siren: string;
}

/** « Nom — SIREN 732 829 320 », as every company picker of the back office shows it. */
export const companyOption = (company: CompanyOption) => ({
  value: company.id,
  label: `${company.name} — SIREN ${formatSiren(company.siren)}`,
});

/**
 * `GET /api/backoffice/reference-data/companies?q=`: the first companies matching a name, a
 * SIREN or an « identifiant entreprise », for the « Une entreprise » recipients.
 */
export function useCompanyOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['backoffice', 'reference-data', 'companies', 'options', q],
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ pageSize: '25' });
      if (q) params.set('q', q.slice(0, 100));
      const page = await api.get<{ items: CompanyOption[] }>(
        `/api/backoffice/reference-data/companies?${params.toString()}`,
        { signal },
      );
      return page.items.map(({ id, name, siren }) => ({ id, name, siren }));
    },
    enabled,
    retry: false,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
