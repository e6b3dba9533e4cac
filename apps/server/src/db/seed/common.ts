/**
 * Building blocks shared by the demo seed and the large seed: the insurer's settings, terms,
 * tips, the demo accounts, companies with establishments and contracts, and members with their
 * coverages. Each function takes the transaction to write in.
 */
import { latestCoverageColumns } from '../../modules/members/latest-coverage';
import { newUserRow } from '../../modules/users/users.repository';
import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import type {
  Database,
  NewCoverage,
  NewMember,
  ProfessionalStatus,
  StaffCategory,
} from '../schema';
import { insertBatched } from '../insert-batched';
import { toSearchName } from '../search-name';
import { PASSWORD_HASH_OPTIONS } from '../../lib/passwords';
import { DEMO_ACCOUNTS, type DemoAccountKey } from './demo-accounts';
import { DEMO_INSURER, TERMS, TIPS } from './content';
import {
  CONTRACT_OPTIONS,
  contractLabel,
  contractNumber,
  instantBefore,
  makeCoverages,
  makeEmail,
  makePerson,
  makeSiret,
  pickProfessionalStatus,
  type NirGenerator,
  type Person,
  type Rng,
} from './generators';

export type Tx = Kysely<Database>;

/** Overrides of the demo insurer's branding (from configuration). */
export interface SeedBranding {
  brandName?: string;
  primaryColor?: string;
  supportPhone?: string;
  supportHours?: string;
  ccnName?: string;
}

export function resolveBranding(branding: SeedBranding | undefined) {
  return {
    brandName: branding?.brandName ?? DEMO_INSURER.brandName,
    primaryColor: branding?.primaryColor ?? DEMO_INSURER.primaryColor,
    supportPhone: branding?.supportPhone ?? DEMO_INSURER.supportPhone,
    supportHours: branding?.supportHours ?? DEMO_INSURER.supportHours,
    ccnName: branding?.ccnName ?? DEMO_INSURER.ccnName,
  };
}

export async function insertInsurerSettings(
  db: Tx,
  opts: { now: string; branding?: SeedBranding; logoFileId: string | null },
): Promise<void> {
  const b = resolveBranding(opts.branding);
  await db
    .insertInto('insurer_settings')
    .values({
      id: 'default',
      brand_name: b.brandName,
      logo_file_id: opts.logoFileId,
      primary_color: b.primaryColor,
      support_phone: b.supportPhone,
      support_hours: b.supportHours,
      support_email: DEMO_INSURER.supportEmail,
      postal_address: DEMO_INSURER.postalAddress,
      ccn_name: b.ccnName,
      idcc: DEMO_INSURER.idcc,
      created_at: opts.now,
      updated_at: opts.now,
    })
    .execute();
}

/** The first terms of use; returns the version id. */
export async function insertTerms(db: Tx, now: Date): Promise<string> {
  const id = newId();
  await db
    .insertInto('terms_versions')
    .values({
      id,
      version: TERMS.version,
      title: TERMS.title,
      content_markdown: TERMS.content,
      published_at: instantBefore(now, 60, 9),
      created_at: instantBefore(now, 61, 16),
    })
    .execute();
  return id;
}

export async function insertTips(db: Tx, now: Date): Promise<void> {
  const at = instantBefore(now, 50, 11);
  await db
    .insertInto('tips')
    .values(
      TIPS.map((tip, i) => ({
        id: newId(),
        title: tip.title,
        body: tip.body,
        position: i + 1,
        published: 1 as const,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/** Argon2id hashes of the demo accounts' passwords (computed before the transaction). */
export async function hashDemoPasswords(): Promise<Record<DemoAccountKey, string>> {
  const hashes = await Promise.all(
    DEMO_ACCOUNTS.map((a) => hash(a.password, PASSWORD_HASH_OPTIONS)),
  );
  return Object.fromEntries(DEMO_ACCOUNTS.map((a, i) => [a.key, hashes[i] as string])) as Record<
    DemoAccountKey,
    string
  >;
}

export interface AccountGrant {
  companyId: string;
  role: 'admin' | 'user';
  /** Establishments followed; null = the role covers every establishment of the company. */
  establishmentIds: string[] | null;
}

/**
 * The demo accounts, active, email and phone verified, terms accepted, with their company
 * roles. Returns the user id of each account.
 */
export async function insertDemoAccounts(
  db: Tx,
  opts: {
    now: Date;
    termsVersionId: string;
    passwordHashes: Record<DemoAccountKey, string>;
    grants: Partial<Record<DemoAccountKey, AccountGrant[]>>;
  },
): Promise<Record<DemoAccountKey, string>> {
  const created = instantBefore(opts.now, 120, 9, 30);
  const verified = instantBefore(opts.now, 120, 9, 42);
  const ids = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.key, newId()])) as Record<
    DemoAccountKey,
    string
  >;
  await db
    .insertInto('users')
    .values(
      DEMO_ACCOUNTS.map((a) =>
        newUserRow({
          id: ids[a.key],
          kind: a.kind,
          email: a.email,
          email_verified_at: verified,
          password_hash: opts.passwordHashes[a.key],
          password_changed_at: verified,
          first_name: a.firstName,
          last_name: a.lastName,
          mobile_phone: a.mobilePhone,
          mobile_phone_verified_at: verified,
          status: 'active',
          staff_role: a.staffRole,
          is_third_party: a.isThirdParty ? 1 : 0,
          third_party_firm: a.thirdPartyFirm,
          created_at: created,
          updated_at: verified,
        }),
      ),
    )
    .execute();
  await db
    .insertInto('terms_acceptances')
    .values(
      DEMO_ACCOUNTS.filter((a) => a.kind === 'employer').map((a) => ({
        id: newId(),
        user_id: ids[a.key],
        terms_version_id: opts.termsVersionId,
        accepted_at: verified,
        ip: '192.0.2.10',
        user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0',
      })),
    )
    .execute();
  for (const [key, grants] of Object.entries(opts.grants) as [DemoAccountKey, AccountGrant[]][]) {
    await insertGrants(db, {
      userId: ids[key],
      grants,
      grantedBy: key === 'employerAdmin' ? null : ids.employerAdmin,
      at: created,
    });
  }
  return ids;
}

export async function insertGrants(
  db: Tx,
  opts: { userId: string; grants: AccountGrant[]; grantedBy: string | null; at: string },
): Promise<void> {
  for (const g of opts.grants) {
    await db
      .insertInto('user_company_roles')
      .values({
        id: newId(),
        user_id: opts.userId,
        company_id: g.companyId,
        role: g.role,
        all_establishments: g.establishmentIds === null ? 1 : 0,
        granted_by: opts.grantedBy,
        created_at: opts.at,
        updated_at: opts.at,
      })
      .execute();
    if (g.establishmentIds && g.establishmentIds.length > 0) {
      await insertBatched(
        db,
        'user_establishments',
        g.establishmentIds.map((establishmentId) => ({
          user_id: opts.userId,
          establishment_id: establishmentId,
          added_by_user_id: opts.grantedBy,
          created_at: opts.at,
        })),
      );
    }
  }
}

export interface SeededEstablishment {
  id: string;
  siret: string;
  name: string;
  insurerIdentifier: string;
  street: string;
  postalCode: string;
  city: string;
  /** Relative share of the company's members. */
  weight: number;
}

export interface SeededCompany {
  id: string;
  siren: string;
  name: string;
  identifier: string;
  establishments: SeededEstablishment[];
  contracts: { id: string; number: string; category: StaffCategory; startDate: string }[];
}

/**
 * A company, its establishments (SIRETs from its SIREN, identifiers from the company's) and
 * one contract per collège. Pure data: see insertCompanies.
 */
export function buildCompany(opts: {
  siren: string;
  name: string;
  identifier: string;
  contractStart: string;
  categories: readonly StaffCategory[];
  establishments: readonly {
    name: string;
    street: string;
    postalCode: string;
    city: string;
    weight: number;
  }[];
}): SeededCompany {
  const pad = Math.max(3, String(opts.establishments.length).length);
  return {
    id: newId(),
    siren: opts.siren,
    name: opts.name,
    identifier: opts.identifier,
    establishments: opts.establishments.map((e, i) => ({
      ...e,
      id: newId(),
      siret: makeSiret(opts.siren, i + 1),
      insurerIdentifier: `${opts.identifier}-${String(i + 1).padStart(pad, '0')}`,
    })),
    contracts: opts.categories.map((category) => ({
      id: newId(),
      number: contractNumber(opts.identifier, category),
      category,
      startDate: opts.contractStart,
    })),
  };
}

export async function insertCompanies(
  db: Tx,
  companies: SeededCompany[],
  at: string,
): Promise<void> {
  await insertBatched(
    db,
    'companies',
    companies.map((c) => ({
      id: c.id,
      siren: c.siren,
      name: c.name,
      insurer_company_identifier: c.identifier,
      ccn_name: DEMO_INSURER.ccnName,
      idcc: DEMO_INSURER.idcc,
      created_at: at,
      updated_at: at,
    })),
  );
  await insertBatched(
    db,
    'establishments',
    companies.flatMap((c) =>
      c.establishments.map((e) => ({
        id: e.id,
        company_id: c.id,
        siret: e.siret,
        name: e.name,
        address_line1: e.street,
        address_line2: null,
        postal_code: e.postalCode,
        city: e.city,
        insurer_identifier: e.insurerIdentifier,
        created_at: at,
        updated_at: at,
      })),
    ),
  );
  await insertBatched(
    db,
    'contracts',
    companies.flatMap((c) =>
      c.contracts.map((k) => ({
        id: k.id,
        number: k.number,
        company_id: c.id,
        label: contractLabel(k.category),
        staff_category: k.category,
        options: JSON.stringify(CONTRACT_OPTIONS),
        start_date: k.startDate,
        end_date: null,
        created_at: at,
        updated_at: at,
      })),
    ),
  );
}

/** The contract covering a professional status in a company (its collège, or 'all'). */
export function contractFor(
  company: SeededCompany,
  status: ProfessionalStatus,
): SeededCompany['contracts'][number] {
  const contract =
    company.contracts.find((c) => c.category === status) ??
    company.contracts.find((c) => c.category === 'all');
  if (!contract) throw new Error(`No contract for ${status} in ${company.name}`);
  return contract;
}

export interface GeneratedMember {
  /** The plain data (NIR in clear): never written as is. */
  person: Person;
  member: NewMember;
  coverages: NewCoverage[];
}

/**
 * `count` members of a company spread over its establishments by weight, with their
 * coverages. NIRs are encrypted and hashed with the cipher; pure data, nothing written.
 */
export function generateMembers(
  rng: Rng,
  opts: {
    nirs: NirGenerator;
    cipher: FieldCipher;
    company: SeededCompany;
    count: number;
    today: string;
    at: string;
    /** Share of members with a personal email (default 0.3). */
    emailShare?: number;
  },
): GeneratedMember[] {
  const weighted = opts.company.establishments.map((e) => [e, e.weight] as const);
  const out: GeneratedMember[] = [];
  for (let i = 0; i < opts.count; i += 1) {
    const establishment = rng.weighted(weighted);
    const status = pickProfessionalStatus(rng);
    const contract = contractFor(opts.company, status);
    const person = makePerson(rng, opts.nirs, { today: opts.today });
    const memberId = newId();
    const generatedCoverages = makeCoverages(rng, {
      today: opts.today,
      contractStart: contract.startDate,
      birthDate: person.birthDate,
    });
    const coverages = generatedCoverages.map((c) => ({
      id: newId(),
      member_id: memberId,
      contract_id: contract.id,
      option_code: c.optionCode,
      effective_date: c.effectiveDate,
      end_date: c.endDate,
      affiliation_request_id: null,
      created_at: opts.at,
      updated_at: opts.at,
    }));
    out.push({
      person,
      member: {
        ...latestCoverageColumns(coverages),
        id: memberId,
        company_id: opts.company.id,
        establishment_id: establishment.id,
        nir_encrypted: opts.cipher.encrypt(person.nir),
        nir_hash: opts.cipher.hash(person.nir),
        last_name: person.lastName,
        first_name: person.firstName,
        search_name: toSearchName(person.lastName, person.firstName),
        birth_date: person.birthDate,
        professional_status: status,
        email: rng.chance(opts.emailShare ?? 0.3)
          ? makeEmail(person.firstName, person.lastName, rng.int(0, 99))
          : null,
        created_at: opts.at,
        updated_at: opts.at,
      },
      coverages,
    });
  }
  return out;
}

export async function insertMembers(db: Tx, members: GeneratedMember[]): Promise<void> {
  await insertBatched(
    db,
    'members',
    members.map((m) => m.member),
  );
  await insertBatched(
    db,
    'coverages',
    members.flatMap((m) => m.coverages),
  );
}
