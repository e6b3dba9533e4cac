import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '@affilia/shared/schemas/auth';
import { api, isApiError } from './api';

export type { Me };

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/**
 * `GET /api/auth/me`: the signed-in user. Fresh for a minute; the layouts' guards revalidate it
 * in the background after that, so that an expired session is noticed on the next navigation.
 */
export const meQueryOptions = queryOptions({
  queryKey: ME_QUERY_KEY,
  queryFn: ({ signal }) => api.get<Me>('/api/auth/me', { signal }),
  staleTime: 60_000,
  retry: false,
});

/** The signed-in user (always there inside the employer space and the back office). */
export function useMe() {
  return useQuery(meQueryOptions);
}

/** The user, or null when nobody is signed in (401). Other failures are thrown. */
export async function loadMe(queryClient: QueryClient): Promise<Me | null> {
  try {
    return await queryClient.ensureQueryData({ ...meQueryOptions, revalidateIfStale: true });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** « Eugénie Marchand ». */
export function fullName(me: Pick<Me, 'firstName' | 'lastName'>): string {
  return `${me.firstName} ${me.lastName}`.trim();
}
