import { pickContract } from '@affilia/shared/domain/pre-affiliation';
import type { AffiliationOptions } from '@affilia/shared/schemas/affiliations';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAffiliationRequest,
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  publishTerms,
} from '../../../test/factories';
import {
  browser,
  useTestApp,
  errorOf,
  lastMessageTo,
  signInAs,
  type Browser,
  auditActions,
} from '../../../test/helper';
import { AppError } from '../../lib/errors';
import { hashToken } from '../../lib/tokens';
import { CREATIONS_PER_USER_PER_HOUR } from './affiliations.service';
import { recordStatusChange } from './status';
import { findHistory, loadRequest } from './affiliations.repository';

const HOUR = 3600_000;

const t = useTestApp();
let admin: Browser;
let regional: Browser;
let other: Browser;
let company: Awaited<ReturnType<typeof createCompany>>;
let lyon: Awaited<ReturnType<typeof createEstablishment>>;
let paris: Awaited<ReturnType<typeof createEstablishment>>;
let otherEstablishment: Awaited<ReturnType<typeof createEstablishment>>;
let contractAll: Awaited<ReturnType<typeof createContract>>;
let adminUser: Awaited<ReturnType<typeof createEmployerUser>>;
let nirSeq = 100;
/** Signs the three callers in again (moving the clock ends their sessions). */
let signInAll: () => Promise<void>;

async function advance(ms: number) {
  t.clock.advance(ms);
  await signInAll();
}

/** A NIR of someone born in June 1985 (no warning with the default birth date). */
const freshNir = () => `18506751${String(++nirSeq).padStart(5, '0')}`;

const valid = (over: Record<string, unknown> = {}) => ({
  establishmentId: lyon.id,
  professionalStatus: 'non_cadre',
  alreadyAffiliated: false,
  lastName: 'Lefèvre',
  firstName: 'Hélène',
  email: 'helene.lefevre@example.com',
  nir: freshNir(),
  birthDate: '1985-06-15',
  hireDate: '2026-02-02',
  affiliationDate: '2026-03-01',
  employmentContractType: 'cdi',
  employmentStartDate: '2026-02-02',
  positionInCompany: 'Comptable',
  ...over,
});

beforeAll(async () => {
  const db = t.ctx.db;
  await publishTerms(db);
  company = await createCompany(db, { name: 'Immobilière du Rhône' });
  lyon = await createEstablishment(db, company, { name: 'Agence Lyon' });
  paris = await createEstablishment(db, company, { name: 'Agence Paris' });
  const otherCompany = await createCompany(db, { name: 'Autre Société' });
  otherEstablishment = await createEstablishment(db, otherCompany, { name: 'Autre Nantes' });
  contractAll = await createContract(db, company, {
    label: 'BASE CCN Ensemble',
    startDate: '2020-01-01',
  });
  // The collège « Cadre » has its own contract, starting later.
  await createContract(db, company, {
    label: 'Cadres 2026',
    staffCategory: 'cadre',
    startDate: '2026-04-01',
  });
  await createContract(db, otherCompany);
  adminUser = await createEmployerUser(db, [{ company, role: 'admin' }]);
  const regionalUser = await createEmployerUser(db, [
    { company, role: 'user', establishments: [paris] },
  ]);
  const otherUser = await createEmployerUser(db, [{ company: otherCompany, role: 'admin' }]);
  signInAll = async () => {
    admin = browser(t.app, { ip: '192.0.2.10' });
    await signInAs(admin, t.ctx, adminUser);
    regional = browser(t.app, { ip: '192.0.2.11' });
    await signInAs(regional, t.ctx, regionalUser);
    other = browser(t.app, { ip: '192.0.2.12' });
    await signInAs(other, t.ctx, otherUser);
  };
  await signInAll();
});

type Detail = {
  id: string;
  status: string;
  mode: string;
  memberId: string | null;
  nir: string;
  contract: { label: string };
  history: { from: string | null; to: string; reason: string | null; actorKind: string }[];
  reminderCount: number;
  canRemind: boolean;
  canCancel: boolean;
  abandonReason: string | null;
  formExpiresAt: string | null;
};

describe('POST /api/affiliations', () => {
  it('creates a request in mode email: link emailed, only its hash stored, history, audit', async () => {
    const body = valid({ nir: '1 85 06 75 123 456' });
    const res = await admin.post('/api/affiliations', body);
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json<Detail>();
    expect(detail).toMatchObject({
      status: 'sent',
      mode: 'email',
      memberId: null,
      canRemind: true,
    });
    expect(detail.nir).toBe('1850675123456' + computeNirKey('1850675123456'));
    expect(detail.contract.label).toBe('BASE CCN Ensemble');
    expect(detail.history).toEqual([
      expect.objectContaining({ from: null, to: 'sent', actorKind: 'employer' }),
    ]);
    expect(detail.formExpiresAt).toBe(
      new Date(t.clock.now().getTime() + 30 * 24 * HOUR).toISOString(),
    );

    const mail = await lastMessageTo(t.ctx, 'helene.lefevre@example.com', 'email');
    expect(mail?.template).toBe('affiliation_invitation');
    const token = /\/formulaire\/([A-Za-z0-9_-]+)/.exec(mail?.body_text ?? '')?.[1];
    expect(token).toBeTruthy();
    const row = await t.ctx.db
      .selectFrom('affiliation_requests')
      .selectAll()
      .where('id', '=', detail.id)
      .executeTakeFirstOrThrow();
    expect(row.form_token_hash).toBe(hashToken(token!));
    expect(JSON.stringify(row)).not.toContain(token!);
    expect(row.nir_encrypted).not.toContain('1850675123456');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', detail.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['affiliations.created']);
    expect(audit[0]?.details ?? '').not.toContain('1850675123456');
  });

  it('creates a request in mode courrier without an email (no link, no message)', async () => {
    const res = await admin.post('/api/affiliations', valid({ email: '', lastName: 'Courrier' }));
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json<Detail>();
    expect(detail).toMatchObject({ status: 'sent', mode: 'mail', canRemind: false });
    const row = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select(['form_token_hash', 'email'])
      .where('id', '=', detail.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ form_token_hash: null, email: null });
  });

  it('accepts the 15-character NIR with its key and Corsica (2A / 2B)', async () => {
    const nir = '1850675987654';
    const ok = await admin.post('/api/affiliations', valid({ nir: nir + computeNirKey(nir) }));
    expect(ok.statusCode, ok.body).toBe(201);
    for (const corsica of ['18506' + '2A' + '123001', '18506' + '2B' + '123002']) {
      const res = await admin.post('/api/affiliations', valid({ nir: corsica, email: '' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Detail>().nir).toBe(corsica + computeNirKey(corsica));
    }
  });

  it('refuses a wrong key, a temporary number (not allowed by the insurer), with French field errors', async () => {
    const nir = '1850675555555';
    const wrongKey = computeNirKey(nir) === '01' ? '02' : '01';
    const res = await admin.post('/api/affiliations', valid({ nir: nir + wrongKey }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).fields?.nir).toBe('La clé du numéro de sécurité sociale ne correspond pas');
    const temporary = await admin.post('/api/affiliations', valid({ nir: '7850675123456' }));
    expect(temporary.statusCode).toBe(400);
    expect(errorOf(temporary).fields?.nir).toMatch(/provisoires/);
  });

  it('puts every missing field on its path, in French', async () => {
    const res = await admin.post('/api/affiliations', {});
    expect(res.statusCode).toBe(400);
    const fields = errorOf(res).fields ?? {};
    for (const f of [
      'establishmentId',
      'professionalStatus',
      'alreadyAffiliated',
      'lastName',
      'firstName',
      'nir',
      'birthDate',
      'hireDate',
      'affiliationDate',
      'employmentContractType',
      'employmentStartDate',
    ]) {
      expect(fields[f], f).toBeTruthy();
    }
    expect(fields.email).toBeUndefined();
    expect(fields.lastName).toBe('Ce champ est obligatoire');
  });

  it('requires the end date of a fixed-term contract, after its start', async () => {
    const noEnd = await admin.post('/api/affiliations', valid({ employmentContractType: 'cdd' }));
    expect(noEnd.statusCode).toBe(400);
    expect(errorOf(noEnd).fields?.employmentEndDate).toBe(
      'La date de fin du contrat de travail est obligatoire pour ce type de contrat',
    );
    const before = await admin.post(
      '/api/affiliations',
      valid({ employmentContractType: 'interim', employmentEndDate: '2026-02-01' }),
    );
    expect(errorOf(before).fields?.employmentEndDate).toBe(
      'La date de fin du contrat de travail doit être postérieure à la date de début',
    );
    const ok = await admin.post(
      '/api/affiliations',
      valid({ employmentContractType: 'cdd', employmentEndDate: '31/12/2026', email: '' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses an affiliation date before the hire date or before the contract start', async () => {
    const beforeHire = await admin.post(
      '/api/affiliations',
      valid({ affiliationDate: '2026-01-15' }),
    );
    expect(beforeHire.statusCode).toBe(400);
    expect(errorOf(beforeHire).fields?.affiliationDate).toMatch(/antérieure à la date d’entrée/);
    // Cadres: their own contract, which starts on 01/04/2026.
    const beforeContract = await admin.post(
      '/api/affiliations',
      valid({ professionalStatus: 'cadre' }),
    );
    expect(beforeContract.statusCode).toBe(400);
    expect(errorOf(beforeContract).fields?.affiliationDate).toBe(
      "La date d'affiliation ne peut pas être antérieure au début du contrat Frais de Santé (01/04/2026)",
    );
    const cadre = await admin.post(
      '/api/affiliations',
      valid({ professionalStatus: 'cadre', affiliationDate: '2026-04-01', email: '' }),
    );
    expect(cadre.statusCode, cadre.body).toBe(201);
    expect(cadre.json<Detail>().contract.label).toBe('Cadres 2026');
  });

  it('refuses an impossible birth date: 14/05/2027 with later hire dates, 1885 (issue 14 #9)', async () => {
    const future = await admin.post(
      '/api/affiliations',
      valid({
        nir: '2270575123456',
        birthDate: '14/05/2027',
        hireDate: '2027-06-01',
        affiliationDate: '2027-06-01',
        employmentStartDate: '2027-06-01',
      }),
    );
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).fields?.birthDate).toBe(
      'La date de naissance ne peut pas être dans le futur',
    );
    const old = await admin.post(
      '/api/affiliations',
      valid({ nir: '1850675123456', birthDate: '15/06/1885' }),
    );
    expect(old.statusCode).toBe(400);
    expect(errorOf(old).fields?.birthDate).toBe(
      'Cette date de naissance donnerait plus de 120 ans : vérifiez l’année',
    );
    const child = await admin.post('/api/affiliations', valid({ birthDate: '2015-06-15' }));
    expect(child.statusCode).toBe(400);
    expect(errorOf(child).fields?.birthDate).toMatch(/au moins 14 ans/);
    expect(
      await t.ctx.db
        .selectFrom('affiliation_requests')
        .select('id')
        .where('birth_date', 'in', ['2027-05-14', '1885-06-15', '2015-06-15'])
        .execute(),
    ).toEqual([]);
  });

  it('asks to confirm a NIR that disagrees with the birth date, then accepts it', async () => {
    const body = valid({ birthDate: '1990-01-20' });
    const warned = await admin.post('/api/affiliations', body);
    expect(warned.statusCode).toBe(400);
    expect(errorOf(warned).code).toBe('nir_birth_date_warning');
    expect(errorOf(warned).fields?.nir).toMatch(/ne correspondent pas/);
    const confirmed = await admin.post('/api/affiliations', { ...body, confirmNirWarning: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('refuses an employee already covered, whatever the answer to « déjà affilié »', async () => {
    const nir = freshNir();
    await createMember(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      nir13: nir,
      lastName: 'Couvert',
      coverages: [{ contract: contractAll, effectiveDate: '2024-01-01' }],
    });
    for (const alreadyAffiliated of [true, false]) {
      const res = await admin.post('/api/affiliations', valid({ nir, alreadyAffiliated }));
      expect(res.statusCode).toBe(409);
      expect(errorOf(res)).toMatchObject({
        code: 'already_covered',
        message: expect.stringContaining(
          'Ce salarié est déjà couvert par le contrat BASE CCN Ensemble',
        ) as string,
      });
      expect(errorOf(res).message).toContain('depuis le 01/01/2024');
    }
  });

  it('« Oui » links the existing member; unknown NIR is a field error', async () => {
    const unknown = await admin.post('/api/affiliations', valid({ alreadyAffiliated: true }));
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).fields?.nir).toMatch(/Aucun salarié/);

    const nir = freshNir();
    const member = await createMember(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      nir13: nir,
      lastName: 'Revenu',
      coverages: [{ contract: contractAll, effectiveDate: '2022-01-01', endDate: '2023-12-31' }],
    });
    const res = await admin.post('/api/affiliations', valid({ nir, alreadyAffiliated: true }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Detail>().memberId).toBe(member.id);
  });

  it('refuses a second request while one is pending for the same NIR', async () => {
    const nir = freshNir();
    expect((await admin.post('/api/affiliations', valid({ nir }))).statusCode).toBe(201);
    const again = await admin.post('/api/affiliations', valid({ nir, establishmentId: paris.id }));
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('request_pending');
    // The same person in another company is another member.
  });

  it('limits the creations of one user in an hour', async () => {
    const limited = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    const b = browser(t.app, { ip: '192.0.2.13' });
    await signInAs(b, t.ctx, limited);
    const now = t.clock.now().getTime();
    await t.ctx.db
      .insertInto('rate_limits')
      .values({
        key: `affiliation-create:${limited.id}`,
        window_start: new Date(Math.floor(now / 3600_000) * 3600_000).toISOString(),
        count: CREATIONS_PER_USER_PER_HOUR,
      })
      .execute();
    const res = await b.post('/api/affiliations', valid());
    expect(res.statusCode).toBe(429);
    expect(errorOf(res).code).toBe('too_many_attempts');
  });

  it('refuses an establishment outside the perimeter (404)', async () => {
    const res = await admin.post(
      '/api/affiliations',
      valid({ establishmentId: otherEstablishment.id }),
    );
    expect(res.statusCode).toBe(404);
    const regionalRes = await regional.post('/api/affiliations', valid());
    expect(regionalRes.statusCode).toBe(404);
    const regionalOk = await regional.post(
      '/api/affiliations',
      valid({ establishmentId: paris.id, email: '' }),
    );
    expect(regionalOk.statusCode, regionalOk.body).toBe(201);
  });
});

describe('GET /api/affiliations', () => {
  it('lists the perimeter only, with filters, sort and pagination', async () => {
    const all = await admin.get('/api/affiliations?pageSize=100');
    expect(all.statusCode, all.body).toBe(200);
    const page = all.json<{
      items: { id: string; establishment: { id: string }; mode: string; lastName: string }[];
      total: number;
    }>();
    expect(page.total).toBeGreaterThan(5);
    expect(page.items.length).toBe(page.total);

    const regionalList = await regional.get('/api/affiliations?pageSize=100');
    const regionalItems = regionalList.json<typeof page>().items;
    expect(regionalItems.length).toBeGreaterThan(0);
    expect(regionalItems.every((i) => i.establishment.id === paris.id)).toBe(true);

    const otherList = await other.get('/api/affiliations');
    expect(otherList.json<typeof page>().total).toBe(0);

    const mail = await admin.get('/api/affiliations?mode=mail&pageSize=100');
    expect(mail.json<typeof page>().items.every((i) => i.mode === 'mail')).toBe(true);

    const byName = await admin.get(`/api/affiliations?q=${encodeURIComponent('courrier')}`);
    expect(byName.json<typeof page>().items.map((i) => i.lastName)).toEqual(['Courrier']);

    const byNir = await admin.get('/api/affiliations?q=1%2085%2006%2075%20123%20456');
    expect(byNir.json<typeof page>().total).toBe(1);

    const small = await admin.get('/api/affiliations?pageSize=25&page=1&sort=name&order=asc');
    expect(small.statusCode).toBe(200);
    const bad = await admin.get('/api/affiliations?pageSize=7');
    expect(bad.statusCode).toBe(400);

    const byEstablishment = await admin.get(`/api/affiliations?establishmentId=${paris.id}`);
    expect(
      byEstablishment.json<typeof page>().items.every((i) => i.establishment.id === paris.id),
    ).toBe(true);
    const byStatus = await admin.get('/api/affiliations?status=abandoned');
    expect(byStatus.statusCode).toBe(200);
    const byDates = await admin.get('/api/affiliations?from=2026-03-02&to=2026-03-02');
    expect(byDates.json<typeof page>().total).toBeGreaterThan(0);
    const before = await admin.get('/api/affiliations?to=2026-03-01');
    expect(before.json<typeof page>().total).toBe(0);
  });

  it('finds a request by the start of any word of the name, accents ignored (issue 14 #18)', async () => {
    const created = await admin.post(
      '/api/affiliations',
      valid({ lastName: 'Ollivier', firstName: 'Maëlle', email: '' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const lastNames = async (q: string) =>
      (await admin.get(`/api/affiliations?pageSize=100&q=${encodeURIComponent(q)}`))
        .json<{ items: { lastName: string }[] }>()
        .items.map((i) => i.lastName);
    expect(await lastNames('Maelle')).toEqual(['Ollivier']);
    expect(await lastNames('maëlle olli')).toEqual(['Ollivier']);
    expect(await lastNames('OLLIVIER')).toEqual(['Ollivier']);
    expect(await lastNames('livier')).toEqual([]);
  });

  it('shows, sorts and filters the request date and the last update apart (issue 14 #24)', async () => {
    type Row = { id: string; createdAt: string; statusChangedAt: string };
    const list = async (query: string) => {
      const res = await admin.get(`/api/affiliations?q=Horodate&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Row[] }>().items;
    };
    // « Early » was asked for first and updated last; « Late » was asked for two days later.
    const create = async (firstName: string, createdAt: string, statusChangedAt: string) => {
      const res = await admin.post(
        '/api/affiliations',
        valid({ lastName: 'Horodate', firstName, email: '' }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<Detail>().id;
      await t.ctx.db
        .updateTable('affiliation_requests')
        .set({ created_at: createdAt, status_changed_at: statusChangedAt })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const earlyId = await create('Early', '2026-02-20T09:00:00.000Z', '2026-02-26T09:00:00.000Z');
    const lateId = await create('Late', '2026-02-22T09:00:00.000Z', '2026-02-22T09:00:00.000Z');

    const rows = await list('sort=created_at&order=desc');
    expect(rows.map((r) => r.id)).toEqual([lateId, earlyId]);
    const [lateRow, earlyRow] = rows;
    expect(earlyRow!.createdAt < lateRow!.createdAt).toBe(true);
    expect(earlyRow!.statusChangedAt > lateRow!.statusChangedAt).toBe(true);
    expect((await list('sort=created_at&order=asc')).map((r) => r.id)).toEqual([earlyId, lateId]);
    expect((await list('sort=status_changed_at&order=desc')).map((r) => r.id)).toEqual([
      earlyId,
      lateId,
    ]);
    // The default: the latest update first.
    expect((await list('')).map((r) => r.id)).toEqual([earlyId, lateId]);
    // « Date de la demande » filters on the request's date, not on its last update.
    expect((await list('from=2026-02-21')).map((r) => r.id)).toEqual([lateId]);
    expect((await list('to=2026-02-21')).map((r) => r.id)).toEqual([earlyId]);

    // A Paris day, not a UTC one: asked for at 00:30 in Paris on 24/02 (23:30 UTC on 23/02).
    const nightId = await create('Night', '2026-02-23T23:30:00.000Z', '2026-02-23T23:30:00.000Z');
    expect((await list('from=2026-02-24&to=2026-02-24')).map((r) => r.id)).toEqual([nightId]);
    expect((await list('from=2026-02-23&to=2026-02-23')).map((r) => r.id)).toEqual([]);
  });

  it('answers 404 for another company’s request and for a regional user outside their establishments', async () => {
    const request = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      contract: contractAll,
      createdBy: adminUser,
    });
    expect((await admin.get(`/api/affiliations/${request.id}`)).statusCode).toBe(200);
    expect((await other.get(`/api/affiliations/${request.id}`)).statusCode).toBe(404);
    expect((await regional.get(`/api/affiliations/${request.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/affiliations/${request.id}/cancel`, {})).statusCode).toBe(404);
    expect((await other.post(`/api/affiliations/${request.id}/reminder`, {})).statusCode).toBe(404);
  });

  it('gives the wizard its establishments and each company’s contracts with their dates', async () => {
    const res = await regional.get('/api/affiliations/options');
    expect(res.statusCode, res.body).toBe(200);
    const options = res.json<AffiliationOptions>();
    expect(options.establishments.map((e) => e.id)).toEqual([paris.id]);
    const contracts = options.establishments[0]!.contracts;
    expect(contracts.map((c) => [c.label, c.staffCategory, c.startDate, c.endDate])).toEqual([
      ['Cadres 2026', 'cadre', '2026-04-01', null],
      ['BASE CCN Ensemble', 'all', '2020-01-01', null],
    ]);
    expect(pickContract(contracts, 'non_cadre', '2026-03-02')?.label).toBe('BASE CCN Ensemble');
    expect(pickContract(contracts, 'cadre', '2026-03-02')?.label).toBe('Cadres 2026');
    expect(options.allowTemporaryNir).toBe(false);
  });

  it('uses the contract the wizard shows for the affiliation date, not today’s (issue 14 #26)', async () => {
    const db = t.ctx.db;
    const renewed = await createCompany(db, { name: 'Renouvellement SA' });
    const site = await createEstablishment(db, renewed, { name: 'Renouvellement Lille' });
    // The cadres' contract ends on 30/06/2026; a contract for everyone follows on 01/07/2026.
    const ending = await createContract(db, renewed, {
      label: 'Cadres jusqu’en juin',
      staffCategory: 'cadre',
      startDate: '2020-01-01',
    });
    await db
      .updateTable('contracts')
      .set({ end_date: '2026-06-30' })
      .where('id', '=', ending.id)
      .execute();
    await createContract(db, renewed, { label: 'Ensemble 2026', startDate: '2026-07-01' });
    const user = await createEmployerUser(db, [{ company: renewed, role: 'admin' }]);
    const employer = browser(t.app, { ip: '192.0.2.13' });
    await signInAs(employer, t.ctx, user);

    const options = (await employer.get('/api/affiliations/options')).json<AffiliationOptions>();
    const contracts = options.establishments[0]!.contracts;
    const shown = pickContract(contracts, 'cadre', '2026-07-15');
    expect(shown?.label).toBe('Ensemble 2026');
    const created = await employer.post(
      '/api/affiliations',
      valid({
        establishmentId: site.id,
        professionalStatus: 'cadre',
        affiliationDate: '2026-07-15',
        email: '',
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<Detail>().contract.label).toBe(shown!.label);
    // On a date the cadres' contract still covers, that one.
    expect(pickContract(contracts, 'cadre', '2026-03-15')?.label).toBe('Cadres jusqu’en juin');
  });
});

describe('recordStatusChange', () => {
  it('moves the status with a history row, and refuses when the request changed meanwhile', async () => {
    const r = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      contract: contractAll,
      createdBy: adminUser,
    });
    const now = t.clock.now();
    await t.ctx.db.transaction().execute((trx) =>
      recordStatusChange(trx, {
        requestId: r.id,
        from: 'sent',
        to: 'started',
        actor: { kind: 'employee' },
        now,
      }),
    );
    // A second writer still believing the request is « sent ».
    const stale = t.ctx.db.transaction().execute((trx) =>
      recordStatusChange(trx, {
        requestId: r.id,
        from: 'sent',
        to: 'abandoned',
        actor: { kind: 'system' },
        now,
      }),
    );
    await expect(stale).rejects.toThrow(AppError);
    await expect(stale).rejects.toMatchObject({ code: 'invalid_transition', statusCode: 409 });
    expect(await loadRequest(t.ctx.db, r.id)).toMatchObject({
      status: 'started',
      status_changed_at: now.toISOString(),
    });
    const history = await findHistory(t.ctx.db, r.id);
    expect(history).toMatchObject([
      { from_status: null, to_status: 'sent', actor_kind: 'employer' },
      { from_status: 'sent', to_status: 'started', actor_kind: 'employee' },
    ]);
  });
});

describe('reminders and cancellation', () => {
  it('sends at most one reminder a day, with a fresh link', async () => {
    const created = await admin.post('/api/affiliations', valid({ email: 'relance@example.com' }));
    const id = created.json<Detail>().id;
    const tooSoon = await admin.post(`/api/affiliations/${id}/reminder`, {});
    expect(tooSoon.statusCode).toBe(409);
    expect(errorOf(tooSoon).code).toBe('reminder_too_soon');
    expect(errorOf(tooSoon).message).toContain('le 03/03/2026 à 10:00');

    const hashBefore = (
      await t.ctx.db
        .selectFrom('affiliation_requests')
        .select('form_token_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).form_token_hash;
    await advance(24 * HOUR);
    const sent = await admin.post(`/api/affiliations/${id}/reminder`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      reminderCount: 1,
      lastReminderAt: t.clock.now().toISOString(),
    });
    const mail = await lastMessageTo(t.ctx, 'relance@example.com', 'email');
    expect(mail?.template).toBe('affiliation_reminder');
    const token = /\/formulaire\/([A-Za-z0-9_-]+)/.exec(mail?.body_text ?? '')?.[1];
    const row = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select(['form_token_hash', 'reminder_count', 'last_reminder_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.form_token_hash).toBe(hashToken(token!));
    expect(row.form_token_hash).not.toBe(hashBefore);

    await advance(23 * HOUR);
    expect((await admin.post(`/api/affiliations/${id}/reminder`, {})).statusCode).toBe(409);
    await advance(HOUR);
    const second = await admin.post(`/api/affiliations/${id}/reminder`, {});
    expect(second.statusCode).toBe(200);
    expect(second.json<{ reminderCount: number }>().reminderCount).toBe(2);
    const detail = (await admin.get(`/api/affiliations/${id}`)).json<Detail>();
    expect(detail.reminderCount).toBe(2);
    const audit = await auditActions(t.ctx, { target: id });
    expect(audit.filter((a) => a === 'affiliations.reminder_sent')).toHaveLength(2);
  });

  it('refuses a reminder in mode courrier or once finalised', async () => {
    const letter = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      contract: contractAll,
      createdBy: adminUser,
      email: null,
    });
    const res = await admin.post(`/api/affiliations/${letter.id}/reminder`, {});
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('reminder_not_possible');
    const finalised = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment: lyon,
      contract: contractAll,
      createdBy: adminUser,
      status: 'finalised',
    });
    const res2 = await admin.post(`/api/affiliations/${finalised.id}/reminder`, {});
    expect(errorOf(res2).code).toBe('reminder_not_possible');
  });

  it('cancels a request: abandoned, reason, link dead; refused once finalised', async () => {
    const request = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment: paris,
      contract: contractAll,
      createdBy: adminUser,
      status: 'started',
    });
    const res = await regional.post(`/api/affiliations/${request.id}/cancel`, {});
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<Detail>();
    expect(detail).toMatchObject({
      status: 'abandoned',
      abandonReason: 'cancelled',
      canCancel: false,
      canRemind: false,
      formExpiresAt: null,
    });
    expect(detail.history.at(-1)).toMatchObject({
      from: 'started',
      to: 'abandoned',
      reason: 'Annulée par l’employeur',
    });
    const row = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select(['form_token_hash', 'form_token_expires_at'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ form_token_hash: null, form_token_expires_at: null });
    const again = await regional.post(`/api/affiliations/${request.id}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');

    for (const status of ['finalised', 'validated'] as const) {
      const r = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
        establishment: lyon,
        contract: contractAll,
        createdBy: adminUser,
        status,
      });
      const refused = await admin.post(`/api/affiliations/${r.id}/cancel`, {});
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused).code).toBe('invalid_transition');
    }
  });

  it('allows a new request once the previous one is abandoned', async () => {
    const nir = freshNir();
    const first = await admin.post('/api/affiliations', valid({ nir }));
    await admin.post(`/api/affiliations/${first.json<Detail>().id}/cancel`, {});
    expect((await admin.post('/api/affiliations', valid({ nir }))).statusCode).toBe(201);
  });
});
