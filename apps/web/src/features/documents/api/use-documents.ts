import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DocumentCategory } from '@affilia/shared/domain/enums';
import type { EmployerDocument, EmployerDocuments } from '@affilia/shared/schemas/documents';
import { api } from '../../../lib/api';
import { documentsQueryString } from '../../../lib/document-format';

export type { EmployerDocument, EmployerDocuments };

export const DOCUMENTS_KEY = ['documents'] as const;

export interface DocumentsFilters {
  q?: string;
  category?: DocumentCategory;
}

/**
 * `GET /api/documents?q=&category=`: the published documents of the user's scope, grouped by
 * category. The previous list stays on screen while the next search loads.
 */
export function useDocuments(filters: DocumentsFilters) {
  const query = documentsQueryString(filters);
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, query],
    queryFn: ({ signal }) =>
      api.get<EmployerDocuments>(`/api/documents${query ? `?${query}` : ''}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
