import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DispenseList, DispenseRow } from '@affilia/shared/schemas/dispenses';
import type { AffiliationOptions } from '@affilia/shared/schemas/affiliations';
import { api } from '../../../lib/api';
import { DISPENSES_KEY, dispensePath, type DispenseDetail } from '../../../lib/dispenses-api';
import type { DispensesSearch } from '../dispenses-search';
import { dispensesList } from '../dispenses-search';

/* The register « Dispenses » (issue 19): /api/dispenses. */

export type { DispenseDetail, DispenseList, DispenseRow };

/** `GET /api/dispenses?…`: one page of the register; the previous page stays meanwhile. */
export function useDispenses(search: DispensesSearch) {
  const query = dispensesList.queryString(search);
  return useQuery({
    queryKey: [...DISPENSES_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<DispenseList>(`/api/dispenses?${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /api/dispenses/:id`: the dispense, its files and its request's history. */
export function useDispense(id: string | null) {
  return useQuery({
    queryKey: [...DISPENSES_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<DispenseDetail>(dispensePath(id ?? ''), { signal }),
    enabled: id !== null,
  });
}

/**
 * The establishments of the perimeter, for the « Établissement » filter: the same answer (and
 * cache) as the pré-affiliation's `GET /api/affiliations/options`.
 */
export function useEstablishmentOptions() {
  return useQuery({
    queryKey: ['affiliations', 'options'],
    queryFn: ({ signal }) => api.get<AffiliationOptions>('/api/affiliations/options', { signal }),
    staleTime: 5 * 60_000,
  });
}
