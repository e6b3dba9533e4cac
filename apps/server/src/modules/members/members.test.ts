import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dashboard,
  type MemberDetail,
  type MemberPage,
} from '@affilia/shared/schemas/members';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import {
  createAffiliationRequest,
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
} from '../../../test/factories';

/*
 * A known set (today is 2026-03-02 on the test clock):
 *   company A — Lyon: DUPONT Jean (cadre, current), DURAND Léa (non cadre, current),
 *                     MARTIN Paul (non cadre, ended 2025-12-31)
 *               Paris: DUPUIS Anne (non cadre, upcoming 2026-04-01), BERNARD Zoé (cadre, current)
 *   company B — Nantes: DUPRE Marc (non cadre, current)   (another company: never seen by A)
 */
describe('Mes salariés (/api/members) and the home page’s figures', () => {
  let t: TestApp;
  let admin: Browser;
  let regional: Browser;
  let other: Browser;
  const ids: Record<string, string> = {};
  let companyA: Awaited<ReturnType<typeof createCompany>>;
  let lyon: Awaited<ReturnType<typeof createEstablishment>>;
  let paris: Awaited<ReturnType<typeof createEstablishment>>;
  let cadre: Awaited<ReturnType<typeof createContract>>;
  let nonCadre: Awaited<ReturnType<typeof createContract>>;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    companyA = await createCompany(db, { name: 'Alpha Immobilier' });
    const companyB = await createCompany(db, { name: 'Bêta Gestion' });
    lyon = await createEstablishment(db, companyA, { name: 'Alpha Lyon' });
    paris = await createEstablishment(db, companyA, { name: 'Alpha Paris' });
    const nantes = await createEstablishment(db, companyB, { name: 'Bêta Nantes' });
    cadre = await createContract(db, companyA, {
      label: 'BASE CCN CADRES',
      staffCategory: 'cadre',
    });
    nonCadre = await createContract(db, companyA, {
      label: 'BASE CCN NC RG Oblig/Options 1 2 3 4 Fac',
      staffCategory: 'non_cadre',
    });
    const contractB = await createContract(db, companyB, { label: 'BASE B' });
    const add = async (
      key: string,
      establishment: typeof lyon,
      nir13: string,
      lastName: string,
      firstName: string,
      status: 'cadre' | 'non_cadre',
      contract: { id: string },
      effectiveDate: string,
      endDate: string | null = null,
    ) => {
      const m = await createMember(db, t.ctx.cipher, {
        establishment,
        nir13,
        lastName,
        firstName,
        professionalStatus: status,
        coverages: [{ contract, effectiveDate, endDate }],
      });
      ids[key] = m.id;
    };
    await add('dupont', lyon, '1850675123456', 'Dupont', 'Jean', 'cadre', cadre, '2024-01-01');
    await add(
      'durand',
      lyon,
      '2900513055012',
      'Durand',
      'Léa',
      'non_cadre',
      nonCadre,
      '2025-02-01',
    );
    await add(
      'martin',
      lyon,
      '1781169123001',
      'Martin',
      'Paul',
      'non_cadre',
      nonCadre,
      '2023-01-01',
      '2025-12-31',
    );
    await add(
      'dupuis',
      paris,
      '2950433001002',
      'Dupuis',
      'Anne',
      'non_cadre',
      nonCadre,
      '2026-04-01',
    );
    await add('bernard', paris, '2880375111222', 'Bernard', 'Zoé', 'cadre', cadre, '2022-09-01');
    await add(
      'dupre',
      nantes,
      '1920644123123',
      'Dupré',
      'Marc',
      'non_cadre',
      contractB,
      '2024-05-01',
    );

    const adminUser = await createEmployerUser(db, [{ company: companyA, role: 'admin' }]);
    const regionalUser = await createEmployerUser(db, [
      { company: companyA, role: 'user', establishments: [paris] },
    ]);
    const otherUser = await createEmployerUser(db, [{ company: companyB, role: 'admin' }]);
    // A request waiting for the employee and one finalised, for the pending actions.
    for (const status of ['sent', 'finalised'] as const) {
      await createAffiliationRequest(db, t.ctx.cipher, {
        establishment: lyon,
        contract: nonCadre,
        createdBy: adminUser,
        status,
        lastName: 'Nouveau',
        firstName: 'Sam',
      });
    }
    admin = browser(t.app, { ip: '198.51.100.1' });
    await signInAs(admin, t.ctx, adminUser);
    regional = browser(t.app, { ip: '198.51.100.2' });
    await signInAs(regional, t.ctx, regionalUser);
    other = browser(t.app, { ip: '198.51.100.3' });
    await signInAs(other, t.ctx, otherUser);
  });
  afterAll(() => t.close());

  const names = async (b: Browser, query = '') => {
    const res = await b.get(`/api/members${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MemberPage>().items.map((m) => m.lastName);
  };

  it('lists the perimeter sorted by name, with the latest coverage and its status', async () => {
    const res = await admin.get('/api/members');
    const page = res.json<MemberPage>();
    expect(page.total).toBe(5);
    expect(page.items.map((m) => m.lastName)).toEqual([
      'Bernard',
      'Dupont',
      'Dupuis',
      'Durand',
      'Martin',
    ]);
    const dupont = page.items[1];
    expect(dupont).toMatchObject({
      firstName: 'Jean',
      nir: '1850675123456' + computeNirKey('1850675123456'),
      professionalStatus: 'cadre',
      establishment: { id: lyon.id, name: 'Alpha Lyon', siret: lyon.siret },
      contract: { id: cadre.id, effectiveDate: '2024-01-01', endDate: null, status: 'current' },
    });
  });

  it('applies each filter and their combinations', async () => {
    expect(await names(admin, 'professionalStatus=non_cadre')).toEqual([
      'Dupuis',
      'Durand',
      'Martin',
    ]);
    expect(await names(admin, `establishmentId=${paris.id}`)).toEqual(['Bernard', 'Dupuis']);
    expect(await names(admin, `professionalStatus=non_cadre&establishmentId=${lyon.id}`)).toEqual([
      'Durand',
      'Martin',
    ]);
    expect(await names(admin, 'contractStatus=current')).toEqual(['Bernard', 'Dupont', 'Durand']);
    expect(await names(admin, 'contractStatus=upcoming')).toEqual(['Dupuis']);
    expect(await names(admin, 'contractStatus=ended')).toEqual(['Martin']);
    expect(await names(admin, `contractId=${cadre.id}`)).toEqual(['Bernard', 'Dupont']);
    expect(
      await names(
        admin,
        `contractId=${nonCadre.id}&contractStatus=current&professionalStatus=non_cadre`,
      ),
    ).toEqual(['Durand']);
    // SIREN and SIRET as pasted, with spaces.
    const spacedSiret = `${lyon.siret.slice(0, 3)} ${lyon.siret.slice(3, 6)} ${lyon.siret.slice(6, 9)} ${lyon.siret.slice(9)}`;
    expect(await names(admin, `siret=${encodeURIComponent(spacedSiret)}`)).toEqual([
      'Dupont',
      'Durand',
      'Martin',
    ]);
    expect(await names(admin, `siren=${companyA.siren}`)).toHaveLength(5);
    expect(await names(admin, 'siren=123456789')).toEqual([]);
    // « Assuré »: the start of a name, accents and case ignored; or a NIR with or without key.
    expect(await names(admin, 'q=dup')).toEqual(['Dupont', 'Dupuis']);
    expect(await names(admin, `q=${encodeURIComponent('DURAND lé')}`)).toEqual(['Durand']);
    const nir = `2 90 05 13 055 012 ${computeNirKey('2900513055012')}`;
    expect(await names(admin, `q=${encodeURIComponent(nir)}`)).toEqual(['Durand']);
    expect(await names(admin, 'q=2900513055012')).toEqual(['Durand']);
    expect(await names(admin, 'q=2900513055099')).toEqual([]);
  });

  it('finds a member by the start of any word of the name, accents ignored (issue 14 #18)', async () => {
    // A first name as well as a last name: « Zoé » for zoe, « Léa » for LEA.
    expect(await names(admin, 'q=zoe')).toEqual(['Bernard']);
    expect(await names(admin, 'q=Lea')).toEqual(['Durand']);
    expect(await names(admin, `q=${encodeURIComponent('léa durand')}`)).toEqual(['Durand']);
    expect(await names(admin, 'q=dupre')).toEqual([]);
    expect(await names(admin, 'q=pont')).toEqual([]);
    // Punctuation separates words, as in the names: « d% » is « d », never an SQL pattern.
    expect(await names(admin, `q=${encodeURIComponent('%a')}`)).toEqual(['Dupuis']);
  });

  it('sorts by date d’effet, date de fin and establishment, both ways, and pages', async () => {
    expect(await names(admin, 'sort=effective_date&order=desc')).toEqual([
      'Dupuis',
      'Durand',
      'Dupont',
      'Martin',
      'Bernard',
    ]);
    expect(await names(admin, 'sort=effective_date')).toEqual([
      'Bernard',
      'Martin',
      'Dupont',
      'Durand',
      'Dupuis',
    ]);
    expect((await names(admin, 'sort=establishment')).slice(0, 3)).toEqual([
      'Dupont',
      'Durand',
      'Martin',
    ]);
    const p1 = (await admin.get('/api/members?pageSize=25&page=1')).json<MemberPage>();
    expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 25 });
    const beyond = (await admin.get('/api/members?page=3&pageSize=25')).json<MemberPage>();
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(5);
    expect((await admin.get('/api/members?pageSize=30')).statusCode).toBe(400);
  });

  it('never shows a member outside the perimeter: list, counts, detail, export', async () => {
    // A regional user follows only Paris.
    expect(await names(regional)).toEqual(['Bernard', 'Dupuis']);
    expect((await regional.get(`/api/members/${ids.dupont}`)).statusCode).toBe(404);
    expect((await regional.get(`/api/members/${ids.bernard}`)).statusCode).toBe(200);
    expect(await names(regional, `establishmentId=${lyon.id}`)).toEqual([]);
    const csv = (await regional.get('/api/members/export?format=csv')).body;
    expect(csv).toContain('BERNARD'.charAt(0) + 'ernard');
    expect(csv).not.toContain('Dupont');
    // Another company sees none of them, even by a direct URL.
    expect(await names(other)).toEqual(['Dupré']);
    expect((await other.get(`/api/members/${ids.dupont}`)).statusCode).toBe(404);
    expect((await other.get(`/api/dashboard?companyId=${companyA.id}`)).statusCode).toBe(404);
    const dash = (await other.get('/api/dashboard')).json<Dashboard>();
    expect(dash.insuredTotal).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/members' })).statusCode).toBe(401);
  });

  it('shows a member’s detail with coverages and requests', async () => {
    const res = await admin.get(`/api/members/${ids.martin}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<MemberDetail>();
    expect(detail).toMatchObject({
      lastName: 'Martin',
      birthDate: '1985-06-15',
      company: { name: 'Alpha Immobilier' },
      establishment: { name: 'Alpha Lyon' },
      coverages: [
        {
          contract: { id: nonCadre.id },
          optionLabel: 'Base obligatoire',
          effectiveDate: '2023-01-01',
          endDate: '2025-12-31',
          status: 'ended',
        },
      ],
      affiliationRequests: [],
    });
  });

  it('exports the filtered list as CSV for French Excel (BOM, ;) and as XLSX', async () => {
    const res = await admin.get('/api/members/export?format=csv&professionalStatus=cadre');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="salaries-.*\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Société;SIREN;Établissement;SIRET;Nom;Prénom;NIR;Statut professionnel;Contrat;Numéro de contrat;Date d’effet;Date de fin;Statut du contrat',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(
      `Dupont;Jean;1 85 06 75 123 456 ${computeNirKey('1850675123456')};Cadre;BASE CCN CADRES`,
    );
    expect(lines[2]).toContain(';01/01/2024;;en cours');

    const xlsx = await admin.get('/api/members/export?format=xlsx&contractStatus=current');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Salariés');
    expect(sheet?.rowCount).toBe(4);
    expect(sheet?.getRow(2).getCell(5).value).toBe('Bernard');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'members.exported')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the home page’s figures for « Toutes » and for one company', async () => {
    const res = await admin.get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    const dash = res.json<Dashboard>();
    expect(dash.insuredTotal).toBe(3);
    expect(dash.byEstablishment).toEqual([
      { id: lyon.id, name: 'Alpha Lyon', count: 2 },
      { id: paris.id, name: 'Alpha Paris', count: 1 },
    ]);
    expect(dash.byContract).toEqual([
      { label: 'BASE CCN CADRES', count: 2 },
      { label: 'BASE CCN NC RG Oblig/Options 1 2 3 4 Fac', count: 1 },
    ]);
    expect(dash.pending).toEqual({
      waitingForEmployee: 1,
      waitingForInsurer: 1,
      unreadReplies: 0,
      portabilityEndingSoon: 0,
      radiationsReturned: 0,
      radiationsWaitingForInsurer: 0,
      changesWaitingForInsurer: 0,
      changesReturned: 0,
      dispensesExpired: 0,
      dispensesToRenew: 0,
    });
    const one = (await admin.get(`/api/dashboard?companyId=${companyA.id}`)).json<Dashboard>();
    expect(one.insuredTotal).toBe(3);
    const regionalDash = (await regional.get('/api/dashboard')).json<Dashboard>();
    expect(regionalDash.insuredTotal).toBe(1);
    expect(regionalDash.pending.waitingForEmployee).toBe(0);
  });

  it('counts on the home page the members « Mes salariés » lists as covered today (issue 14 #23)', async () => {
    const total = async (b: Browser, query: string) => {
      const res = await b.get(`/api/members?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<MemberPage>().total;
    };
    for (const b of [admin, regional]) {
      const dash = (await b.get('/api/dashboard')).json<Dashboard>();
      // « Salariés couverts aujourd’hui » is « Statut du contrat : En cours » of the list…
      expect(await total(b, 'contractStatus=current')).toBe(dash.insuredTotal);
      for (const e of dash.byEstablishment) {
        expect(await total(b, `contractStatus=current&establishmentId=${e.id}`)).toBe(e.count);
      }
    }
    // … while the whole list also counts coverages to come and ended ones.
    expect(await total(admin, 'pageSize=25')).toBe(5);
    // One company: the home page links to the list filtered by its SIREN.
    const dash = (await admin.get(`/api/dashboard?companyId=${companyA.id}`)).json<Dashboard>();
    expect(dash.companies).toEqual([
      { id: companyA.id, name: 'Alpha Immobilier', siren: companyA.siren },
    ]);
    expect(await total(admin, `contractStatus=current&siren=${companyA.siren}`)).toBe(
      dash.insuredTotal,
    );
  });
});
