/**
 * Kysely table types: one interface per table, the Database interface maps table names.
 *
 * Conventions (identical on SQLite and PostgreSQL, see migrations/0001_initial.ts):
 * - ids are text UUID v4 from `newId()` (never a sequence: ids appear in URLs);
 * - instants are text ISO-8601 UTC strings from `new Date().toISOString()` (they sort as text);
 * - calendar dates are text 'YYYY-MM-DD';
 * - booleans are integers 0/1 (typed `Bool`);
 * - JSON is text (parse it in the repository that reads it);
 * - `Generated<>` marks only the columns the database fills with a default.
 *
 * Personal numbers: `*_encrypted` columns hold `FieldCipher.encrypt()` output, `*_hash` columns
 * hold `FieldCipher.hash()` of the canonical value (see lib/crypto.ts):
 * - NIR: the canonical value is the 13 characters, upper-case, without spaces or key (as
 *   `parseNir` of @affilia/shared returns it; the key is recomputed with `computeNirKey` for
 *   display); `nir_encrypted` = encrypt(nir13), `nir_hash` = hash(nir13);
 * - IBAN: `iban_encrypted` holds the electronic format (upper-case, no spaces), `iban_hash` its
 *   hash.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An ISO-8601 UTC instant, e.g. '2026-01-31T08:15:00.000Z'. */
export type Instant = string;
/** A calendar date 'YYYY-MM-DD'. */
export type DateOnly = string;
/** A boolean stored as an integer. */
export type Bool = 0 | 1;
/** JSON stored as text. */
export type JsonText = string;

export type StaffCategory = 'cadre' | 'non_cadre' | 'all';
export type ProfessionalStatus = 'cadre' | 'non_cadre';
export type UserKind = 'employer' | 'staff';
export type UserStatus = 'invited' | 'active' | 'suspended' | 'deactivated';
export type StaffRole = 'manager' | 'admin';
export type CompanyRole = 'admin' | 'user';
export type SecondFactor = 'sms' | 'totp';
export type OneTimeCodePurpose = 'sign_in' | 'phone_change' | 'reauthentication';
export type ActionTokenPurpose =
  'email_confirmation' | 'password_reset' | 'invitation' | 'email_change';
export type AffiliationMode = 'email' | 'mail';
export type AffiliationStatus =
  | 'sent'
  | 'started'
  | 'finalised'
  | 'abandoned'
  | 'validated'
  | 'returned'
  | 'dispense_requested'
  | 'dispensed';
export type ActorKind = 'employer' | 'staff' | 'employee' | 'system';
export type BeneficiaryType = 'spouse' | 'partner' | 'child';
export type AttachmentKind = 'rib' | 'social_security_certificate' | 'other';
export type DocumentScope = 'all' | 'ccn' | 'company';
export type DocumentStatus = 'draft' | 'published' | 'unpublished';
export type ConversationStatus = 'sent' | 'in_progress' | 'answered' | 'closed';
export type OutboxChannel = 'email' | 'sms';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type CoverageKind = 'employee' | 'portability';
export type RadiationStatus = 'sent' | 'processed' | 'returned' | 'cancelled';
export type LetterTemplateKind = 'radiation_notice';

/** One offer of a contract, as stored in `contracts.options` (JSON array). */
export interface ContractOption {
  code: string;
  label: string;
  mandatory: boolean;
}

// ---------------------------------------------------------------------------------------------
// Configuration managed by the insurer

/** Single row (id = 'default'): the white-label settings and the insurer's tunable rules. */
export interface InsurerSettingsTable {
  id: string;
  brand_name: string;
  logo_file_id: string | null;
  primary_color: string;
  support_phone: string;
  support_hours: string;
  support_email: string | null;
  /** Where employees send a paper BIA (multi-line postal address). */
  postal_address: string | null;
  ccn_name: string;
  idcc: string;
  affiliation_expiry_days: Generated<number>;
  /** Days after sending when automatic reminders go out, comma-separated, e.g. "7,14". */
  reminder_delays_days: Generated<string>;
  audit_retention_days: Generated<number>;
  allow_temporary_nir: Generated<Bool>;
  created_at: Instant;
  updated_at: Instant;
}

export interface TermsVersionsTable {
  id: string;
  /** e.g. "2026-01". */
  version: string;
  title: string;
  content_markdown: string;
  /** Null while a draft; the current terms are the latest published version. */
  published_at: Instant | null;
  created_at: Instant;
}

export interface TermsAcceptancesTable {
  id: string;
  user_id: string;
  terms_version_id: string;
  accepted_at: Instant;
  ip: string | null;
  user_agent: string | null;
}

/** « Conseils et astuces » shown at the bottom of the home page. */
export interface TipsTable {
  id: string;
  title: string;
  body: string;
  position: number;
  published: Generated<Bool>;
  created_at: Instant;
  updated_at: Instant;
}

// ---------------------------------------------------------------------------------------------
// Reference data

export interface CompaniesTable {
  id: string;
  /** 9 digits. */
  siren: string;
  name: string;
  /** « Identifiant entreprise » / « Numéro entreprise » printed on the insurer's letters. */
  insurer_company_identifier: string;
  ccn_name: string | null;
  idcc: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface EstablishmentsTable {
  id: string;
  company_id: string;
  /** 14 digits. */
  siret: string;
  name: string;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  /** « code identifiant » / « ID Assureur ». */
  insurer_identifier: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface ContractsTable {
  id: string;
  number: string;
  company_id: string;
  /** e.g. « BASE CCN NC RG Oblig/Options 1 2 3 4 Fac ». */
  label: string;
  /** The collège. */
  staff_category: StaffCategory;
  /** JSON array of ContractOption. */
  options: JsonText;
  start_date: DateOnly;
  end_date: DateOnly | null;
  /**
   * JSON array of the founding-act dispense cases (CSS art. R242-1-6) the contract allows, codes
   * of DISPENSE_CASES in @affilia/shared/domain/dispense; the « de droit » ones always apply.
   */
  dispense_cases: Generated<JsonText>;
  /**
   * How long a member keeps an option before changing again, in months (the plan's rule, issue
   * 20; migration 0010): 12 by default, 0 for any month. See optionChangeCheck().
   */
  option_change_min_months: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** An insured person (« assuré ») of one company. Unique per (company, NIR). */
export interface MembersTable {
  id: string;
  company_id: string;
  establishment_id: string;
  nir_encrypted: string;
  nir_hash: string;
  last_name: string;
  first_name: string;
  /** toSearchName(last_name, first_name): "LAST FIRST", upper-case, no accents. */
  search_name: string;
  birth_date: DateOnly;
  professional_status: ProfessionalStatus;
  email: string | null;
  /**
   * A copy of the latest coverage (latest effective date), kept by refreshLatestCoverage()
   * (modules/members/members.repository.ts) for the list's filters and sorts (migration 0002).
   */
  latest_coverage_id: string | null;
  latest_contract_id: string | null;
  latest_effective_date: DateOnly | null;
  latest_end_date: DateOnly | null;
  /**
   * The end of the member's current portability (L911-8), copied from the portability coverage
   * by the radiation's processing (migration 0008) for the « En portabilité » filter.
   */
  portability_end_date: DateOnly | null;
  created_at: Instant;
  updated_at: Instant;
}

/**
 * A member's coverage by a contract. Status is derived from the dates and today:
 * « à venir » (effective_date > today), « terminé » (end_date < today), else « en cours ».
 * end_date is the last covered day.
 */
export interface CoveragesTable {
  id: string;
  member_id: string;
  contract_id: string;
  option_code: string;
  effective_date: DateOnly;
  end_date: DateOnly | null;
  /** The validated enrolment that created it, if any. */
  affiliation_request_id: string | null;
  /**
   * 'employee': the group cover as an employee; 'portability': the free continuation after the
   * contract (L911-8), opened by a processed radiation (migration 0008). The member's « latest
   * coverage » copy follows the employee coverages only.
   */
  kind: Generated<CoverageKind>;
  /** The radiation that opened this portability coverage. */
  radiation_id: string | null;
  created_at: Instant;
  updated_at: Instant;
}

// ---------------------------------------------------------------------------------------------
// Accounts, authentication, sessions

export interface UsersTable {
  id: string;
  kind: UserKind;
  /** Lower-case. */
  email: string;
  email_verified_at: Instant | null;
  password_hash: string | null;
  password_changed_at: Instant | null;
  first_name: string;
  last_name: string;
  /** E.164, e.g. '+33639980001'. */
  mobile_phone: string | null;
  mobile_phone_verified_at: Instant | null;
  status: UserStatus;
  staff_role: StaffRole | null;
  is_third_party: Generated<Bool>;
  third_party_firm: string | null;
  totp_secret_encrypted: string | null;
  totp_enabled_at: Instant | null;
  second_factor: Generated<SecondFactor>;
  locale: Generated<string>;
  last_sign_in_at: Instant | null;
  last_sign_in_ip: string | null;
  /** Consecutive failures since the last success (drives the growing delay). */
  failed_sign_in_count: Generated<number>;
  /** The day ('YYYY-MM-DD', UTC) that failed_sign_in_day_count counts. */
  failed_sign_in_day: DateOnly | null;
  failed_sign_in_day_count: Generated<number>;
  last_failed_sign_in_at: Instant | null;
  /** No sign-in attempt is checked before this instant (temporary, never permanent). */
  locked_until: Instant | null;
  created_by_user_id: string | null;
  created_at: Instant;
  updated_at: Instant;
  deactivated_at: Instant | null;
}

export interface UserCompanyRolesTable {
  id: string;
  user_id: string;
  company_id: string;
  role: CompanyRole;
  /** 1: the role covers every establishment; 0: only those in user_establishments. */
  all_establishments: Generated<Bool>;
  granted_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The establishments a user follows (their perimeter when the role is restricted). */
export interface UserEstablishmentsTable {
  user_id: string;
  establishment_id: string;
  added_by_user_id: string | null;
  created_at: Instant;
}

export type CompanyInvitationStatus =
  'pending' | 'suspended' | 'cancelled' | 'accepted' | 'declined';

/**
 * An existing account invited to companies (« Ajouter un utilisateur » with a known address): the
 * rights are written only when the person accepts, signed in. The names, mobile and firm are what
 * the administrator typed: shown to them, never the account's own.
 */
export interface CompanyInvitationsTable {
  id: string;
  user_id: string;
  email: string;
  last_name: string;
  first_name: string;
  mobile_phone: string | null;
  is_third_party: Bool;
  third_party_firm: string | null;
  status: CompanyInvitationStatus;
  /** The secret of the emailed link, hashed (lib/tokens.ts). */
  token_hash: string;
  expires_at: Instant;
  sent_at: Instant;
  invited_by_user_id: string | null;
  responded_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The rights an invitation proposes, one row per company. */
export interface CompanyInvitationRightsTable {
  invitation_id: string;
  company_id: string;
  role: CompanyRole;
  /** JSON array of establishment ids; null: the whole company. */
  establishment_ids: JsonText | null;
}

/** TOTP recovery codes, hashed, each usable once. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Instant | null;
  created_at: Instant;
}

/** Browsers that completed a second factor (the trusted-device cookie holds the token). */
export interface TrustedDevicesTable {
  id: string;
  user_id: string;
  device_token_hash: string;
  user_agent: string | null;
  last_ip: string | null;
  last_seen_at: Instant;
  created_at: Instant;
  expires_at: Instant;
  revoked_at: Instant | null;
}

/** Server-side sessions; the cookie holds a secret whose hash is token_hash. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: UserKind;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  trusted_device_id: string | null;
  second_factor_done: Generated<Bool>;
  created_at: Instant;
  last_seen_at: Instant;
  /** Absolute expiry (12 hours); the idle timeout is checked against last_seen_at. */
  expires_at: Instant;
  revoked_at: Instant | null;
  revoked_reason: string | null;
}

/** A sign-in whose password was right and that awaits its second factor. */
export interface SignInAttemptsTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: UserKind;
  ip: string | null;
  user_agent: string | null;
  /** JSON array of reasons: 'new_device' | 'new_ip' | 'stale'. */
  reasons: JsonText | null;
  created_at: Instant;
  expires_at: Instant;
  completed_at: Instant | null;
}

export interface OneTimeCodesTable {
  id: string;
  user_id: string;
  purpose: OneTimeCodePurpose;
  code_hash: string;
  /** The sign-in attempt or session the code is bound to. */
  bound_to: string | null;
  /** e.g. the new phone number for 'phone_change'. */
  target: string | null;
  attempts: Generated<number>;
  sends: Generated<number>;
  last_sent_at: Instant | null;
  expires_at: Instant;
  consumed_at: Instant | null;
  created_at: Instant;
}

/** Secrets sent in links (the link holds the token, the table its hash). */
export interface ActionTokensTable {
  id: string;
  purpose: ActionTokenPurpose;
  token_hash: string;
  user_id: string;
  payload: JsonText | null;
  expires_at: Instant;
  used_at: Instant | null;
  created_at: Instant;
}

/** Counters shared by every app instance; one row per key and window. */
export interface RateLimitsTable {
  key: string;
  window_start: Instant;
  count: Generated<number>;
}

// ---------------------------------------------------------------------------------------------
// Enrolment (pré-affiliation, BIA)

export interface AffiliationRequestsTable {
  id: string;
  company_id: string;
  establishment_id: string;
  contract_id: string;
  /** The existing member (« déjà affilié ») or the one created on validation. */
  member_id: string | null;
  created_by_user_id: string;
  mode: AffiliationMode;
  status: AffiliationStatus;
  last_name: string;
  first_name: string;
  search_name: string;
  email: string | null;
  nir_encrypted: string;
  nir_hash: string;
  birth_date: DateOnly;
  hire_date: DateOnly;
  affiliation_date: DateOnly;
  /** An EMPLOYMENT_CONTRACT_TYPES code of @affilia/shared/domain/enums ('cdi', 'cdd'…). */
  employment_contract_type: string;
  employment_start_date: DateOnly;
  employment_end_date: DateOnly | null;
  professional_status: ProfessionalStatus;
  /** « Statut au sein de l'entreprise ». */
  position_in_company: string | null;
  already_affiliated: Generated<Bool>;
  form_token_hash: string | null;
  form_token_expires_at: Instant | null;
  birth_date_attempts: Generated<number>;
  birth_date_locked_until: Instant | null;
  reminder_count: Generated<number>;
  last_reminder_at: Instant | null;
  /** When the email was sent or the letter produced. */
  sent_at: Instant | null;
  status_changed_at: Instant;
  finalised_at: Instant | null;
  /** Paper BIA marked as received by the insurer. */
  paper_received_at: Instant | null;
  validated_at: Instant | null;
  validated_by: string | null;
  /**
   * When the employee was emailed their certificates after the validation (issue 20, migration
   * 0010): at most once (modules/members/certificates-email.ts).
   */
  certificates_sent_at: Generated<Instant | null>;
  /**
   * The file of « Pré-affilier par fichier » the request comes from (issue 20, migration 0011);
   * null for the wizard's.
   */
  import_batch_id: Generated<string | null>;
  returned_at: Instant | null;
  return_reason: string | null;
  /** 'cancelled' | 'expired' when abandoned. */
  abandon_reason: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface AffiliationStatusHistoryTable {
  id: string;
  request_id: string;
  from_status: AffiliationStatus | null;
  to_status: AffiliationStatus;
  actor_user_id: string | null;
  actor_kind: ActorKind;
  reason: string | null;
  at: Instant;
}

/** The employee's online BIA: one per request. */
export interface EnrolmentFormsTable {
  id: string;
  request_id: string;
  /** JSON: address, phone, other answers of the form. */
  data: JsonText;
  option_code: string | null;
  iban_encrypted: string | null;
  iban_hash: string | null;
  bic: string | null;
  noemie_consent: Generated<Bool>;
  certified_at: Instant | null;
  submitted_at: Instant | null;
  pdf_file_id: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface BeneficiariesTable {
  id: string;
  enrolment_form_id: string;
  type: BeneficiaryType;
  last_name: string;
  first_name: string;
  birth_date: DateOnly;
  nir_encrypted: string | null;
  /** The NIR (13 characters) the beneficiary is attached to (the employee's or the spouse's). */
  attached_to_nir_encrypted: string | null;
  position: number;
  created_at: Instant;
}

/** Metadata of a file kept by lib/storage.ts under a generated name. */
export interface StoredFilesTable {
  id: string;
  storage_key: string;
  original_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  /** 'document' | 'enrolment' | 'message' | 'branding' | 'bia' | … */
  owner_kind: string;
  owner_id: string | null;
  created_at: Instant;
}

export interface EnrolmentAttachmentsTable {
  id: string;
  form_id: string;
  file_id: string;
  kind: AttachmentKind;
  created_at: Instant;
}

// ---------------------------------------------------------------------------------------------
// Documents, messages, notifications

// ---------------------------------------------------------------------------------------------
// Departures (« Radier un salarié », issue 18, migration 0008)

/** A departure announced by the employer: the end of a member's group cover. */
export interface RadiationsTable {
  id: string;
  company_id: string;
  establishment_id: string;
  member_id: string;
  created_by_user_id: string;
  status: RadiationStatus;
  /** Last day of the employment contract = last day of the employee coverage. */
  contract_end_date: DateOnly;
  /** A RADIATION_MOTIFS code of @affilia/shared/domain/radiation (its DSN code beside it). */
  motif: string;
  unemployment_rights: Bool;
  disability_pension: Generated<Bool>;
  /** JSON [{ start, end }]: the last contract(s) with this employer, for the portability. */
  employment_periods: JsonText;
  /** computePortability()'s result: months/start/end when eligible, the refusal otherwise. */
  portability_months: number | null;
  portability_start_date: DateOnly | null;
  portability_end_date: DateOnly | null;
  portability_refusal: string | null;
  /** Loi Évin, article 4: offered in the notice, and the day by which it must be asked. */
  evin_offered: Bool;
  evin_deadline: DateOnly | null;
  evin_answer: 'accepted' | 'declined' | null;
  evin_answered_at: Instant | null;
  evin_answered_by: string | null;
  /** Where the notice goes: an email, or a postal address (the PDF is printed). */
  contact_email: string | null;
  contact_address: string | null;
  comment: string | null;
  /** Portability ended early: the former employee found a new job on that day. */
  new_job_date: DateOnly | null;
  new_job_reported_at: Instant | null;
  notice_sent_at: Instant | null;
  status_changed_at: Instant;
  processed_at: Instant | null;
  processed_by: string | null;
  returned_at: Instant | null;
  return_reason: string | null;
  cancelled_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface RadiationStatusHistoryTable {
  id: string;
  radiation_id: string;
  from_status: RadiationStatus | null;
  to_status: RadiationStatus;
  actor_user_id: string | null;
  actor_kind: ActorKind;
  reason: string | null;
  at: Instant;
}

/** A letter the insurer writes once (placeholders `{{…}}`), e.g. the radiation notice. */
export interface LetterTemplatesTable {
  kind: LetterTemplateKind;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Instant;
}

export type DispenseStatus =
  'requested' | 'validated' | 'refused' | 'expired' | 'renewed' | 'ended' | 'cancelled';
/**
 * A beneficiary of a member (issue 20, migration 0010): their own period (`start_date` to
 * `end_date`, the last covered day); covered while the member is. Copied from the enrolment form
 * when the affiliation is validated, then added, ended or corrected by validated changes.
 */
export interface MemberBeneficiariesTable {
  id: string;
  member_id: string;
  type: BeneficiaryType;
  last_name: string;
  first_name: string;
  birth_date: DateOnly;
  nir_encrypted: string | null;
  attached_to_nir_encrypted: string | null;
  start_date: DateOnly;
  end_date: DateOnly | null;
  added_by_change_id: string | null;
  ended_by_change_id: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export type MemberChangeKind = 'professional_status' | 'establishment' | 'option' | 'beneficiary';
export type MemberChangeStatus = 'sent' | 'validated' | 'returned' | 'cancelled';
/**
 * A change of a member declared by the employer (or by the employee through their link), which
 * the insurer validates or returns (issue 20, migration 0010). `details`: the kind's own fields,
 * JSON (schemas/member-changes.ts). Company and establishment: the member's when declared.
 */
export interface MemberChangesTable {
  id: string;
  kind: MemberChangeKind;
  status: MemberChangeStatus;
  member_id: string;
  company_id: string;
  establishment_id: string;
  effective_date: DateOnly;
  details: JsonText;
  comment: string | null;
  created_by_user_id: string | null;
  created_by_kind: 'employer' | 'employee';
  status_changed_at: Instant;
  decided_at: Instant | null;
  decided_by: string | null;
  return_reason: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface MemberChangeStatusHistoryTable {
  id: string;
  member_change_id: string;
  from_status: MemberChangeStatus | null;
  to_status: MemberChangeStatus;
  actor_user_id: string | null;
  actor_kind: ActorKind;
  reason: string | null;
  at: Instant;
}

/** A proof of a change (a birth certificate…): a stored file of the change. */
export interface MemberChangeFilesTable {
  id: string;
  member_change_id: string;
  file_id: string;
  created_at: Instant;
}

/**
 * The employee's link to declare their beneficiaries (issue 20, migration 0012): the token's
 * hash only, one live link per member (a new one revokes the previous), the birth-date tries.
 */
export interface MemberLinksTable {
  id: string;
  member_id: string;
  /** The member's when sent: the perimeter. */
  company_id: string;
  establishment_id: string;
  token_hash: string;
  email: string;
  expires_at: Instant;
  created_by_user_id: string | null;
  revoked_at: Instant | null;
  revoked_by_user_id: string | null;
  last_used_at: Instant | null;
  birth_date_attempts: Generated<number>;
  birth_date_locked_until: Instant | null;
  created_at: Instant;
}

/** A dispense d'affiliation (issue 19): one row per request, first or yearly renewal. */
export interface DispensesTable {
  id: string;
  request_id: string;
  /** Copied from the affiliation request: the perimeter. */
  company_id: string;
  establishment_id: string;
  /** The dispense this one renews (the yearly proof); null for the first request. */
  renews_dispense_id: string | null;
  status: DispenseStatus;
  origin: 'online' | 'paper';
  /** A DISPENSE_CASES code of @affilia/shared/domain/dispense. */
  case_code: string;
  /** An OTHER_PLAN_TYPES code, for the cases covered by another group plan. */
  other_plan_type: string | null;
  /** The date the employee gives: the individual contract's due date, the CSS's end. */
  justification_end_date: DateOnly | null;
  /** From when it applies: the request's affiliation date, or the renewed one's due date. */
  effective_date: DateOnly;
  /** dispenseEndDate(): the last day it is justified; null when it has none. */
  end_date: DateOnly | null;
  /** renewalDueDate(): the day the yearly proof is due; null when none is needed. */
  renewal_due_date: DateOnly | null;
  /** The day the employee signed (online: the day sent; paper: the date on the form). */
  signed_on: DateOnly;
  /** The sworn statement's text as signed (swornStatement()). */
  sworn_statement: string;
  /** The request's PDF (online), with the sworn statement. */
  pdf_file_id: string | null;
  /** The employer user who recorded a paper dispense. */
  created_by_user_id: string | null;
  decided_at: Instant | null;
  decided_by: string | null;
  refusal_reason: string | null;
  /** The deadline (end or renewal) the last reminder was about: one reminder per deadline. */
  reminded_deadline: DateOnly | null;
  reminded_at: Instant | null;
  expired_at: Instant | null;
  ended_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}
export interface DispenseFilesTable {
  id: string;
  request_id: string;
  /** Null while the employee's form is not sent yet. */
  dispense_id: string | null;
  file_id: string;
  kind: 'proof' | 'signed_request';
  created_at: Instant;
}
export interface DocumentsTable {
  id: string;
  title: string;
  description: string | null;
  /** A DOCUMENT_CATEGORIES code of @affilia/shared/domain/enums ('benefits_summary'…). */
  category: string;
  scope: DocumentScope;
  ccn_idcc: string | null;
  company_id: string | null;
  status: DocumentStatus;
  /** The document_versions row currently served (no FK: the two tables reference each other). */
  current_version_id: string | null;
  published_at: Instant | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  file_id: string;
  version: number;
  created_at: Instant;
  created_by: string | null;
}

export interface ConversationsTable {
  id: string;
  company_id: string;
  created_by_user_id: string;
  /** A MESSAGE_CATEGORIES code of @affilia/shared/domain/enums ('contract' | 'employees'). */
  category: string;
  /** The « Objet »: a MESSAGE_SUBJECTS code ('contributions_information'…). */
  subject: string;
  status: ConversationStatus;
  assigned_staff_id: string | null;
  last_message_at: Instant;
  /** Messages the employer side has not read. */
  employer_unread: Generated<number>;
  /** Messages the insurer side has not read. */
  staff_unread: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
  closed_at: Instant | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  author_user_id: string;
  author_kind: UserKind;
  body: string;
  created_at: Instant;
}

export interface MessageAttachmentsTable {
  message_id: string;
  file_id: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** A NOTIFICATION_TYPES code of @affilia/shared/domain/enums ('enrolment_finalised'…). */
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  company_id: string | null;
  read_at: Instant | null;
  created_at: Instant;
}

export interface NotificationPreferencesTable {
  user_id: string;
  type: string;
  email: Generated<Bool>;
  updated_at: Instant;
}

// ---------------------------------------------------------------------------------------------
// Infrastructure

/** Every email and SMS, queued then delivered (and retried) by the outbox worker. */
export interface OutboxTable {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Instant;
  locked_until: Instant | null;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Instant;
  sent_at: Instant | null;
}

/** A file sent with an outbox email (a storage key, read at every attempt). */
export interface OutboxAttachmentsTable {
  id: string;
  outbox_id: string;
  position: number;
  file_name: string;
  mime_type: string;
  storage_key: string;
}

export interface AuditLogTable {
  id: string;
  at: Instant;
  actor_user_id: string | null;
  actor_kind: string;
  action: string;
  company_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON. */
  details: JsonText | null;
}

/** Version of a data set whose figures are cached (lib/data-versions.ts). */
export interface DataVersionsTable {
  name: string;
  version: number;
  updated_at: Instant;
}

/** One reference-data import (back office or command line) and its report (migration 0003). */
export interface ReferenceImportsTable {
  id: string;
  /** 'companies' | 'establishments' | 'contracts' | 'members'. */
  kind: string;
  file_name: string;
  /** 1: checked only, nothing applied. */
  dry_run: Generated<Bool>;
  source: 'backoffice' | 'cli';
  actor_user_id: string | null;
  /** The report as CSV (stored_files). */
  report_file_id: string | null;
  total: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  error_count: number;
  duration_ms: number;
  created_at: Instant;
}

/** A back-office import running in the background (migration 0006). */
export interface ReferenceImportJobsTable {
  id: string;
  kind: string;
  file_name: string;
  dry_run: Generated<Bool>;
  actor_user_id: string | null;
  /** 'running' | 'done' | 'failed'; a running job whose heartbeat stopped reads as interrupted. */
  status: string;
  rows_done: Generated<number>;
  /** The data rows of the file (counted before the first row is applied). */
  rows_total: Generated<number>;
  /** The import's history row, once done. */
  import_id: string | null;
  /** The report's answer (ReferenceImportReport as JSON), once done. */
  result: string | null;
  error_message: string | null;
  created_at: Instant;
  /** The heartbeat of the instance running the job. */
  updated_at: Instant;
}

/** Leases for periodic jobs run by several app instances. */
export interface JobsLocksTable {
  name: string;
  locked_until: Instant | null;
  locked_by: string | null;
  last_run_at: Instant | null;
  /** The start of the last period whose run is done (migration 0007). */
  done_period: Instant | null;
}

export interface Database {
  insurer_settings: InsurerSettingsTable;
  terms_versions: TermsVersionsTable;
  terms_acceptances: TermsAcceptancesTable;
  tips: TipsTable;
  companies: CompaniesTable;
  establishments: EstablishmentsTable;
  contracts: ContractsTable;
  members: MembersTable;
  coverages: CoveragesTable;
  users: UsersTable;
  user_company_roles: UserCompanyRolesTable;
  user_establishments: UserEstablishmentsTable;
  company_invitations: CompanyInvitationsTable;
  company_invitation_rights: CompanyInvitationRightsTable;
  recovery_codes: RecoveryCodesTable;
  trusted_devices: TrustedDevicesTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  one_time_codes: OneTimeCodesTable;
  action_tokens: ActionTokensTable;
  rate_limits: RateLimitsTable;
  affiliation_requests: AffiliationRequestsTable;
  affiliation_status_history: AffiliationStatusHistoryTable;
  enrolment_forms: EnrolmentFormsTable;
  beneficiaries: BeneficiariesTable;
  stored_files: StoredFilesTable;
  enrolment_attachments: EnrolmentAttachmentsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  outbox: OutboxTable;
  outbox_attachments: OutboxAttachmentsTable;
  audit_log: AuditLogTable;
  jobs_locks: JobsLocksTable;
  data_versions: DataVersionsTable;
  reference_imports: ReferenceImportsTable;
  reference_import_jobs: ReferenceImportJobsTable;
  radiations: RadiationsTable;
  radiation_status_history: RadiationStatusHistoryTable;
  letter_templates: LetterTemplatesTable;
  dispenses: DispensesTable;
  dispense_files: DispenseFilesTable;
  member_beneficiaries: MemberBeneficiariesTable;
  member_changes: MemberChangesTable;
  member_change_status_history: MemberChangeStatusHistoryTable;
  member_change_files: MemberChangeFilesTable;
  member_links: MemberLinksTable;
}

export type TableName = keyof Database;

export type InsurerSettings = Selectable<InsurerSettingsTable>;
export type Company = Selectable<CompaniesTable>;
export type NewCompany = Insertable<CompaniesTable>;
export type Establishment = Selectable<EstablishmentsTable>;
export type NewEstablishment = Insertable<EstablishmentsTable>;
export type Contract = Selectable<ContractsTable>;
export type NewContract = Insertable<ContractsTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type Coverage = Selectable<CoveragesTable>;
export type Radiation = Selectable<RadiationsTable>;
export type NewRadiation = Insertable<RadiationsTable>;
export type NewCoverage = Insertable<CoveragesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AffiliationRequest = Selectable<AffiliationRequestsTable>;
export type NewAffiliationRequest = Insertable<AffiliationRequestsTable>;
export type EnrolmentForm = Selectable<EnrolmentFormsTable>;
export type StoredFile = Selectable<StoredFilesTable>;
export type PracticalDocument = Selectable<DocumentsTable>;
export type Conversation = Selectable<ConversationsTable>;
export type Message = Selectable<MessagesTable>;
export type UserNotification = Selectable<NotificationsTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type NewOutboxMessage = Insertable<OutboxTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
