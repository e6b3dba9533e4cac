import { matchesSearch } from '@affilia/shared/validators/search';

interface Searchable {
  siret: string;
  name: string;
  city?: string | null;
  postalCode?: string | null;
  company: { name: string };
}

/**
 * « Mes établissements »'s search field: a SIRET or part of it, or words read by the rule of every
 * list (@affilia/shared/validators/search) in the company, the establishment, the town.
 */
export function matchesEstablishment(e: Searchable, query: string): boolean {
  const digits = query.replace(/\s/g, '');
  if (/^\d+$/.test(digits) && e.siret.includes(digits)) return true;
  return matchesSearch(query, e.company.name, e.name, e.city, e.postalCode);
}
