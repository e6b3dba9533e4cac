import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, MemberPage } from '@affilia/shared/schemas/members';
import type {
  CompanyDetail,
  CompanyPage,
  ContractDetail,
  ContractPage,
  EstablishmentDetail,
  EstablishmentPage,
  ReferenceMemberDetail,
  ReferenceMemberPage,
} from '@affilia/shared/schemas/reference-data';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { luhnCheckDigit } from '@affilia/shared/validators/siret';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  createStaffUser,
} from '../../../test/factories';
import type { ApiErrorBody } from '../../lib/errors';

const API = '/api/backoffice/reference-data';

/** A valid SIREN not used by the factories. */
function siren(seed: number): string {
  const base = String(90_000_000 + seed).slice(0, 8);
  return base + luhnCheckDigit(base);
}

describe('Back office reference data (/api/backoffice/reference-data)', () => {
  let t: TestApp;
  let staff: Browser;
  let employer: Browser;
  let companyA: Awaited<ReturnType<typeof createCompany>>;
  let companyB: Awaited<ReturnType<typeof createCompany>>;
  let lyon: Awaited<ReturnType<typeof createEstablishment>>;
  let paris: Awaited<ReturnType<typeof createEstablishment>>;
  let contractA: Awaited<ReturnType<typeof createContract>>;
  const members: Record<string, string> = {};

  const audits = (action: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const error = (res: { json: <T>() => T }) => res.json<ApiErrorBody>().error;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    companyA = await createCompany(db, { name: 'Alpha Immobilier' });
    companyB = await createCompany(db, { name: 'Bêta Gestion' });
    for (let i = 0; i < 3; i++) await createCompany(db, { name: `Zeta ${i}` });
    lyon = await createEstablishment(db, companyA, { name: 'Alpha Lyon' });
    paris = await createEstablishment(db, companyA, { name: 'Alpha Paris' });
    const nantes = await createEstablishment(db, companyB, { name: 'Bêta Nantes' });
    contractA = await createContract(db, companyA, { label: 'BASE CCN NC RG' });
    const contractB = await createContract(db, companyB, { label: 'BASE B' });
    const add = async (
      key: string,
      establishment: typeof lyon,
      nir13: string,
      lastName: string,
      contract: { id: string },
    ) => {
      const m = await createMember(db, t.ctx.cipher, {
        establishment,
        nir13,
        lastName,
        firstName: 'Jean',
        coverages: [{ contract, effectiveDate: '2024-01-01' }],
      });
      members[key] = m.id;
    };
    await add('dupont', lyon, '1850675123456', 'Dupont', contractA);
    await add('durand', lyon, '2900513055012', 'Durand', contractA);
    await add('dupuis', paris, '2950433001002', 'Dupuis', contractA);
    await add('dupre', nantes, '1920644123123', 'Dupré', contractB);

    const employerUser = await createEmployerUser(db, [{ company: companyA, role: 'admin' }]);
    staff = browser(t.app, { ip: '192.0.2.61' });
    await signInAs(staff, t.ctx, await createStaffUser(db), 'backoffice');
    employer = browser(t.app);
    await signInAs(employer, t.ctx, employerUser);
  });
  afterAll(() => t.close());

  it('refuses employers (403) before reading the body, and anonymous callers (401)', async () => {
    for (const url of [
      `${API}/companies`,
      `${API}/members`,
      `${API}/companies/${companyA.id}`,
      `${API}/members/${members.dupont}`,
    ]) {
      expect((await employer.get(url)).statusCode).toBe(403);
    }
    expect((await employer.patch(`${API}/companies/${companyA.id}`, { name: '' })).statusCode).toBe(
      403,
    );
    expect((await employer.post(`${API}/companies`, {})).statusCode).toBe(403);
    expect((await browser(t.app).get(`${API}/companies`)).statusCode).toBe(401);
  });

  it('lists companies with search, counts and pages', async () => {
    const all = (await staff.get(`${API}/companies?pageSize=25`)).json<CompanyPage>();
    expect(all.total).toBe(5);
    expect(all.items.map((c) => c.name).slice(0, 2)).toEqual(['Alpha Immobilier', 'Bêta Gestion']);
    expect(all.items[0]).toMatchObject({ establishmentCount: 2, memberCount: 3 });

    const page2 = (await staff.get(`${API}/companies?pageSize=25&page=2`)).json<CompanyPage>();
    expect(page2).toMatchObject({ total: 5, page: 2, items: [] });

    const byName = (await staff.get(`${API}/companies?q=alpha`)).json<CompanyPage>();
    expect(byName.items.map((c) => c.id)).toEqual([companyA.id]);
    const bySiren = (
      await staff.get(`${API}/companies?q=${encodeURIComponent(companyB.siren.slice(0, 6))}`)
    ).json<CompanyPage>();
    expect(bySiren.items.map((c) => c.id)).toContain(companyB.id);
    const byIdentifier = (
      await staff.get(`${API}/companies?q=${companyB.insurer_company_identifier.toLowerCase()}`)
    ).json<CompanyPage>();
    expect(byIdentifier.items.map((c) => c.id)).toEqual([companyB.id]);
    const wildcard = (await staff.get(`${API}/companies?q=%25`)).json<CompanyPage>();
    expect(wildcard.total).toBe(0);
    // Issue 14 #18: the rule of every list — accents ignored, the start of any word.
    const accents = (await staff.get(`${API}/companies?q=beta%20GEST`)).json<CompanyPage>();
    expect(accents.items.map((c) => c.name)).toEqual(['Bêta Gestion']);
    const inside = (await staff.get(`${API}/companies?q=estion`)).json<CompanyPage>();
    expect(inside.total).toBe(0);

    const bad = await staff.get(`${API}/companies?pageSize=7`);
    expect(bad.statusCode).toBe(400);
  });

  it('shows a company with its establishments, contracts and users; 404 for an unknown id', async () => {
    const res = await staff.get(`${API}/companies/${companyA.id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<CompanyDetail>();
    expect(detail.establishments.map((e) => e.name)).toEqual(['Alpha Lyon', 'Alpha Paris']);
    expect(detail.contracts.map((c) => c.label)).toEqual(['BASE CCN NC RG']);
    expect(detail.contracts[0]!.options).toHaveLength(2);
    expect(detail.users).toHaveLength(1);
    expect(detail.users[0]!.role).toBe('admin');
    const missing = await staff.get(`${API}/companies/00000000-0000-4000-8000-000000000000`);
    expect(missing.statusCode).toBe(404);
    expect(error(missing).message).toBe('Entreprise introuvable.');
  });

  it('edits a company (audited with its changes), refuses a bad IDCC and a taken identifier', async () => {
    const res = await staff.patch(`${API}/companies/${companyA.id}`, {
      name: 'Alpha Immobilier Groupe',
      insurerCompanyIdentifier: 'alpha 001',
      ccnName: 'Immobilier',
      idcc: '1527',
      siren: '000000000',
    });
    expect(res.statusCode, res.body).toBe(200);
    const company = res.json<CompanyDetail>();
    expect(company).toMatchObject({
      name: 'Alpha Immobilier Groupe',
      insurerCompanyIdentifier: 'ALPHA001',
      siren: companyA.siren,
    });
    const [line] = await audits('reference.company_updated');
    expect(line).toMatchObject({ actor_kind: 'staff', company_id: companyA.id, ip: '192.0.2.61' });
    expect(JSON.parse(line!.details!)).toEqual({
      changes: {
        name: { from: 'Alpha Immobilier', to: 'Alpha Immobilier Groupe' },
        insurerCompanyIdentifier: { from: companyA.insurer_company_identifier, to: 'ALPHA001' },
      },
    });

    const invalid = await staff.patch(`${API}/companies/${companyA.id}`, {
      name: '',
      insurerCompanyIdentifier: 'ALPHA001',
      idcc: '12345',
    });
    expect(invalid.statusCode).toBe(400);
    expect(error(invalid).fields).toMatchObject({
      name: 'Saisissez la raison sociale',
      idcc: 'L’IDCC comporte 4 chiffres au plus',
    });

    const taken = await staff.patch(`${API}/companies/${companyB.id}`, {
      name: 'Bêta Gestion',
      insurerCompanyIdentifier: 'ALPHA001',
    });
    expect(taken.statusCode).toBe(409);
    expect(error(taken).fields).toEqual({
      insurerCompanyIdentifier: 'Cet identifiant entreprise est déjà utilisé',
    });
    const unknown = await staff.patch(`${API}/companies/00000000-0000-4000-8000-000000000000`, {
      name: 'X',
      insurerCompanyIdentifier: 'X1',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('creates a company: SIREN checked (Luhn) and unique', async () => {
    const res = await staff.post(`${API}/companies`, {
      siren: siren(1).replace(/(\d{3})(?=\d)/g, '$1 '),
      name: 'Gamma Services',
      insurerCompanyIdentifier: 'GAM001',
      ccnName: '',
      idcc: '',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<CompanyDetail>()).toMatchObject({
      siren: siren(1),
      ccnName: null,
      idcc: null,
      establishmentCount: 0,
    });
    expect(await audits('reference.company_created')).toHaveLength(1);

    const bad = await staff.post(`${API}/companies`, {
      siren: '732829321',
      name: 'Delta',
      insurerCompanyIdentifier: 'DEL001',
    });
    expect(bad.statusCode).toBe(400);
    expect(error(bad).fields).toEqual({ siren: 'Ce numéro de SIREN n’est pas valide' });
    // Issue 14 #12: zeros pass Luhn but name no company.
    const zeros = await staff.post(`${API}/companies`, {
      siren: '000 000 000',
      name: 'Zéro',
      insurerCompanyIdentifier: 'ZER001',
    });
    expect(zeros.statusCode).toBe(400);
    expect(error(zeros).fields).toEqual({ siren: 'Ce numéro de SIREN n’est pas valide' });

    const dup = await staff.post(`${API}/companies`, {
      siren: siren(1),
      name: 'Gamma bis',
      insurerCompanyIdentifier: 'GAM002',
    });
    expect(dup.statusCode).toBe(409);
    expect(error(dup).fields).toEqual({ siren: 'Une entreprise existe déjà avec ce SIREN' });
  });

  it('lists establishments (search, company filter, pages), shows and edits one', async () => {
    const all = (await staff.get(`${API}/establishments`)).json<EstablishmentPage>();
    expect(all.total).toBe(3);
    expect(all.items.map((e) => e.name)).toEqual(['Alpha Lyon', 'Alpha Paris', 'Bêta Nantes']);
    const page2 = (await staff.get(`${API}/establishments?page=2`)).json<EstablishmentPage>();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 25, items: [] });
    const ofA = (
      await staff.get(`${API}/establishments?companyId=${companyA.id}&q=alpha%20lyon`)
    ).json<EstablishmentPage>();
    expect(ofA.items.map((e) => e.id)).toEqual([lyon.id]);
    expect(ofA.items[0]!.company.id).toBe(companyA.id);
    const bySiret = (
      await staff.get(`${API}/establishments?q=${lyon.siret}`)
    ).json<EstablishmentPage>();
    expect(bySiret.items.map((e) => e.id)).toEqual([lyon.id]);

    const detail = (
      await staff.get(`${API}/establishments/${lyon.id}`)
    ).json<EstablishmentDetail>();
    expect(detail.memberCount).toBe(2);

    const res = await staff.patch(`${API}/establishments/${lyon.id}`, {
      name: 'Alpha Lyon Part-Dieu',
      addressLine1: '1 place Charles Béraudier',
      addressLine2: '',
      postalCode: '69003',
      city: 'Lyon',
      insurerIdentifier: 'lyon 01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<EstablishmentDetail>()).toMatchObject({
      name: 'Alpha Lyon Part-Dieu',
      addressLine2: null,
      insurerIdentifier: 'LYON01',
    });
    expect(await audits('reference.establishment_updated')).toHaveLength(1);

    const invalid = await staff.patch(`${API}/establishments/${lyon.id}`, {
      name: 'Alpha Lyon',
      postalCode: '690',
      insurerIdentifier: 'LYON01',
    });
    expect(invalid.statusCode).toBe(400);
    expect(error(invalid).fields).toEqual({ postalCode: 'Le code postal comporte 5 chiffres' });
    const taken = await staff.patch(`${API}/establishments/${paris.id}`, {
      name: 'Alpha Paris',
      insurerIdentifier: 'LYON01',
    });
    expect(taken.statusCode).toBe(409);
    expect(error(taken).fields).toEqual({
      insurerIdentifier: 'Ce code identifiant est déjà utilisé',
    });
    expect((await staff.get(`${API}/establishments/nope`)).statusCode).toBe(404);
  });

  it('creates an establishment: SIRET checked (La Poste rule), its SIREN must exist, unique', async () => {
    // La Poste: a SIRET valid by its digit sum, not by Luhn.
    await t.ctx.db
      .insertInto('companies')
      .values({
        id: 'la-poste',
        siren: '356000000',
        name: 'La Poste',
        insurer_company_identifier: 'POSTE',
        ccn_name: null,
        idcc: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const res = await staff.post(`${API}/establishments`, {
      siret: '356 000 000 09075',
      name: 'Bureau de poste',
      insurerIdentifier: 'POSTE-75',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<EstablishmentDetail>()).toMatchObject({
      siret: '35600000009075',
      company: { id: 'la-poste' },
      insurerIdentifier: 'POSTE-75',
    });
    expect(await audits('reference.establishment_created')).toHaveLength(1);

    const bad = await staff.post(`${API}/establishments`, {
      siret: '35600000009090',
      name: 'X',
      insurerIdentifier: 'X1',
    });
    expect(bad.statusCode).toBe(400);
    expect(error(bad).fields).toEqual({ siret: 'Ce numéro de SIRET n’est pas valide' });
    const zeros = await staff.post(`${API}/establishments`, {
      siret: '00000000000000',
      name: 'Zéro',
      insurerIdentifier: 'ZERO1',
    });
    expect(zeros.statusCode).toBe(400);
    expect(error(zeros).fields).toEqual({ siret: 'Ce numéro de SIRET n’est pas valide' });

    const orphanBase = siren(2) + '0001';
    const orphan = await staff.post(`${API}/establishments`, {
      siret: orphanBase + luhnCheckDigit(orphanBase),
      name: 'Sans entreprise',
      insurerIdentifier: 'ORPH1',
    });
    expect(orphan.statusCode).toBe(400);
    expect(error(orphan).fields?.siret).toBe(`Aucune entreprise n’a le SIREN ${siren(2)}`);

    const dup = await staff.post(`${API}/establishments`, {
      siret: paris.siret,
      name: 'Doublon',
      insurerIdentifier: 'DOUBLON1',
    });
    expect(dup.statusCode).toBe(409);
    expect(error(dup).fields).toEqual({ siret: 'Un établissement existe déjà avec ce SIRET' });
  });

  it('lists, shows, edits and creates contracts', async () => {
    const ofA = (await staff.get(`${API}/contracts?companyId=${companyA.id}`)).json<ContractPage>();
    expect(ofA.items.map((c) => c.id)).toEqual([contractA.id]);
    // Each word starts a word of the label: « base cc » is « BASE CCN NC RG », not « BASE B ».
    const byLabel = (await staff.get(`${API}/contracts?q=base%20cc`)).json<ContractPage>();
    expect(byLabel.total).toBe(1);
    const accents = (await staff.get(`${API}/establishments?q=BETA`)).json<EstablishmentPage>();
    expect(accents.items.map((e) => e.name)).toEqual(['Bêta Nantes']);
    const byNumber = (
      await staff.get(`${API}/contracts?q=${contractA.number.toLowerCase()}`)
    ).json<ContractPage>();
    expect(byNumber.items.map((c) => c.id)).toEqual([contractA.id]);
    const all = (await staff.get(`${API}/contracts?pageSize=50`)).json<ContractPage>();
    expect(all).toMatchObject({ total: 2, pageSize: 50 });
    const page2 = (await staff.get(`${API}/contracts?page=2`)).json<ContractPage>();
    expect(page2).toMatchObject({ total: 2, items: [] });
    const detail = (await staff.get(`${API}/contracts/${contractA.id}`)).json<ContractDetail>();
    expect(detail.currentCoverageCount).toBe(3);

    const options = [
      { code: 'base', label: 'Base obligatoire', mandatory: true },
      { code: 'option1', label: 'Option 1 facultative', mandatory: false },
      { code: 'option2', label: 'Option 2 facultative', mandatory: false },
    ];
    const res = await staff.patch(`${API}/contracts/${contractA.id}`, {
      label: 'BASE CCN NC RG Oblig/Options 1 2 Fac',
      staffCategory: 'non_cadre',
      options,
      startDate: '01/01/2020',
      endDate: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ContractDetail>()).toMatchObject({
      staffCategory: 'non_cadre',
      startDate: '2020-01-01',
      endDate: null,
    });
    expect(res.json<ContractDetail>().options).toHaveLength(3);
    expect(await audits('reference.contract_updated')).toHaveLength(1);

    const dates = await staff.patch(`${API}/contracts/${contractA.id}`, {
      label: 'X',
      staffCategory: 'all',
      options,
      startDate: '2024-01-01',
      endDate: '2023-12-31',
    });
    expect(dates.statusCode).toBe(400);
    expect(error(dates).fields).toEqual({
      endDate: 'La date de fin ne peut pas précéder la date de début',
    });
    const inUse = await staff.patch(`${API}/contracts/${contractA.id}`, {
      label: 'X',
      staffCategory: 'all',
      options: [options[1]],
      startDate: '2020-01-01',
    });
    expect(inUse.statusCode).toBe(400);
    expect(error(inUse).fields?.options).toContain('base');

    const created = await staff.post(`${API}/contracts`, {
      number: 'ct-2026-01',
      companyId: companyB.id,
      label: 'SURCO CADRES',
      staffCategory: 'cadre',
      options: [options[0]],
      startDate: '2026-01-01',
      endDate: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<ContractDetail>()).toMatchObject({
      number: 'CT-2026-01',
      company: { id: companyB.id },
      currentCoverageCount: 0,
    });
    const dup = await staff.post(`${API}/contracts`, {
      number: 'CT-2026-01',
      companyId: companyB.id,
      label: 'Autre',
      staffCategory: 'cadre',
      options: [options[0]],
      startDate: '2026-01-01',
    });
    expect(dup.statusCode).toBe(409);
    expect(error(dup).fields).toEqual({ number: 'Un contrat existe déjà avec ce numéro' });
    const noCompany = await staff.post(`${API}/contracts`, {
      number: 'CT-9',
      companyId: 'nope',
      label: 'Autre',
      staffCategory: 'cadre',
      options: [],
      startDate: '2026-01-01',
    });
    expect(noCompany.statusCode).toBe(400);
    expect(error(noCompany).fields).toEqual({ options: 'Ajoutez au moins une option' });
    expect((await staff.get(`${API}/contracts/nope`)).statusCode).toBe(404);
  });

  it('saves the founding-act dispense cases a contract allows, refuses the others', async () => {
    const contract = await createContract(t.ctx.db, companyB, { label: 'DISPENSES' });
    const fields = {
      label: 'DISPENSES',
      staffCategory: 'all',
      options: [{ code: 'base', label: 'Base obligatoire', mandatory: true }],
      startDate: '2020-01-01',
    };
    const url = `${API}/contracts/${contract.id}`;
    expect((await staff.get(url)).json<ContractDetail>().dispenseCases).toEqual([]);
    const saved = await staff.patch(url, {
      ...fields,
      dispenseCases: ['short_fixed_term_no_cover', 'part_time_10_percent'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<ContractDetail>().dispenseCases).toEqual([
      'short_fixed_term_no_cover',
      'part_time_10_percent',
    ]);
    // The cases « de droit » always apply: a contract does not list them.
    for (const refused of [['css'], ['unknown'], 'short_fixed_term_no_cover']) {
      const res = await staff.patch(url, { ...fields, dispenseCases: refused });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(error(res).fields ?? {}).join()).toMatch(/^dispenseCases/);
    }
    // An edit that does not name them keeps them.
    expect((await staff.patch(url, fields)).json<ContractDetail>().dispenseCases).toHaveLength(2);
    const created = await staff.post(`${API}/contracts`, {
      ...fields,
      number: 'CT-DISP-1',
      companyId: companyB.id,
      dispenseCases: ['long_fixed_term_individual_cover'],
    });
    expect(created.json<ContractDetail>().dispenseCases).toEqual([
      'long_fixed_term_individual_cover',
    ]);
  });

  it('lists members of every company by name start or NIR, with filters and pages', async () => {
    const all = (await staff.get(`${API}/members`)).json<ReferenceMemberPage>();
    expect(all.total).toBe(4);
    expect(all.items.map((m) => m.lastName)).toEqual(['Dupont', 'Dupré', 'Dupuis', 'Durand']);
    expect(all.items[1]!.company.id).toBe(companyB.id);

    const dup = (await staff.get(`${API}/members?q=dup&pageSize=25`)).json<ReferenceMemberPage>();
    expect(dup.total).toBe(3);
    const ofA = (
      await staff.get(`${API}/members?q=dup&companyId=${companyA.id}`)
    ).json<ReferenceMemberPage>();
    expect(ofA.items.map((m) => m.lastName)).toEqual(['Dupont', 'Dupuis']);
    const ofParis = (
      await staff.get(`${API}/members?establishmentId=${paris.id}`)
    ).json<ReferenceMemberPage>();
    expect(ofParis.items.map((m) => m.lastName)).toEqual(['Dupuis']);

    const nir = `1 85 06 75 123 456 ${computeNirKey('1850675123456')}`;
    const byNir = (
      await staff.get(`${API}/members?q=${encodeURIComponent(nir)}`)
    ).json<ReferenceMemberPage>();
    expect(byNir.items.map((m) => m.id)).toEqual([members.dupont]);
    expect(byNir.items[0]!.nir).toBe(`1850675123456${computeNirKey('1850675123456')}`);

    const page2 = (
      await staff.get(`${API}/members?pageSize=25&page=2`)
    ).json<ReferenceMemberPage>();
    expect(page2).toMatchObject({ total: 4, items: [] });
  });

  it('shows a member with the NIR and coverages, and edits the identity', async () => {
    const res = await staff.get(`${API}/members/${members.durand}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<ReferenceMemberDetail>();
    expect(detail.nir).toBe(`2900513055012${computeNirKey('2900513055012')}`);
    expect(detail.coverages).toHaveLength(1);
    expect(detail.coverages[0]!.contractOptions.map((o) => o.code)).toContain('option1');
    expect(detail.companyEstablishments.map((e) => e.id).sort()).toEqual(
      [lyon.id, paris.id].sort(),
    );

    const edit = await staff.patch(`${API}/members/${members.durand}`, {
      lastName: 'Durand-Leroy',
      firstName: 'Léa',
      birthDate: '13/05/1990',
      professionalStatus: 'cadre',
      establishmentId: paris.id,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json<ReferenceMemberDetail>()).toMatchObject({
      lastName: 'Durand-Leroy',
      birthDate: '1990-05-13',
      professionalStatus: 'cadre',
      establishment: { id: paris.id },
    });
    const [line] = await audits('reference.member_updated');
    expect(line!.details).not.toContain('2900513055012');
    expect(
      (JSON.parse(line!.details!) as { changes: Record<string, unknown> }).changes.lastName,
    ).toEqual({
      from: 'Durand',
      to: 'Durand-Leroy',
    });
    // The search name follows.
    const found = (await staff.get(`${API}/members?q=durand-l`)).json<ReferenceMemberPage>();
    expect(found.items.map((m) => m.id)).toEqual([members.durand]);

    const invalid = await staff.patch(`${API}/members/${members.durand}`, {
      lastName: '',
      firstName: 'Léa',
      birthDate: '31/02/1990',
      professionalStatus: 'cadre',
      establishmentId: paris.id,
    });
    expect(invalid.statusCode).toBe(400);
    expect(error(invalid).fields).toEqual({
      lastName: 'Saisissez le nom',
      birthDate: 'Cette date n’existe pas',
    });
    // Issue 14 #9: a birth date is in the past, and not 1885.
    for (const [birthDate, message] of [
      ['14/05/2099', 'La date de naissance ne peut pas être dans le futur'],
      ['13/05/1885', 'Cette date de naissance donnerait plus de 120 ans : vérifiez l’année'],
    ]) {
      const impossible = await staff.patch(`${API}/members/${members.durand}`, {
        lastName: 'Durand',
        firstName: 'Léa',
        birthDate,
        professionalStatus: 'cadre',
        establishmentId: paris.id,
      });
      expect(impossible.statusCode).toBe(400);
      expect(error(impossible).fields).toEqual({ birthDate: message });
    }
    const otherCompany = await staff.patch(`${API}/members/${members.durand}`, {
      lastName: 'Durand',
      firstName: 'Léa',
      birthDate: '1990-05-13',
      professionalStatus: 'cadre',
      establishmentId: (await staff.get(`${API}/establishments?q=nantes`)).json<EstablishmentPage>()
        .items[0]!.id,
    });
    expect(otherCompany.statusCode).toBe(400);
    expect(error(otherCompany).fields?.establishmentId).toBeDefined();
    expect((await staff.get(`${API}/members/nope`)).statusCode).toBe(404);
  });

  it('ends a coverage: the employer’s « Mes salariés » shows it at once', async () => {
    // The employer's list is read (and its figures cached) first.
    const before = (await employer.get('/api/members?contractStatus=current')).json<MemberPage>();
    expect(before.items.map((m) => m.id)).toContain(members.dupont);

    const detail = (
      await staff.get(`${API}/members/${members.dupont}`)
    ).json<ReferenceMemberDetail>();
    const coverageId = detail.coverages[0]!.id;
    const res = await staff.patch(`${API}/members/${members.dupont}/coverages/${coverageId}`, {
      optionCode: 'option1',
      endDate: '28/02/2026',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ReferenceMemberDetail>().coverages[0]).toMatchObject({
      optionCode: 'option1',
      endDate: '2026-02-28',
      status: 'ended',
    });
    const [line] = await audits('reference.coverage_updated');
    expect(JSON.parse(line!.details!)).toMatchObject({
      memberId: members.dupont,
      changes: { endDate: { from: null, to: '2026-02-28' } },
    });

    const current = (await employer.get('/api/members?contractStatus=current')).json<MemberPage>();
    expect(current.items.map((m) => m.id)).not.toContain(members.dupont);
    expect(current.total).toBe(before.total - 1);
    const ended = (await employer.get('/api/members?contractStatus=ended')).json<MemberPage>();
    const row = ended.items.find((m) => m.id === members.dupont);
    expect(row?.contract).toMatchObject({ endDate: '2026-02-28', status: 'ended' });

    const early = await staff.patch(`${API}/members/${members.dupont}/coverages/${coverageId}`, {
      optionCode: 'base',
      endDate: '2023-12-31',
    });
    expect(early.statusCode).toBe(400);
    expect(error(early).fields).toEqual({
      endDate: 'La date de fin ne peut pas précéder la date d’effet',
    });
    const badOption = await staff.patch(
      `${API}/members/${members.dupont}/coverages/${coverageId}`,
      { optionCode: 'gold', endDate: null },
    );
    expect(badOption.statusCode).toBe(400);
    expect(error(badOption).fields).toEqual({ optionCode: 'Choisissez une option du contrat' });
    // Another member's coverage: 404.
    const other = await staff.patch(`${API}/members/${members.dupuis}/coverages/${coverageId}`, {
      optionCode: 'base',
      endDate: null,
    });
    expect(other.statusCode).toBe(404);
  });
  it('shows each edit in « Mes salariés » and the home page at once, cached by data version (issue 15)', async () => {
    const row = async () => {
      const page = (await employer.get('/api/members?q=Durand')).json<MemberPage>();
      return page.items[0]!;
    };
    const companyNames = async () =>
      (await employer.get('/api/dashboard')).json<Dashboard>().companies.map((c) => c.name);
    // Read once: the page and the home page's companies are cached.
    const { establishment } = await row();
    expect(await companyNames()).toHaveLength(1);
    const company = (await staff.get(`${API}/companies/${companyA.id}`)).json<CompanyDetail>();
    const companyRenamed = await staff.patch(`${API}/companies/${companyA.id}`, {
      name: 'Alpha Renommée',
      insurerCompanyIdentifier: company.insurerCompanyIdentifier,
      ccnName: company.ccnName,
      idcc: company.idcc,
    });
    expect(companyRenamed.statusCode, companyRenamed.body).toBe(200);
    expect(await companyNames()).toEqual(['Alpha Renommée']);
    const e = (
      await staff.get(`${API}/establishments/${establishment.id}`)
    ).json<EstablishmentDetail>();
    const renamed = await staff.patch(`${API}/establishments/${establishment.id}`, {
      name: 'Établissement renommé',
      addressLine1: e.addressLine1,
      addressLine2: e.addressLine2,
      postalCode: e.postalCode,
      city: e.city,
      insurerIdentifier: e.insurerIdentifier,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await row()).establishment.name).toBe('Établissement renommé');
    const m = (await staff.get(`${API}/members/${members.durand}`)).json<ReferenceMemberDetail>();
    const edited = await staff.patch(`${API}/members/${members.durand}`, {
      lastName: 'Durand-Petit',
      firstName: m.firstName,
      birthDate: m.birthDate,
      professionalStatus: m.professionalStatus,
      establishmentId: establishment.id,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await row()).lastName).toBe('Durand-Petit');
  });
});
