import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberChangeCreateInput } from '@affilia/shared/schemas/member-changes';
import type { MemberLinkPage } from '@affilia/shared/schemas/member-links';
import { api } from '../../../lib/api';
import { unlockLink } from '../../../lib/link-unlock';
import { postMultipart } from '../../../lib/upload';

/*
 * The employee's beneficiaries link (issue 20): /api/member-link/:token — whether it opens, the
 * birth date, then their beneficiaries and a declaration.
 */

export type { MemberLinkPage };

const base = (token: string) => `/api/member-link/${encodeURIComponent(token)}`;
const linkKey = (token: string) => ['member-link', token] as const;

/** `GET …/check`: the link opens (404/410 otherwise), and this browser confirmed the birth date. */
export function useMemberLinkCheck(token: string) {
  return useQuery({
    queryKey: [...linkKey(token), 'check'],
    queryFn: ({ signal }) =>
      api.get<{ valid: true; unlocked: boolean }>(`${base(token)}/check`, { signal }),
    retry: false,
    staleTime: Infinity,
  });
}

/** `GET …`: the beneficiaries and the changes waiting, once the birth date is confirmed. */
export function useMemberLinkPage(token: string, enabled: boolean) {
  return useQuery({
    queryKey: [...linkKey(token), 'page'],
    queryFn: ({ signal }) => api.get<MemberLinkPage>(base(token), { signal }),
    enabled,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** `POST …/unlock {birthDate}`: the page, and the session cookie. */
export function useUnlockMemberLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (birthDate: string) =>
      unlockLink<MemberLinkPage>(`${base(token)}/unlock`, birthDate),
    onSuccess: (page) => {
      // This browser is now unlocked: the page's query runs again when a declaration changes it.
      client.setQueryData([...linkKey(token), 'check'], { valid: true, unlocked: true });
      client.setQueryData([...linkKey(token), 'page'], page);
    },
  });
}

/** What the employee sends: a beneficiary change, and the proof of one added. */
export interface LinkDeclaration {
  change: MemberChangeCreateInput;
  proof: File | null;
}

/** `POST …/changes`: JSON, or multipart (`data` and the file `proof`) for a beneficiary added. */
export function useDeclareThroughLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ change, proof }: LinkDeclaration) =>
      proof
        ? postMultipart<{ id: string }>(
            `${base(token)}/changes`,
            { data: JSON.stringify(change) },
            [proof],
            { fileField: 'proof' },
          )
        : api.post<{ id: string }>(`${base(token)}/changes`, change),
    onSuccess: () => client.invalidateQueries({ queryKey: [...linkKey(token), 'page'] }),
  });
}
