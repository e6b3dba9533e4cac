import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContractFigures,
  type Dashboard,
  type EstablishmentFigures,
} from '@affilia/shared/schemas/members';
import { bumpDataVersion } from '../../lib/data-versions';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
} from '../../../test/factories';

/*
 * The home page's charts with more establishments than slices (domain/chart-figures.ts): company
 * A has ten establishments, « Site 01 » to « Site 10 », with 1 to 10 members covered today, cadres
 * in the even ones; company B one establishment. The home page carries the eight largest and what
 * « Autres établissements » groups; « Afficher le détail » asks for every figure.
 */
describe('the home page’s charts and their detail (/api/dashboard)', () => {
  let t: TestApp;
  let admin: Browser;
  let regional: Browser;
  let other: Browser;
  let companyA: Awaited<ReturnType<typeof createCompany>>;
  const sites: Awaited<ReturnType<typeof createEstablishment>>[] = [];
  let cadre: Awaited<ReturnType<typeof createContract>>;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    companyA = await createCompany(db, { name: 'Alpha Immobilier' });
    const companyB = await createCompany(db, { name: 'Bêta Gestion' });
    cadre = await createContract(db, companyA, {
      label: 'BASE CCN CADRES',
      staffCategory: 'cadre',
    });
    const nonCadre = await createContract(db, companyA, {
      label: 'BASE CCN NON CADRES',
      staffCategory: 'non_cadre',
    });
    let serial = 0;
    for (let site = 1; site <= 10; site++) {
      const establishment = await createEstablishment(db, companyA, {
        name: `Site ${String(site).padStart(2, '0')}`,
      });
      sites.push(establishment);
      for (let n = 0; n < site; n++) {
        serial++;
        await createMember(db, t.ctx.cipher, {
          establishment,
          nir13: `18506750${String(serial).padStart(5, '0')}`,
          lastName: `Salarié ${serial}`,
          professionalStatus: site % 2 === 0 ? 'cadre' : 'non_cadre',
          coverages: [{ contract: site % 2 === 0 ? cadre : nonCadre, effectiveDate: '2024-01-01' }],
        });
      }
    }
    const nantes = await createEstablishment(db, companyB, { name: 'Bêta Nantes' });
    await createMember(db, t.ctx.cipher, {
      establishment: nantes,
      nir13: '1920644123123',
      lastName: 'Dupré',
      coverages: [{ contract: await createContract(db, companyB), effectiveDate: '2024-05-01' }],
    });
    const adminUser = await createEmployerUser(db, [{ company: companyA, role: 'admin' }]);
    // « Site 01 » to « Site 03 »: 6 members, fewer establishments than slices.
    const regionalUser = await createEmployerUser(db, [
      { company: companyA, role: 'user', establishments: sites.slice(0, 3) },
    ]);
    const otherUser = await createEmployerUser(db, [{ company: companyB, role: 'admin' }]);
    admin = browser(t.app, { ip: '198.51.100.11' });
    await signInAs(admin, t.ctx, adminUser);
    regional = browser(t.app, { ip: '198.51.100.12' });
    await signInAs(regional, t.ctx, regionalUser);
    other = browser(t.app, { ip: '198.51.100.13' });
    await signInAs(other, t.ctx, otherUser);
  });
  afterAll(() => t.close());

  const get = async <T>(b: Browser, url: string) => {
    const res = await b.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };

  it('carries the eight largest establishments and what « Autres établissements » groups', async () => {
    for (const url of ['/api/dashboard', `/api/dashboard?companyId=${companyA.id}`]) {
      const dash = await get<Dashboard>(admin, url);
      expect(dash.insuredTotal).toBe(55);
      expect(dash.byEstablishment.map((e) => [e.name, e.count])).toEqual(
        [10, 9, 8, 7, 6, 5, 4, 3].map((n) => [`Site ${String(n).padStart(2, '0')}`, n]),
      );
      expect(dash.otherEstablishments).toEqual({ items: 2, count: 2 + 1 });
      // Two collèges: both shown, nothing grouped.
      expect(dash.byContract).toEqual([
        { label: 'BASE CCN CADRES', count: 2 + 4 + 6 + 8 + 10 },
        { label: 'BASE CCN NON CADRES', count: 1 + 3 + 5 + 7 + 9 },
      ]);
      expect(dash.otherContracts).toEqual({ items: 0, count: 0 });
    }
  });

  it('gives every figure for « Afficher le détail », in the chart’s order, within the perimeter', async () => {
    const every = await get<EstablishmentFigures>(admin, '/api/dashboard/establishments');
    expect(every.items.map((e) => e.count)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(every.items.at(-1)).toEqual({ id: sites[0]!.id, name: 'Site 01', count: 1 });
    const contracts = await get<ContractFigures>(
      admin,
      `/api/dashboard/contracts?companyId=${companyA.id}`,
    );
    expect(contracts.items.map((c) => c.count)).toEqual([30, 25]);

    // A user limited to three establishments: their figures only, nothing grouped.
    const dash = await get<Dashboard>(regional, '/api/dashboard');
    expect(dash.insuredTotal).toBe(6);
    expect(dash.byEstablishment.map((e) => e.count)).toEqual([3, 2, 1]);
    expect(dash.otherEstablishments).toEqual({ items: 0, count: 0 });
    const mine = await get<EstablishmentFigures>(regional, '/api/dashboard/establishments');
    expect(mine.items.map((e) => e.name)).toEqual(['Site 03', 'Site 02', 'Site 01']);
    expect((await get<ContractFigures>(regional, '/api/dashboard/contracts')).items).toEqual([
      { label: 'BASE CCN NON CADRES', count: 4 },
      { label: 'BASE CCN CADRES', count: 2 },
    ]);

    // Another company's figures: only its own; company A's answer 404; no session, 401.
    const theirs = await get<EstablishmentFigures>(other, '/api/dashboard/establishments');
    expect(theirs.items.map((e) => e.name)).toEqual(['Bêta Nantes']);
    for (const chart of ['establishments', 'contracts']) {
      const res = await other.get(`/api/dashboard/${chart}?companyId=${companyA.id}`);
      expect(res.statusCode, res.body).toBe(404);
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/dashboard/${chart}` });
      expect(anonymous.statusCode).toBe(401);
    }
  });

  it('follows the members’ data: a member added counts in the chart and in its detail', async () => {
    const before = await get<Dashboard>(admin, '/api/dashboard');
    expect(before.otherEstablishments).toEqual({ items: 2, count: 3 });
    // Read once, so that the cache holds the detail before the write.
    await get<EstablishmentFigures>(admin, '/api/dashboard/establishments');
    // Written as the imports write (reference-data.service): the members' version bumped.
    await createMember(t.ctx.db, t.ctx.cipher, {
      establishment: sites[0]!,
      nir13: '2850675099999',
      lastName: 'Nouvelle',
      coverages: [{ contract: cadre, effectiveDate: '2024-01-01' }],
    });
    await bumpDataVersion(t.ctx.db, 'members', t.ctx.clock.now());
    const after = await get<Dashboard>(admin, '/api/dashboard');
    expect(after.insuredTotal).toBe(56);
    expect(after.otherEstablishments).toEqual({ items: 2, count: 4 });
    const every = await get<EstablishmentFigures>(admin, '/api/dashboard/establishments');
    expect(every.items.slice(-2).map((e) => [e.name, e.count])).toEqual([
      ['Site 01', 2],
      ['Site 02', 2],
    ]);
  });
});
