import { describe, expect, it } from 'vitest';
import {
  DISPENSE_CASES,
  allowedDispenseCases,
  dispenseConditionError,
  dispenseEndDate,
  dispenseRegisterState,
  isDispenseExpired,
  nextDispenseDeadline,
  reminderDay,
  renewalDueDate,
  swornStatement,
  type DispenseCaseCode,
} from './dispense';

describe('the cases of dispense (CSS L911-7-1, D911-2, R242-1-6)', () => {
  // code → source, proof required, yearly renewal, end rule: the table of the closing note.
  it.each([
    ['short_fixed_term', 'de_droit', true, false, 'employment_end'],
    ['individual_cover', 'de_droit', true, false, 'justification_end'],
    ['css', 'de_droit', true, false, 'justification_end'],
    ['other_plan_dependant', 'de_droit', true, true, 'none'],
    ['multi_employer', 'de_droit', true, true, 'none'],
    ['long_fixed_term_individual_cover', 'founding_act', true, true, 'employment_end'],
    ['short_fixed_term_no_cover', 'founding_act', false, false, 'employment_end'],
    ['part_time_10_percent', 'founding_act', false, true, 'none'],
  ] as const)('%s: %s, proof %s, yearly %s, ends %s', (code, source, proof, yearly, end) => {
    const rule = DISPENSE_CASES.find((c) => c.code === code);
    expect(rule?.source).toBe(source);
    expect(rule?.proof !== null).toBe(proof);
    expect(rule?.yearlyRenewal).toBe(yearly);
    expect(rule?.endRule).toBe(end);
    expect(rule?.legalSource).toMatch(/^CSS art\. (L911-7|D911-2|R242-1-6)/);
  });

  it('allows the « de droit » cases always, the founding-act ones only when the contract lists them', () => {
    const codes = (list: string[]) => allowedDispenseCases(list).map((c) => c.code);
    expect(codes([])).toEqual([
      'short_fixed_term',
      'individual_cover',
      'css',
      'other_plan_dependant',
      'multi_employer',
    ]);
    expect(codes(['short_fixed_term_no_cover'])).toContain('short_fixed_term_no_cover');
    expect(codes(['short_fixed_term_no_cover'])).not.toContain('part_time_10_percent');
  });
});

describe('the employment conditions', () => {
  const cdd = (start: string, end: string) => ({
    contractType: 'cdd',
    startDate: start,
    endDate: end,
  });
  it.each([
    // 1 March → 31 May is 3 months exactly; 1 June is one day more.
    ['short_fixed_term', cdd('2026-03-01', '2026-05-31'), null],
    [
      'short_fixed_term',
      cdd('2026-03-01', '2026-06-01'),
      'Ce cas concerne uniquement les contrats de 3 mois au plus.',
    ],
    [
      'short_fixed_term',
      { contractType: 'interim', startDate: '2026-03-01', endDate: '2026-03-20' },
      null,
    ],
    [
      'short_fixed_term',
      { contractType: 'cdi', startDate: '2026-03-01', endDate: null },
      'Ce cas de dispense concerne uniquement les contrats à durée déterminée.',
    ],
    // 12 months: 1 January → 31 December is 12 months exactly.
    ['long_fixed_term_individual_cover', cdd('2026-01-01', '2026-12-31'), null],
    [
      'long_fixed_term_individual_cover',
      cdd('2026-01-01', '2026-12-30'),
      'Ce cas concerne uniquement les contrats de 12 mois ou plus.',
    ],
    ['short_fixed_term_no_cover', cdd('2026-01-01', '2026-12-30'), null],
    [
      'short_fixed_term_no_cover',
      cdd('2026-01-01', '2026-12-31'),
      'Ce cas concerne uniquement les contrats de moins de 12 mois.',
    ],
    ['css', { contractType: 'cdi', startDate: '2026-03-01', endDate: null }, null],
  ] as const)('%s with %o → %s', (code, employment, expected) => {
    expect(dispenseConditionError(code as DispenseCaseCode, employment)).toBe(expected);
  });
});

describe('the end, the renewal and the reminder', () => {
  it('ends at the date given, at the contract end, or never', () => {
    const input = { justificationEndDate: '2027-03-31', employmentEndDate: '2026-09-30' };
    expect(dispenseEndDate('individual_cover', input)).toBe('2027-03-31');
    expect(dispenseEndDate('css', input)).toBe('2027-03-31');
    expect(dispenseEndDate('short_fixed_term', input)).toBe('2026-09-30');
    expect(dispenseEndDate('multi_employer', input)).toBeNull();
  });

  it('is due for renewal one year after it took effect, unless it ends before', () => {
    expect(renewalDueDate('multi_employer', '2026-02-01', null)).toBe('2027-02-01');
    // 29 February + 12 months = 28 February.
    expect(renewalDueDate('other_plan_dependant', '2028-02-29', null)).toBe('2029-02-28');
    expect(renewalDueDate('individual_cover', '2026-02-01', '2027-06-30')).toBeNull();
    expect(
      renewalDueDate('long_fixed_term_individual_cover', '2026-02-01', '2026-12-31'),
    ).toBeNull();
    expect(renewalDueDate('long_fixed_term_individual_cover', '2026-02-01', '2027-12-31')).toBe(
      '2027-02-01',
    );
  });

  it('reminds 30 days before the first deadline', () => {
    expect(nextDispenseDeadline({ endDate: '2027-06-30', renewalDueDate: '2027-02-01' })).toEqual({
      date: '2027-02-01',
      kind: 'renewal',
    });
    expect(nextDispenseDeadline({ endDate: '2027-06-30', renewalDueDate: null })).toEqual({
      date: '2027-06-30',
      kind: 'end',
    });
    expect(nextDispenseDeadline({ endDate: null, renewalDueDate: null })).toBeNull();
    expect(reminderDay('2027-03-01')).toBe('2027-01-30');
    expect(reminderDay('2026-03-31')).toBe('2026-03-01');
  });

  it('expires the day after its end, or on its renewal day', () => {
    expect(isDispenseExpired({ endDate: '2027-06-30', renewalDueDate: null }, '2027-06-30')).toBe(
      false,
    );
    expect(isDispenseExpired({ endDate: '2027-06-30', renewalDueDate: null }, '2027-07-01')).toBe(
      true,
    );
    expect(isDispenseExpired({ endDate: null, renewalDueDate: '2027-02-01' }, '2027-01-31')).toBe(
      false,
    );
    expect(isDispenseExpired({ endDate: null, renewalDueDate: '2027-02-01' }, '2027-02-01')).toBe(
      true,
    );
  });

  it('shows the register state of the day', () => {
    const validated = { status: 'validated' as const, endDate: '2027-06-30', renewalDueDate: null };
    expect(dispenseRegisterState(validated, '2027-05-30')).toBe('valid');
    expect(dispenseRegisterState(validated, '2027-05-31')).toBe('renewal_due');
    expect(dispenseRegisterState(validated, '2027-07-01')).toBe('expired');
    expect(dispenseRegisterState({ ...validated, status: 'requested' }, '2027-05-31')).toBe(
      'requested',
    );
    expect(dispenseRegisterState({ ...validated, status: 'renewed' }, '2027-05-31')).toBe('ended');
  });

  it('writes the sworn statement with the name and the case', () => {
    const text = swornStatement({ fullName: 'Zoé Lefèvre', caseLabel: 'Je bénéficie de la CSS' });
    expect(text).toContain('Zoé Lefèvre');
    expect(text).toContain('« Je bénéficie de la CSS »');
    expect(text).toContain('sur l’honneur');
  });
});
