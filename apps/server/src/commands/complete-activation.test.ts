import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../lib/passwords';
import { auditActions, useTestApp } from '../../test/helper';
import { createCompany, createEstablishment, publishTerms } from '../../test/factories';
import { refuseInsertsInto } from '../../test/refuse-writes';
import { completeActivation } from './complete-activation';

const t = useTestApp();
let termsId: string;
let passwordHash: string;
beforeAll(async () => {
  termsId = (await publishTerms(t.ctx.db)).id;
  passwordHash = await hashPassword('Marronnier-Pervenche-58');
});

async function activationInput(email: string) {
  const company = await createCompany(t.ctx.db);
  const establishment = await createEstablishment(t.ctx.db, company);
  return {
    company,
    input: {
      establishmentId: establishment.id,
      lastName: 'Martin',
      firstName: 'Claire',
      email,
      mobilePhone: '+33612345678',
      passwordHash,
      termsVersionId: termsId,
      meta: { ip: '127.0.0.1', userAgent: 'test' },
    },
  };
}

const userByEmail = (email: string) =>
  t.ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

describe('completeActivation (command)', () => {
  it('creates the first administrator, their access, the terms accepted, the confirmation email and the audit entry', async () => {
    const { company, input } = await activationInput('claire.martin@example.fr');
    await completeActivation(t.ctx, input);

    const user = await userByEmail(input.email);
    expect(user).toMatchObject({ kind: 'employer', status: 'active', email_verified_at: null });
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select(['company_id', 'role', 'all_establishments'])
      .where('user_id', '=', user!.id)
      .execute();
    expect(roles).toEqual([{ company_id: company.id, role: 'admin', all_establishments: 1 }]);
    const access = await t.ctx.db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', user!.id)
      .execute();
    expect(access).toEqual([{ establishment_id: input.establishmentId }]);
    const accepted = await t.ctx.db
      .selectFrom('terms_acceptances')
      .select('terms_version_id')
      .where('user_id', '=', user!.id)
      .execute();
    expect(accepted).toEqual([{ terms_version_id: termsId }]);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('recipient')
      .where('recipient', '=', input.email)
      .execute();
    expect(mails).toHaveLength(1);
    expect(await auditActions(t.ctx, { actor: user!.id })).toEqual(['auth.space_activated']);
  });

  it('writes nothing when a step fails midway (the audit entry refused by the database)', async () => {
    const { company, input } = await activationInput('paul.durand@example.fr');
    const allow = await refuseInsertsInto(t.ctx, 'audit_log');
    try {
      await expect(completeActivation(t.ctx, input)).rejects.toThrow();
    } finally {
      await allow();
    }
    expect(await userByEmail(input.email)).toBeUndefined();
    const roles = await t.ctx.db
      .selectFrom('user_company_roles')
      .select('id')
      .where('company_id', '=', company.id)
      .execute();
    expect(roles).toEqual([]);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', input.email)
      .execute();
    expect(mails).toEqual([]);

    // Once the database accepts it again, the same activation goes through.
    await completeActivation(t.ctx, input);
    expect(await userByEmail(input.email)).toBeDefined();
  });
});
