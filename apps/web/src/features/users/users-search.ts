import type { UserStatus } from '@affilia/shared/domain/enums';
import { USER_STATUSES, isOneOf } from '@affilia/shared/domain/enums';

/** The filters of « Gestion des habilitations », kept in the address (`?companyId=…&status=…&q=…`). */
export interface UsersSearch {
  /** One company (its id), or every company the administrator manages. */
  companyId?: string;
  status?: UserStatus;
  /** Name or email, as typed. */
  q?: string;
}

/** `validateSearch` of `/habilitations`: anything unexpected is dropped. */
export function validateUsersSearch(search: Record<string, unknown>): UsersSearch {
  const result: UsersSearch = {};
  if (typeof search.companyId === 'string' && search.companyId.length <= 64)
    result.companyId = search.companyId;
  if (isOneOf(USER_STATUSES, search.status)) result.status = search.status;
  if (typeof search.q === 'string' && search.q.trim() !== '') result.q = search.q.slice(0, 100);
  return result;
}
