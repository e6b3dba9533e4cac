import type { UserStatus } from '@affilia/shared/domain/enums';
import { USER_STATUSES, isOneOf } from '@affilia/shared/domain/enums';

/**
 * The filters of « Équipe de l’assureur », kept in the address (`?status=suspended&q=martin`) with
 * the limits of the API's query (StaffListQuery): the team comes whole, without pages.
 */
export interface StaffSearch {
  status?: UserStatus;
  /** Name or email, as typed. */
  q?: string;
}

/** `validateSearch` of `/back-office/equipe`: anything unexpected is dropped. */
export function validateStaffSearch(search: Record<string, unknown>): StaffSearch {
  const result: StaffSearch = {};
  if (isOneOf(USER_STATUSES, search.status)) result.status = search.status;
  const q = typeof search.q === 'string' ? search.q.trim() : '';
  if (q !== '' && q.length <= 100) result.q = q;
  return result;
}
