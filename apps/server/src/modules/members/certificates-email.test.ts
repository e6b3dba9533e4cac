import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createStaffUser,
} from '../../../test/factories';
import { extractPdfText } from '../../../test/pdf-text';
import { validateAffiliation } from '../../commands/validate-affiliation';
import { completeAndSubmit, insertAffiliationRequest } from '../enrolment/test-support';
import { sendAffiliationCertificates, sendPendingCertificates } from './certificates-email';

/*
 * The certificates emailed to the employee when the insurer validates their affiliation (issue
 * 20). The employee completes the form online (with two children, « Lefèvre Marc » and « Lefèvre
 * Léo »), the back office validates. Today is 2026-03-02; the affiliation starts on 2026-02-01.
 */
describe('the certificates emailed at the validation', () => {
  let t: TestApp;
  let staff: Browser;
  let staffId: string;
  let f: {
    company: Awaited<ReturnType<typeof createCompany>>;
    establishment: Awaited<ReturnType<typeof createEstablishment>>;
    contract: Awaited<ReturnType<typeof createContract>>;
    admin: Awaited<ReturnType<typeof createEmployerUser>>;
  };
  let nir = 0;
  const finalised = async (over: Partial<Parameters<typeof insertAffiliationRequest>[1]> = {}) => {
    const r = await insertAffiliationRequest(t.ctx, {
      company: f.company,
      establishment: f.establishment,
      contract: f.contract,
      createdBy: f.admin,
      nir13: `28501751230${String(++nir).padStart(2, '0')}`,
      ...over,
    });
    await completeAndSubmit(browser(t.app, { ip: '198.51.100.9' }), r.token);
    return r;
  };
  const emailsTo = (to: string) =>
    t.ctx.db
      .selectFrom('outbox')
      .select(['id', 'subject', 'body_text'])
      .where('template', '=', 'affiliation_certificates')
      .where('recipient', '=', to)
      .execute();
  const attachmentsOf = (outboxId: string) =>
    t.ctx.db
      .selectFrom('outbox_attachments')
      .select(['file_name', 'mime_type', 'storage_key'])
      .where('outbox_id', '=', outboxId)
      .orderBy('position')
      .execute();

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Épicerie Nguyễn' });
    const establishment = await createEstablishment(db, company, { name: 'Épicerie Lyon' });
    const contract = await createContract(db, company, { label: 'BASE CCN NC' });
    const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
    f = { company, establishment, contract, admin };
    const staffUser = await createStaffUser(db);
    staffId = staffUser.id;
    staff = browser(t.app, { ip: '192.0.2.70' });
    await signInAs(staff, t.ctx, staffUser, 'backoffice');
  });
  afterAll(() => t.close());

  it('emails the employee their attestation and tiers-payant card, once', async () => {
    const r = await finalised({ email: 'anais.nouvelle@exemple.fr', firstName: 'Anaïs' });
    const res = await staff.post(`/api/backoffice/affiliations/${r.id}/validate`);
    expect(res.statusCode, res.body).toBe(200);

    const [email, ...more] = await emailsTo('anais.nouvelle@exemple.fr');
    expect(more).toEqual([]);
    expect(email?.subject).toMatch(/^Votre affiliation à la complémentaire santé est validée/);
    expect(email?.body_text).toContain('à partir du 01/02/2026');
    const attachments = await attachmentsOf(email!.id);
    expect(attachments.map((a) => [a.file_name.split('-')[0], a.mime_type])).toEqual([
      ['Attestation', 'application/pdf'],
      ['Carte', 'application/pdf'],
    ]);
    const attestation = (
      await extractPdfText(await t.ctx.storage.read(attachments[0]!.storage_key))
    ).join('\n');
    expect(attestation).toContain('Attestation d’affiliation');
    expect(attestation).toContain('Anaïs');
    expect(attestation).toContain('Épicerie Nguyễn');
    // The form's children are the member's beneficiaries now, on the certificate too.
    expect(attestation).toContain('Lefèvre Marc');
    expect(attestation).toContain('Lefèvre Léo');
    const card = (await extractPdfText(await t.ctx.storage.read(attachments[1]!.storage_key))).join(
      '\n',
    );
    expect(card).toContain('Valable du 01/02/2026 au 31/12/2026');

    expect(await sendAffiliationCertificates(t.ctx, r.id)).toBe('already');
    expect(await emailsTo('anais.nouvelle@exemple.fr')).toHaveLength(1);
  });

  it('sends nothing to an employee without email (postal mode): the employer prints them', async () => {
    // A paper BIA the insurer received: finalised without an online form.
    const r = await insertAffiliationRequest(t.ctx, {
      company: f.company,
      establishment: f.establishment,
      contract: f.contract,
      createdBy: f.admin,
      nir13: '1850175123199',
      mode: 'mail',
      status: 'finalised',
    });
    expect((await staff.post(`/api/backoffice/affiliations/${r.id}/validate`)).statusCode).toBe(
      200,
    );
    expect(await sendAffiliationCertificates(t.ctx, r.id)).toBe('no_email');
  });

  it('marks done a validation whose cover has already ended: the job does not try it again', async () => {
    const r = await finalised({ email: 'ended@exemple.fr' });
    const { memberId } = await validateAffiliation(
      t.ctx,
      { userId: staffId, meta: { ip: '127.0.0.1', userAgent: 'test' } },
      { requestId: r.id, contractOptions: JSON.parse(f.contract.options) as never },
    );
    await t.ctx.db
      .updateTable('coverages')
      .set({ end_date: '2026-02-15' })
      .where('member_id', '=', memberId)
      .execute();
    expect(await sendAffiliationCertificates(t.ctx, r.id)).toBe('no_coverage');
    t.clock.advance(2 * 60_000);
    expect(await sendPendingCertificates(t.ctx, t.clock.now())).toBe(0);
    expect(await sendAffiliationCertificates(t.ctx, r.id)).toBe('already');
    expect(await emailsTo('ended@exemple.fr')).toEqual([]);
  });

  it('leaves to the job a validation whose email did not leave (the process stopped)', async () => {
    const r = await finalised({ email: 'job@exemple.fr' });
    // The command alone: validated and committed, nothing emailed yet.
    const { contract } = f;
    await validateAffiliation(
      t.ctx,
      { userId: staffId, meta: { ip: '127.0.0.1', userAgent: 'test' } },
      { requestId: r.id, contractOptions: JSON.parse(contract.options) as never },
    );
    expect(await emailsTo('job@exemple.fr')).toEqual([]);
    // Within a minute, the job leaves it to the validation's own sending.
    expect(await sendPendingCertificates(t.ctx, t.clock.now())).toBe(0);
    t.clock.advance(2 * 60_000);
    expect(await sendPendingCertificates(t.ctx, t.clock.now())).toBe(1);
    expect(await emailsTo('job@exemple.fr')).toHaveLength(1);
    expect(await sendPendingCertificates(t.ctx, t.clock.now())).toBe(0);
  });
});
