import { describe, expect, it } from 'vitest';
import { MemberChangeCreateSchema, publicDetails } from './member-changes';

describe('MemberChangeCreateSchema', () => {
  it('reads a beneficiary added at a birth, the dates typed the French way', () => {
    const parsed = MemberChangeCreateSchema.parse({
      kind: 'beneficiary',
      change: {
        action: 'add',
        event: 'birth',
        eventDate: '04/05/2026',
        lastName: ' Nguyễn ',
        firstName: 'Łucja',
        birthDate: '04/05/2026',
      },
    });
    expect(parsed).toMatchObject({
      kind: 'beneficiary',
      change: { eventDate: '2026-05-04', birthDate: '2026-05-04', lastName: 'Nguyễn' },
    });
  });

  it('says in French what is missing, next to the field', () => {
    const result = MemberChangeCreateSchema.safeParse({
      kind: 'beneficiary',
      change: { action: 'remove', beneficiaryId: 'b1', eventDate: '2026-05-04' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['change', 'reason'], message: 'Choisissez le motif' }),
    ]);
  });

  it('refuses an unknown kind', () => {
    expect(MemberChangeCreateSchema.safeParse({ kind: 'salary' }).success).toBe(false);
  });
});

describe('publicDetails', () => {
  it('never shows a beneficiary’s NIR, only that there is one', () => {
    const shown = publicDetails({
      kind: 'beneficiary',
      action: 'add',
      beneficiaryId: null,
      type: 'spouse',
      event: 'marriage',
      reason: null,
      eventDate: '2026-05-04',
      lastName: 'Martin',
      firstName: 'Hugo',
      birthDate: '1990-01-01',
      previous: null,
      nirEncrypted: 'v1:secret',
    });
    expect(shown).not.toHaveProperty('nirEncrypted');
    expect(shown).toMatchObject({ hasNir: true });
  });
});
