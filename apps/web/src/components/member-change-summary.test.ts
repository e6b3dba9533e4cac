import { describe, expect, it } from 'vitest';
import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import { memberChangeSummary } from './member-change-summary';

const establishment = { id: 'e1', name: 'Lyon', siret: '12345678900011' };
const change = (details: MemberChangeView['details'], effectiveDate = '2026-04-01') => ({
  details,
  effectiveDate,
  establishment,
});
const person = {
  kind: 'beneficiary' as const,
  beneficiaryId: null,
  type: 'child' as const,
  event: null,
  reason: null,
  eventDate: null,
  lastName: 'Nguyễn',
  firstName: 'Łucja',
  birthDate: '2026-02-20',
  previous: null,
  hasNir: false,
};

describe('memberChangeSummary', () => {
  it('says a change of statut, establishment and option, before → after, from its date', () => {
    expect(
      memberChangeSummary(
        change({
          kind: 'professional_status',
          from: 'non_cadre',
          to: 'cadre',
          fromContractId: 'c1',
          toContractId: 'c2',
        }),
      ),
    ).toBe('Non cadre → Cadre au 01/04/2026');
    const moved = change({
      kind: 'establishment',
      fromEstablishmentId: 'e1',
      toEstablishmentId: 'e2',
    });
    expect(memberChangeSummary(moved)).toBe('Lyon → un autre établissement au 01/04/2026');
    expect(
      memberChangeSummary(moved, { establishment: (id) => (id === 'e2' ? 'Paris' : undefined) }),
    ).toBe('Lyon → Paris au 01/04/2026');
    expect(
      memberChangeSummary(change({ kind: 'option', from: 'base', to: 'opt1' }), {
        option: (code) => (code === 'base' ? 'Base' : undefined),
      }),
    ).toBe('Base → opt1 au 01/04/2026');
  });

  it('names the beneficiary added, removed or corrected', () => {
    expect(
      memberChangeSummary(change({ ...person, action: 'add', event: 'birth' }, '2026-02-20')),
    ).toBe('Ajout de Nguyễn Łucja (naissance)');
    expect(memberChangeSummary(change({ ...person, action: 'add', event: 'pacs' }))).toBe(
      'Ajout de Nguyễn Łucja (PACS)',
    );
    expect(
      memberChangeSummary(
        change({ ...person, action: 'remove', reason: 'other_cover' }, '2026-03-31'),
      ),
    ).toBe(
      'Retrait de Nguyễn Łucja (couvert par un autre contrat), couvert(e) jusqu’au 31/03/2026',
    );
    expect(
      memberChangeSummary(
        change({
          ...person,
          action: 'correct',
          previous: { lastName: 'Nguyen', firstName: 'Lucja', birthDate: '2026-02-20' },
        }),
      ),
    ).toBe('Correction : Nguyen Lucja, né(e) le 20/02/2026 → Nguyễn Łucja, né(e) le 20/02/2026');
  });
});
