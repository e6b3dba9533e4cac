import {
  expressionBuilder,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  Kysely,
  DummyDriver,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { staffCan } from '@affilia/shared/domain/permissions';
import type { Database, Establishment, User } from '../db/schema';
import {
  authorizeEstablishment,
  boundGrant,
  employerActor,
  inPerimeter,
  provenAddition,
  type EmployerActor,
} from './policies';

function actor(role: 'user' | 'admin', allEstablishments: boolean): EmployerActor {
  return {
    user: { id: 'grantor' } as User,
    perimeterKey: 'k',
    followedEstablishmentIds: [],
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

  it('refuses « toute la société » and hidden establishments to a restricted administrator', () => {
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

describe('inPerimeter: the perimeter as a typed condition (issue 16)', () => {
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  const restricted: EmployerActor = {
    user: { id: 'u1' } as User,
    perimeterKey: 'k',
    followedEstablishmentIds: ['e1', 'e2'],
    grants: new Map([
      ['c1', { companyId: 'c1', role: 'admin', allEstablishments: true }],
      ['c2', { companyId: 'c2', role: 'user', allEstablishments: false }],
    ]),
  };

  it('whole companies by company, restricted ones by followed establishment; a permission no role grants is false', () => {
    const query = (permission: 'members.view' | 'users.manage') =>
      db
        .selectFrom('members as m')
        .select('m.id')
        .where((eb) =>
          inPerimeter(eb, restricted, permission, {
            establishment: 'm.establishment_id',
            company: 'm.company_id',
          }),
        )
        .compile();
    const members = query('members.view');
    expect(members.sql).toBe(
      'select "m"."id" from "members" as "m" where ("m"."company_id" in (?) or ("m"."company_id" in (?) and "m"."establishment_id" in (?, ?)))',
    );
    expect(members.parameters).toEqual(['c1', 'c2', 'e1', 'e2']);
    // A restricted role without any followed establishment adds nothing.
    const unfollowed = { ...restricted, followedEstablishmentIds: [] };
    const onlyWhole = db
      .selectFrom('members as m')
      .select('m.id')
      .where((eb) =>
        inPerimeter(eb, unfollowed, 'members.view', {
          establishment: 'm.establishment_id',
          company: 'm.company_id',
        }),
      )
      .compile();
    expect(onlyWhole.parameters).toEqual(['c1']);
    // users.manage: only the administrator's company.
    expect(query('users.manage').parameters).toEqual(['c1']);
    const none: EmployerActor = { ...restricted, grants: new Map() };
    const eb = expressionBuilder<{ m: Database['members'] }, 'm'>();
    const empty = inPerimeter(eb, none, 'members.view', {
      establishment: 'm.establishment_id',
      company: 'm.company_id',
    });
    expect(db.selectFrom('members as m').select('m.id').where(empty).compile().sql).toContain(
      'where 1 = 0',
    );
  });

  it('takes its columns as typed references: a wrong alias or column does not compile', () => {
    const eb = expressionBuilder<{ m: Database['members'] }, 'm'>();
    inPerimeter(eb, restricted, 'members.view', {
      // @ts-expect-error `r` is not a table of this query
      establishment: 'r.establishment_id',
      company: 'm.company_id',
    });
    inPerimeter(eb, restricted, 'members.view', {
      // @ts-expect-error members have no `establishment` column
      establishment: 'm.establishment',
      company: 'm.company_id',
    });
  });
});

describe('staffCan: the back office permissions of a staff role (issue 16)', () => {
  it('gives a « gestionnaire » the work, an administrator the work and the administration', () => {
    expect(staffCan('manager', 'backoffice.work')).toBe(true);
    expect(staffCan('manager', 'backoffice.administer')).toBe(false);
    expect(staffCan('admin', 'backoffice.administer')).toBe(true);
  });
});

describe('employerActor and authorizeEstablishment: the perimeter from the rows read (issue 16)', () => {
  const user = { id: 'u1' } as User;
  const est = (id: string, companyId: string) => ({ id, company_id: companyId }) as Establishment;
  const regional = employerActor(
    user,
    [
      { company_id: 'c2', role: 'user', all_establishments: 0 },
      { company_id: 'c1', role: 'admin', all_establishments: 1 },
    ],
    ['e2', 'e1'],
  );

  it('keeps the followed establishments (sorted) only when a role is restricted', () => {
    expect(regional.followedEstablishmentIds).toEqual(['e1', 'e2']);
    expect([...regional.grants.keys()]).toEqual(['c1', 'c2']);
    const whole = employerActor(
      user,
      [{ company_id: 'c1', role: 'admin', all_establishments: 1 }],
      ['e9'],
    );
    expect(whole.followedEstablishmentIds).toEqual([]);
    // Another set of followed establishments is another perimeter.
    const other = employerActor(
      user,
      [
        { company_id: 'c2', role: 'user', all_establishments: 0 },
        { company_id: 'c1', role: 'admin', all_establishments: 1 },
      ],
      ['e1'],
    );
    expect(other.perimeterKey).not.toBe(regional.perimeterKey);
  });

  it('answers 404 for an unknown establishment or one outside the perimeter, 403 without the permission', () => {
    expect(code(() => authorizeEstablishment(regional, 'members.view', undefined))).toBe(
      'not_found',
    );
    expect(code(() => authorizeEstablishment(regional, 'members.view', est('e3', 'c2')))).toBe(
      'not_found',
    );
    expect(code(() => authorizeEstablishment(regional, 'members.view', est('e3', 'c3')))).toBe(
      'not_found',
    );
    expect(code(() => authorizeEstablishment(regional, 'users.manage', est('e2', 'c2')))).toBe(
      'forbidden',
    );
    expect(code(() => authorizeEstablishment(regional, 'members.view', est('e2', 'c2')))).toBe(
      'ok',
    );
    expect(code(() => authorizeEstablishment(regional, 'users.manage', est('e7', 'c1')))).toBe(
      'ok',
    );
  });
});
