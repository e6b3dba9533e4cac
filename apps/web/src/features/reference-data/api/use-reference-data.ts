import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CompanyCreate,
  CompanyDetail,
  CompanyPage,
  CompanyRow,
  CompanyUpdate,
  ContractCreate,
  ContractDetail,
  ContractPage,
  ContractRow,
  ContractUpdate,
  CoverageUpdate,
  EstablishmentCreate,
  EstablishmentDetail,
  EstablishmentPage,
  EstablishmentRow,
  EstablishmentUpdate,
  ReferenceMemberDetail,
  ReferenceMemberPage,
  ReferenceMemberRow,
  ReferenceMemberUpdate,
} from '@affilia/shared/schemas/reference-data';
import { api, isApiError } from '../../../lib/api';

/* The back office's « Référentiel » (SPEC §3): /api/backoffice/reference-data/…, staff only. */

export type {
  CompanyDetail,
  CompanyRow,
  ContractDetail,
  ContractRow,
  EstablishmentDetail,
  EstablishmentRow,
  ReferenceMemberDetail,
  ReferenceMemberRow,
};

/** The entities, as named in the page's address (« /back-office/referentiel/entreprises/… »). */
export const REFERENCE_ENTITIES = ['entreprises', 'etablissements', 'contrats', 'assures'] as const;
export type ReferenceEntity = (typeof REFERENCE_ENTITIES)[number];

export function isReferenceEntity(value: unknown): value is ReferenceEntity {
  return typeof value === 'string' && (REFERENCE_ENTITIES as readonly string[]).includes(value);
}

/** The API's name of each entity. */
const RESOURCE: Record<ReferenceEntity, string> = {
  entreprises: 'companies',
  etablissements: 'establishments',
  contrats: 'contracts',
  assures: 'members',
};

export interface ReferencePages {
  entreprises: CompanyPage;
  etablissements: EstablishmentPage;
  contrats: ContractPage;
  assures: ReferenceMemberPage;
}

export interface ReferenceDetails {
  entreprises: CompanyDetail;
  etablissements: EstablishmentDetail;
  contrats: ContractDetail;
  assures: ReferenceMemberDetail;
}

export interface ReferenceCreates {
  entreprises: CompanyCreate;
  etablissements: EstablishmentCreate;
  contrats: ContractCreate;
}

export interface ReferenceUpdates {
  entreprises: CompanyUpdate;
  etablissements: EstablishmentUpdate;
  contrats: ContractUpdate;
  assures: ReferenceMemberUpdate;
}

export interface ReferenceListSearch {
  q?: string | undefined;
  companyId?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const BASE = '/api/backoffice/reference-data';
const KEY = ['backoffice', 'reference-data'] as const;

const path = (entity: ReferenceEntity, id?: string) =>
  id === undefined
    ? `${BASE}/${RESOURCE[entity]}`
    : `${BASE}/${RESOURCE[entity]}/${encodeURIComponent(id)}`;

function queryString(search: ReferenceListSearch): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.companyId) params.set('companyId', search.companyId);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  if (search.pageSize) params.set('pageSize', String(search.pageSize));
  return params.toString();
}

/** One page of a list; the previous page stays on screen meanwhile. */
export function useReferenceList<E extends ReferenceEntity>(
  entity: E,
  search: ReferenceListSearch,
  enabled = true,
) {
  const query = queryString(search);
  return useQuery({
    queryKey: [...KEY, entity, 'list', query],
    queryFn: ({ signal }) => api.get<ReferencePages[E]>(`${path(entity)}?${query}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One company, establishment, contract or member; a 404 for an unknown id. */
export function useReferenceDetail<E extends ReferenceEntity>(entity: E, id: string) {
  return useQuery({
    queryKey: [...KEY, entity, 'detail', id],
    queryFn: ({ signal }) => api.get<ReferenceDetails[E]>(path(entity, id), { signal }),
    // A 404 (unknown id) is an answer, not a failure to retry.
    retry: (count, error) => count < 2 && !(isApiError(error) && error.status === 404),
  });
}

/** After a write: every list and detail of the reference data, and « Mes salariés » caches. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: KEY });
    void queryClient.invalidateQueries({ queryKey: ['members'] });
  };
}

/** `POST …/companies|establishments|contracts` — « Ajouter ». */
export function useCreateReference<E extends keyof ReferenceCreates>(entity: E) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ReferenceCreates[E]) => api.post<ReferenceDetails[E]>(path(entity), input),
    onSuccess: refresh,
  });
}

/** `PATCH …/:id` — « Modifier ». */
export function useUpdateReference<E extends ReferenceEntity>(entity: E, id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ReferenceUpdates[E]) =>
      api.patch<ReferenceDetails[E]>(path(entity, id), input),
    onSuccess: refresh,
  });
}

/** `PATCH …/members/:memberId/coverages/:coverageId` — a coverage's option and end date. */
export function useUpdateCoverage(memberId: string, coverageId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CoverageUpdate) =>
      api.patch<ReferenceMemberDetail>(
        `${path('assures', memberId)}/coverages/${encodeURIComponent(coverageId)}`,
        input,
      ),
    onSuccess: refresh,
  });
}
