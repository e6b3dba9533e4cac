import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AddEstablishmentResult,
  EstablishmentList,
} from '@affilia/shared/schemas/establishments';
import { auditActions, browser, buildTestApp, signInAs, type TestApp } from '../../../test/helper';
import {
  createCompany,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
} from '../../../test/factories';
import {
  createRestrictedUser,
  ESTABLISHMENTS,
  insertPerimeterData,
  resetDeuxRives,
  type PerimeterData,
} from '../../../test/fixtures/establishments/perimeter-data';
import { newId } from '../../lib/ids';
import { SINGLE_ADD_FAILURES_PER_HOUR } from './establishments.service';

let t: TestApp;
let data: PerimeterData;
beforeAll(async () => {
  t = await buildTestApp();
  data = await insertPerimeterData(t.ctx.db);
});
afterAll(() => t.close());
beforeEach(() => resetDeuxRives(t.ctx.db, data));

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

async function signedInRestrictedUser() {
  const user = await createRestrictedUser(t.ctx.db, data);
  const b = browser(t.app);
  await signInAs(b, t.ctx, user);
  return { b, user };
}

const sirets = (list: EstablishmentList) => list.establishments.map((e) => e.siret);

describe('GET /api/establishments', () => {
  it('lists the perimeter only: the followed establishments of a restricted role, every one of a whole role', async () => {
    const { b } = await signedInRestrictedUser();
    const res = await b.get('/api/establishments');
    expect(res.statusCode).toBe(200);
    const list = res.json<EstablishmentList>();
    // Valmont Essai: A1 only (restricted); Zéro Essai: every establishment.
    expect(sirets(list)).toEqual([ESTABLISHMENTS.A1.siret, ESTABLISHMENTS.Z1.siret]);
    expect(list.establishments[0]).toEqual({
      id: data.establishmentIds.A1,
      siret: '73282932000017',
      name: 'Siège Paris',
      addressLine1: '1 rue de la Paix',
      addressLine2: null,
      postalCode: '75002',
      city: 'Paris',
      company: { id: data.companyIds.valmont, name: 'Valmont Essai', siren: '732829320' },
    });
    // The proof of an establishment is never sent back.
    expect(res.body).not.toContain('VAL-001');
    expect(res.body).not.toContain('insurer');
  });

  it('sorts by company then establishment name, and never shows another company', async () => {
    const other = await createCompany(t.ctx.db, { name: 'Autre Société' });
    await createEstablishment(t.ctx.db, other, { name: 'Ailleurs' });
    const mine = await createCompany(t.ctx.db, { name: 'Alpha Gestion' });
    await createEstablishment(t.ctx.db, mine, { name: 'Zénith' });
    await createEstablishment(t.ctx.db, mine, { name: 'Atelier' });
    const user = await createEmployerUser(t.ctx.db, [{ company: mine, role: 'admin' }]);
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    const list = (await b.get('/api/establishments')).json<EstablishmentList>();
    expect(list.establishments.map((e) => `${e.company.name} / ${e.name}`)).toEqual([
      'Alpha Gestion / Atelier',
      'Alpha Gestion / Zénith',
    ]);
  });

  it('answers an empty list to a user without any role', async () => {
    const user = await createEmployerUser(t.ctx.db, []);
    const b = browser(t.app);
    await signInAs(b, t.ctx, user);
    expect((await b.get('/api/establishments')).json()).toEqual({ establishments: [] });
  });

  it('is for signed-in employer users: 401 anonymous, 403 staff', async () => {
    const anonymous = browser(t.app);
    expect((await anonymous.get('/api/establishments')).statusCode).toBe(401);
    expect(
      (
        await anonymous.post('/api/establishments', {
          siret: ESTABLISHMENTS.A2.siret,
          identifier: 'VAL-002',
        })
      ).statusCode,
    ).toBe(401);
    expect((await anonymous.get('/api/establishments/import-template.xlsx')).statusCode).toBe(401);

    const staff = await createStaffUser(t.ctx.db);
    const s = browser(t.app);
    await signInAs(s, t.ctx, staff, 'backoffice');
    expect((await s.get('/api/establishments')).statusCode).toBe(403);
    expect(
      (
        await s.post('/api/establishments', {
          siret: ESTABLISHMENTS.A2.siret,
          identifier: 'VAL-002',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('POST /api/establishments', () => {
  const add = (b: ReturnType<typeof browser>, siret: string, identifier: string) =>
    b.post('/api/establishments', { siret, identifier });

  it('adds an establishment of a company where the role is restricted (SIRET with spaces, identifier in lower case)', async () => {
    const { b, user } = await signedInRestrictedUser();
    const res = await add(b, '  732 829 320 00025 ', ' val-002 ');
    expect(res.statusCode).toBe(201);
    const body = res.json<AddEstablishmentResult>();
    expect(body.roleGranted).toBeNull();
    expect(body.establishment).toMatchObject({
      id: data.establishmentIds.A2,
      siret: '73282932000025',
      name: 'Agence de Créteil',
      company: { name: 'Valmont Essai' },
    });
    // « Agence de Créteil » before « Siège Paris ».
    expect(sirets((await b.get('/api/establishments')).json())).toEqual([
      ESTABLISHMENTS.A2.siret,
      ESTABLISHMENTS.A1.siret,
      ESTABLISHMENTS.Z1.siret,
    ]);
    // The role stays restricted and a « Utilisateur ».
    const role = await t.ctx.db
      .selectFrom('user_company_roles')
      .select(['role', 'all_establishments'])
      .where('user_id', '=', user.id)
      .where('company_id', '=', data.companyIds.valmont)
      .executeTakeFirstOrThrow();
    expect(role).toEqual({ role: 'user', all_establishments: 0 });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_user_id', '=', user.id)
      .where('action', '=', 'perimeter.establishment_added')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      company_id: data.companyIds.valmont,
      target_type: 'establishment',
      target_id: data.establishmentIds.A2,
      ip: '203.0.113.10',
    });
    expect(audit.user_agent).toContain('Mozilla');
  });

  it('issue 14 #1: a proof widens the perimeter within the role held, never the role nor to the whole company', async () => {
    const { b, user } = await signedInRestrictedUser();
    expect((await add(b, ESTABLISHMENTS.A3.siret, 'VAL-003')).statusCode).toBe(201);
    // A company that has an administrator: refused, no role given.
    expect((await add(b, ESTABLISHMENTS.B1.siret, 'MAR-001')).statusCode).toBe(409);
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select(['company_id', 'role', 'all_establishments'])
      .where('user_id', '=', user.id)
      .orderBy('company_id')
      .execute();
    expect(roles).toEqual(
      [
        { company_id: data.companyIds.valmont, role: 'user', all_establishments: 0 },
        { company_id: data.companyIds.zero, role: 'user', all_establishments: 1 },
      ].sort((x, y) => x.company_id.localeCompare(y.company_id)),
    );
  });

  it('answers 409 for an establishment already followed, restricted or whole role', async () => {
    const { b } = await signedInRestrictedUser();
    const followed = await add(b, ESTABLISHMENTS.A1.siret, 'VAL-001');
    expect(followed.statusCode).toBe(409);
    expect(followed.json<ErrorBody>().error.code).toBe('establishment_already_followed');
    const whole = await add(b, ESTABLISHMENTS.Z1.siret, 'zer-001');
    expect(whole.statusCode).toBe(409);
    expect(whole.json<ErrorBody>().error.code).toBe('establishment_already_followed');
  });

  it('answers the same 400 for a wrong identifier and an unknown SIRET, without saying which', async () => {
    const { b } = await signedInRestrictedUser();
    const wrongIdentifier = await add(b, ESTABLISHMENTS.A2.siret, 'VAL-003');
    const unknownSiret = await add(b, '99887766600011', 'VAL-002');
    for (const res of [wrongIdentifier, unknownSiret]) {
      expect(res.statusCode).toBe(400);
      const { error } = res.json<ErrorBody>();
      expect(error.code).toBe('establishment_not_found');
      expect(error.fields).toBeUndefined();
    }
    expect(wrongIdentifier.json<ErrorBody>().error.message).toBe(
      unknownSiret.json<ErrorBody>().error.message,
    );
  });

  it('checks the SIRET: its checksum, its length, a field error in French', async () => {
    const { b } = await signedInRestrictedUser();
    const bad = await add(b, '73282932000079', 'VAL-002');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error).toMatchObject({
      code: 'validation_error',
      fields: { siret: 'Ce numéro de SIRET n’est pas valide' },
    });
    const short = await add(b, '7328293200', '');
    expect(short.json<ErrorBody>().error.fields).toEqual({
      siret: 'Le SIRET doit comporter 14 chiffres',
      identifier: 'Saisissez le code identifiant',
    });
  });

  it('makes the user administrator of a company that has none', async () => {
    const { b, user } = await signedInRestrictedUser();
    const res = await add(b, ESTABLISHMENTS.C1.siret, 'DRV-001');
    expect(res.statusCode).toBe(201);
    expect(res.json<AddEstablishmentResult>().roleGranted).toBe('admin');
    const role = await t.ctx.db
      .selectFrom('user_company_roles')
      .select(['role', 'all_establishments'])
      .where('user_id', '=', user.id)
      .where('company_id', '=', data.companyIds.deuxRives)
      .executeTakeFirstOrThrow();
    expect(role).toEqual({ role: 'admin', all_establishments: 1 });
    // Every establishment of the company is now in the perimeter.
    expect(sirets((await b.get('/api/establishments')).json())).toEqual([
      ESTABLISHMENTS.C1.siret,
      ESTABLISHMENTS.C2.siret,
      ESTABLISHMENTS.A1.siret,
      ESTABLISHMENTS.Z1.siret,
    ]);
    expect(await auditActions(t.ctx, { actor: user.id })).toEqual(
      expect.arrayContaining(['perimeter.company_role_granted', 'perimeter.establishment_added']),
    );
    // A second user cannot do the same any more: the company has an administrator now.
    const second = await signedInRestrictedUser();
    const refused = await add(second.b, ESTABLISHMENTS.C2.siret, 'DRV-002');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('establishment_company_has_admin');
  });

  it('a company getting its first administrator meanwhile is not given a second one', async () => {
    const { b } = await signedInRestrictedUser();
    const other = await createEmployerUser(t.ctx.db, []);
    // Another request is making `other` the administrator, in a transaction not committed yet
    // that holds the company's row; the add waits for it, then sees the administrator.
    let answer: Promise<{ statusCode: number }> | undefined;
    await t.ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('companies')
        .set({ updated_at: '2026-03-02T09:00:00.000Z' })
        .where('id', '=', data.companyIds.deuxRives)
        .execute();
      await trx
        .insertInto('user_company_roles')
        .values({
          id: newId(),
          user_id: other.id,
          company_id: data.companyIds.deuxRives,
          role: 'admin',
          all_establishments: 1,
          granted_by: null,
          created_at: '2026-03-02T09:00:00.000Z',
          updated_at: '2026-03-02T09:00:00.000Z',
        })
        .execute();
      answer = add(b, ESTABLISHMENTS.C1.siret, 'DRV-001');
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect((await answer)?.statusCode).toBe(409);
    const admins = await t.ctx.db
      .selectFrom('user_company_roles')
      .select('user_id')
      .where('company_id', '=', data.companyIds.deuxRives)
      .execute();
    expect(admins).toEqual([{ user_id: other.id }]);
  });

  it('refuses an establishment of a company that has an active administrator', async () => {
    const { b, user } = await signedInRestrictedUser();
    const res = await add(b, ESTABLISHMENTS.B1.siret, 'MAR-001');
    expect(res.statusCode).toBe(409);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('establishment_company_has_admin');
    expect(error.message).toContain('Mes habilitations');
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select('company_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(roles.map((r) => r.company_id)).not.toContain(data.companyIds.marceau);
  });

  it('a suspended administrator does not count: the company can be taken', async () => {
    const company = await createCompany(t.ctx.db, { name: 'Société Suspendue' });
    const establishment = await createEstablishment(t.ctx.db, company);
    await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }], { status: 'suspended' });
    const { b } = await signedInRestrictedUser();
    const res = await add(b, establishment.siret, establishment.insurer_identifier);
    expect(res.statusCode).toBe(201);
    expect(res.json<AddEstablishmentResult>().roleGranted).toBe('admin');
  });

  it(`stops guessing after ${SINGLE_ADD_FAILURES_PER_HOUR} unknown pairs in an hour`, async () => {
    const { b } = await signedInRestrictedUser();
    for (let i = 0; i < SINGLE_ADD_FAILURES_PER_HOUR; i += 1) {
      expect((await add(b, ESTABLISHMENTS.A2.siret, `GUESS-${i}`)).statusCode).toBe(400);
    }
    const blocked = await add(b, ESTABLISHMENTS.A2.siret, 'VAL-002');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<ErrorBody>().error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // An hour later (the session kept alive meanwhile), the user may try again.
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(20 * 60_000);
      expect((await b.get('/api/establishments')).statusCode).toBe(200);
    }
    expect((await add(b, ESTABLISHMENTS.A2.siret, 'VAL-002')).statusCode).toBe(201);
  });
});

describe('GET /api/establishments/import-template.xlsx', () => {
  it('is an Excel file with the SIRET column as text, a frozen header and instructions', async () => {
    const { b } = await signedInRestrictedUser();
    const res = await b.get('/api/establishments/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="modele-etablissements.xlsx"',
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Établissements', 'Instructions']);
    const sheet = wb.getWorksheet('Établissements') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, 'SIRET', 'Code identifiant']);
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('A5001').numFmt).toBe('@');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const instructions = (wb.getWorksheet('Instructions') as ExcelJS.Worksheet)
      .getColumn(1)
      .values.map(String)
      .join('\n');
    expect(instructions).toContain('14 chiffres');
    expect(instructions).toMatch(/5\s000 lignes au plus/);
    expect(instructions).toContain('.csv');
  });
});
