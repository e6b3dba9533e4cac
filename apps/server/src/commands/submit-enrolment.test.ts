import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { browser, useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
} from '../../test/factories';
import { refuseInsertsInto } from '../../test/refuse-writes';
import {
  COMPLETE_DRAFT,
  insertAffiliationRequest,
  SMALL_PNG,
  smallPdf,
  upload,
} from '../modules/enrolment/test-support';

// Through « Valider » (POST /api/enrolment/:token/submit → enrolment.service → this command).
const t = useTestApp();
let newRequest: () => Promise<{ id: string; token: string }>;
let adminId: string;
beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  const establishment = await createEstablishment(t.ctx.db, company);
  const contract = await createContract(t.ctx.db, company);
  const admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  adminId = admin.id;
  newRequest = () =>
    insertAffiliationRequest(t.ctx, { company, establishment, contract, createdBy: admin });
});

/** The employee's form, complete, not yet submitted. */
async function completeForm(token: string) {
  const b = browser(t.app);
  const base = `/api/enrolment/${token}`;
  const steps = [
    await b.post(`${base}/unlock`, { birthDate: '15/01/1990' }),
    await b.put(`${base}/draft`, COMPLETE_DRAFT),
    await upload(b, `${base}/attachments`, { name: 'rib.png', bytes: SMALL_PNG }, 'rib'),
    await upload(
      b,
      `${base}/attachments`,
      { name: 'attestation.pdf', bytes: await smallPdf() },
      'social_security_certificate',
    ),
  ];
  for (const res of steps) expect(res.statusCode, res.body).toBeLessThan(300);
  return () => b.post(`${base}/submit`, { certified: true });
}

const requestRow = (id: string) =>
  t.ctx.db
    .selectFrom('affiliation_requests')
    .select(['status', 'form_token_hash'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const biaFiles = () =>
  t.ctx.db.selectFrom('stored_files').select('id').where('owner_kind', '=', 'bia').execute();
const storedCount = () =>
  fs
    .readdirSync(t.config.fileStorageDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).length;

describe('submitEnrolment (command)', () => {
  it('finalises the request, kills the link, stores the BIA, emails the employee and notifies the employer', async () => {
    const request = await newRequest();
    const submit = await completeForm(request.token);
    const res = await submit();
    expect(res.statusCode, res.body).toBe(200);
    expect(await requestRow(request.id)).toEqual({ status: 'finalised', form_token_hash: null });
    expect(await biaFiles()).toHaveLength(1);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('template')
      .where('template', 'in', ['enrolment_submitted', 'enrolment_finalised'])
      .orderBy('template')
      .execute();
    expect(mails.map((m) => m.template)).toEqual(['enrolment_finalised', 'enrolment_submitted']);
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select('type')
      .where('user_id', '=', adminId)
      .execute();
    expect(notified).toEqual([{ type: 'enrolment_finalised' }]);
  });

  it('writes nothing and keeps no file when a step fails midway (the notification refused by the database)', async () => {
    const request = await newRequest();
    const submit = await completeForm(request.token);
    const before = { files: storedCount(), bia: (await biaFiles()).length };
    const allow = await refuseInsertsInto(t.ctx, 'notifications');
    try {
      expect((await submit()).statusCode).toBe(500);
    } finally {
      await allow();
    }
    const row = await requestRow(request.id);
    expect(row.status).toBe('started');
    expect(row.form_token_hash).not.toBeNull();
    expect((await biaFiles()).length).toBe(before.bia);
    expect(storedCount()).toBe(before.files);

    // Once the database accepts it again, « Valider » goes through.
    expect((await submit()).statusCode).toBe(200);
    expect((await requestRow(request.id)).status).toBe('finalised');
  });
});
