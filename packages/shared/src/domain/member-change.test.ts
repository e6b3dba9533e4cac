import { describe, expect, it } from 'vitest';
import {
  beneficiaryEndDate,
  beneficiaryStartDate,
  canMoveMemberChange,
  contractForStatus,
  firstOfNextMonth,
  optionChangeCheck,
  splitCoverage,
  thirdPartyCardValidity,
} from './member-change';

describe('member change statuses', () => {
  it.each([
    ['sent', 'validated', true],
    ['sent', 'returned', true],
    ['returned', 'sent', true],
    ['returned', 'validated', false],
    ['validated', 'returned', false],
    ['cancelled', 'sent', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveMemberChange(from, to)).toBe(allowed);
  });
});

describe('beneficiaries', () => {
  it('covers a newborn from birth when declared within 90 days, else from the next month', () => {
    const memberFrom = '2024-01-01';
    expect(
      beneficiaryStartDate({ eventDate: '2026-03-10', declaredOn: '2026-06-08', memberFrom }),
    ).toBe('2026-03-10');
    expect(
      beneficiaryStartDate({ eventDate: '2026-03-10', declaredOn: '2026-06-09', memberFrom }),
    ).toBe('2026-07-01');
  });

  it('never covers a beneficiary before the member', () => {
    expect(
      beneficiaryStartDate({
        eventDate: '2026-01-05',
        declaredOn: '2026-02-01',
        memberFrom: '2026-02-01',
      }),
    ).toBe('2026-02-01');
  });

  it('ends a removed beneficiary at the end of the month of the event, a death on the day', () => {
    expect(
      beneficiaryEndDate({ reason: 'divorce', eventDate: '2026-02-10', coveredFrom: '2020-01-01' }),
    ).toBe('2026-02-28');
    expect(
      beneficiaryEndDate({ reason: 'death', eventDate: '2026-02-10', coveredFrom: '2020-01-01' }),
    ).toBe('2026-02-10');
    expect(
      beneficiaryEndDate({
        reason: 'separation',
        eventDate: '2024-02-10',
        coveredFrom: '2024-03-01',
      }),
    ).toBe('2024-03-01');
  });

  it('finds the 1st of the next month across a year', () => {
    expect(firstOfNextMonth('2026-12-31')).toBe('2027-01-01');
    expect(firstOfNextMonth('2026-01-31')).toBe('2026-02-01');
  });
});

describe('contractForStatus', () => {
  const contracts = [
    { id: 'nc', staff_category: 'non_cadre', start_date: '2020-01-01', end_date: null },
    { id: 'c', staff_category: 'cadre', start_date: '2020-01-01', end_date: null },
    { id: 'all', staff_category: 'all', start_date: '2020-01-01', end_date: '2025-12-31' },
  ] as const;

  it('gives the contract of the new collège in force on the day', () => {
    expect(contractForStatus(contracts, 'cadre', '2026-04-01', 'nc')?.id).toBe('c');
  });

  it('keeps a contract « ensemble du personnel » the member already holds', () => {
    expect(contractForStatus(contracts, 'cadre', '2025-04-01', 'all')?.id).toBe('all');
  });

  it('answers null when the company has no contract for the collège on the day', () => {
    expect(contractForStatus([contracts[0]], 'cadre', '2026-04-01', 'nc')).toBeNull();
  });
});

describe('optionChangeCheck', () => {
  const base = {
    option: 'OPT2',
    currentOption: 'OPT1',
    currentOptionFrom: '2025-06-01',
    contractOptions: ['OPT1', 'OPT2'],
    minMonths: 12,
  };

  it('accepts a change on the 1st of a month, 12 months after the last one', () => {
    expect(optionChangeCheck({ ...base, effectiveDate: '2026-06-01' })).toBeNull();
  });

  it.each([
    ['2026-06-15', { option: 'OPT2' }, 'not_first_of_month'],
    ['2026-07-01', { option: 'OPT9' }, 'unknown_option'],
    ['2026-07-01', { option: 'OPT1' }, 'same_option'],
  ] as const)('refuses %s with %o: %s', (effectiveDate, change, refusal) => {
    expect(optionChangeCheck({ ...base, ...change, effectiveDate })?.refusal).toBe(refusal);
  });

  it('says from when a change made too soon is allowed', () => {
    expect(
      optionChangeCheck({ ...base, currentOptionFrom: '2025-06-15', effectiveDate: '2026-06-01' }),
    ).toEqual({ refusal: 'too_soon', earliest: '2026-07-01' });
  });

  it('allows any month when the contract sets no minimum', () => {
    expect(optionChangeCheck({ ...base, minMonths: 0, effectiveDate: '2025-07-01' })).toBeNull();
  });
});

describe('splitCoverage', () => {
  it('closes the coverage the day before and opens the new one on the day, to the same end', () => {
    expect(splitCoverage({ effective_date: '2024-01-01', end_date: null }, '2026-04-01')).toEqual({
      closeOn: '2026-03-31',
      openOn: '2026-04-01',
      until: null,
    });
  });

  it('refuses a change on or before the start, or after the end, of the coverage', () => {
    expect(
      splitCoverage({ effective_date: '2026-04-01', end_date: null }, '2026-04-01'),
    ).toBeNull();
    expect(
      splitCoverage({ effective_date: '2024-01-01', end_date: '2026-03-31' }, '2026-04-01'),
    ).toBeNull();
  });
});

describe('thirdPartyCardValidity', () => {
  it('is the calendar year', () => {
    expect(
      thirdPartyCardValidity({ effective_date: '2020-03-01', end_date: null }, '2026-12-06'),
    ).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it('is cut to the coverage’s start and end', () => {
    expect(
      thirdPartyCardValidity(
        { effective_date: '2026-03-01', end_date: '2026-09-30' },
        '2026-06-01',
      ),
    ).toEqual({ from: '2026-03-01', to: '2026-09-30' });
  });

  it('is the year of a coverage that starts next year', () => {
    expect(
      thirdPartyCardValidity({ effective_date: '2027-01-15', end_date: null }, '2026-12-06'),
    ).toEqual({
      from: '2027-01-15',
      to: '2027-12-31',
    });
  });

  it('is none for an ended coverage', () => {
    expect(
      thirdPartyCardValidity(
        { effective_date: '2020-01-01', end_date: '2026-06-30' },
        '2026-12-06',
      ),
    ).toBeNull();
  });
});
