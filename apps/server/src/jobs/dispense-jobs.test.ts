import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAffiliationRequest,
  createCompany,
  createContract,
  createDispense,
  createEmployerUser,
  createEstablishment,
} from '../../test/factories';
import type { EnrolmentForm } from '@affilia/shared/schemas/enrolment';
import { auditActions, browser, useTestApp } from '../../test/helper';
import { newId } from '../lib/ids';
import { hashToken } from '../lib/tokens';
import {
  findDispenseRow,
  insertDispense,
  type DispenseRow,
} from '../modules/dispenses/dispenses.repository';
import { runDispenseRenewals } from './dispense-jobs';
import { runDueJobs } from './runner';

const t = useTestApp();
let fixtures: {
  establishment: Awaited<ReturnType<typeof createEstablishment>>;
  contract: Awaited<ReturnType<typeof createContract>>;
  user: Awaited<ReturnType<typeof createEmployerUser>>;
};

beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  fixtures = {
    establishment: await createEstablishment(t.ctx.db, company),
    contract: await createContract(t.ctx.db, company),
    user: await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]),
  };
});

/** A request « Dispensé » with its validated dispense (as the insurer's validation leaves it). */
async function dispensed(
  dates: Pick<DispenseRow, 'case_code' | 'effective_date' | 'end_date' | 'renewal_due_date'>,
  opts: { email?: string | null } = {},
) {
  const request = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
    establishment: fixtures.establishment,
    contract: fixtures.contract,
    createdBy: fixtures.user,
    status: 'dispensed',
    email: opts.email,
    formTokenExpiresAt: null,
  });
  await t.ctx.db
    .updateTable('affiliation_requests')
    .set({ form_token_hash: null })
    .where('id', '=', request.id)
    .execute();
  const dispense = await createDispense(t.ctx.db, request, {
    ...dates,
    created_at: '2026-01-20T10:00:00.000Z',
  });
  return { request, dispense };
}

const run = async (instant: string) => {
  t.clock.set(instant);
  return runDispenseRenewals(t.ctx, t.clock.now());
};

const emailsTo = (to: string) =>
  t.ctx.db
    .selectFrom('outbox')
    .select(['template', 'subject', 'body_text'])
    .where('recipient', '=', to)
    .where('template', '=', 'dispense_reminder')
    .execute();

const notificationsOf = (dispenseLink: string) =>
  t.ctx.db
    .selectFrom('notifications')
    .select(['title', 'body', 'link'])
    .where('user_id', '=', fixtures.user.id)
    .where('type', '=', 'dispense_deadline')
    .where('link', '=', dispenseLink)
    .execute();

const requestRow = (id: string) =>
  t.ctx.db
    .selectFrom('affiliation_requests')
    .select(['status', 'form_token_hash', 'form_token_expires_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('dispenses.renewals (the renewal and expiry job)', () => {
  it('reminds a yearly renewal from D-30 at 00:00 in Paris (winter: 23:00 UTC the day before), once, with a working link', async () => {
    // Due 15 January 2027: reminded from 16 December 2026 (00:00 Paris = 15 December 23:00 UTC).
    const email = 'multi@example.com';
    const { request, dispense } = await dispensed(
      {
        case_code: 'multi_employer',
        effective_date: '2026-01-15',
        end_date: null,
        renewal_due_date: '2027-01-15',
      },
      { email },
    );
    await run('2026-12-15T22:59:59.000Z');
    expect(await emailsTo(email)).toEqual([]);
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.reminded_deadline).toBeNull();

    await run('2026-12-15T23:00:00.000Z');
    const mails = await emailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain(
      'Votre dispense d’adhésion à la complémentaire santé est à renouveler',
    );
    expect(mails[0]?.body_text).toContain('au plus tard le 14/01/2027');
    expect(mails[0]?.body_text).toContain('envoyer : attestation de l’autre régime obligatoire');
    const token = /\/formulaire\/([A-Za-z0-9_-]+)/.exec(mails[0]?.body_text ?? '')?.[1];
    expect(token).toBeDefined();
    expect(await requestRow(request.id)).toEqual({
      status: 'dispensed',
      form_token_hash: hashToken(token ?? ''),
      // Through 14 January in Paris: the dispense expires on the 15th at 00:00.
      form_token_expires_at: '2027-01-14T23:00:00.000Z',
    });
    // The emailed link opens the form in renewal mode (a dispensed request with a live link).
    const employee = browser(t.app);
    expect((await employee.get(`/api/enrolment/${token}/check`)).statusCode).toBe(200);
    const opened = await employee.post(`/api/enrolment/${token}/unlock`, {
      birthDate: request.birth_date,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<EnrolmentForm>().dispense.mode).toBe('renewal');
    expect(await findDispenseRow(t.ctx.db, dispense.id)).toMatchObject({
      status: 'validated',
      reminded_deadline: '2027-01-15',
      reminded_at: '2026-12-15T23:00:00.000Z',
    });
    const notes = await notificationsOf('/dispenses?state=renewal_due');
    expect(notes.filter((n) => n.body?.includes(`${request.last_name} (`))).toHaveLength(1);
    expect(await auditActions(t.ctx, { target: dispense.id })).toEqual(['dispense.reminder_sent']);

    // The same day again, and later days: no second reminder, the link stays the same.
    await run('2026-12-16T10:00:00.000Z');
    await run('2027-01-10T10:00:00.000Z');
    expect(await emailsTo(email)).toHaveLength(1);
    expect((await requestRow(request.id)).form_token_hash).toBe(hashToken(token ?? ''));
  });

  it('expires a renewal due date on the day itself at 00:00 in Paris: the link dies, the employer is told', async () => {
    const { request, dispense } = await dispensed({
      case_code: 'multi_employer',
      effective_date: '2026-02-01',
      end_date: null,
      renewal_due_date: '2027-02-01',
    });
    await run('2027-01-31T22:59:59.000Z');
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.status).toBe('validated');
    expect((await requestRow(request.id)).form_token_hash).not.toBeNull();

    await run('2027-01-31T23:00:00.000Z');
    expect(await findDispenseRow(t.ctx.db, dispense.id)).toMatchObject({
      status: 'expired',
      expired_at: '2027-01-31T23:00:00.000Z',
    });
    expect(await requestRow(request.id)).toEqual({
      status: 'dispensed',
      form_token_hash: null,
      form_token_expires_at: null,
    });
    expect(await auditActions(t.ctx, { target: dispense.id })).toEqual([
      'dispense.reminder_sent',
      'dispense.expired',
    ]);
    const notes = await notificationsOf('/dispenses?state=expired');
    const mine = notes.filter((n) => n.title.includes(`${request.last_name} a expiré`));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.title).toBe(
      `La dispense de ${request.first_name} ${request.last_name} a expiré : affiliez ce salarié`,
    );

    // Idempotent: nothing more the same day.
    await run('2027-02-01T12:00:00.000Z');
    expect(await auditActions(t.ctx, { target: dispense.id })).toHaveLength(2);
  });

  it('reminds an end date from D-30 at 00:00 in Paris (summer: 22:00 UTC) and expires it the day after at 00:00', async () => {
    // The individual contract ends on 20 July 2027: reminded from 20 June (19 June 22:00 UTC).
    const email = 'individuel@example.com';
    const { request, dispense } = await dispensed(
      {
        case_code: 'individual_cover',
        effective_date: '2026-02-01',
        end_date: '2027-07-20',
        renewal_due_date: null,
      },
      { email },
    );
    await run('2027-06-19T21:59:59.000Z');
    expect(await emailsTo(email)).toEqual([]);
    await run('2027-06-19T22:00:00.000Z');
    const mails = await emailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain(
      'Votre dispense d’adhésion à la complémentaire santé arrive à son terme',
    );
    expect(mails[0]?.body_text).toContain('jusqu’au 20/07/2027');
    expect(mails[0]?.body_text).toContain('envoyez un nouveau justificatif');
    expect((await requestRow(request.id)).form_token_expires_at).toBe('2027-07-20T22:00:00.000Z');

    // 20 July 23:59:59 in Paris: still in force; 21 July 00:00: expired.
    await run('2027-07-20T21:59:59.000Z');
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.status).toBe('validated');
    await run('2027-07-20T22:00:00.000Z');
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.status).toBe('expired');
    expect((await requestRow(request.id)).form_token_hash).toBeNull();
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('says a dispense that ended with the fixed-term contract calls for an affiliation only if the employee stays', async () => {
    const { request, dispense } = await dispensed({
      case_code: 'short_fixed_term',
      effective_date: '2027-06-01',
      end_date: '2027-08-31',
      renewal_due_date: null,
    });
    await run('2027-08-31T22:00:00.000Z');
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.status).toBe('expired');
    const notes = await notificationsOf('/dispenses?state=expired');
    const mine = notes.filter((n) => n.title.includes(`${request.last_name} a expiré`));
    expect(mine[0]?.body).toContain('avec la fin de son contrat de travail le 31/08/2027');
    expect(mine[0]?.body).toContain('S’il reste dans l’entreprise');
  });

  it('expires a dispense whose renewal still waits for the insurer, but does not remind it', async () => {
    const { request, dispense } = await dispensed({
      case_code: 'multi_employer',
      effective_date: '2026-03-01',
      end_date: null,
      renewal_due_date: '2027-03-01',
    });
    const at = '2027-01-25T10:00:00.000Z';
    await insertDispense(t.ctx.db, {
      ...dispense,
      id: newId(),
      renews_dispense_id: dispense.id,
      status: 'requested',
      effective_date: '2027-03-01',
      renewal_due_date: '2028-03-01',
      decided_at: null,
      created_at: at,
      updated_at: at,
    });
    await run('2027-02-10T10:00:00.000Z');
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.reminded_deadline).toBeNull();
    await run('2027-03-01T08:00:00.000Z');
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.status).toBe('expired');
    expect((await requestRow(request.id)).status).toBe('dispensed');
  });

  it('tells the employer when the employee has no email (no link is issued); runs daily as dispenses.renewals', async () => {
    const { request, dispense } = await dispensed(
      {
        case_code: 'multi_employer',
        effective_date: '2026-04-10',
        end_date: null,
        renewal_due_date: '2027-04-10',
      },
      { email: null },
    );
    t.clock.set('2027-03-12T06:00:00.000Z');
    const results = await runDueJobs(t.ctx, t.clock.now(), { owner: 'test' });
    expect(results['dispenses.renewals']).toBeGreaterThanOrEqual(1);
    expect((await requestRow(request.id)).form_token_hash).toBeNull();
    expect((await findDispenseRow(t.ctx.db, dispense.id))?.reminded_deadline).toBe('2027-04-10');
    const notes = await notificationsOf('/dispenses?state=renewal_due');
    const mine = notes.filter((n) => n.title.endsWith(` ${request.last_name}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toContain('Aucune adresse e-mail n’est connue');
  });
});
