import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UserStatus } from '@affilia/shared/domain/enums';
import type {
  InviteStaffRequestSchema,
  StaffList,
  StaffMember,
  UpdateStaffRequestSchema,
} from '@affilia/shared/schemas/staff';
import { api } from '../../../lib/api';
import { ME_QUERY_KEY } from '../../../lib/use-me';

/* « Équipe de l'assureur » (SPEC §2, §6): the /api/backoffice/staff routes. */

export type { StaffList, StaffMember };
export type InviteStaffPayload = z.output<typeof InviteStaffRequestSchema>;
export type UpdateStaffPayload = z.output<typeof UpdateStaffRequestSchema>;

export interface StaffFilters {
  status?: UserStatus | undefined;
  q?: string | undefined;
}

export const STAFF_QUERY_KEY = ['backoffice', 'staff'] as const;

function memberPath(id: string, action?: string): string {
  const base = `/api/backoffice/staff/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

/** `GET /api/backoffice/staff?status=&q=`: every staff account (any staff member may read). */
export function useStaffList(filters: StaffFilters = {}) {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.q) params.set('q', filters.q);
  const query = params.toString();
  return useQuery({
    queryKey: [...STAFF_QUERY_KEY, 'list', query],
    queryFn: ({ signal }) =>
      api.get<StaffList>(`/api/backoffice/staff${query ? `?${query}` : ''}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every change refreshes the list; a change of the caller's own account refreshes them too. */
function useStaffMutation<Variables>(mutationFn: (variables: Variables) => Promise<StaffMember>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (member) => {
      if (member.isSelf) void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: STAFF_QUERY_KEY }),
  });
}

/** `POST /api/backoffice/staff` — « Ajouter un membre de l'équipe ». */
export function useInviteStaff() {
  return useStaffMutation((values: InviteStaffPayload) =>
    api.post<StaffMember>('/api/backoffice/staff', values),
  );
}

/** `PATCH /api/backoffice/staff/:id` — « Modifier ». */
export function useUpdateStaff() {
  return useStaffMutation(({ id, values }: { id: string; values: UpdateStaffPayload }) =>
    api.patch<StaffMember>(memberPath(id), values),
  );
}

export type StaffAction = 'resend-invitation' | 'suspend' | 'reactivate' | 'deactivate';

/** `POST /api/backoffice/staff/:id/{resend-invitation|suspend|reactivate|deactivate}`. */
export function useStaffAction() {
  return useStaffMutation(({ member, action }: { member: StaffMember; action: StaffAction }) =>
    api.post<StaffMember>(memberPath(member.id, action)),
  );
}
