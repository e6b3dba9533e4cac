import { describe, expect, it } from 'vitest';
import type { DispenseCaseOption, DispenseSummary } from '@affilia/shared/schemas/dispenses';
import { DISPENSE_CASES } from '@affilia/shared/domain/dispense';
import type { EnrolmentForm } from './api/use-enrolment';
import type { DispenseValues } from './dispense-values';
import {
  endDateLabel,
  refusedDispense,
  renewalState,
  toDispenseSubmit,
  validateDispense,
} from './dispense-values';

const cases: DispenseCaseOption[] = DISPENSE_CASES.map((c) => ({
  ...c,
  conditionError: c.code === 'short_fixed_term' ? 'Ce cas concerne uniquement les CDD.' : null,
}));
const values = (over: Partial<DispenseValues>): DispenseValues => ({
  caseCode: '',
  otherPlanType: '',
  justificationEndDate: '',
  sworn: false,
  ...over,
});
const summary = (over: Partial<DispenseSummary>): DispenseSummary => ({
  id: 'd1',
  status: 'validated',
  origin: 'online',
  caseCode: 'multi_employer',
  otherPlanType: 'ieg',
  justificationEndDate: null,
  effectiveDate: '2026-02-01',
  endDate: null,
  renewalDueDate: '2027-02-01',
  signedOn: '2026-01-20',
  refusalReason: null,
  decidedAt: null,
  isRenewal: false,
  createdAt: '2026-01-20T10:00:00.000Z',
  ...over,
});

describe('the dispense branch of the form', () => {
  it('asks what the case needs: the plan, the end date, the proof, the statement', () => {
    expect(validateDispense(values({}), cases, 0)).toEqual({
      caseCode: 'Choisissez le cas de dispense',
    });
    // A case the employment does not fit cannot be chosen.
    expect(validateDispense(values({ caseCode: 'short_fixed_term' }), cases, 1)).toHaveProperty(
      'caseCode',
    );
    expect(Object.keys(validateDispense(values({ caseCode: 'multi_employer' }), cases, 0))).toEqual(
      ['otherPlanType', 'proofs', 'sworn'],
    );
    expect(Object.keys(validateDispense(values({ caseCode: 'css' }), cases, 1))).toEqual([
      'justificationEndDate',
      'sworn',
    ]);
    // No proof for a fixed-term contract under 12 months (founding act).
    expect(
      validateDispense(values({ caseCode: 'short_fixed_term_no_cover', sworn: true }), cases, 0),
    ).toEqual({});
  });

  it('sends only the fields of the case chosen', () => {
    const rule = cases.find((c) => c.code === 'css')!;
    expect(
      toDispenseSubmit(
        values({
          caseCode: 'css',
          otherPlanType: 'ieg',
          justificationEndDate: '2026-12-31',
          sworn: true,
        }),
        rule,
      ),
    ).toEqual({
      caseCode: 'css',
      otherPlanType: null,
      justificationEndDate: '2026-12-31',
      sworn: true,
    });
  });

  it('labels the end date per case', () => {
    expect(endDateLabel('individual_cover')).toBe('Date d’échéance de votre contrat individuel');
    expect(endDateLabel('css')).toBe('Date de fin de vos droits à la CSS');
  });

  it('shows a refused first request’s reason, not a BIA returned afterwards', () => {
    const refused = summary({ status: 'refused', refusalReason: 'Attestation illisible' });
    const form = (over: Partial<EnrolmentForm>) =>
      ({
        status: 'returned',
        returnReason: 'Attestation illisible',
        dispense: {
          mode: 'choice',
          cases,
          employmentEndDate: null,
          current: refused,
          pendingProofs: [],
        },
        ...over,
      }) as EnrolmentForm;
    expect(refusedDispense(form({}))).toBe(refused);
    expect(refusedDispense(form({ returnReason: 'RIB illisible' }))).toBeNull();
    expect(refusedDispense(form({ status: 'started' }))).toBeNull();
  });

  it('tells the renewal screen the deadline, a renewal waiting, or refused', () => {
    expect(renewalState(summary({}))).toEqual({
      kind: 'due',
      deadline: { date: '2027-02-01', kind: 'renewal' },
    });
    expect(renewalState(summary({ endDate: '2026-12-31', renewalDueDate: null }))).toEqual({
      kind: 'due',
      deadline: { date: '2026-12-31', kind: 'end' },
    });
    expect(renewalState(summary({ isRenewal: true, status: 'requested' }))).toEqual({
      kind: 'waiting',
    });
    expect(
      renewalState(summary({ isRenewal: true, status: 'refused', refusalReason: 'Périmée' })),
    ).toEqual({ kind: 'refused', reason: 'Périmée' });
  });
});
