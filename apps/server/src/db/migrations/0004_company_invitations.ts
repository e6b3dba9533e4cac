/**
 * Invitations of an existing account to a company (issue 14 #4): « Ajouter un utilisateur » with
 * an address that already has an account attaches nothing; the person receives a link and the
 * rights are written only when they accept, signed in. Until then the invitation holds what the
 * administrator typed (shown to them instead of the account's own data) and the rights proposed,
 * one row per company. Portable types only (decision 0001).
 */
import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

const INVITATION_STATUSES = ['pending', 'suspended', 'cancelled', 'accepted', 'declined'];

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('company_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('mobile_phone', 'text')
    .addColumn('is_third_party', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_third_party in (0, 1)`),
    )
    .addColumn('third_party_firm', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in (${sql.join(INVITATION_STATUSES.map((s) => sql.lit(s)))})`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('invited_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('responded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('company_invitations_user_id_status_idx')
    .on('company_invitations')
    .columns(['user_id', 'status'])
    .execute();

  await db.schema
    .createTable('company_invitation_rights')
    .addColumn('invitation_id', 'text', (c) =>
      c.notNull().references('company_invitations.id').onDelete('cascade'),
    )
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'user')`))
    /** JSON array of establishment ids; null: the whole company. */
    .addColumn('establishment_ids', 'text')
    .addPrimaryKeyConstraint('company_invitation_rights_pkey', ['invitation_id', 'company_id'])
    .execute();
  await db.schema
    .createIndex('company_invitation_rights_company_id_idx')
    .on('company_invitation_rights')
    .columns(['company_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('company_invitation_rights').execute();
  await db.schema.dropTable('company_invitations').execute();
}
