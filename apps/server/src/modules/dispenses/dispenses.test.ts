import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DISPENSE_REGISTER_STATES,
  dispenseRegisterState,
  type DispenseStatus,
} from '@affilia/shared/domain/dispense';
import type {
  DispenseDetail,
  DispenseList,
  DispensePreAffiliation,
} from '@affilia/shared/schemas/dispenses';
import type { Dashboard } from '@affilia/shared/schemas/members';
import { computeNirKey } from '@affilia/shared/validators/nir';
import {
  createAffiliationRequest,
  createDispense,
  createEstablishment,
} from '../../../test/factories';
import { createDispenseWithFiles, createRenewal, PDF_BYTES } from '../../../test/dispense-factory';
import { employerWorld, type EmployerWorld } from '../../../test/employer-world';
import { auditActions, errorOf, useTestApp, type Browser } from '../../../test/helper';
import { postMultipart } from '../../../test/multipart';
import { readZip } from '../../../test/zip';
import { loadRequest } from '../affiliations/affiliations.repository';
import { listDispenseFiles } from './dispenses.repository';
import { ARCHIVE_MAX_DISPENSES } from './dispenses.service';

const t = useTestApp();
let w: EmployerWorld;
let n = 0;

/** A fresh request « Envoyé à l'employé » of this establishment (Lyon by default). */
async function newRequest(over: { lastName?: string; nir13?: string; lyon?: boolean } = {}) {
  n += 1;
  return createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
    establishment: over.lyon === false ? w.paris : w.lyon,
    contract: w.contract,
    createdBy: w.adminUser,
    lastName: over.lastName ?? `Dispensé${String(n).padStart(3, '0')}`,
    nir13: over.nir13 ?? `1850675${String(200_000 + n)}`,
  });
}

async function dispenseOf(
  over: {
    status?: DispenseStatus;
    endDate?: string | null;
    renewalDueDate?: string | null;
    lastName?: string;
    caseCode?: Parameters<typeof createDispenseWithFiles>[1]['caseCode'];
    lyon?: boolean;
  } = {},
) {
  const request = await newRequest(over);
  return createDispenseWithFiles(t.ctx, { requestId: request.id, userId: w.adminUser.id, ...over });
}

const list = async (b: Browser, query = '') => {
  const res = await b.get(`/api/dispenses?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DispenseList>();
};

/** A multipart POST of a paper dispense from this browser. */
function postPaper(
  b: Browser,
  requestId: string,
  fields: Record<string, string>,
  files: { field: string; name: string; bytes: Buffer }[],
) {
  return postMultipart(b, `/api/affiliations/${requestId}/dispense`, fields, files);
}

beforeAll(async () => {
  // Today is 2026-03-02 (the test clock); « À renouveler » up to 2026-04-01.
  w = await employerWorld(t, { name: 'Dispenses', ip: 40, restrictedTo: 'paris' });
});

describe('the register « Dispenses »', () => {
  it('computes each state in SQL by the same rule as dispenseRegisterState (day boundaries)', async () => {
    const cases: { status: DispenseStatus; endDate?: string; renewalDueDate?: string }[] = [
      { status: 'requested' },
      { status: 'refused' },
      { status: 'cancelled' },
      { status: 'ended' },
      { status: 'expired' },
      { status: 'validated' },
      { status: 'validated', endDate: '2026-12-31' },
      { status: 'validated', endDate: '2026-04-02' },
      { status: 'validated', endDate: '2026-04-01' },
      { status: 'validated', endDate: '2026-03-02' },
      { status: 'validated', endDate: '2026-03-01' },
      { status: 'validated', renewalDueDate: '2026-04-02' },
      { status: 'validated', renewalDueDate: '2026-04-01' },
      { status: 'validated', renewalDueDate: '2026-03-03' },
      { status: 'validated', renewalDueDate: '2026-03-02' },
      { status: 'validated', endDate: '2027-01-31', renewalDueDate: '2026-03-20' },
    ];
    const created: string[] = [];
    for (const c of cases)
      created.push(
        (
          await dispenseOf({
            status: c.status,
            endDate: c.endDate ?? null,
            renewalDueDate: c.renewalDueDate ?? null,
          })
        ).id,
      );
    const all = (await list(w.admin, `establishmentId=${w.lyon.id}`)).items.filter((r) =>
      created.includes(r.id),
    );
    expect(all).toHaveLength(cases.length);
    for (const row of all)
      expect(row.state).toBe(
        dispenseRegisterState(
          { status: row.status, endDate: row.endDate, renewalDueDate: row.renewalDueDate },
          '2026-03-02',
        ),
      );
    const seen = new Set<string>();
    for (const state of DISPENSE_REGISTER_STATES) {
      const filtered = (await list(w.admin, `state=${state}`)).items.filter((r) =>
        created.includes(r.id),
      );
      expect(filtered.map((r) => r.id).sort(), state).toEqual(
        all
          .filter((r) => r.state === state)
          .map((r) => r.id)
          .sort(),
      );
      if (filtered.length > 0) seen.add(state);
    }
    expect([...seen].sort()).toEqual([...DISPENSE_REGISTER_STATES].sort());
    const byEnd = all.find((r) => r.endDate === '2026-04-01');
    expect(byEnd?.state).toBe('renewal_due');
    expect(all.find((r) => r.endDate === '2026-04-02')?.state).toBe('valid');
    expect(all.find((r) => r.endDate === '2026-03-02')?.state).toBe('renewal_due');
    expect(all.find((r) => r.endDate === '2026-03-01')?.state).toBe('expired');
    expect(all.find((r) => r.renewalDueDate === '2026-03-02')?.state).toBe('expired');
  });

  it('shows one line per request: the dispense in force, not its pending renewal nor the one it renewed', async () => {
    const inForce = await dispenseOf({
      status: 'validated',
      renewalDueDate: '2026-03-20',
      lastName: 'Renouvelle',
    });
    const pending = await createRenewal(t.ctx, inForce, {
      status: 'requested',
      createdAt: '2026-03-02T10:00:00.000Z',
    });
    const old = await dispenseOf({ status: 'renewed', lastName: 'Renouvelee' });
    const renewal = await createRenewal(t.ctx, old, {
      status: 'validated',
      createdAt: '2026-03-02T11:00:00.000Z',
      renewalDueDate: '2027-02-01',
    });
    const rows = (await list(w.admin, 'q=renouvel')).items;
    expect(rows.map((r) => r.id).sort()).toEqual([inForce.id, renewal.id].sort());
    expect(rows.map((r) => r.id)).not.toContain(pending.id);
    // The renewal waiting for the insurer shows on the line of the dispense in force.
    expect(rows.find((r) => r.id === inForce.id)?.renewalRequested).toBe(true);
    expect(rows.find((r) => r.id === renewal.id)?.renewalRequested).toBe(false);
    const detail = (await w.admin.get(`/api/dispenses/${inForce.id}`)).json<DispenseDetail>();
    expect(detail.history.map((h) => h.id)).toEqual([pending.id, inForce.id]);
    expect(detail.history[0]?.isRenewal).toBe(true);
  });

  it('filters by case, establishment, company, name, NIR and deadline, and sorts', async () => {
    const a = await dispenseOf({
      status: 'validated',
      endDate: '2026-06-30',
      caseCode: 'individual_cover',
      lastName: 'Filtre-Alpha',
    });
    const b = await dispenseOf({
      status: 'validated',
      renewalDueDate: '2026-09-01',
      lastName: 'Filtre-Beta',
      lyon: false,
    });
    const ids = async (q: string) =>
      (await list(w.admin, q)).items.map((r) => r.id).filter((id) => [a.id, b.id].includes(id));
    expect(await ids('caseCode=individual_cover')).toEqual([a.id]);
    expect(await ids(`establishmentId=${w.paris.id}`)).toEqual([b.id]);
    expect(await ids(`siren=${w.company.siren}`)).toEqual([a.id, b.id]);
    expect(await ids(`siren=${w.otherCompany.siren}`)).toEqual([]);
    expect(await ids('q=filtre')).toEqual([a.id, b.id]);
    expect(await ids('q=beta')).toEqual([b.id]);
    const request = await loadRequest(t.ctx.db, b.requestId);
    const nir = t.ctx.cipher.decrypt(request.nir_encrypted);
    expect(await ids(`q=${nir}${computeNirKey(nir)}`)).toEqual([b.id]);
    expect(await ids('deadlineBefore=2026-07-01')).toEqual([a.id]);
    expect(await ids('deadlineBefore=2026-09-01')).toEqual([a.id, b.id]);
    expect(await ids('q=filtre&sort=name&order=desc')).toEqual([b.id, a.id]);
    expect(await ids('q=filtre&sort=end_date&order=asc')).toEqual([a.id, b.id]);
    const page = await list(w.admin, 'q=filtre');
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({
      lastName: 'Filtre-Alpha',
      caseCode: 'individual_cover',
      origin: 'paper',
      proofName: 'attestation.pdf',
      state: 'valid',
      establishment: { id: w.lyon.id },
      company: { id: w.company.id },
    });
  });

  it('keeps to the perimeter: another establishment’s dispenses, detail, files and pre-affiliation are not found', async () => {
    const lyon = await dispenseOf({ status: 'expired', endDate: '2026-02-15' });
    const paris = await dispenseOf({ status: 'validated', lyon: false });
    const restricted = (await list(w.restricted)).items.map((r) => r.id);
    expect(restricted).toContain(paris.id);
    expect(restricted).not.toContain(lyon.id);
    expect((await list(w.other)).items).toEqual([]);
    const [file] = await listDispenseFiles(t.ctx.db, lyon.id);
    for (const url of [
      `/api/dispenses/${lyon.id}`,
      `/api/dispenses/${lyon.id}/files/${file!.id}`,
      `/api/dispenses/${lyon.id}/pre-affiliation`,
    ]) {
      expect((await w.restricted.get(url)).statusCode, url).toBe(404);
      expect((await w.other.get(url)).statusCode, url).toBe(404);
    }
    const csv = (await w.restricted.get('/api/dispenses/export?format=csv')).body;
    expect(csv).not.toContain((await loadRequest(t.ctx.db, lyon.requestId)).last_name);
  });
});

describe('a dispense', () => {
  it('gives its detail and files; another dispense’s file is not found', async () => {
    const one = await dispenseOf({ status: 'validated', endDate: '2026-10-31' });
    const two = await dispenseOf();
    const res = await w.admin.get(`/api/dispenses/${one.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<DispenseDetail>();
    expect(detail.files.map((f) => [f.kind, f.originalName]).sort()).toEqual([
      ['proof', 'attestation.pdf'],
      ['signed_request', 'demande-signee.pdf'],
    ]);
    const proofFile = detail.files.find((f) => f.kind === 'proof')!;
    expect(detail.swornStatement).toContain('Je certifie sur l’honneur');
    expect(detail.otherPlanType).toBe('public_service');
    const file = await w.admin.get(`/api/dispenses/${one.id}/files/${proofFile.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.rawPayload.equals(PDF_BYTES)).toBe(true);
    const [otherFile] = await listDispenseFiles(t.ctx.db, two.id);
    expect((await w.admin.get(`/api/dispenses/${one.id}/files/${otherFile!.id}`)).statusCode).toBe(
      404,
    );
  });

  it('gives the pré-affiliation of an expired dispense from the day after its end; 409 otherwise', async () => {
    const ended = await dispenseOf({ status: 'expired', endDate: '2026-02-15' });
    const res = await w.admin.get(`/api/dispenses/${ended.id}/pre-affiliation`);
    expect(res.statusCode, res.body).toBe(200);
    const request = await loadRequest(t.ctx.db, ended.requestId);
    const nir13 = t.ctx.cipher.decrypt(request.nir_encrypted);
    expect(res.json<DispensePreAffiliation>()).toMatchObject({
      establishmentId: w.lyon.id,
      lastName: request.last_name,
      nir: nir13 + computeNirKey(nir13),
      affiliationDate: '2026-02-16',
      hireDate: request.hire_date,
    });
    const due = await dispenseOf({ status: 'validated', renewalDueDate: '2026-03-01' });
    const dueRes = await w.admin.get(`/api/dispenses/${due.id}/pre-affiliation`);
    expect(dueRes.json<DispensePreAffiliation>().affiliationDate).toBe('2026-03-01');
    const valid = await dispenseOf({ status: 'validated' });
    const refused = await w.admin.get(`/api/dispenses/${valid.id}/pre-affiliation`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('dispense_not_expired');
  });
});

describe('the export and the audit zip', () => {
  it('exports the filtered register as CSV (French headers, no NIR) and XLSX, audited', async () => {
    await dispenseOf({
      status: 'validated',
      endDate: '2026-11-30',
      caseCode: 'css',
      lastName: 'Export-Css',
    });
    const res = await w.admin.get('/api/dispenses/export?format=csv&q=export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Nom;Prénom;Date de naissance;Entreprise;Établissement;SIRET;Cas de dispense;Fondement;Justificatif;Date d’effet;Fin de la justification;Renouvellement dû le;État;Origine;Signée le',
    );
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split(';');
    expect(cells.slice(0, 3)).toEqual(['Export-Css', 'Camille', '15/06/1985']);
    expect(cells.slice(6)).toEqual([
      'Complémentaire santé solidaire',
      'CSS art. D911-2, 1°',
      'attestation.pdf',
      '01/02/2026',
      '30/11/2026',
      '',
      'Dispensé',
      'Papier',
      '10/01/2026',
    ]);
    const xlsx = await w.admin.get('/api/dispenses/export?format=xlsx&q=export');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Dispenses')?.getRow(2).getCell(1).value).toBe('Export-Css');
    expect(await auditActions(t.ctx, { actor: w.adminUser.id })).toContain('dispenses.exported');
  });

  it('zips the signed requests and proofs, one folder per employee, with the register at the root', async () => {
    await dispenseOf({ status: 'validated', lastName: 'Zip-Un' });
    await dispenseOf({
      status: 'requested',
      lastName: 'Zip-Deux',
      caseCode: 'css',
      endDate: '2026-12-31',
    });
    const res = await w.admin.get('/api/dispenses/archive.zip?q=zip');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = readZip(res.rawPayload);
    expect(entries.map((e) => e.name)).toEqual([
      'registre-des-dispenses-2026-03-02.csv',
      'ZIP-DEUX Camille – Complémentaire santé solidaire/Demande signée - demande-signee.pdf',
      'ZIP-DEUX Camille – Complémentaire santé solidaire/Justificatif - attestation.pdf',
      'ZIP-UN Camille – Couvert au titre d’un autre emploi/Demande signée - demande-signee.pdf',
      'ZIP-UN Camille – Couvert au titre d’un autre emploi/Justificatif - attestation.pdf',
    ]);
    expect(entries[1]!.data.equals(PDF_BYTES)).toBe(true);
    const csv = entries[0]!.data.toString('utf8');
    expect(csv).toContain('Zip-Deux;Camille');
    expect(csv).toContain('Zip-Un;Camille');
    expect(await auditActions(t.ctx, { actor: w.adminUser.id })).toContain(
      'dispenses.archive_downloaded',
    );
  });
});

describe('the audit zip’s limit', () => {
  it('refuses more than 500 dispenses (400 dispense_archive_too_large), nothing audited', async () => {
    const establishment = await createEstablishment(t.ctx.db, w.company, { name: 'Grand site' });
    for (let i = 0; i < ARCHIVE_MAX_DISPENSES + 1; i += 1) {
      const request = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
        establishment,
        contract: w.contract,
        createdBy: w.adminUser,
        nir13: `2850675${String(300_000 + i)}`,
      });
      await createDispense(t.ctx.db, request, {
        case_code: 'part_time_10_percent',
        effective_date: '2026-02-01',
        end_date: null,
        renewal_due_date: '2027-02-01',
      });
    }
    const before = await auditActions(t.ctx, { actor: w.adminUser.id });
    const res = await w.admin.get(`/api/dispenses/archive.zip?establishmentId=${establishment.id}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('dispense_archive_too_large');
    expect(await auditActions(t.ctx, { actor: w.adminUser.id })).toEqual(before);
    const one = await w.admin.get(
      `/api/dispenses/archive.zip?establishmentId=${establishment.id}&q=zzz`,
    );
    expect(one.statusCode).toBe(200);
  });
});

describe('« Enregistrer une dispense papier »', () => {
  const signed = { field: 'signedRequest', name: 'demande.pdf', bytes: PDF_BYTES };
  const proof = { field: 'proof', name: 'attestation.pdf', bytes: PDF_BYTES };
  const fields = { caseCode: 'multi_employer', otherPlanType: 'ieg', signedOn: '2026-02-20' };

  it('records it with the signed request and proofs: the request « Dispense demandée »', async () => {
    const request = await newRequest();
    const res = await postPaper(w.admin, request.id, fields, [signed, proof]);
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json<DispenseDetail>();
    expect(detail).toMatchObject({
      origin: 'paper',
      status: 'requested',
      state: 'requested',
      signedOn: '2026-02-20',
      otherPlanType: 'ieg',
    });
    expect(detail.files.map((f) => f.kind).sort()).toEqual(['proof', 'signed_request']);
    expect((await loadRequest(t.ctx.db, request.id)).status).toBe('dispense_requested');
  });

  it('refuses it without a signed request, for a case the contract does not provide, signed in the future, or on a request already decided', async () => {
    const request = await newRequest();
    const noSigned = await postPaper(w.admin, request.id, fields, [proof]);
    expect(noSigned.statusCode).toBe(400);
    expect(errorOf(noSigned).fields).toHaveProperty('signedRequest');
    const notAllowed = await postPaper(
      w.admin,
      request.id,
      { caseCode: 'part_time_10_percent', signedOn: '2026-02-20' },
      [signed],
    );
    expect(notAllowed.statusCode).toBe(400);
    expect(errorOf(notAllowed).code).toBe('dispense_case_not_allowed');
    const future = await postPaper(w.admin, request.id, { ...fields, signedOn: '2026-03-03' }, [
      signed,
      proof,
    ]);
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).fields).toHaveProperty('signedOn');
    const noPlan = await postPaper(w.admin, request.id, { ...fields, otherPlanType: '' }, [
      signed,
      proof,
    ]);
    expect(noPlan.statusCode).toBe(400);
    expect(errorOf(noPlan).fields).toHaveProperty('otherPlanType');
    expect((await loadRequest(t.ctx.db, request.id)).status).toBe('sent');
    const decided = await dispenseOf({ status: 'validated' });
    const again = await postPaper(w.admin, decided.requestId, fields, [signed, proof]);
    expect(again.statusCode).toBe(409);
  });

  it('is not found for a request outside the perimeter', async () => {
    const request = await newRequest();
    const res = await postPaper(w.restricted, request.id, fields, [signed, proof]);
    expect(res.statusCode).toBe(404);
    expect((await postPaper(w.other, request.id, fields, [signed, proof])).statusCode).toBe(404);
  });
});

describe('the home page', () => {
  it('counts dispensed employees, pending requests, expired dispenses and those to renew', async () => {
    const before = (
      await w.admin.get(`/api/dashboard?companyId=${w.company.id}`)
    ).json<Dashboard>();
    await dispenseOf({ status: 'validated' });
    await dispenseOf({ status: 'validated', endDate: '2026-03-15' });
    await dispenseOf({ status: 'expired', endDate: '2026-02-01' });
    await dispenseOf({ status: 'requested' });
    const res = await w.admin.get(`/api/dashboard?companyId=${w.company.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<Dashboard>();
    expect(after.dispensedTotal - before.dispensedTotal).toBe(2);
    expect(after.pending.dispensesToRenew - before.pending.dispensesToRenew).toBe(1);
    expect(after.pending.dispensesExpired - before.pending.dispensesExpired).toBe(1);
    // The dispense asked waits for the insurer; the three others' requests are no longer pending.
    expect(after.pendingRequestsTotal - before.pendingRequestsTotal).toBe(1);
    expect(after.pending.waitingForInsurer - before.pending.waitingForInsurer).toBe(1);
    const expired = await list(w.admin, 'state=expired');
    expect(expired.total).toBe(after.pending.dispensesExpired);
    const restricted = (
      await w.restricted.get(`/api/dashboard?companyId=${w.company.id}`)
    ).json<Dashboard>();
    expect(restricted.dispensedTotal).toBeLessThan(after.dispensedTotal);
  });
});
