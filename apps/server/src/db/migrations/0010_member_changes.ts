/**
 * The member's life after enrolment (issue 20): the beneficiaries of a member with their periods,
 * and the changes an employer declares (statut professionnel, établissement, option,
 * bénéficiaires), each a request the insurer validates or returns. Portable types only (decision
 * 0001); helpers local on purpose, so that this file never changes once released.
 *
 * - `member_beneficiaries`: who the member's cover extends to, from when to when. Until now the
 *   beneficiaries lived only in the enrolment form; a validated affiliation copies them here
 *   (commands/validate-affiliation.ts), and this migration copies those of the affiliations
 *   already validated (the enrolment beneficiary's id is kept: one row each). A change closes a
 *   period (`end_date`) rather than deleting it: the history stays.
 * - `member_changes`: one row per declared change; `kind` is its type in « Suivi des demandes »,
 *   `details` the kind's own fields (JSON, the API contract of schemas/member-changes.ts). The
 *   perimeter columns (company, establishment) are the member's when the change is declared, as
 *   radiations do.
 * - `member_change_status_history`: who moved it, when, with which reason.
 * - `member_change_files`: the proofs (a birth certificate…), stored files of the change.
 * - `contracts.option_change_min_months`: how long a member keeps an option before changing
 *   again (the plan's rule; 12 by default, 0 for any month).
 * - `affiliation_requests.certificates_sent_at`: when the employee was emailed their
 *   certificates after the validation (at most once); the requests validated before this
 *   migration count as done, so that the catch-up job never mails them.
 */
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

type Db = Kysely<unknown>;
type Col = ColumnDefinitionBuilder;

const KINDS = ['professional_status', 'establishment', 'option', 'beneficiary'] as const;
const STATUSES = ['sent', 'validated', 'returned', 'cancelled'] as const;
const ACTOR_KINDS = ['employer', 'staff', 'employee', 'system'] as const;
const BENEFICIARY_TYPES = ['spouse', 'partner', 'child'] as const;

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
const notNull = (c: Col) => c.notNull();
const pk = (c: Col) => c.primaryKey().notNull();

async function index(db: Db, table: string, columns: string[]) {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

async function createMemberChanges(db: Db): Promise<void> {
  await db.schema
    .createTable('member_changes')
    .addColumn('id', 'text', pk)
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', KINDS)))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', STATUSES)))
    .addColumn('member_id', 'text', (c) =>
      c.notNull().references('members.id').onDelete('restrict'),
    )
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('restrict'),
    )
    .addColumn('establishment_id', 'text', (c) =>
      c.notNull().references('establishments.id').onDelete('restrict'),
    )
    .addColumn('effective_date', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .addColumn('comment', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_kind', 'text', (c) =>
      c.notNull().check(oneOf('created_by_kind', ['employer', 'employee'])),
    )
    .addColumn('status_changed_at', 'text', notNull)
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await index(db, 'member_changes', ['company_id', 'status', 'created_at']);
  await index(db, 'member_changes', ['establishment_id', 'status', 'created_at']);
  await index(db, 'member_changes', ['status', 'created_at']);
  await index(db, 'member_changes', ['member_id', 'created_at']);

  await db.schema
    .createTable('member_change_status_history')
    .addColumn('id', 'text', pk)
    .addColumn('member_change_id', 'text', (c) =>
      c.notNull().references('member_changes.id').onDelete('cascade'),
    )
    .addColumn('from_status', 'text', (c) => c.check(oneOf('from_status', STATUSES)))
    .addColumn('to_status', 'text', (c) => c.notNull().check(oneOf('to_status', STATUSES)))
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(oneOf('actor_kind', ACTOR_KINDS)))
    .addColumn('reason', 'text')
    .addColumn('at', 'text', notNull)
    .execute();
  await index(db, 'member_change_status_history', ['member_change_id', 'at']);

  await db.schema
    .createTable('member_change_files')
    .addColumn('id', 'text', pk)
    .addColumn('member_change_id', 'text', (c) =>
      c.notNull().references('member_changes.id').onDelete('cascade'),
    )
    .addColumn('file_id', 'text', (c) =>
      c.notNull().references('stored_files.id').onDelete('restrict'),
    )
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'member_change_files', ['member_change_id']);
}

async function createMemberBeneficiaries(db: Db): Promise<void> {
  await db.schema
    .createTable('member_beneficiaries')
    .addColumn('id', 'text', pk)
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(oneOf('type', BENEFICIARY_TYPES)))
    .addColumn('last_name', 'text', notNull)
    .addColumn('first_name', 'text', notNull)
    .addColumn('birth_date', 'text', notNull)
    .addColumn('nir_encrypted', 'text')
    .addColumn('attached_to_nir_encrypted', 'text')
    .addColumn('start_date', 'text', notNull)
    .addColumn('end_date', 'text')
    .addColumn('added_by_change_id', 'text', (c) =>
      c.references('member_changes.id').onDelete('set null'),
    )
    .addColumn('ended_by_change_id', 'text', (c) =>
      c.references('member_changes.id').onDelete('set null'),
    )
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await index(db, 'member_beneficiaries', ['member_id', 'start_date']);
}

/**
 * The beneficiaries of the affiliations already validated, from their enrolment form, covered
 * from the affiliation's date (the coverage the validation opened).
 */
async function copyValidatedBeneficiaries(db: Db): Promise<void> {
  await sql`
    insert into member_beneficiaries (id, member_id, type, last_name, first_name, birth_date,
      nir_encrypted, attached_to_nir_encrypted, start_date, end_date, added_by_change_id,
      ended_by_change_id, created_at, updated_at)
    select b.id, r.member_id, b.type, b.last_name, b.first_name, b.birth_date, b.nir_encrypted,
      b.attached_to_nir_encrypted, r.affiliation_date, null, null, null,
      b.created_at, b.created_at
    from beneficiaries b
    join enrolment_forms f on f.id = b.enrolment_form_id
    join affiliation_requests r on r.id = f.request_id
    where r.status = 'validated' and r.member_id is not null`.execute(db);
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('contracts')
    .addColumn('option_change_min_months', 'integer', (c) => c.notNull().defaultTo(12))
    .execute();
  await db.schema
    .alterTable('affiliation_requests')
    .addColumn('certificates_sent_at', 'text')
    .execute();
  await sql`update affiliation_requests
    set certificates_sent_at = coalesce(validated_at, status_changed_at)
    where status = 'validated'`.execute(db);
  await createMemberChanges(db);
  await createMemberBeneficiaries(db);
  await copyValidatedBeneficiaries(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('member_beneficiaries').execute();
  await db.schema.dropTable('member_change_files').execute();
  await db.schema.dropTable('member_change_status_history').execute();
  await db.schema.dropTable('member_changes').execute();
  await db.schema.alterTable('contracts').dropColumn('option_change_min_months').execute();
  await db.schema.alterTable('affiliation_requests').dropColumn('certificates_sent_at').execute();
}
