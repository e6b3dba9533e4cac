import { describe, expect, it } from 'vitest';
import type { MemberFilterOptions } from '@affilia/shared/schemas/members';
import { narrowFilterOptions } from './filter-options';

const OPTIONS: MemberFilterOptions = {
  companies: [
    { id: 'c1', name: 'Syndic Marceau & Fils', siren: '111111111' },
    { id: 'c2', name: 'Valmont Immobilier', siren: '222222222' },
  ],
  establishments: [
    { id: 'e1', name: 'Marceau Nantes', siret: '11111111100011', companyId: 'c1' },
    { id: 'e2', name: 'Valmont Siège', siret: '22222222200012', companyId: 'c2' },
    { id: 'e3', name: 'Valmont Lyon', siret: '22222222200020', companyId: 'c2' },
  ],
  contracts: [
    { id: 'k1', number: 'M-1', label: 'BASE NC', staffCategory: 'non_cadre', companyId: 'c1' },
    { id: 'k2', number: 'V-1', label: 'BASE NC', staffCategory: 'non_cadre', companyId: 'c2' },
    { id: 'k3', number: 'V-2', label: 'BASE C', staffCategory: 'cadre', companyId: 'c2' },
  ],
};

describe('narrowFilterOptions', () => {
  it('offers everything by company without a SIREN, numbering a label seen twice', () => {
    const all = narrowFilterOptions(OPTIONS, undefined);
    expect(all.companyId).toBeUndefined();
    expect(all.establishmentGroups).toEqual([
      { group: 'Syndic Marceau & Fils', items: [{ value: 'e1', label: 'Marceau Nantes' }] },
      {
        group: 'Valmont Immobilier',
        items: [
          { value: 'e2', label: 'Valmont Siège' },
          { value: 'e3', label: 'Valmont Lyon' },
        ],
      },
    ]);
    expect(all.contractGroups.flatMap((g) => g.items.map((i) => i.label))).toEqual([
      'BASE NC (n° M-1)',
      'BASE NC (n° V-1)',
      'BASE C',
    ]);
  });

  it("narrows to the chosen SIREN's company (spaces allowed)", () => {
    const valmont = narrowFilterOptions(OPTIONS, '222 222 222');
    expect(valmont.companyId).toBe('c2');
    expect(valmont.establishments.map((e) => e.id)).toEqual(['e2', 'e3']);
    expect(valmont.contractGroups).toEqual([
      {
        group: 'Valmont Immobilier',
        items: [
          { value: 'k2', label: 'BASE NC' },
          { value: 'k3', label: 'BASE C' },
        ],
      },
    ]);
  });

  it('leaves every choice for an unknown SIREN, and none before the options arrive', () => {
    expect(narrowFilterOptions(OPTIONS, '999999999').establishments).toHaveLength(3);
    expect(narrowFilterOptions(undefined, '222222222').establishmentGroups).toEqual([]);
  });
});
