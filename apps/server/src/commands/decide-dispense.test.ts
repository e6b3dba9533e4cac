import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
} from '../../test/factories';
import { refuseInsertsInto } from '../../test/refuse-writes';
import { storeCheckedProof } from '../lib/checked-file';
import { loadRequest } from '../modules/affiliations/affiliations.repository';
import { insertAffiliationRequest, smallPdf } from '../modules/enrolment/test-support';
import { getBranding } from '../modules/settings/settings.service';
import { decideDispense } from './decide-dispense';
import { requestDispense } from './request-dispense';

const t = useTestApp();
let actor: { userId: string; meta: { ip: string; userAgent: string } };
let admin: { id: string };
let request: Awaited<ReturnType<typeof loadRequest>>;

beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  const establishment = await createEstablishment(t.ctx.db, company);
  const contract = await createContract(t.ctx.db, company);
  admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  const staff = await createStaffUser(t.ctx.db);
  actor = { userId: staff.id, meta: { ip: '127.0.0.1', userAgent: 'test' } };
  const { id } = await insertAffiliationRequest(t.ctx, {
    company,
    establishment,
    contract,
    createdBy: admin,
    email: 'moitie@exemple.fr',
  });
  request = await loadRequest(t.ctx.db, id);
});

const snapshot = async (dispenseId: string) => ({
  dispense: await t.ctx.db
    .selectFrom('dispenses')
    .select(['status', 'decided_at', 'decided_by', 'refusal_reason'])
    .where('id', '=', dispenseId)
    .executeTakeFirstOrThrow(),
  request: await t.ctx.db
    .selectFrom('affiliation_requests')
    .select(['status', 'return_reason', 'form_token_hash', 'form_token_expires_at'])
    .where('id', '=', request.id)
    .executeTakeFirstOrThrow(),
  history: await t.ctx.db
    .selectFrom('affiliation_status_history')
    .select('to_status')
    .where('request_id', '=', request.id)
    .execute(),
  emails: await t.ctx.db
    .selectFrom('outbox')
    .select('id')
    .where('recipient', '=', 'moitie@exemple.fr')
    .execute(),
});

describe('decideDispense (command)', () => {
  it('writes nothing when it fails midway', async () => {
    const proof = await storeCheckedProof(t.ctx.storage, {
      bytes: await smallPdf(),
      fileName: 'attestation.pdf',
    });
    const dispense = await requestDispense(t.ctx, {
      request,
      fields: { caseCode: 'multi_employer', otherPlanType: 'ieg', justificationEndDate: null },
      origin: 'online',
      actor: { kind: 'employee' },
      files: [{ ...proof, kind: 'proof' }],
    });
    const before = await snapshot(dispense.id);
    expect(before.request.status).toBe('dispense_requested');
    const input = {
      dispenseId: dispense.id,
      decision: { kind: 'refuse' as const, reason: 'Attestation illisible.' },
      recipients: [admin],
      branding: await getBranding(t.ctx),
      expiryDays: 30,
    };
    // The employer's notification comes last, after the status, the new link and the email.
    const allow = await refuseInsertsInto(t.ctx, 'notifications');
    try {
      await expect(decideDispense(t.ctx, actor, input)).rejects.toThrow();
    } finally {
      await allow();
    }
    expect(await snapshot(dispense.id)).toEqual(before);

    // Once the database accepts it again, the same refusal goes through.
    await decideDispense(t.ctx, actor, input);
    const after = await snapshot(dispense.id);
    expect(after.dispense).toMatchObject({ status: 'refused', decided_by: actor.userId });
    expect(after.request).toMatchObject({
      status: 'returned',
      return_reason: 'Attestation illisible.',
    });
    expect(after.request.form_token_hash).not.toBe(before.request.form_token_hash);
    expect(after.emails).toHaveLength(before.emails.length + 1);
  });
});
