/** The home page's « Entreprise » choice, kept in the address (`/?companyId=…`). */
export interface HomeSearch {
  /** One company (its id); none for « Toutes ». */
  companyId?: string;
}

/** `validateSearch` of `/`: anything unexpected is dropped. */
export function validateHomeSearch(search: Record<string, unknown>): HomeSearch {
  const raw = typeof search.companyId === 'number' ? String(search.companyId) : search.companyId;
  if (typeof raw === 'string' && raw.trim() !== '' && raw.length <= 64)
    return { companyId: raw.trim() };
  return {};
}
