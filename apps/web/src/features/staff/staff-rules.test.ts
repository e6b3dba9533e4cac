import { describe, expect, it } from 'vitest';
import type { StaffMember } from '@affilia/shared/schemas/staff';
import { staffActions, staffBlocker } from './staff-rules';

function member(over: Partial<StaffMember>): StaffMember {
  return {
    id: over.id ?? 'm',
    firstName: 'Alice',
    lastName: 'Martin',
    email: 'alice@assureur.fr',
    mobilePhone: null,
    role: 'manager',
    status: 'active',
    lastSignInAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    isSelf: false,
    ...over,
  };
}

describe('staff actions', () => {
  it('offers nothing on a deactivated account, the link on an invited one', () => {
    expect(staffActions(member({ status: 'deactivated' }), [])).toEqual([]);
    const invited = staffActions(member({ status: 'invited' }), []).map((a) => a.kind);
    expect(invited).toEqual(['edit', 'resend-invitation', 'suspend', 'deactivate']);
    const suspended = staffActions(member({ status: 'suspended' }), []).map((a) => a.kind);
    expect(suspended).toEqual(['edit', 'reactivate', 'deactivate']);
  });

  it('blocks self and the last active administrator', () => {
    const self = member({ isSelf: true, role: 'admin' });
    const other = member({ id: 'o', role: 'admin' });
    expect(staffBlocker(self, [self, other])).toMatch(/propre compte/);
    expect(staffBlocker(other, [other])).toMatch(/administrateur actif/);
    expect(staffBlocker(other, [self, other])).toBeUndefined();
    const entries = staffActions(other, [other]);
    expect(entries.find((e) => e.kind === 'suspend')?.disabled).toBe(true);
  });
});
