import type { DispenseStatus } from '@affilia/shared/domain/dispense';

/*
 * The back office's « Dispenses » queue keeps its tab in the address
 * (`/back-office/dispenses?status=validated`). « À vérifier » (requested) is the API's default: it
 * is left out of the address and of the query. No import of the domain's values: the router is
 * in the entry chunk (decision record 0009).
 */

/** The tabs, in their order: « À vérifier » first (the default). */
export const DISPENSE_QUEUE_TABS = [
  { status: 'requested', label: 'À vérifier' },
  { status: 'validated', label: 'Validées' },
  { status: 'refused', label: 'Refusées' },
  { status: 'expired', label: 'Expirées' },
] as const satisfies readonly { status: DispenseStatus; label: string }[];

export type DispenseQueueStatus = (typeof DISPENSE_QUEUE_TABS)[number]['status'];
export const DEFAULT_DISPENSE_QUEUE_STATUS: DispenseQueueStatus = 'requested';

export interface DispensesQueueSearch {
  /** The tab; absent for « À vérifier ». */
  status?: Exclude<DispenseQueueStatus, 'requested'>;
}

function isQueueStatus(value: unknown): value is DispenseQueueStatus {
  return DISPENSE_QUEUE_TABS.some((t) => t.status === value);
}

/** `validateSearch` of `/back-office/dispenses`: an unknown or default tab is left out. */
export function validateDispensesQueueSearch(
  search: Record<string, unknown>,
): DispensesQueueSearch {
  return isQueueStatus(search.status) ? dispenseQueueSearch(search.status) : {};
}

/** The address of a tab: « À vérifier » (the default) without a status. */
export function dispenseQueueSearch(status: DispenseQueueStatus): DispensesQueueSearch {
  return status === 'requested' ? {} : { status };
}

/** The tab shown: the address's status, else « À vérifier ». */
export function dispenseQueueStatus(search: DispensesQueueSearch): DispenseQueueStatus {
  return search.status ?? DEFAULT_DISPENSE_QUEUE_STATUS;
}
