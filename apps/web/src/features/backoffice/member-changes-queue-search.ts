import type { MemberChangeStatus } from '@affilia/shared/domain/member-change';

/*
 * The back office's « Changements des salariés » queue keeps its tab in the address
 * (`/back-office/changements?status=validated`). « À traiter » (sent) is the API's default: it is
 * left out of the address and of the query. No import of the domain's values, and the tabs'
 * labels in the page: the router is in the entry chunk (decision record 0009).
 */

/** The tabs' statuses, in their order: « À traiter » (sent) first, the default. */
export const MEMBER_CHANGE_QUEUE_STATUSES = [
  'sent',
  'returned',
  'validated',
] as const satisfies readonly MemberChangeStatus[];

export type MemberChangeQueueStatus = (typeof MEMBER_CHANGE_QUEUE_STATUSES)[number];

export interface MemberChangesQueueSearch {
  /** The tab; absent for « À traiter ». */
  status?: Exclude<MemberChangeQueueStatus, 'sent'>;
}

/** `validateSearch` of `/back-office/changements`: an unknown or default tab is left out. */
export function validateMemberChangesQueueSearch(
  search: Record<string, unknown>,
): MemberChangesQueueSearch {
  const { status } = search;
  return status === 'returned' || status === 'validated' ? { status } : {};
}

/** The tab shown: the address's status, else « À traiter ». */
export function memberChangesQueueStatus(
  search: MemberChangesQueueSearch,
): MemberChangeQueueStatus {
  return search.status ?? 'sent';
}
