import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** The API of an enrolment link: `/api/enrolment/:token`. */
export const enrolmentBase = (token: string) => `/api/enrolment/${encodeURIComponent(token)}`;
export const enrolmentKey = (token: string) => ['enrolment', token] as const;

/**
 * `GET …/check`: whether the emailed link still opens a form (404/410 otherwise), and whether
 * this browser already confirmed the birth date. Its own module, light: the router asks for it
 * while the page's code arrives (app/router.tsx), and the page reads the same query.
 */
export function enrolmentLinkQuery(token: string) {
  return queryOptions({
    queryKey: [...enrolmentKey(token), 'check'],
    queryFn: ({ signal }) =>
      api.get<{ valid: true; unlocked: boolean }>(`${enrolmentBase(token)}/check`, { signal }),
    retry: false,
    // A dead link's answer, asked by the router, is the page's answer: not asked again on mount.
    retryOnMount: false,
    staleTime: Infinity,
  });
}
