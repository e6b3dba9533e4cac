import type { TestApp } from '../helper';
import { createAffiliationRequest } from '../factories';
import { createDispenseWithFiles } from '../dispense-factory';
import { listDispenseFiles } from '../../src/modules/dispenses/dispenses.repository';
import type { Call } from './types';

/** What the employer entries below need of the matrix's fixtures. */
interface DispenseFixtures {
  t: TestApp;
  company: { id: string };
  establishments: { id: string; company_id: string }[];
  newUserOfCompany: () => Promise<{ id: string }>;
}

/** An employer route (see `kind: 'employer'` in ../authorization-matrix.test.ts). */
interface EmployerEntry {
  kind: 'employer';
  call: (f: DispenseFixtures) => Promise<Call> | Call;
  otherCompany: number;
  user: number;
  admin: number;
  restricted?: number;
}

let seq = 0;
/** A fresh request of the company's first establishment, « Envoyé à l'employé ». */
async function newRequest(f: DispenseFixtures) {
  const contract = await f.t.ctx.db
    .selectFrom('contracts')
    .select('id')
    .where('company_id', '=', f.company.id)
    .executeTakeFirstOrThrow();
  return createAffiliationRequest(f.t.ctx.db, f.t.ctx.cipher, {
    establishment: f.establishments[0]!,
    contract,
    createdBy: await f.newUserOfCompany(),
    nir13: `18506754${String(50_000 + ++seq).padStart(5, '0')}`,
    lastName: `Dispense${seq}`,
  });
}

/** A fresh dispense of the first establishment, expired on 2026-02-15. */
async function newDispense(f: DispenseFixtures) {
  const request = await newRequest(f);
  return createDispenseWithFiles(f.t.ctx, {
    requestId: request.id,
    userId: request.created_by_user_id,
    status: 'expired',
    endDate: '2026-02-15',
  });
}

/** The employer's register « Dispenses » and the paper dispense (issue 19). */
export const dispensesMatrix: Record<string, EmployerEntry> = {
  'GET /api/dispenses': {
    kind: 'employer',
    call: () => ({ url: '/api/dispenses' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/dispenses/export': {
    kind: 'employer',
    call: () => ({ url: '/api/dispenses/export?format=csv' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/dispenses/archive.zip': {
    kind: 'employer',
    call: () => ({ url: '/api/dispenses/archive.zip' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/dispenses/:id': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/dispenses/${(await newDispense(f)).id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'GET /api/dispenses/:id/files/:fileId': {
    kind: 'employer',
    call: async (f) => {
      const { id } = await newDispense(f);
      const [file] = await listDispenseFiles(f.t.ctx.db, id);
      return { url: `/api/dispenses/${id}/files/${file!.id}` };
    },
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'GET /api/dispenses/:id/pre-affiliation': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/dispenses/${(await newDispense(f)).id}/pre-affiliation` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/affiliations/:id/dispense': {
    kind: 'employer',
    // The matrix sends its file as `file` (a proof): without the signed request, 400 — once the
    // request is found in the perimeter (404 outside it, before anything is read).
    call: async (f) => ({
      url: `/api/affiliations/${(await newRequest(f)).id}/dispense`,
      fields: { caseCode: 'multi_employer', otherPlanType: 'ieg', signedOn: '2026-02-20' },
      file: { name: 'attestation.pdf', content: '%PDF-1.4\n%%EOF\n' },
    }),
    otherCompany: 404,
    user: 400,
    admin: 400,
    restricted: 404,
  },
};
