/*
 * The back office's « Demandes d'affiliation » keeps its tab in the address
 * (`/back-office/affiliations?onglet=courriers`), so that the home page's « Courriers attendus »
 * opens that tab and the back button returns to the previous one.
 */

export const QUEUE_TABS = ['a-valider', 'courriers', 'retournes', 'valides'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const DEFAULT_QUEUE_TAB: QueueTab = 'a-valider';

export interface AffiliationsQueueSearch {
  onglet?: QueueTab;
}

export function isQueueTab(value: unknown): value is QueueTab {
  return typeof value === 'string' && (QUEUE_TABS as readonly string[]).includes(value);
}

/** The route's search params: an unknown or default tab is left out. */
export function validateAffiliationsQueueSearch(
  search: Record<string, unknown>,
): AffiliationsQueueSearch {
  const tab = search.onglet;
  return isQueueTab(tab) && tab !== DEFAULT_QUEUE_TAB ? { onglet: tab } : {};
}
