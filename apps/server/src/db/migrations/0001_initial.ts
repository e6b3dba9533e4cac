/**
 * The initial data model. One migration for both dialects: only Kysely's schema builder and
 * portable types (text, integer); standard SQL in the few check constraints.
 * Column meanings are documented in ../schema.ts. Never edit this file once released: add a
 * new migration instead (its helpers are local on purpose, so that it never changes).
 */
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

type Db = Kysely<unknown>;
type Col = ColumnDefinitionBuilder;

/** `column in ('a', 'b')`, a portable check constraint. */
function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
const bool = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

const notNull = (c: Col) => c.notNull();
// NOT NULL spelled out: SQLite lets a non-integer primary key be null otherwise.
const pk = (c: Col) => c.primaryKey().notNull();

/** Adds `id text primary key`. */
function withId<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t.addColumn('id', 'text', pk);
}
/** Adds `created_at` and `updated_at`, both required instants. */
function withTimestamps<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t.addColumn('created_at', 'text', notNull).addColumn('updated_at', 'text', notNull);
}

const STAFF_CATEGORIES = ['cadre', 'non_cadre', 'all'] as const;
const PROFESSIONAL_STATUSES = ['cadre', 'non_cadre'] as const;
const USER_KINDS = ['employer', 'staff'] as const;
const AFFILIATION_STATUSES = [
  'sent',
  'started',
  'finalised',
  'abandoned',
  'validated',
  'returned',
] as const;

async function index(db: Db, table: string, columns: string[], unique = false) {
  let b = db.schema.createIndex(`${table}_${columns.join('_')}_${unique ? 'key' : 'idx'}`);
  if (unique) b = b.unique();
  await b.on(table).columns(columns).execute();
}

export async function up(db: Db): Promise<void> {
  // --- Files (referenced by settings, documents, forms, messages) --------------------------
  await withId(db.schema.createTable('stored_files'))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', notNull)
    .addColumn('mime_type', 'text', notNull)
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', notNull)
    .addColumn('owner_kind', 'text', notNull)
    .addColumn('owner_id', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'stored_files', ['owner_kind', 'owner_id']);

  // --- Insurer configuration ----------------------------------------------------------------
  await withTimestamps(
    db.schema
      .createTable('insurer_settings')
      .addColumn('id', 'text', (c) =>
        c
          .primaryKey()
          .notNull()
          .check(sql`id = 'default'`),
      )
      .addColumn('brand_name', 'text', notNull)
      .addColumn('logo_file_id', 'text', (c) =>
        c.references('stored_files.id').onDelete('set null'),
      )
      .addColumn('primary_color', 'text', notNull)
      .addColumn('support_phone', 'text', notNull)
      .addColumn('support_hours', 'text', notNull)
      .addColumn('support_email', 'text')
      .addColumn('postal_address', 'text')
      .addColumn('ccn_name', 'text', notNull)
      .addColumn('idcc', 'text', notNull)
      .addColumn('affiliation_expiry_days', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(30)
          .check(sql`affiliation_expiry_days > 0`),
      )
      .addColumn('reminder_delays_days', 'text', (c) => c.notNull().defaultTo('7,14'))
      .addColumn('audit_retention_days', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(365)
          .check(sql`audit_retention_days > 0`),
      )
      .addColumn('allow_temporary_nir', 'integer', (c) =>
        c.notNull().defaultTo(0).check(bool('allow_temporary_nir')),
      ),
  ).execute();

  await withId(db.schema.createTable('terms_versions'))
    .addColumn('version', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', notNull)
    .addColumn('content_markdown', 'text', notNull)
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'terms_versions', ['published_at']);

  await withTimestamps(
    withId(db.schema.createTable('tips'))
      .addColumn('title', 'text', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(1).check(bool('published'))),
  ).execute();
  await index(db, 'tips', ['published', 'position']);

  // --- Reference data -----------------------------------------------------------------------
  await withTimestamps(
    withId(db.schema.createTable('companies'))
      .addColumn('siren', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('insurer_company_identifier', 'text', (c) => c.notNull().unique())
      .addColumn('ccn_name', 'text')
      .addColumn('idcc', 'text'),
  ).execute();
  await index(db, 'companies', ['name']);

  await withTimestamps(
    withId(db.schema.createTable('establishments'))
      .addColumn('company_id', 'text', (c) =>
        c.notNull().references('companies.id').onDelete('restrict'),
      )
      .addColumn('siret', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('address_line1', 'text')
      .addColumn('address_line2', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('city', 'text')
      .addColumn('insurer_identifier', 'text', (c) => c.notNull().unique()),
  ).execute();
  await index(db, 'establishments', ['company_id', 'name']);

  await withTimestamps(
    withId(db.schema.createTable('contracts'))
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('company_id', 'text', (c) =>
        c.notNull().references('companies.id').onDelete('restrict'),
      )
      .addColumn('label', 'text', notNull)
      .addColumn('staff_category', 'text', (c) =>
        c.notNull().check(oneOf('staff_category', STAFF_CATEGORIES)),
      )
      .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('start_date', 'text', notNull)
      .addColumn('end_date', 'text')
      .addCheckConstraint('contracts_dates_rule', sql`end_date is null or end_date >= start_date`),
  ).execute();
  await index(db, 'contracts', ['company_id', 'staff_category']);

  await withTimestamps(
    withId(db.schema.createTable('members'))
      .addColumn('company_id', 'text', (c) =>
        c.notNull().references('companies.id').onDelete('restrict'),
      )
      .addColumn('establishment_id', 'text', (c) =>
        c.notNull().references('establishments.id').onDelete('restrict'),
      )
      .addColumn('nir_encrypted', 'text', notNull)
      .addColumn('nir_hash', 'text', notNull)
      .addColumn('last_name', 'text', notNull)
      .addColumn('first_name', 'text', notNull)
      .addColumn('search_name', 'text', notNull)
      .addColumn('birth_date', 'text', notNull)
      .addColumn('professional_status', 'text', (c) =>
        c.notNull().check(oneOf('professional_status', PROFESSIONAL_STATUSES)),
      )
      .addColumn('email', 'text')
      .addUniqueConstraint('members_company_id_nir_hash_key', ['company_id', 'nir_hash']),
  ).execute();
  // Mes salariés: list by company or establishment, sorted by name; filters; NIR lookup.
  await index(db, 'members', ['company_id', 'search_name']);
  await index(db, 'members', ['establishment_id', 'search_name']);
  await index(db, 'members', ['company_id', 'professional_status', 'search_name']);
  await index(db, 'members', ['nir_hash']);
  await index(db, 'members', ['search_name']);

  // --- Accounts -----------------------------------------------------------------------------
  await withTimestamps(
    withId(db.schema.createTable('users'))
      .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', USER_KINDS)))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('email_verified_at', 'text')
      .addColumn('password_hash', 'text')
      .addColumn('password_changed_at', 'text')
      .addColumn('first_name', 'text', notNull)
      .addColumn('last_name', 'text', notNull)
      .addColumn('mobile_phone', 'text')
      .addColumn('mobile_phone_verified_at', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(oneOf('status', ['invited', 'active', 'suspended', 'deactivated'])),
      )
      .addColumn('staff_role', 'text', (c) => c.check(oneOf('staff_role', ['manager', 'admin'])))
      .addColumn('is_third_party', 'integer', (c) =>
        c.notNull().defaultTo(0).check(bool('is_third_party')),
      )
      .addColumn('third_party_firm', 'text')
      .addColumn('totp_secret_encrypted', 'text')
      .addColumn('totp_enabled_at', 'text')
      .addColumn('second_factor', 'text', (c) =>
        c
          .notNull()
          .defaultTo('sms')
          .check(oneOf('second_factor', ['sms', 'totp'])),
      )
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
      .addColumn('last_sign_in_at', 'text')
      .addColumn('last_sign_in_ip', 'text')
      .addColumn('failed_sign_in_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_sign_in_day', 'text')
      .addColumn('failed_sign_in_day_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_failed_sign_in_at', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('created_by_user_id', 'text', (c) =>
        c.references('users.id').onDelete('set null'),
      ),
  )
    .addColumn('deactivated_at', 'text')
    .addCheckConstraint(
      'users_staff_role_rule',
      sql`(kind = 'staff' and staff_role is not null) or (kind = 'employer' and staff_role is null)`,
    )
    .execute();
  await index(db, 'users', ['kind', 'status']);
  await index(db, 'users', ['created_by_user_id']);

  await withTimestamps(
    withId(db.schema.createTable('user_company_roles'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('company_id', 'text', (c) =>
        c.notNull().references('companies.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ['admin', 'user'])))
      .addColumn('all_establishments', 'integer', (c) =>
        c.notNull().defaultTo(1).check(bool('all_establishments')),
      )
      .addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addUniqueConstraint('user_company_roles_user_id_company_id_key', ['user_id', 'company_id']),
  ).execute();
  await index(db, 'user_company_roles', ['company_id', 'role']);

  await db.schema
    .createTable('user_establishments')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('establishment_id', 'text', (c) =>
      c.notNull().references('establishments.id').onDelete('cascade'),
    )
    .addColumn('added_by_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', notNull)
    .addPrimaryKeyConstraint('user_establishments_pkey', ['user_id', 'establishment_id'])
    .execute();
  await index(db, 'user_establishments', ['establishment_id']);

  await withId(db.schema.createTable('terms_acceptances'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('terms_version_id', 'text', (c) =>
      c.notNull().references('terms_versions.id').onDelete('restrict'),
    )
    .addColumn('accepted_at', 'text', notNull)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addUniqueConstraint('terms_acceptances_user_id_terms_version_id_key', [
      'user_id',
      'terms_version_id',
    ])
    .execute();
  await index(db, 'terms_acceptances', ['terms_version_id']);

  await withId(db.schema.createTable('recovery_codes'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', notNull)
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'recovery_codes', ['user_id']);

  await withId(db.schema.createTable('trusted_devices'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('device_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_agent', 'text')
    .addColumn('last_ip', 'text')
    .addColumn('last_seen_at', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('revoked_at', 'text')
    .execute();
  await index(db, 'trusted_devices', ['user_id']);

  await withId(db.schema.createTable('sessions'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', USER_KINDS)))
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('trusted_device_id', 'text', (c) =>
      c.references('trusted_devices.id').onDelete('set null'),
    )
    .addColumn('second_factor_done', 'integer', (c) =>
      c.notNull().defaultTo(0).check(bool('second_factor_done')),
    )
    .addColumn('created_at', 'text', notNull)
    .addColumn('last_seen_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await index(db, 'sessions', ['user_id', 'revoked_at']);
  await index(db, 'sessions', ['expires_at']);
  await index(db, 'sessions', ['trusted_device_id']);

  await withId(db.schema.createTable('sign_in_attempts'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', USER_KINDS)))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('reasons', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('completed_at', 'text')
    .execute();
  await index(db, 'sign_in_attempts', ['user_id']);
  await index(db, 'sign_in_attempts', ['expires_at']);

  await withId(db.schema.createTable('one_time_codes'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(oneOf('purpose', ['sign_in', 'phone_change', 'reauthentication'])),
    )
    .addColumn('code_hash', 'text', notNull)
    .addColumn('bound_to', 'text')
    .addColumn('target', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sends', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_sent_at', 'text')
    .addColumn('expires_at', 'text', notNull)
    .addColumn('consumed_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'one_time_codes', ['user_id', 'purpose']);
  await index(db, 'one_time_codes', ['bound_to']);
  await index(db, 'one_time_codes', ['expires_at']);

  await withId(db.schema.createTable('action_tokens'))
    .addColumn('purpose', 'text', (c) =>
      c
        .notNull()
        .check(
          oneOf('purpose', ['email_confirmation', 'password_reset', 'invitation', 'email_change']),
        ),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('payload', 'text')
    .addColumn('expires_at', 'text', notNull)
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'action_tokens', ['user_id', 'purpose']);
  await index(db, 'action_tokens', ['expires_at']);

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', notNull)
    .addColumn('window_start', 'text', notNull)
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_limits_pkey', ['key', 'window_start'])
    .execute();
  await index(db, 'rate_limits', ['window_start']);

  // --- Enrolment ----------------------------------------------------------------------------
  await withTimestamps(
    withId(db.schema.createTable('affiliation_requests'))
      .addColumn('company_id', 'text', (c) =>
        c.notNull().references('companies.id').onDelete('restrict'),
      )
      .addColumn('establishment_id', 'text', (c) =>
        c.notNull().references('establishments.id').onDelete('restrict'),
      )
      .addColumn('contract_id', 'text', (c) =>
        c.notNull().references('contracts.id').onDelete('restrict'),
      )
      .addColumn('member_id', 'text', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('created_by_user_id', 'text', (c) =>
        c.notNull().references('users.id').onDelete('restrict'),
      )
      .addColumn('mode', 'text', (c) => c.notNull().check(oneOf('mode', ['email', 'mail'])))
      .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', AFFILIATION_STATUSES)))
      .addColumn('last_name', 'text', notNull)
      .addColumn('first_name', 'text', notNull)
      .addColumn('search_name', 'text', notNull)
      .addColumn('email', 'text')
      .addColumn('nir_encrypted', 'text', notNull)
      .addColumn('nir_hash', 'text', notNull)
      .addColumn('birth_date', 'text', notNull)
      .addColumn('hire_date', 'text', notNull)
      .addColumn('affiliation_date', 'text', notNull)
      .addColumn('employment_contract_type', 'text', notNull)
      .addColumn('employment_start_date', 'text', notNull)
      .addColumn('employment_end_date', 'text')
      .addColumn('professional_status', 'text', (c) =>
        c.notNull().check(oneOf('professional_status', PROFESSIONAL_STATUSES)),
      )
      .addColumn('position_in_company', 'text')
      .addColumn('already_affiliated', 'integer', (c) =>
        c.notNull().defaultTo(0).check(bool('already_affiliated')),
      )
      .addColumn('form_token_hash', 'text', (c) => c.unique())
      .addColumn('form_token_expires_at', 'text')
      .addColumn('birth_date_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('birth_date_locked_until', 'text')
      .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_reminder_at', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('status_changed_at', 'text', notNull)
      .addColumn('finalised_at', 'text')
      .addColumn('paper_received_at', 'text')
      .addColumn('validated_at', 'text')
      .addColumn('validated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('returned_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('abandon_reason', 'text'),
  )
    .addCheckConstraint('affiliation_requests_email_rule', sql`mode = 'mail' or email is not null`)
    .execute();
  // Suivi des demandes: by company or establishment, status, newest first; name search.
  await index(db, 'affiliation_requests', ['company_id', 'status', 'created_at']);
  await index(db, 'affiliation_requests', ['company_id', 'created_at']);
  await index(db, 'affiliation_requests', ['establishment_id', 'status', 'created_at']);
  await index(db, 'affiliation_requests', ['status', 'status_changed_at']);
  await index(db, 'affiliation_requests', ['search_name']);
  await index(db, 'affiliation_requests', ['nir_hash']);
  await index(db, 'affiliation_requests', ['member_id']);
  await index(db, 'affiliation_requests', ['contract_id']);
  await index(db, 'affiliation_requests', ['created_by_user_id']);

  await withId(db.schema.createTable('affiliation_status_history'))
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('affiliation_requests.id').onDelete('cascade'),
    )
    .addColumn('from_status', 'text', (c) => c.check(oneOf('from_status', AFFILIATION_STATUSES)))
    .addColumn('to_status', 'text', (c) =>
      c.notNull().check(oneOf('to_status', AFFILIATION_STATUSES)),
    )
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_kind', 'text', (c) =>
      c.notNull().check(oneOf('actor_kind', ['employer', 'staff', 'employee', 'system'])),
    )
    .addColumn('reason', 'text')
    .addColumn('at', 'text', notNull)
    .execute();
  await index(db, 'affiliation_status_history', ['request_id', 'at']);

  await withTimestamps(
    withId(db.schema.createTable('coverages'))
      .addColumn('member_id', 'text', (c) =>
        c.notNull().references('members.id').onDelete('cascade'),
      )
      .addColumn('contract_id', 'text', (c) =>
        c.notNull().references('contracts.id').onDelete('restrict'),
      )
      .addColumn('option_code', 'text', notNull)
      .addColumn('effective_date', 'text', notNull)
      .addColumn('end_date', 'text')
      .addColumn('affiliation_request_id', 'text', (c) =>
        c.references('affiliation_requests.id').onDelete('set null'),
      )
      .addCheckConstraint(
        'coverages_dates_rule',
        sql`end_date is null or end_date >= effective_date`,
      ),
  ).execute();
  await index(db, 'coverages', ['member_id', 'effective_date']);
  await index(db, 'coverages', ['contract_id', 'effective_date']);
  await index(db, 'coverages', ['effective_date']);
  await index(db, 'coverages', ['end_date']);
  await index(db, 'coverages', ['affiliation_request_id']);

  await withTimestamps(
    withId(db.schema.createTable('enrolment_forms'))
      .addColumn('request_id', 'text', (c) =>
        c.notNull().unique().references('affiliation_requests.id').onDelete('cascade'),
      )
      .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('option_code', 'text')
      .addColumn('iban_encrypted', 'text')
      .addColumn('iban_hash', 'text')
      .addColumn('bic', 'text')
      .addColumn('noemie_consent', 'integer', (c) =>
        c.notNull().defaultTo(0).check(bool('noemie_consent')),
      )
      .addColumn('certified_at', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('pdf_file_id', 'text', (c) =>
        c.references('stored_files.id').onDelete('set null'),
      ),
  ).execute();
  await index(db, 'enrolment_forms', ['iban_hash']);

  await withId(db.schema.createTable('beneficiaries'))
    .addColumn('enrolment_form_id', 'text', (c) =>
      c.notNull().references('enrolment_forms.id').onDelete('cascade'),
    )
    .addColumn('type', 'text', (c) =>
      c.notNull().check(oneOf('type', ['spouse', 'partner', 'child'])),
    )
    .addColumn('last_name', 'text', notNull)
    .addColumn('first_name', 'text', notNull)
    .addColumn('birth_date', 'text', notNull)
    .addColumn('nir_encrypted', 'text')
    .addColumn('attached_to_nir_encrypted', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'beneficiaries', ['enrolment_form_id', 'position']);

  await withId(db.schema.createTable('enrolment_attachments'))
    .addColumn('form_id', 'text', (c) =>
      c.notNull().references('enrolment_forms.id').onDelete('cascade'),
    )
    .addColumn('file_id', 'text', (c) =>
      c.notNull().references('stored_files.id').onDelete('restrict'),
    )
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(oneOf('kind', ['rib', 'social_security_certificate', 'other'])),
    )
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'enrolment_attachments', ['form_id']);
  await index(db, 'enrolment_attachments', ['file_id']);

  // --- Documents ----------------------------------------------------------------------------
  await withTimestamps(
    withId(db.schema.createTable('documents'))
      .addColumn('title', 'text', notNull)
      .addColumn('description', 'text')
      .addColumn('category', 'text', notNull)
      .addColumn('scope', 'text', (c) =>
        c.notNull().check(oneOf('scope', ['all', 'ccn', 'company'])),
      )
      .addColumn('ccn_idcc', 'text')
      .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(oneOf('status', ['draft', 'published', 'unpublished'])),
      )
      // No foreign key: documents and document_versions reference each other, and a circular
      // constraint cannot be added portably (SQLite has no ALTER TABLE ADD CONSTRAINT).
      .addColumn('current_version_id', 'text')
      .addColumn('published_at', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addCheckConstraint(
        'documents_scope_rule',
        sql`(scope = 'all' and ccn_idcc is null and company_id is null)
          or (scope = 'ccn' and ccn_idcc is not null and company_id is null)
          or (scope = 'company' and company_id is not null)`,
      ),
  ).execute();
  await index(db, 'documents', ['status', 'scope']);
  await index(db, 'documents', ['company_id']);
  await index(db, 'documents', ['category', 'title']);

  await withId(db.schema.createTable('document_versions'))
    .addColumn('document_id', 'text', (c) =>
      c.notNull().references('documents.id').onDelete('cascade'),
    )
    .addColumn('file_id', 'text', (c) =>
      c.notNull().references('stored_files.id').onDelete('restrict'),
    )
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('document_versions_document_id_version_key', ['document_id', 'version'])
    .execute();
  await index(db, 'document_versions', ['file_id']);

  // --- Messages -----------------------------------------------------------------------------
  await withTimestamps(
    withId(db.schema.createTable('conversations'))
      .addColumn('company_id', 'text', (c) =>
        c.notNull().references('companies.id').onDelete('restrict'),
      )
      .addColumn('created_by_user_id', 'text', (c) =>
        c.notNull().references('users.id').onDelete('restrict'),
      )
      .addColumn('category', 'text', notNull)
      .addColumn('subject', 'text', notNull)
      .addColumn('status', 'text', (c) =>
        c.notNull().check(oneOf('status', ['sent', 'in_progress', 'answered', 'closed'])),
      )
      .addColumn('assigned_staff_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('last_message_at', 'text', notNull)
      .addColumn('employer_unread', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('staff_unread', 'integer', (c) => c.notNull().defaultTo(0)),
  )
    .addColumn('closed_at', 'text')
    .execute();
  await index(db, 'conversations', ['company_id', 'last_message_at']);
  await index(db, 'conversations', ['status', 'last_message_at']);
  await index(db, 'conversations', ['assigned_staff_id', 'status']);
  await index(db, 'conversations', ['created_by_user_id']);

  await withId(db.schema.createTable('messages'))
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('author_user_id', 'text', (c) =>
      c.notNull().references('users.id').onDelete('restrict'),
    )
    .addColumn('author_kind', 'text', (c) => c.notNull().check(oneOf('author_kind', USER_KINDS)))
    .addColumn('body', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'messages', ['conversation_id', 'created_at']);
  await index(db, 'messages', ['author_user_id']);

  await db.schema
    .createTable('message_attachments')
    .addColumn('message_id', 'text', (c) =>
      c.notNull().references('messages.id').onDelete('cascade'),
    )
    .addColumn('file_id', 'text', (c) =>
      c.notNull().references('stored_files.id').onDelete('restrict'),
    )
    .addPrimaryKeyConstraint('message_attachments_pkey', ['message_id', 'file_id'])
    .execute();
  await index(db, 'message_attachments', ['file_id']);

  // --- Notifications ------------------------------------------------------------------------
  await withId(db.schema.createTable('notifications'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('cascade'))
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await index(db, 'notifications', ['user_id', 'read_at', 'created_at']);
  await index(db, 'notifications', ['user_id', 'created_at']);
  await index(db, 'notifications', ['company_id']);

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', notNull)
    .addColumn('email', 'integer', (c) => c.notNull().defaultTo(1).check(bool('email')))
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('notification_preferences_pkey', ['user_id', 'type'])
    .execute();

  // --- Infrastructure -----------------------------------------------------------------------
  await withId(db.schema.createTable('outbox'))
    .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', ['email', 'sms'])))
    .addColumn('recipient', 'text', notNull)
    .addColumn('template', 'text', notNull)
    .addColumn('subject', 'text')
    .addColumn('body_text', 'text', notNull)
    .addColumn('body_html', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(oneOf('status', ['pending', 'sending', 'sent', 'failed'])),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', notNull)
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('sent_at', 'text')
    .execute();
  await index(db, 'outbox', ['status', 'next_attempt_at']);
  await index(db, 'outbox', ['created_at']);

  await withId(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_kind', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('company_id', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'text')
    .execute();
  await index(db, 'audit_log', ['at']);
  await index(db, 'audit_log', ['company_id', 'at']);
  await index(db, 'audit_log', ['actor_user_id', 'at']);
  await index(db, 'audit_log', ['action', 'at']);
  await index(db, 'audit_log', ['target_type', 'target_id']);

  await db.schema
    .createTable('jobs_locks')
    .addColumn('name', 'text', pk)
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_run_at', 'text')
    .execute();
}

/** Tables in creation order; `down` drops them in reverse. */
const TABLES = [
  'stored_files',
  'insurer_settings',
  'terms_versions',
  'tips',
  'companies',
  'establishments',
  'contracts',
  'members',
  'users',
  'user_company_roles',
  'user_establishments',
  'terms_acceptances',
  'recovery_codes',
  'trusted_devices',
  'sessions',
  'sign_in_attempts',
  'one_time_codes',
  'action_tokens',
  'rate_limits',
  'affiliation_requests',
  'affiliation_status_history',
  'coverages',
  'enrolment_forms',
  'beneficiaries',
  'enrolment_attachments',
  'documents',
  'document_versions',
  'conversations',
  'messages',
  'message_attachments',
  'notifications',
  'notification_preferences',
  'outbox',
  'audit_log',
  'jobs_locks',
];

export async function down(db: Db): Promise<void> {
  for (const table of [...TABLES].reverse()) {
    await db.schema.dropTable(table).execute();
  }
}
