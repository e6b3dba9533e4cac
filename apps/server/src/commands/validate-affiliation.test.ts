import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractOption } from '../db/schema';
import { insertAffiliationRequest } from '../modules/enrolment/test-support';
import { useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  createAffiliationRequest,
  createDispense,
  createStaffUser,
  createSubmittedForm,
} from '../../test/factories';
import { findDispenseRow } from '../modules/dispenses/dispenses.repository';
import { refuseInsertsInto } from '../../test/refuse-writes';
import { validateAffiliation } from './validate-affiliation';
import { findHistory } from '../modules/affiliations/affiliations.repository';
import { previousDay } from '@affilia/shared/domain/radiation';

const t = useTestApp();
let actor: { userId: string; meta: { ip: string; userAgent: string } };
let finalised: (nir13: string) => Promise<{ id: string }>;
let establishment: { id: string; company_id: string };
let contract: { id: string; options: string };
let adminId: string;
const options = () => JSON.parse(contract.options) as ContractOption[];
beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  establishment = await createEstablishment(t.ctx.db, company);
  contract = await createContract(t.ctx.db, company);
  const admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  adminId = admin.id;
  const staff = await createStaffUser(t.ctx.db);
  actor = { userId: staff.id, meta: { ip: '127.0.0.1', userAgent: 'test' } };
  finalised = (nir13) =>
    insertAffiliationRequest(t.ctx, {
      company,
      establishment,
      contract,
      createdBy: admin,
      status: 'finalised',
      nir13,
    });
});

const requestRow = (id: string) =>
  t.ctx.db
    .selectFrom('affiliation_requests')
    .select(['status', 'member_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const membersOf = (nir13: string) =>
  t.ctx.db
    .selectFrom('members')
    .select(['id', 'latest_coverage_id'])
    .where('nir_hash', '=', t.ctx.cipher.hash(nir13))
    .execute();

describe('validateAffiliation (command)', () => {
  it('creates the member and their coverage, marks the request validated', async () => {
    const request = await finalised('1900175123101');
    const result = await validateAffiliation(t.ctx, actor, {
      requestId: request.id,
      contractOptions: options(),
    });
    expect(result.existingMember).toBe(false);
    expect(await membersOf('1900175123101')).toEqual([
      { id: result.memberId, latest_coverage_id: result.coverageId },
    ]);
    expect(await requestRow(request.id)).toEqual({
      status: 'validated',
      member_id: result.memberId,
    });
    const coverage = await t.ctx.db
      .selectFrom('coverages')
      .select(['option_code', 'affiliation_request_id'])
      .where('id', '=', result.coverageId)
      .executeTakeFirstOrThrow();
    // No option chosen in a form: the contract's mandatory one.
    expect(coverage).toEqual({ option_code: 'base', affiliation_request_id: request.id });
  });

  it('links the company’s member of the same NIR', async () => {
    const member = await createMember(t.ctx.db, t.ctx.cipher, {
      establishment,
      nir13: '1900175123102',
      lastName: 'Connu',
    });
    const request = await finalised('1900175123102');
    const result = await validateAffiliation(t.ctx, actor, {
      requestId: request.id,
      contractOptions: options(),
    });
    expect(result).toMatchObject({ memberId: member.id, existingMember: true });
    await expect(
      validateAffiliation(t.ctx, actor, { requestId: request.id, contractOptions: options() }),
    ).rejects.toMatchObject({ statusCode: 409 });
  });

  it('ends the dispense in force of the same person: the employee adheres after all (issue 19)', async () => {
    const nir13 = '2900175123102';
    const earlier = await createAffiliationRequest(t.ctx.db, t.ctx.cipher, {
      establishment,
      contract,
      createdBy: { id: adminId },
      status: 'dispensed',
      nir13,
    });
    const dispense = await createDispense(t.ctx.db, earlier, {
      case_code: 'multi_employer',
      effective_date: '2026-01-01',
      end_date: null,
      renewal_due_date: '2027-01-01',
    });
    const request = await finalised(nir13);
    await validateAffiliation(t.ctx, actor, { requestId: request.id, contractOptions: options() });
    expect(await findDispenseRow(t.ctx.db, dispense.id)).toMatchObject({
      status: 'ended',
      ended_at: t.ctx.clock.now().toISOString(),
    });
  });

  it('gives the member the beneficiaries of the form, from the affiliation date (issue 20)', async () => {
    const nir13 = '1900175123104';
    const member = await createMember(t.ctx.db, t.ctx.cipher, {
      establishment,
      nir13,
      lastName: 'Revenu',
    });
    const at = t.ctx.clock.now().toISOString();
    const former = {
      member_id: member.id,
      type: 'spouse' as const,
      last_name: 'Ancienne',
      first_name: 'Ève',
      birth_date: '1980-01-01',
      nir_encrypted: null,
      attached_to_nir_encrypted: null,
      start_date: '2020-01-01',
      added_by_change_id: null,
      ended_by_change_id: null,
      created_at: at,
      updated_at: at,
    };
    // A beneficiary of a former affiliation, still open; and one whose period ended.
    await t.ctx.db
      .insertInto('member_beneficiaries')
      .values([
        { ...former, id: 'former-open', end_date: null },
        { ...former, id: 'former-ended', first_name: 'Ana', end_date: '2021-12-31' },
      ])
      .execute();
    const request = await finalised(nir13);
    const { affiliation_date } = await t.ctx.db
      .selectFrom('affiliation_requests')
      .select('affiliation_date')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    await createSubmittedForm(t.ctx.db, request.id, [
      { type: 'child', lastName: 'Nguyễn', firstName: 'Łucja' },
      { type: 'child', lastName: 'Nguyễn', firstName: 'Ștefan' },
    ]);
    await validateAffiliation(t.ctx, actor, { requestId: request.id, contractOptions: options() });

    const rows = await t.ctx.db
      .selectFrom('member_beneficiaries')
      .select(['first_name', 'start_date', 'end_date'])
      .where('member_id', '=', member.id)
      .orderBy('start_date')
      .orderBy('first_name')
      .execute();
    expect(rows).toEqual([
      { first_name: 'Ana', start_date: '2020-01-01', end_date: '2021-12-31' },
      // The form declares the family again: the former open period ends the day before.
      { first_name: 'Ève', start_date: '2020-01-01', end_date: previousDay(affiliation_date) },
      { first_name: 'Łucja', start_date: affiliation_date, end_date: null },
      { first_name: 'Ștefan', start_date: affiliation_date, end_date: null },
    ]);
  });

  it('writes nothing when a step fails midway (the audit entry refused by the database)', async () => {
    const request = await finalised('1900175123103');
    const allow = await refuseInsertsInto(t.ctx, 'audit_log');
    try {
      await expect(
        validateAffiliation(t.ctx, actor, { requestId: request.id, contractOptions: options() }),
      ).rejects.toThrow();
    } finally {
      await allow();
    }
    expect(await membersOf('1900175123103')).toEqual([]);
    expect(await requestRow(request.id)).toEqual({ status: 'finalised', member_id: null });
    const history = await findHistory(t.ctx.db, request.id);
    expect(history.map((h) => h.to_status)).toEqual(['finalised']);

    await validateAffiliation(t.ctx, actor, { requestId: request.id, contractOptions: options() });
    expect((await requestRow(request.id)).status).toBe('validated');
  });
});
