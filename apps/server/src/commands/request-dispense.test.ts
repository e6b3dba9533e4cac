import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
} from '../../test/factories';
import type { AffiliationRequest } from '../db/schema';
import { AppError } from '../lib/errors';
import { storeCheckedProof } from '../lib/checked-file';
import { loadRequest, findHistory } from '../modules/affiliations/affiliations.repository';
import { insertAffiliationRequest } from '../modules/enrolment/test-support';
import { listDispenseFiles, moveDispense } from '../modules/dispenses/dispenses.repository';
import { requestDispense, type RequestDispenseInput } from './request-dispense';

const t = useTestApp();
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let company: Awaited<ReturnType<typeof createCompany>>;
let establishment: { id: string; company_id: string };
let contract: { id: string };
let admin: { id: string };
let n = 0;

beforeAll(async () => {
  company = await createCompany(t.ctx.db);
  establishment = await createEstablishment(t.ctx.db, company);
  contract = await createContract(t.ctx.db, company);
  admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
});

/** A request sent to the employee, its employment changed by `employment`. */
async function newRequest(
  employment: Partial<
    Pick<AffiliationRequest, 'employment_contract_type' | 'employment_end_date'>
  > = {},
): Promise<AffiliationRequest> {
  n += 1;
  const { id } = await insertAffiliationRequest(t.ctx, {
    company,
    establishment,
    contract,
    createdBy: admin,
    nir13: `18506751${String(10000 + n)}`,
  });
  if (Object.keys(employment).length > 0)
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set(employment)
      .where('id', '=', id)
      .execute();
  return loadRequest(t.ctx.db, id);
}

const proof = async () => ({
  ...(await storeCheckedProof(t.ctx.storage, { bytes: PDF_BYTES, fileName: 'attestation.pdf' })),
  kind: 'proof' as const,
});

function ask(request: AffiliationRequest, over: Partial<RequestDispenseInput> = {}) {
  return requestDispense(t.ctx, {
    request,
    fields: {
      caseCode: 'multi_employer',
      otherPlanType: 'public_service',
      justificationEndDate: null,
    },
    origin: 'online',
    actor: { kind: 'employee' },
    ...over,
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'resolved';
}

describe('requestDispense (command, issue 19)', () => {
  it('records the request « Dispense demandée » with its dates, proof, statement and history', async () => {
    const request = await newRequest();
    const dispense = await ask(request, { files: [await proof()] });
    expect(dispense).toMatchObject({
      status: 'requested',
      origin: 'online',
      case_code: 'multi_employer',
      other_plan_type: 'public_service',
      effective_date: '2026-02-01',
      end_date: null,
      renewal_due_date: '2027-02-01',
      // The test clock stands on 2 March 2026.
      signed_on: '2026-03-02',
    });
    expect(dispense.sworn_statement).toContain('Hélène Lefèvre');
    expect((await loadRequest(t.ctx.db, request.id)).status).toBe('dispense_requested');
    expect((await findHistory(t.ctx.db, request.id)).map((h) => h.to_status)).toContain(
      'dispense_requested',
    );
    expect((await listDispenseFiles(t.ctx.db, dispense.id)).map((f) => f.kind)).toEqual(['proof']);
  });

  it('refuses a founding-act case the contract does not provide, allows it once provided', async () => {
    const request = await newRequest({
      employment_contract_type: 'cdd',
      employment_end_date: '2026-07-31',
    });
    const fields = {
      caseCode: 'short_fixed_term_no_cover' as const,
      otherPlanType: null,
      justificationEndDate: null,
    };
    expect(await codeOf(ask(request, { fields }))).toBe('dispense_case_not_allowed');
    await t.ctx.db
      .updateTable('contracts')
      .set({ dispense_cases: JSON.stringify(['short_fixed_term_no_cover']) })
      .where('id', '=', contract.id)
      .execute();
    const dispense = await ask(request, { fields });
    // No proof needed; it ends with the fixed-term contract.
    expect(dispense.end_date).toBe('2026-07-31');
    expect(dispense.renewal_due_date).toBeNull();
  });

  it('refuses a case the employment does not fit, a missing proof, an end before the start', async () => {
    const request = await newRequest();
    expect(
      await codeOf(
        ask(request, {
          fields: { caseCode: 'short_fixed_term', otherPlanType: null, justificationEndDate: null },
        }),
      ),
    ).toBe('dispense_condition_unmet');
    expect(await codeOf(ask(request))).toBe('dispense_proof_required');
    expect(
      await codeOf(
        ask(request, {
          fields: {
            caseCode: 'individual_cover',
            otherPlanType: null,
            justificationEndDate: '2026-01-31',
          },
          files: [await proof()],
        }),
      ),
    ).toBe('dispense_already_ended');
    // Nothing was written by the refusals.
    expect((await loadRequest(t.ctx.db, request.id)).status).toBe('sent');
  });

  it('records a paper dispense signed on a past date, refuses a future one', async () => {
    const request = await newRequest();
    const signed = { ...(await proof()), kind: 'signed_request' as const };
    expect(
      await codeOf(
        ask(request, {
          origin: 'paper',
          actor: { kind: 'employer', userId: admin.id },
          signedOn: '2026-03-03',
          files: [signed],
        }),
      ),
    ).toBe('validation_error');
    const dispense = await ask(request, {
      origin: 'paper',
      actor: { kind: 'employer', userId: admin.id },
      signedOn: '2026-02-20',
      files: [signed, await proof()],
    });
    expect(dispense).toMatchObject({
      origin: 'paper',
      signed_on: '2026-02-20',
      created_by_user_id: admin.id,
    });
  });

  it('renews a validated dispense from its due date, once at a time', async () => {
    const request = await newRequest();
    const first = await ask(request, { files: [await proof()] });
    // What the insurer's validation does (commands/decide-dispense.ts).
    const at = t.ctx.clock.now().toISOString();
    await moveDispense(t.ctx.db, first.id, { from: 'requested', to: 'validated', at });
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set({ status: 'dispensed' })
      .where('id', '=', request.id)
      .execute();

    const renewal = await ask(request, { files: [await proof()] });
    expect(renewal).toMatchObject({
      renews_dispense_id: first.id,
      effective_date: '2027-02-01',
      renewal_due_date: '2028-02-01',
    });
    expect((await loadRequest(t.ctx.db, request.id)).status).toBe('dispensed');
    expect(await codeOf(ask(request, { files: [await proof()] }))).toBe(
      'dispense_already_requested',
    );
  });

  it('refuses a request the insurer already validated or that was abandoned', async () => {
    const request = await newRequest();
    await t.ctx.db
      .updateTable('affiliation_requests')
      .set({ status: 'finalised' })
      .where('id', '=', request.id)
      .execute();
    expect(await codeOf(ask(request, { files: [await proof()] }))).toBe('invalid_transition');
  });
});
