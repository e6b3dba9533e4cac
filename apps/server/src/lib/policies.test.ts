import { describe, expect, it } from 'vitest';
import type { User } from '../db/schema';
import { boundGrant, provenAddition, type EmployerActor } from './policies';

function actor(role: 'user' | 'admin', allEstablishments: boolean): EmployerActor {
  return {
    user: { id: 'grantor' } as User,
    perimeterKey: 'k',
    grants: new Map([['c1', { companyId: 'c1', role, allEstablishments }]]),
  };
}

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('boundGrant: nobody grants more than they hold (issue 14 #1)', () => {
  const mine = new Set(['e1', 'e2']);
  const grant = (
    grantor: EmployerActor,
    requested: { level: 'none' | 'user' | 'admin'; establishmentIds: string[] | null },
    held?: { role: 'user' | 'admin'; establishmentIds: Set<string> | null },
  ) => boundGrant({ grantor, companyId: 'c1', grantorEstablishmentIds: mine, held, requested });

  it('lets a whole-company administrator give anything, all chosen one by one being the whole', () => {
    const whole = actor('admin', true);
    expect(grant(whole, { level: 'admin', establishmentIds: null }).establishmentIds).toBeNull();
    expect(grant(whole, { level: 'user', establishmentIds: ['e2', 'e1'] }).establishmentIds).toBe(
      null,
    );
    expect(
      grant(whole, { level: 'user', establishmentIds: ['e1', 'e1'] }).establishmentIds,
    ).toEqual(['e1']);
  });

  it('refuses « toute la société » and hidden establishments to a restricted administrator', () => {
    const regional = actor('admin', false);
    expect(code(() => grant(regional, { level: 'user', establishmentIds: null }))).toBe(
      'rights_beyond_own',
    );
    expect(code(() => grant(regional, { level: 'user', establishmentIds: ['e3'] }))).toBe(
      'not_found',
    );
    // All of theirs is not the whole company.
    expect(grant(regional, { level: 'user', establishmentIds: ['e1', 'e2'] })).toEqual({
      level: 'user',
      establishmentIds: ['e1', 'e2'],
    });
  });

  it('keeps or narrows what the person holds, never raises it beyond the grantor', () => {
    const regional = actor('admin', false);
    const wide = { role: 'user' as const, establishmentIds: null };
    expect(code(() => grant(regional, { level: 'user', establishmentIds: null }, wide))).toBe('ok');
    expect(code(() => grant(regional, { level: 'admin', establishmentIds: null }, wide))).toBe(
      'rights_beyond_own',
    );
    const straddling = { role: 'user' as const, establishmentIds: new Set(['e1', 'e3']) };
    expect(
      code(() => grant(regional, { level: 'user', establishmentIds: ['e1', 'e3'] }, straddling)),
    ).toBe('ok');
    expect(
      code(() => grant(regional, { level: 'admin', establishmentIds: ['e1', 'e3'] }, straddling)),
    ).toBe('rights_beyond_own');
  });

  it('answers 404 on a company the grantor does not administer, 403 to a plain user', () => {
    expect(
      code(() =>
        boundGrant({
          grantor: actor('admin', true),
          companyId: 'other',
          grantorEstablishmentIds: new Set(),
          held: undefined,
          requested: { level: 'user', establishmentIds: null },
        }),
      ),
    ).toBe('not_found');
    expect(code(() => grant(actor('user', true), { level: 'user', establishmentIds: null }))).toBe(
      'forbidden',
    );
  });
});

describe('provenAddition', () => {
  it('widens the perimeter within the role held; a role only for a company without administrator', () => {
    expect(provenAddition({ allEstablishments: false, follows: false }, true)).toBe('follow');
    expect(provenAddition({ allEstablishments: false, follows: true }, false)).toBe(
      'already_followed',
    );
    expect(provenAddition({ allEstablishments: true, follows: false }, false)).toBe(
      'already_followed',
    );
    expect(provenAddition(undefined, true)).toBe('refused');
    expect(provenAddition(undefined, false)).toBe('become_admin');
  });
});
