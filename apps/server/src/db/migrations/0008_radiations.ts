/**
 * Departures (issue 18): the employer's « Radier un salarié » requests, their status history, the
 * portability coverage and the letter templates the insurer edits (the notice of the end of the
 * group cover first). Portable types only (decision 0001); helpers local on purpose, so that this
 * file never changes once released.
 *
 * - `radiations`: one request per departure; at most one waiting for the insurer (sent) per
 *   member (partial unique index: two radiations sent at once cannot both land). A processed
 *   radiation that ended the current coverage refuses another too (radiations.service.ts): a
 *   member hired again after it may be radiated again.
 * - `radiation_status_history`: who moved it, when, with which reason.
 * - `coverages.kind`: 'employee' (the group cover as an employee) or 'portability' (L911-8, the
 *   free continuation after the contract, opened when the insurer processes the radiation);
 *   `coverages.radiation_id` links the portability coverage to its radiation. The member's
 *   « latest coverage » copy (migration 0002) keeps following the employee coverages only.
 * - `members.portability_end_date`: the end of the current portability, copied for the « En
 *   portabilité » filter of « Mes salariés » and the home page's pending actions (a partial
 *   index: the members who never had one are not in it).
 * - `letter_templates`: one row per kind of letter (`radiation_notice`), the insurer's text with
 *   placeholders; absent, the built-in default text applies.
 */
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

type Db = Kysely<unknown>;
type Col = ColumnDefinitionBuilder;

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
const bool = (column: string) => sql`${sql.ref(column)} in (0, 1)`;
const notNull = (c: Col) => c.notNull();
const pk = (c: Col) => c.primaryKey().notNull();

const RADIATION_STATUSES = ['sent', 'processed', 'returned', 'cancelled'] as const;
const ACTOR_KINDS = ['employer', 'staff', 'employee', 'system'] as const;

async function index(db: Db, table: string, columns: string[]) {
  await db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns)
    .execute();
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('radiations')
    .addColumn('id', 'text', pk)
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('restrict'),
    )
    .addColumn('establishment_id', 'text', (c) =>
      c.notNull().references('establishments.id').onDelete('restrict'),
    )
    .addColumn('member_id', 'text', (c) =>
      c.notNull().references('members.id').onDelete('restrict'),
    )
    .addColumn('created_by_user_id', 'text', (c) =>
      c.notNull().references('users.id').onDelete('restrict'),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', RADIATION_STATUSES)))
    .addColumn('contract_end_date', 'text', notNull)
    .addColumn('motif', 'text', notNull)
    .addColumn('unemployment_rights', 'integer', (c) =>
      c.notNull().check(bool('unemployment_rights')),
    )
    .addColumn('disability_pension', 'integer', (c) =>
      c.notNull().defaultTo(0).check(bool('disability_pension')),
    )
    .addColumn('employment_periods', 'text', notNull)
    .addColumn('portability_months', 'integer')
    .addColumn('portability_start_date', 'text')
    .addColumn('portability_end_date', 'text')
    .addColumn('portability_refusal', 'text')
    .addColumn('evin_offered', 'integer', (c) => c.notNull().check(bool('evin_offered')))
    .addColumn('evin_deadline', 'text')
    .addColumn('evin_answer', 'text', (c) =>
      c.check(oneOf('evin_answer', ['accepted', 'declined'])),
    )
    .addColumn('evin_answered_at', 'text')
    .addColumn('evin_answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('contact_email', 'text')
    .addColumn('contact_address', 'text')
    .addColumn('comment', 'text')
    .addColumn('new_job_date', 'text')
    .addColumn('new_job_reported_at', 'text')
    .addColumn('notice_sent_at', 'text')
    .addColumn('status_changed_at', 'text', notNull)
    .addColumn('processed_at', 'text')
    .addColumn('processed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('returned_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await index(db, 'radiations', ['company_id', 'status', 'created_at']);
  await index(db, 'radiations', ['establishment_id', 'status', 'created_at']);
  await index(db, 'radiations', ['status', 'status_changed_at']);
  await index(db, 'radiations', ['member_id']);
  await db.schema
    .createIndex('radiations_member_sent_key')
    .unique()
    .on('radiations')
    .column('member_id')
    .where(sql.ref('status'), '=', 'sent')
    .execute();

  await db.schema
    .createTable('radiation_status_history')
    .addColumn('id', 'text', pk)
    .addColumn('radiation_id', 'text', (c) =>
      c.notNull().references('radiations.id').onDelete('cascade'),
    )
    .addColumn('from_status', 'text', (c) => c.check(oneOf('from_status', RADIATION_STATUSES)))
    .addColumn('to_status', 'text', (c) =>
      c.notNull().check(oneOf('to_status', RADIATION_STATUSES)),
    )
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(oneOf('actor_kind', ACTOR_KINDS)))
    .addColumn('reason', 'text')
    .addColumn('at', 'text', notNull)
    .execute();
  await index(db, 'radiation_status_history', ['radiation_id', 'at']);

  await db.schema
    .alterTable('coverages')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('employee')
        .check(oneOf('kind', ['employee', 'portability'])),
    )
    .execute();
  await db.schema
    .alterTable('coverages')
    .addColumn('radiation_id', 'text', (c) => c.references('radiations.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('members').addColumn('portability_end_date', 'text').execute();
  // Partial: only the members in (or past) a portability; a member created by an import is not
  // in it, so loading 100,000 members maintains no more index than before this migration.
  await db.schema
    .createIndex('members_company_id_portability_end_date_idx')
    .on('members')
    .columns(['company_id', 'portability_end_date'])
    .where(sql.ref('portability_end_date'), 'is not', null)
    .execute();

  await db.schema
    .createTable('letter_templates')
    .addColumn('kind', 'text', pk)
    .addColumn('subject', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', notNull)
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('letter_templates').execute();
  await db.schema.dropIndex('members_company_id_portability_end_date_idx').execute();
  await db.schema.alterTable('members').dropColumn('portability_end_date').execute();
  await db.schema.alterTable('coverages').dropColumn('radiation_id').execute();
  await db.schema.alterTable('coverages').dropColumn('kind').execute();
  await db.schema.dropTable('radiation_status_history').execute();
  await db.schema.dropTable('radiations').execute();
}
