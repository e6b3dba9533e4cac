import type { MemberFilterOptions } from '@affilia/shared/schemas/members';

export interface OptionGroup {
  /** The company's name. */
  group: string;
  items: { value: string; label: string }[];
}

export interface NarrowedOptions {
  /** The company of the chosen SIREN, if it is one of the user's. */
  companyId: string | undefined;
  establishments: MemberFilterOptions['establishments'];
  contracts: MemberFilterOptions['contracts'];
  /** The establishments offered, by company (one group once a SIREN is chosen). */
  establishmentGroups: OptionGroup[];
  /** The contracts offered by label, by company; a label that appears twice gets its number. */
  contractGroups: OptionGroup[];
}

function byCompany<T extends { companyId: string }>(
  companies: MemberFilterOptions['companies'],
  items: T[],
  option: (item: T) => { value: string; label: string },
): OptionGroup[] {
  return companies
    .map((company) => ({
      group: company.name,
      items: items.filter((item) => item.companyId === company.id).map(option),
    }))
    .filter((group) => group.items.length > 0);
}

/**
 * The choices of « Etablissement » and « Contrat »: every one of the user's, or only those of the
 * company whose SIREN is chosen (spaces ignored). A SIREN that is none of the user's companies
 * leaves every choice, and finds nobody.
 */
export function narrowFilterOptions(
  options: MemberFilterOptions | undefined,
  siren: string | undefined,
): NarrowedOptions {
  if (!options) {
    return {
      companyId: undefined,
      establishments: [],
      contracts: [],
      establishmentGroups: [],
      contractGroups: [],
    };
  }
  const compact = siren?.replace(/\s/g, '');
  const company = compact ? options.companies.find((c) => c.siren === compact) : undefined;
  const companies = company ? [company] : options.companies;
  const establishments = company
    ? options.establishments.filter((e) => e.companyId === company.id)
    : options.establishments;
  const contracts = company
    ? options.contracts.filter((c) => c.companyId === company.id)
    : options.contracts;
  const labelCount = new Map<string, number>();
  for (const contract of contracts)
    labelCount.set(contract.label, (labelCount.get(contract.label) ?? 0) + 1);
  return {
    companyId: company?.id,
    establishments,
    contracts,
    establishmentGroups: byCompany(companies, establishments, (e) => ({
      value: e.id,
      label: e.name,
    })),
    contractGroups: byCompany(companies, contracts, (c) => ({
      value: c.id,
      label: (labelCount.get(c.label) ?? 0) > 1 ? `${c.label} (n° ${c.number})` : c.label,
    })),
  };
}
