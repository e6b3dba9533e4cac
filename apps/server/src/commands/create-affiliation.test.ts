import { PreAffiliationSchema } from '@affilia/shared/schemas/affiliations';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmployerActor } from '../lib/policies';
import { loadEmployerActor } from '../modules/users/users.repository';
import { newFormLink } from '../modules/affiliations/affiliations.service';
import { auditActions, useTestApp } from '../../test/helper';
import {
  createAffiliationRequest,
  createCompany,
  createContract,
  createDispense,
  createEmployerUser,
  createEstablishment,
  publishTerms,
} from '../../test/factories';
import { findDispenseRow } from '../modules/dispenses/dispenses.repository';
import { refuseInsertsInto } from '../../test/refuse-writes';
import { createAffiliation } from './create-affiliation';
import { loadUser } from '../modules/users/users.repository';
import { findHistory } from '../modules/affiliations/affiliations.repository';

const t = useTestApp();
let actor: EmployerActor;
let establishment: { id: string; company_id: string };
let contractId: string;
beforeAll(async () => {
  await publishTerms(t.ctx.db);
  const company = await createCompany(t.ctx.db);
  establishment = await createEstablishment(t.ctx.db, company);
  contractId = (await createContract(t.ctx.db, company)).id;
  const user = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  actor = await loadEmployerActor(t.ctx.db, await loadUser(t.ctx.db, user.id));
});

function input(nir: string, email: string) {
  const request = PreAffiliationSchema.parse({
    establishmentId: establishment.id,
    professionalStatus: 'non_cadre',
    alreadyAffiliated: false,
    lastName: 'Lefèvre',
    firstName: 'Hélène',
    email,
    nir,
    birthDate: '1985-06-15',
    hireDate: '2026-02-02',
    affiliationDate: '2026-03-01',
    employmentContractType: 'cdi',
    employmentStartDate: '2026-02-02',
  });
  return {
    request,
    establishment,
    contractId,
    nir,
    link: newFormLink(t.ctx, t.clock.now(), 30),
    meta: { ip: '127.0.0.1', userAgent: 'test' },
  };
}

const requestsOf = (nir: string) =>
  t.ctx.db
    .selectFrom('affiliation_requests')
    .select(['id', 'status', 'mode'])
    .where('nir_hash', '=', t.ctx.cipher.hash(nir))
    .execute();

describe('createAffiliation (command)', () => {
  it('creates the request « Envoyée » with its history, its audit entry and the employee’s invitation', async () => {
    const nir = '1850675123401';
    const id = await createAffiliation(t.ctx, actor, input(nir, 'helene@example.com'));
    expect(await requestsOf(nir)).toEqual([{ id, status: 'sent', mode: 'email' }]);
    const history = await findHistory(t.ctx.db, id);
    expect(history.map((h) => h.to_status)).toEqual(['sent']);
    expect(await auditActions(t.ctx, { target: id })).toEqual(['affiliations.created']);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('template')
      .where('recipient', '=', 'helene@example.com')
      .execute();
    expect(mails).toEqual([{ template: 'affiliation_invitation' }]);

    // The same person again, while the first request waits: refused.
    await expect(
      createAffiliation(t.ctx, actor, input(nir, 'helene@example.com')),
    ).rejects.toMatchObject({ code: 'request_pending' });
  });

  it('writes nothing when a step fails midway (the invitation refused by the database)', async () => {
    const nir = '1850675123402';
    const allow = await refuseInsertsInto(t.ctx, 'outbox');
    try {
      await expect(
        createAffiliation(t.ctx, actor, input(nir, 'marc@example.com')),
      ).rejects.toThrow();
    } finally {
      await allow();
    }
    expect(await requestsOf(nir)).toEqual([]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'affiliations.created')
      .execute();
    expect(audit).toHaveLength(1);

    // Once the database accepts it again, the request is created (nothing left pending).
    await createAffiliation(t.ctx, actor, input(nir, 'marc@example.com'));
    expect(await requestsOf(nir)).toHaveLength(1);
  });

  it('issue 19: ends the person’s expired dispense in the company when they are affiliated again (« Affilier »)', async () => {
    const nir = '1850675123403';
    const dispensedRequest = (over: { establishment?: { id: string; company_id: string } } = {}) =>
      createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
        establishment: over.establishment ?? establishment,
        contract: { id: contractId },
        createdBy: actor.user,
        status: 'dispensed',
        nir13: nir,
      });
    const dates = {
      case_code: 'individual_cover',
      effective_date: '2025-03-01',
      end_date: '2026-01-31',
      renewal_due_date: null,
    } as const;
    const mine = await dispensedRequest();
    const expired = await createDispense(t.ctx.db, mine, { ...dates, status: 'expired' });
    // The same NIR at another company: its dispense is that company's business.
    const other = await createCompany(t.ctx.db);
    const otherRequest = await dispensedRequest({
      establishment: await createEstablishment(t.ctx.db, other),
    });
    const elsewhere = await createDispense(t.ctx.db, otherRequest, { ...dates, status: 'expired' });

    const id = await createAffiliation(t.ctx, actor, input(nir, 'reprise@example.com'));
    expect(await findDispenseRow(t.ctx.db, expired.id)).toMatchObject({
      status: 'ended',
      ended_at: t.clock.now().toISOString(),
    });
    expect((await findDispenseRow(t.ctx.db, elsewhere.id))?.status).toBe('expired');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({ endedDispenses: 1 });
  });
});
