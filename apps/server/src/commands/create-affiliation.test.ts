import { PreAffiliationSchema } from '@affilia/shared/schemas/affiliations';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmployerActor } from '../lib/policies';
import { loadEmployerActor } from '../modules/users/users.repository';
import { newFormLink } from '../modules/affiliations/affiliations.service';
import { auditActions, useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  publishTerms,
} from '../../test/factories';
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
  it('creates the request « Envoyée » with its history, its audit entry and the employee’s invitation', async () => {
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
});
