import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UserStatus } from '@affilia/shared/domain/enums';
import type {
  InviteUserResultSchema,
  ManagedCompany,
  ManagedUser,
  UpdateRightsRequestSchema,
  UpdateUserRequestSchema,
  InviteUserRequestSchema,
  UserList,
} from '@affilia/shared/schemas/users';
import { api } from '../../../lib/api';
import { ME_QUERY_KEY } from '../../../lib/use-me';

/*
 * « Gestion des habilitations » (SPEC §4.3): the /api/users routes. Types only from the shared
 * schemas here: the list page stays out of the chunk that carries the password dictionaries
 * (the shared users schemas import the password policy); the forms load them on demand.
 */

export type { ManagedCompany, ManagedUser, UserList };
export type InviteUserPayload = z.output<typeof InviteUserRequestSchema>;
export type InviteUserResult = z.infer<typeof InviteUserResultSchema>;
export type UpdateUserPayload = z.output<typeof UpdateUserRequestSchema>;
export type UpdateRightsPayload = z.output<typeof UpdateRightsRequestSchema>;

export interface UserFilters {
  companyId?: string | undefined;
  status?: UserStatus | undefined;
  q?: string | undefined;
}

const USERS_KEY = ['users'] as const;

function userPath(userId: string, action?: string): string {
  const base = `/api/users/${encodeURIComponent(userId)}`;
  return action ? `${base}/${action}` : base;
}

/** `GET /api/users?companyId=&status=&q=`: the users of the administrator's companies. */
export function useUsers(filters: UserFilters) {
  const params = new URLSearchParams();
  if (filters.companyId) params.set('companyId', filters.companyId);
  if (filters.status) params.set('status', filters.status);
  if (filters.q) params.set('q', filters.q);
  const query = params.toString();
  return useQuery({
    queryKey: [...USERS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<UserList>(`/api/users${query ? `?${query}` : ''}`, { signal }),
    // A new filter keeps the previous rows on screen until its answer arrives.
    placeholderData: keepPreviousData,
  });
}

/**
 * Every mutation refreshes the list (and the rows it changed); a change of the administrator's
 * own profile or rights (`changesSelf`) refreshes the signed-in user too (header, guards).
 */
function useUserMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  changesSelf: (result: Result) => boolean = () => false,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      if (changesSelf(result)) void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** `POST /api/users` — « Ajouter un utilisateur à mon espace entreprise ». */
export function useInviteUser() {
  return useUserMutation((values: InviteUserPayload) =>
    api.post<InviteUserResult>('/api/users', values),
  );
}

/** `PATCH /api/users/:userId` — « Modifier le profil ». */
export function useUpdateUser() {
  return useUserMutation(
    ({ userId, values }: { userId: string; values: UpdateUserPayload }) =>
      api.patch<ManagedUser>(userPath(userId), values),
    (user) => user.isSelf,
  );
}

/** `PUT /api/users/:userId/rights` — « Modifier les droits ». */
export function useUpdateRights() {
  return useUserMutation(
    ({ userId, values }: { userId: string; values: UpdateRightsPayload }) =>
      api.put<ManagedUser>(userPath(userId, 'rights'), values),
    (user) => user.isSelf,
  );
}

/** The one-click actions of a user's menu. */
export type UserAction = 'invitation' | 'suspend' | 'reactivate' | 'deactivate';

/**
 * `POST /api/users/:userId/{invitation|suspend|reactivate|deactivate}`: « Renvoyer un lien de
 * création de mot de passe », « Désactiver provisoirement », « Réactiver », « Désactiver
 * définitivement ».
 */
export function useUserAction() {
  return useUserMutation(({ user, action }: { user: ManagedUser; action: UserAction }) =>
    api.post<ManagedUser>(userPath(user.id, action)),
  );
}
