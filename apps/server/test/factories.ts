import type { Insertable, Kysely } from 'kysely';
import { luhnCheckDigit } from '@affilia/shared/validators/siret';
import type { AffiliationStatus, CompanyRole, Database, StaffRole } from '../src/db/schema';
import { insertBatched } from '../src/db/insert-batched';
import { toSearchName } from '../src/db/search-name';
import type { FieldCipher } from '../src/lib/crypto';
import { newId } from '../src/lib/ids';
import { refreshLatestCoverage } from '../src/modules/members/members.repository';
import { insertRequest, newRequestRow } from '../src/modules/affiliations/affiliations.repository';
import { recordCreation } from '../src/modules/affiliations/status';
import { insertDispense, type DispenseRow } from '../src/modules/dispenses/dispenses.repository';
import { insertTermsAcceptance } from '../src/modules/auth/auth.repository';
import {
  insertCompanyRole,
  insertFollowed,
  newUserRow,
} from '../src/modules/users/users.repository';
import { hashPassword } from '../src/lib/passwords';
import { hashToken } from '../src/lib/tokens';

/** Builders of rows for API tests: each returns what it created. */
const NOW = '2026-01-01T00:00:00.000Z';
let seq = 0;
const next = () => ++seq;

const hashCache = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  let h = hashCache.get(password);
  if (!h) {
    h = hashPassword(password);
    hashCache.set(password, h);
  }
  return h;
};

/** Inserts the row and gives it back, as the test wrote it. */
async function inserted<T extends keyof Database, R extends Insertable<Database[T]>>(
  db: Kysely<Database>,
  table: T,
  row: R,
): Promise<R> {
  await insertBatched(db, table, [row]);
  return row;
}

export async function createCompany(db: Kysely<Database>, over: { name?: string } = {}) {
  const n = next();
  const sirenBase = String(10_000_000 + n * 7919).slice(0, 8);
  const siren = sirenBase + luhnCheckDigit(sirenBase);
  return inserted(db, 'companies', {
    id: newId(),
    siren,
    name: over.name ?? `Société ${n}`,
    insurer_company_identifier: `TST${String(n).padStart(6, '0')}`,
    ccn_name: 'Immobilier',
    idcc: '1527',
    created_at: NOW,
    updated_at: NOW,
  });
}

export async function createEstablishment(
  db: Kysely<Database>,
  company: { id: string; siren: string },
  over: { name?: string } = {},
) {
  const n = next();
  const base = company.siren + String(n).padStart(4, '0');
  return inserted(db, 'establishments', {
    id: newId(),
    company_id: company.id,
    siret: base + luhnCheckDigit(base),
    name: over.name ?? `Établissement ${n}`,
    address_line1: `${n} rue de la Paix`,
    address_line2: null,
    postal_code: '75002',
    city: 'Paris',
    insurer_identifier: `ETB${String(n).padStart(6, '0')}`,
    created_at: NOW,
    updated_at: NOW,
  });
}

export interface UserInput {
  email?: string;
  password?: string;
  firstName?: string;
  mobilePhone?: string | null;
  emailVerified?: boolean;
  status?: 'invited' | 'active' | 'suspended' | 'deactivated';
  lastSignInAt?: string | null;
  /** A third-party declarant (« tiers déclarant »): the firm's name. */
  thirdPartyFirm?: string;
}

export const TEST_PASSWORD = 'Ardoise-Tilleul-Cerisier-91';

async function insertUser(
  db: Kysely<Database>,
  kind: 'employer' | 'staff',
  staffRole: StaffRole | null,
  over: UserInput,
) {
  const n = next();
  const user = newUserRow({
    id: newId(),
    kind,
    email: (over.email ?? `user${n}@exemple.fr`).toLowerCase(),
    email_verified_at: over.emailVerified === false ? null : NOW,
    password_hash: await cachedHash(over.password ?? TEST_PASSWORD),
    password_changed_at: NOW,
    first_name: over.firstName ?? 'Camille',
    last_name: `Martin${n}`,
    mobile_phone:
      over.mobilePhone === undefined ? `+3361234${String(5600 + n).slice(-4)}` : over.mobilePhone,
    mobile_phone_verified_at: NOW,
    status: over.status ?? 'active',
    staff_role: staffRole,
    is_third_party: over.thirdPartyFirm ? 1 : 0,
    third_party_firm: over.thirdPartyFirm ?? null,
    last_sign_in_at: over.lastSignInAt === undefined ? null : over.lastSignInAt,
    created_at: NOW,
  });
  await db.insertInto('users').values(user).execute();
  return { ...user, password: over.password ?? TEST_PASSWORD };
}

export async function createEmployerUser(
  db: Kysely<Database>,
  roles: {
    company: { id: string };
    role: CompanyRole;
    /** Restricts the role to these establishments (otherwise: every establishment). */
    establishments?: { id: string }[];
  }[] = [],
  over: UserInput = {},
) {
  const user = await insertUser(db, 'employer', null, over);
  // Like an account created by activation or invitation: the terms in force are accepted.
  const published = await db
    .selectFrom('terms_versions')
    .select('id')
    .where('published_at', 'is not', null)
    .execute();
  for (const terms of published) {
    await insertTermsAcceptance(db, {
      id: newId(),
      user_id: user.id,
      terms_version_id: terms.id,
      accepted_at: NOW,
      ip: null,
      user_agent: null,
    });
  }
  for (const r of roles) {
    await insertCompanyRole(db, {
      id: newId(),
      user_id: user.id,
      company_id: r.company.id,
      role: r.role,
      all_establishments: r.establishments ? 0 : 1,
      granted_by: null,
      created_at: NOW,
      updated_at: NOW,
    });
    await insertFollowed(
      db,
      user.id,
      (r.establishments ?? []).map((e) => e.id),
      { by: null, at: NOW },
    );
  }
  return user;
}

export function createStaffUser(
  db: Kysely<Database>,
  role: StaffRole = 'manager',
  over: UserInput = {},
) {
  return insertUser(db, 'staff', role, over);
}

export async function publishTerms(db: Kysely<Database>, version = '2026-01') {
  return inserted(db, 'terms_versions', {
    id: newId(),
    version,
    title: 'Conditions générales d’utilisation',
    content_markdown: 'Texte des conditions.',
    published_at: NOW,
    created_at: NOW,
  });
}

export async function createContract(
  db: Kysely<Database>,
  company: { id: string },
  over: { label?: string; staffCategory?: 'cadre' | 'non_cadre' | 'all'; startDate?: string } = {},
) {
  const n = next();
  return inserted(db, 'contracts', {
    id: newId(),
    number: `CT${String(n).padStart(6, '0')}`,
    company_id: company.id,
    label: over.label ?? `Contrat ${n}`,
    staff_category: over.staffCategory ?? 'all',
    options: JSON.stringify([
      { code: 'base', label: 'Base obligatoire', mandatory: true },
      { code: 'option1', label: 'Option 1 facultative', mandatory: false },
    ]),
    start_date: over.startDate ?? '2020-01-01',
    end_date: null,
    created_at: NOW,
    updated_at: NOW,
  });
}

/** A member with their coverages (the latest-coverage copy kept as the application does). */
export async function createMember(
  db: Kysely<Database>,
  cipher: FieldCipher,
  input: {
    establishment: { id: string; company_id: string };
    nir13: string;
    lastName: string;
    firstName?: string;
    professionalStatus?: 'cadre' | 'non_cadre';
    coverages?: { contract: { id: string }; effectiveDate: string; endDate?: string | null }[];
  },
) {
  const member = {
    id: newId(),
    company_id: input.establishment.company_id,
    establishment_id: input.establishment.id,
    nir_encrypted: cipher.encrypt(input.nir13),
    nir_hash: cipher.hash(input.nir13),
    last_name: input.lastName,
    first_name: input.firstName ?? 'Alex',
    search_name: toSearchName(input.lastName, input.firstName ?? 'Alex'),
    birth_date: '1985-06-15',
    professional_status: input.professionalStatus ?? 'non_cadre',
    email: null,
    created_at: NOW,
    updated_at: NOW,
  };
  await db.insertInto('members').values(member).execute();
  for (const c of input.coverages ?? []) {
    await db
      .insertInto('coverages')
      .values({
        id: newId(),
        member_id: member.id,
        contract_id: c.contract.id,
        option_code: 'base',
        effective_date: c.effectiveDate,
        end_date: c.endDate ?? null,
        affiliation_request_id: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  await refreshLatestCoverage(db, [member.id]);
  return member;
}

/**
 * An affiliation request as « Pré-affiliation » leaves it (status `sent`, its history row), or in
 * another status. With `token`, the link's token is stored hashed and returned.
 */
export async function createAffiliationRequest(
  db: Kysely<Database>,
  cipher: FieldCipher,
  input: {
    establishment: { id: string; company_id: string };
    contract: { id: string };
    createdBy: { id: string };
    nir13?: string;
    lastName?: string;
    firstName?: string;
    email?: string | null;
    status?: AffiliationStatus;
    /** When the request was sent (its creation); default NOW. */
    sentAt?: string;
    /** Default: 30 days after sentAt in mode email, null in mode courrier. */
    formTokenExpiresAt?: string | null;
    token?: string;
    memberId?: string | null;
  },
) {
  const n = next();
  const sentAt = input.sentAt ?? NOW;
  const email = input.email === undefined ? `salarie${n}@example.com` : input.email;
  const nir13 =
    input.nir13 ??
    `1${String(80 + (n % 20)).padStart(2, '0')}0675${String(n % 1_000_000).padStart(6, '0')}`;
  const lastName = input.lastName ?? `Salarié${n}`;
  const firstName = input.firstName ?? 'Camille';
  const status = input.status ?? 'sent';
  const request = newRequestRow({
    id: newId(),
    company_id: input.establishment.company_id,
    establishment_id: input.establishment.id,
    contract_id: input.contract.id,
    member_id: input.memberId ?? null,
    created_by_user_id: input.createdBy.id,
    mode: email ? ('email' as const) : ('mail' as const),
    status,
    last_name: lastName,
    first_name: firstName,
    email,
    nir_encrypted: cipher.encrypt(nir13),
    nir_hash: cipher.hash(nir13),
    birth_date: '1985-06-15',
    hire_date: '2026-01-05',
    affiliation_date: '2026-02-01',
    employment_contract_type: 'cdi',
    employment_start_date: '2026-01-05',
    professional_status: 'non_cadre' as const,
    form_token_hash: email ? hashToken(input.token ?? `jeton-${newId()}`) : null,
    form_token_expires_at:
      input.formTokenExpiresAt !== undefined
        ? input.formTokenExpiresAt
        : email
          ? new Date(new Date(sentAt).getTime() + 30 * 24 * 3600_000).toISOString()
          : null,
    sent_at: sentAt,
    created_at: sentAt,
  });
  await insertRequest(db, request);
  await recordCreation(db, {
    requestId: request.id,
    status: 'sent',
    actor: { kind: 'employer', userId: input.createdBy.id },
    now: new Date(sentAt),
  });
  return { ...request, nir13 };
}

/**
 * A dispense of the request (issue 19), by default validated by the insurer (the request should
 * be « Dispensé »): the case, status and dates as given, the rest as the insurer's validation
 * leaves it.
 */
export async function createDispense(
  db: Kysely<Database>,
  request: { id: string; company_id: string; establishment_id: string },
  input: Pick<DispenseRow, 'case_code' | 'effective_date' | 'end_date' | 'renewal_due_date'> &
    Partial<DispenseRow>,
): Promise<DispenseRow> {
  const at = input.created_at ?? NOW;
  const row: DispenseRow = {
    id: newId(),
    request_id: request.id,
    company_id: request.company_id,
    establishment_id: request.establishment_id,
    renews_dispense_id: null,
    status: 'validated',
    origin: 'online',
    other_plan_type: input.case_code === 'multi_employer' ? 'public_service' : null,
    justification_end_date: input.case_code === 'individual_cover' ? input.end_date : null,
    signed_on: at.slice(0, 10),
    sworn_statement: 'Je soussigné(e)…',
    pdf_file_id: null,
    created_by_user_id: null,
    decided_at: input.status && input.status !== 'validated' ? null : at,
    decided_by: null,
    refusal_reason: null,
    reminded_deadline: null,
    reminded_at: null,
    expired_at: null,
    ended_at: null,
    created_at: at,
    updated_at: at,
    ...input,
  };
  await insertDispense(db, row);
  return row;
}

/**
 * The employee's form of a request, submitted, with these beneficiaries (issue 20: a validation
 * makes them the member's). Gives the beneficiaries' ids, in order.
 */
export async function createSubmittedForm(
  db: Kysely<Database>,
  requestId: string,
  beneficiaries: { type: 'spouse' | 'partner' | 'child'; lastName: string; firstName: string }[],
): Promise<string[]> {
  const formId = newId();
  await db
    .insertInto('enrolment_forms')
    .values({
      id: formId,
      request_id: requestId,
      data: '{}',
      option_code: null,
      iban_encrypted: null,
      iban_hash: null,
      bic: null,
      certified_at: NOW,
      submitted_at: NOW,
      pdf_file_id: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  const ids = beneficiaries.map(() => newId());
  if (beneficiaries.length > 0) {
    await db
      .insertInto('beneficiaries')
      .values(
        beneficiaries.map((b, position) => ({
          id: ids[position]!,
          enrolment_form_id: formId,
          type: b.type,
          last_name: b.lastName,
          first_name: b.firstName,
          birth_date: b.type === 'child' ? '2020-05-04' : '1988-02-10',
          nir_encrypted: null,
          attached_to_nir_encrypted: null,
          position,
          created_at: NOW,
        })),
      )
      .execute();
  }
  return ids;
}
