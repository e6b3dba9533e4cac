/**
 * The employee's link to declare their beneficiaries (issue 20): « Envoyer un lien au salarié »
 * on the member's page emails a secret link; the employee opens it, confirms their birth date
 * (the enrolment form's access: limited tries, then a lock) and declares a beneficiary added,
 * removed or corrected, which becomes a change of the member like the employer's. Portable types
 * only (decision 0001); helpers local on purpose, so that this file never changes once released.
 *
 * - `member_links`: one row per link sent. Only the token's SHA-256 is kept (`token_hash`,
 *   unique); `expires_at` from the insurer's `affiliation_expiry_days`; `revoked_at` when the
 *   employer revokes it or sends a new one (one live link per member); `last_used_at` the last
 *   declaration made through it. The perimeter columns (company, establishment) are the member's
 *   when sent. `birth_date_attempts` / `birth_date_locked_until`: the wrong birth dates typed, as
 *   `affiliation_requests` counts them for the enrolment form.
 */
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

type Db = Kysely<unknown>;
type Col = ColumnDefinitionBuilder;

const notNull = (c: Col) => c.notNull();

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('member_links')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('restrict'),
    )
    .addColumn('establishment_id', 'text', (c) =>
      c.notNull().references('establishments.id').onDelete('restrict'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_used_at', 'text')
    .addColumn('birth_date_attempts', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`birth_date_attempts >= 0`),
    )
    .addColumn('birth_date_locked_until', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('member_links_member_id_created_at_idx')
    .on('member_links')
    .columns(['member_id', 'created_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('member_links').execute();
}
