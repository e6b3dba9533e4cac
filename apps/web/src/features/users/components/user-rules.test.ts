import { describe, expect, it } from 'vitest';
import type { ManagedCompany, ManagedUser } from '../api/use-users';
import { validateUsersSearch } from '../users-search';
import { ofName, userActions } from './user-actions-menu';
import { formatPhone } from '../../../lib/format-phone';
import {
  NO_ACCESS_GIVEN,
  NO_ESTABLISHMENT_CHOSEN,
  initialRights,
  toCompanyRights,
  validateRights,
} from './user-rights-editor';

function user(overrides: Partial<ManagedUser> = {}): ManagedUser {
  return {
    id: 'u1',
    lastName: 'Lefèvre',
    firstName: 'Thomas',
    email: 'thomas@example.test',
    mobilePhone: '+33639980102',
    isThirdParty: false,
    thirdPartyFirm: null,
    status: 'active',
    lastSignInAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    invitationSentAt: null,
    companies: [{ companyId: 'c1', companyName: 'Valmont', role: 'user', establishmentIds: null }],
    hasOtherCompanies: false,
    isSelf: false,
    ...overrides,
  };
}

const COMPANIES: ManagedCompany[] = [
  { id: 'c1', name: 'Valmont', siren: '222125239', wholeCompany: true, establishments: [] },
  { id: 'c2', name: 'Syndic', siren: '279674337', wholeCompany: true, establishments: [] },
];

const kinds = (u: ManagedUser) => userActions(u).map((a) => `${a.kind}${a.disabled ? '!' : ''}`);

describe('userActions', () => {
  it('offers the link to an invited user only, and « Réactiver » to a suspended one', () => {
    expect(kinds(user({ status: 'invited' }))).toEqual([
      'profile',
      'rights',
      'invitation',
      'suspend',
      'deactivate',
    ]);
    expect(kinds(user())).toEqual(['profile', 'rights', 'suspend', 'deactivate']);
    expect(kinds(user({ status: 'suspended' }))).toEqual([
      'profile',
      'rights',
      'reactivate',
      'deactivate',
    ]);
    expect(kinds(user({ status: 'deactivated' }))).toEqual([]);
  });

  it('disables what the API refuses: oneself, an account other companies use', () => {
    expect(kinds(user({ isSelf: true }))).toEqual(['profile', 'rights', 'suspend!', 'deactivate!']);
    expect(kinds(user({ hasOtherCompanies: true }))).toEqual([
      'profile',
      'rights',
      'suspend!',
      'deactivate!',
    ]);
  });
});

describe('rights', () => {
  it('starts from the roles held, « Aucun accès » elsewhere', () => {
    const rights = initialRights(
      COMPANIES,
      user({
        companies: [
          { companyId: 'c2', companyName: 'Syndic', role: 'admin', establishmentIds: ['e9'] },
        ],
      }),
    );
    expect(rights).toEqual([
      { companyId: 'c1', level: 'none', scope: 'all', establishmentIds: [] },
      {
        companyId: 'c2',
        level: 'admin',
        scope: 'some',
        establishmentIds: ['e9'],
        heldWhole: false,
      },
    ]);
    expect(toCompanyRights(rights)).toEqual([
      { companyId: 'c1', level: 'none', establishmentIds: null },
      { companyId: 'c2', level: 'admin', establishmentIds: ['e9'] },
    ]);
  });

  it('issue 14 #1: an administrator who follows some establishments gives some of them', () => {
    const regional: ManagedCompany = {
      id: 'c3',
      name: 'Rho',
      siren: '732829320',
      wholeCompany: false,
      establishments: [{ id: 'e1', name: 'Rho Nord', siret: '73282932000017' }],
    };
    expect(initialRights([regional])).toEqual([
      { companyId: 'c3', level: 'none', scope: 'some', establishmentIds: ['e1'] },
    ]);
  });

  it('sends null for « Tous les établissements »', () => {
    expect(
      toCompanyRights([{ companyId: 'c1', level: 'user', scope: 'all', establishmentIds: ['e1'] }]),
    ).toEqual([{ companyId: 'c1', level: 'user', establishmentIds: null }]);
  });

  it('asks for one access and for the chosen establishments', () => {
    const none = initialRights(COMPANIES);
    expect(validateRights(none, { requireOne: true })).toEqual({ rights: NO_ACCESS_GIVEN });
    expect(validateRights(none, { requireOne: false })).toEqual({});
    expect(
      validateRights([{ companyId: 'c1', level: 'user', scope: 'some', establishmentIds: [] }], {
        requireOne: true,
      }),
    ).toEqual({ 'rights.0.establishmentIds': NO_ESTABLISHMENT_CHOSEN });
  });
});

describe('small French formats', () => {
  it('elides « de » before a vowel', () => {
    expect(ofName('Eugénie Marchand')).toBe('d’Eugénie Marchand');
    expect(ofName('Thomas Lefèvre')).toBe('de Thomas Lefèvre');
  });

  it('writes a French mobile the French way', () => {
    expect(formatPhone('+33639980102')).toBe('06 39 98 01 02');
    expect(formatPhone('+447700900123')).toBe('+447700900123');
    expect(formatPhone(null)).toBe('—');
  });
});

describe('validateUsersSearch', () => {
  it('keeps known filters and drops the rest', () => {
    expect(validateUsersSearch({ companyId: 'c1', status: 'invited', q: 'dur' })).toEqual({
      companyId: 'c1',
      status: 'invited',
      q: 'dur',
    });
    expect(validateUsersSearch({ status: 'boss', q: '  ', companyId: 7 })).toEqual({});
  });
});
