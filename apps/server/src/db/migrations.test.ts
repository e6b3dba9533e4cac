import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import crypto from 'node:crypto';
import {
  createAffiliationRequest,
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  createSubmittedForm,
} from '../../test/factories';
import { createFieldCipher } from '../lib/crypto';
import { newId } from '../lib/ids';
import { migrateToLatest, openDatabase, type Db } from './database';
import { migrations } from './migrations/index';
import type { Database } from './schema';

/** Every table of the Database interface; the compiler checks this list stays complete. */
const TABLES = {
  insurer_settings: true,
  terms_versions: true,
  terms_acceptances: true,
  tips: true,
  companies: true,
  establishments: true,
  contracts: true,
  members: true,
  coverages: true,
  users: true,
  user_company_roles: true,
  user_establishments: true,
  company_invitations: true,
  company_invitation_rights: true,
  recovery_codes: true,
  trusted_devices: true,
  sessions: true,
  sign_in_attempts: true,
  one_time_codes: true,
  action_tokens: true,
  rate_limits: true,
  affiliation_requests: true,
  affiliation_status_history: true,
  enrolment_forms: true,
  beneficiaries: true,
  stored_files: true,
  enrolment_attachments: true,
  documents: true,
  document_versions: true,
  conversations: true,
  messages: true,
  message_attachments: true,
  notifications: true,
  notification_preferences: true,
  outbox: true,
  outbox_attachments: true,
  audit_log: true,
  jobs_locks: true,
  data_versions: true,
  reference_imports: true,
  reference_import_jobs: true,
  radiations: true,
  radiation_status_history: true,
  letter_templates: true,
  dispenses: true,
  dispense_files: true,
  member_beneficiaries: true,
  member_changes: true,
  member_change_status_history: true,
  member_change_files: true,
  member_links: true,
} satisfies Record<keyof Database, true>;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe(`migrations (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('creates every table of the schema, and nothing is pending afterwards', async () => {
    const tables = await t.handle.db.introspection.getTables();
    const names = tables.map((x) => x.name).filter((n) => !n.startsWith('kysely_'));
    expect(names.sort()).toEqual(Object.keys(TABLES).sort());
    expect(await migrateToLatest(t.handle.db)).toEqual([]);
    expect(Object.keys(migrations)).toEqual([...Object.keys(migrations)].sort());
  });

  it('has the exact columns the outbox and the audit log are coded against', async () => {
    const tables = await t.handle.db.introspection.getTables();
    const columns = (name: string) =>
      tables
        .find((x) => x.name === name)
        ?.columns.map((c) => c.name)
        .sort();
    expect(columns('outbox')).toEqual(
      [
        'id',
        'channel',
        'recipient',
        'template',
        'subject',
        'body_text',
        'body_html',
        'status',
        'attempts',
        'next_attempt_at',
        'locked_until',
        'last_error',
        'provider_message_id',
        'created_at',
        'sent_at',
      ].sort(),
    );
    expect(columns('audit_log')).toEqual(
      [
        'id',
        'at',
        'actor_user_id',
        'actor_kind',
        'action',
        'company_id',
        'target_type',
        'target_id',
        'ip',
        'user_agent',
        'details',
      ].sort(),
    );
    const members = tables.find((x) => x.name === 'members');
    expect(members?.columns.find((c) => c.name === 'email')?.isNullable).toBe(true);
    expect(members?.columns.find((c) => c.name === 'nir_hash')?.isNullable).toBe(false);
  });

  it('fills defaults, enforces foreign keys, unique and check constraints', async () => {
    const db = t.handle.db;
    const now = new Date().toISOString();
    const outboxId = newId();
    await db
      .insertInto('outbox')
      .values({
        id: outboxId,
        channel: 'email',
        recipient: 'a@example.test',
        template: 'test',
        body_text: 'Bonjour',
        next_attempt_at: now,
        created_at: now,
      })
      .execute();
    const row = await db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('id', '=', outboxId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', attempts: 0 });

    const companyId = newId();
    const company = {
      id: companyId,
      siren: '732829320',
      name: 'Société de test',
      insurer_company_identifier: 'T-1',
      ccn_name: 'Immobilier',
      idcc: '1527',
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('companies').values(company).execute();
    // unique SIREN
    await expect(
      db
        .insertInto('companies')
        .values({ ...company, id: newId(), insurer_company_identifier: 'T-2' })
        .execute(),
    ).rejects.toThrow();
    // foreign key
    await expect(
      db
        .insertInto('establishments')
        .values({
          id: newId(),
          company_id: newId(),
          siret: '73282932000074',
          name: 'Siège',
          insurer_identifier: 'E-1',
          address_line1: null,
          address_line2: null,
          postal_code: null,
          city: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    // check constraint on an enumeration
    await expect(
      db
        .insertInto('contracts')
        .values({
          id: newId(),
          number: 'C-1',
          company_id: companyId,
          label: 'Contrat',
          staff_category: 'everyone' as 'all',
          options: '[]',
          start_date: '2026-01-01',
          end_date: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    // a single settings row
    const settings = {
      brand_name: 'Assureur',
      logo_file_id: null,
      primary_color: '#1d4f91',
      support_phone: '01 23 45 67 89',
      support_hours: 'du lundi au vendredi',
      support_email: null,
      postal_address: null,
      ccn_name: 'Immobilier',
      idcc: '1527',
      created_at: now,
      updated_at: now,
    };
    await db
      .insertInto('insurer_settings')
      .values({ id: 'default', ...settings })
      .execute();
    await expect(
      db
        .insertInto('insurer_settings')
        .values({ id: 'other', ...settings })
        .execute(),
    ).rejects.toThrow();
    const s = await db
      .selectFrom('insurer_settings')
      .select(['affiliation_expiry_days', 'reminder_delays_days', 'audit_retention_days'])
      .executeTakeFirstOrThrow();
    expect(s).toEqual({
      affiliation_expiry_days: 30,
      reminder_delays_days: '7,14',
      audit_retention_days: 365,
    });
  });

  it('upserts a rate-limit counter the same way on both dialects', async () => {
    const db = t.handle.db;
    const hit = () =>
      db
        .insertInto('rate_limits')
        .values({ key: 'ip:127.0.0.1', window_start: '2026-01-01T00:00:00.000Z', count: 1 })
        .onConflict((oc) =>
          oc
            .columns(['key', 'window_start'])
            .doUpdateSet({ count: (eb) => eb('rate_limits.count', '+', 1) }),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
    expect((await hit()).count).toBe(1);
    expect((await hit()).count).toBe(2);
  });

  it('adds the dispense statuses to the requests and their history, keeping rows and keys (0009)', async () => {
    const db = t.handle.db;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    expect((await migrator.migrateTo('0008_radiations')).error).toBeUndefined();
    const company = await createCompany(db);
    const establishment = await createEstablishment(db, company);
    const contract = await createContract(db, company);
    const user = await createEmployerUser(db, [{ company, role: 'admin' }]);
    const cipher = createFieldCipher(crypto.randomBytes(32));
    const request = await createAffiliationRequest(db, cipher, {
      establishment,
      contract,
      createdBy: user,
    });
    expect((await migrateToLatest(db))[0]).toBe('0009_dispenses');

    const kept = await db
      .selectFrom('affiliation_requests')
      .select(['status', 'last_name'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: 'sent', last_name: request.last_name });
    await db
      .updateTable('affiliation_requests')
      .set({ status: 'dispense_requested' })
      .where('id', '=', request.id)
      .execute();
    await expect(
      db
        .updateTable('affiliation_requests')
        .set({ status: 'unknown' as 'sent' })
        .where('id', '=', request.id)
        .execute(),
    ).rejects.toThrow();
    // The history still points to the request: deleting the request deletes it (cascade).
    const history = () =>
      db
        .selectFrom('affiliation_status_history')
        .select('to_status')
        .where('request_id', '=', request.id)
        .execute();
    expect(await history()).toEqual([{ to_status: 'sent' }]);
    await db.deleteFrom('affiliation_requests').where('id', '=', request.id).execute();
    expect(await history()).toEqual([]);
    // The history's foreign key is enforced again after the rebuild.
    await expect(
      db
        .insertInto('affiliation_status_history')
        .values({
          id: newId(),
          request_id: newId(),
          from_status: null,
          to_status: 'dispensed',
          actor_user_id: null,
          actor_kind: 'system',
          reason: null,
          at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('copies the beneficiaries of the validated affiliations to their member (0010)', async () => {
    const db = t.handle.db;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    expect((await migrator.migrateTo('0009_dispenses')).error).toBeUndefined();
    const company = await createCompany(db);
    const establishment = await createEstablishment(db, company);
    const contract = await createContract(db, company);
    const user = await createEmployerUser(db, [{ company, role: 'admin' }]);
    const cipher = createFieldCipher(crypto.randomBytes(32));
    const member = await createMember(db, cipher, {
      establishment,
      nir13: '1850675123456',
      lastName: 'Nguyễn',
      coverages: [{ contract, effectiveDate: '2026-02-01' }],
    });
    const requestWithForm = async (validated: boolean) => {
      const request = await createAffiliationRequest(db, cipher, {
        establishment,
        contract,
        createdBy: user,
      });
      await db
        .updateTable('affiliation_requests')
        .set(
          validated
            ? { status: 'validated', member_id: member.id, affiliation_date: '2026-02-01' }
            : { status: 'finalised' },
        )
        .where('id', '=', request.id)
        .execute();
      const [beneficiaryId] = await createSubmittedForm(db, request.id, [
        { type: 'child', lastName: 'Nguyễn', firstName: 'Łucja' },
      ]);
      return beneficiaryId;
    };
    const copied = await requestWithForm(true);
    await requestWithForm(false);
    expect((await migrateToLatest(db))[0]).toBe('0010_member_changes');

    const rows = await db.selectFrom('member_beneficiaries').selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({
        id: copied,
        member_id: member.id,
        type: 'child',
        last_name: 'Nguyễn',
        first_name: 'Łucja',
        start_date: '2026-02-01',
        end_date: null,
      }),
    ]);
    const { option_change_min_months } = await db
      .selectFrom('contracts')
      .select('option_change_min_months')
      .where('id', '=', contract.id)
      .executeTakeFirstOrThrow();
    expect(option_change_min_months).toBe(12);
    // Validated before the certificates were emailed: never mailed by the catch-up job.
    const requests = await db
      .selectFrom('affiliation_requests')
      .select(['status', 'certificates_sent_at'])
      .execute();
    expect(requests.filter((r) => r.status === 'validated')).toEqual([
      { status: 'validated', certificates_sent_at: expect.any(String) as string },
    ]);
    expect(requests.filter((r) => r.certificates_sent_at === null)).toHaveLength(1);
  });

  it('keeps one link per token hash, never a negative count of tries (0012)', async () => {
    const db = t.handle.db;
    const company = await createCompany(db);
    const establishment = await createEstablishment(db, company);
    const cipher = createFieldCipher(crypto.randomBytes(32));
    const member = await createMember(db, cipher, {
      establishment,
      nir13: '1850675123999',
      lastName: 'Lien',
    });
    const now = new Date().toISOString();
    const link = (tokenHash: string) => ({
      id: newId(),
      member_id: member.id,
      company_id: company.id,
      establishment_id: establishment.id,
      token_hash: tokenHash,
      email: 'salarie@example.test',
      expires_at: now,
      created_by_user_id: null,
      revoked_at: null,
      revoked_by_user_id: null,
      last_used_at: null,
      birth_date_locked_until: null,
      created_at: now,
    });
    await db
      .insertInto('member_links')
      .values(link('a'.repeat(64)))
      .execute();
    const row = await db
      .selectFrom('member_links')
      .select('birth_date_attempts')
      .where('member_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row.birth_date_attempts).toBe(0);
    await expect(
      db
        .insertInto('member_links')
        .values(link('a'.repeat(64)))
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('member_links')
        .values({ ...link('b'.repeat(64)), birth_date_attempts: -1 })
        .execute(),
    ).rejects.toThrow();
  });

  it('migrates down to nothing and up again', async () => {
    const migrator = new Migrator({
      db: t.handle.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const left = await t.handle.db.introspection.getTables();
    expect(left.filter((x) => !x.name.startsWith('kysely_'))).toEqual([]);
    expect(await migrateToLatest(t.handle.db)).toEqual(Object.keys(migrations));
    const count = await sql<{ n: number }>`select count(*) as n from members`.execute(t.handle.db);
    expect(Number(count.rows[0]?.n)).toBe(0);
  });
});

/** Table → column → "type null? default?", with the dialects' type names made comparable. */
async function describeSchema(db: Db): Promise<Record<string, Record<string, string>>> {
  const types: Record<string, string> = { int4: 'integer', text: 'text', integer: 'integer' };
  const out: Record<string, Record<string, string>> = {};
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith('kysely_')) continue;
    out[table.name] = Object.fromEntries(
      table.columns.map((c) => [
        c.name,
        `${types[c.dataType.toLowerCase()] ?? c.dataType} ${c.isNullable ? 'null' : 'not null'}${c.hasDefaultValue ? ' default' : ''}`,
      ]),
    );
  }
  return out;
}

describe.runIf(process.env.TEST_POSTGRES_URL)('the same schema on both dialects', () => {
  it('has the same tables, columns, types, nullability and defaults on SQLite and PostgreSQL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-schema-'));
    const sqlite = openDatabase(path.join(dir, 'schema.db'));
    try {
      await migrateToLatest(sqlite.db);
      expect(t.handle.dialect).toBe('postgres');
      const pg = await describeSchema(t.handle.db);
      expect(await describeSchema(sqlite.db)).toEqual(pg);
      expect(Object.keys(pg)).toHaveLength(Object.keys(TABLES).length);
    } finally {
      await sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
