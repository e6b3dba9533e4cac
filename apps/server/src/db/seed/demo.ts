/**
 * Demo data, created on the first start of an empty database (SEED_DEMO, on by default outside
 * production): the fictional insurer « Mutuelle Horizon Prévoyance » (CCN Immobilier, IDCC
 * 1527), three companies, 17 establishments, 300 insured members, affiliation requests in every
 * status, documents, conversations, tips, terms of use and the demo accounts.
 *
 * Everything is drawn from a seeded PRNG: the same counts and names on every run (dates are
 * relative to `now`, ids are random). Files (PDFs, logo) are written first, then every row is
 * inserted in one transaction; if it fails, the files are removed.
 *
 * Perimeters, chosen so that every demo journey works:
 * - admin@…: administrator of Valmont Immobilier (11 of 12 establishments followed) and of
 *   Syndic Marceau & Fils (2 of 3);
 * - utilisateur@…: user of Valmont, restricted to 5 establishments (a regional HR manager);
 * - cabinet@…: third-party declarant, user of Agence des Deux Rives (1 of 2), which has no
 *   administrator;
 * - the last establishment of each company is followed by nobody (« espace non activé »).
 *   « Activer mon espace » succeeds for Agence des Deux Rives only (no administrator yet);
 *   for the other two it is refused (they have an active administrator), and admin@ can add
 *   those establishments from « Mon profil » with their SIRET and identifier.
 */
import { insertBatched } from '../insert-batched';
import { latestCoverageColumns } from '../../modules/members/latest-coverage';
import crypto from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { computeNirKey } from '@affilia/shared/validators/nir';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { fileSlug } from '@affilia/shared/domain/file-name';
import type { FieldCipher } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import type { FileStorage } from '../../lib/storage';
import type { Db } from '../database';
import type {
  AffiliationMode,
  AffiliationStatus,
  ActorKind,
  BeneficiaryType,
  Database,
  ProfessionalStatus,
} from '../schema';
import type { Insertable } from 'kysely';
import { toSearchName } from '../search-name';
import {
  buildCompany,
  contractFor,
  generateMembers,
  hashDemoPasswords,
  insertCompanies,
  insertDemoAccounts,
  insertGrants,
  insertInsurerSettings,
  insertTerms,
  insertTips,
  resolveBranding,
  type GeneratedMember,
  type SeedBranding,
  type SeededCompany,
} from './common';
import {
  DEMO_COMPANIES,
  DEMO_DOCUMENTS,
  certificatePdf,
  logoSvg,
  ribPdf,
  type DemoCompanyDef,
} from './content';
import { PASSWORD_HASH_OPTIONS } from '../../lib/passwords';
import { DEMO_ACCOUNTS, type DemoAccountKey } from './demo-accounts';
import {
  addDays,
  createNirGenerator,
  createRng,
  instantBefore,
  makeBic,
  makeFrenchIban,
  makeEmail,
  makePerson,
  makeSiren,
  makeStreet,
  pickOptionCode,
  CITIES,
  type Person,
  type Rng,
} from './generators';
import { renderPdf } from '../../lib/pdf';
import { startBeneficiariesFromForm } from '../../modules/members/member-beneficiaries.repository';
import { renderSubmittedBia } from '../../modules/enrolment/bia.service';

/** The seed of the demo's PRNG: change it and every name and number changes. */
export const DEMO_SEED = 1527;

export interface DemoActivation {
  siret: string;
  companyIdentifier: string;
  company: string;
  establishment: string;
  /** « code identifiant » of the establishment (for « Ajouter un établissement »). */
  establishmentIdentifier: string;
  /** True when « Activer mon espace » will succeed: the company has no active administrator. */
  activationAllowed: boolean;
  note: string;
}

export interface DemoInfo {
  accounts: { role: string; email: string; password: string }[];
  activation: DemoActivation[];
}

export interface DemoSeedResult extends DemoInfo {
  counts: {
    companies: number;
    establishments: number;
    contracts: number;
    members: number;
    coverages: number;
    affiliationRequests: number;
    documents: number;
    conversations: number;
    users: number;
  };
}

export interface DemoSeedContext {
  db: Db;
  cipher: FieldCipher;
  storage: FileStorage;
  now: Date;
  branding?: SeedBranding;
}

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** Every row of the demo, built in memory before the transaction. */
interface DemoRows {
  companies: SeededCompany[];
  members: GeneratedMember[];
  requests: Row<'affiliation_requests'>[];
  history: Row<'affiliation_status_history'>[];
  forms: Row<'enrolment_forms'>[];
  beneficiaries: Row<'beneficiaries'>[];
  attachments: Row<'enrolment_attachments'>[];
  files: Row<'stored_files'>[];
  documents: Row<'documents'>[];
  documentVersions: Row<'document_versions'>[];
  conversations: Row<'conversations'>[];
  messages: Row<'messages'>[];
  notifications: Row<'notifications'>[];
  extraUsers: Row<'users'>[];
  extraGrants: {
    userId: string;
    companyId: string;
    role: 'admin' | 'user';
    establishmentId: string;
  }[];
}

const POSITIONS = [
  'Négociateur immobilier',
  'Assistante de gestion locative',
  'Gestionnaire de copropriété',
  'Comptable mandant',
  "Chargée d'accueil",
  'Responsable de secteur',
  'Agent commercial',
  'Juriste immobilier',
];

/** Seeds the demo when the database has no insurer settings yet; null otherwise. */
export async function seedDemoIfEmpty(ctx: DemoSeedContext): Promise<DemoSeedResult | null> {
  if (await hasSettings(ctx.db)) return null;
  const branding = resolveBranding(ctx.branding);
  const now = ctx.now;
  const nowIso = now.toISOString();

  // Files first: the rows refer to them; removed again if the transaction fails.
  const saved: string[] = [];
  const store = async (
    bytes: Buffer,
    meta: { originalName: string; mimeType: string; ownerKind: string; ownerId: string | null },
    createdAt: string,
  ): Promise<Row<'stored_files'>> => {
    const file = await ctx.storage.save(bytes, meta);
    saved.push(file.storageKey);
    return {
      id: newId(),
      storage_key: file.storageKey,
      original_name: meta.originalName,
      mime_type: meta.mimeType,
      size: file.size,
      sha256: file.sha256,
      owner_kind: meta.ownerKind,
      owner_id: meta.ownerId,
      created_at: createdAt,
    };
  };

  try {
    const [passwordHashes, extraPasswordHash] = await Promise.all([
      hashDemoPasswords(),
      hash(crypto.randomBytes(24).toString('base64'), PASSWORD_HASH_OPTIONS),
    ]);
    const logo = await store(
      Buffer.from(logoSvg(branding.brandName, branding.primaryColor), 'utf8'),
      { originalName: 'logo.svg', mimeType: 'image/svg+xml', ownerKind: 'branding', ownerId: null },
      nowIso,
    );
    const rows = await buildDemoRows({ ...ctx, now, branding, store, extraPasswordHash });
    rows.files.unshift(logo);

    const seeded = await ctx.db.transaction().execute(async (trx) => {
      // The logo first (the settings row refers to it), then the settings: a concurrent first
      // start of another instance fails on that single row, and its transaction rolls back.
      await insertBatched(trx, 'stored_files', rows.files);
      await insertInsurerSettings(trx, {
        now: nowIso,
        branding: ctx.branding,
        logoFileId: logo.id,
      });
      const termsVersionId = await insertTerms(trx, now);
      await insertTips(trx, now);
      await insertCompanies(trx, rows.companies, instantBefore(now, 400, 8));
      const byKey = companiesByKey(rows.companies);
      const valmont = byKey.valmont;
      const marceau = byKey.marceau;
      const deuxRives = byKey.deuxRives;
      const ids = await insertDemoAccounts(trx, {
        now,
        termsVersionId,
        passwordHashes,
        grants: {
          employerAdmin: [
            { companyId: valmont.id, role: 'admin', establishmentIds: followed(valmont) },
            { companyId: marceau.id, role: 'admin', establishmentIds: followed(marceau) },
          ],
          employerUser: [
            {
              companyId: valmont.id,
              role: 'user',
              establishmentIds: valmont.establishments.slice(5, 10).map((e) => e.id),
            },
          ],
          thirdParty: [
            {
              companyId: deuxRives.id,
              role: 'user',
              establishmentIds: followed(deuxRives),
            },
          ],
        },
      });
      await insertBatched(
        trx,
        'users',
        rows.extraUsers.map((u) => ({ ...u, created_by_user_id: ids.employerAdmin })),
      );
      for (const g of rows.extraGrants) {
        await insertGrants(trx, {
          userId: g.userId,
          grants: [{ companyId: g.companyId, role: g.role, establishmentIds: [g.establishmentId] }],
          grantedBy: ids.employerAdmin,
          at: instantBefore(now, 100, 14),
        });
      }
      const resolve = <T extends object>(list: T[]): T[] => list.map((r) => resolveActors(r, ids));
      // Members, then the requests (which may point to a member), then the coverages (which
      // may point to the validated request that created them).
      await insertBatched(
        trx,
        'members',
        rows.members.map((m) => m.member),
      );
      await insertBatched(trx, 'affiliation_requests', resolve(rows.requests));
      await insertBatched(
        trx,
        'coverages',
        rows.members.flatMap((m) => m.coverages),
      );
      await insertBatched(trx, 'affiliation_status_history', resolve(rows.history));
      await insertBatched(trx, 'enrolment_forms', rows.forms);
      await insertBatched(trx, 'beneficiaries', rows.beneficiaries);
      // As « Valider » does: the validated forms' beneficiaries become their member's.
      for (const r of rows.requests.filter((x) => x.status === 'validated' && x.member_id)) {
        await startBeneficiariesFromForm(trx, {
          requestId: r.id,
          memberId: r.member_id as string,
          from: r.affiliation_date,
          at: r.validated_at as string,
        });
      }
      await insertBatched(trx, 'enrolment_attachments', rows.attachments);
      // The completed BIA of each form submitted online, as « Valider » stores it.
      for (const form of rows.forms.filter((f) => f.submitted_at)) {
        const submittedAt = form.submitted_at as string;
        const bia = await renderSubmittedBia(
          trx,
          ctx.cipher,
          form.request_id,
          branding,
          new Date(submittedAt),
        );
        const file = await store(
          bia.bytes,
          {
            originalName: bia.fileName,
            mimeType: 'application/pdf',
            ownerKind: 'bia',
            ownerId: form.id,
          },
          submittedAt,
        );
        await trx.insertInto('stored_files').values(file).execute();
        await trx
          .updateTable('enrolment_forms')
          .set({ pdf_file_id: file.id })
          .where('id', '=', form.id)
          .execute();
      }
      await insertBatched(trx, 'documents', resolve(rows.documents));
      await insertBatched(trx, 'document_versions', resolve(rows.documentVersions));
      await insertBatched(trx, 'conversations', resolve(rows.conversations));
      await insertBatched(trx, 'messages', resolve(rows.messages));
      await insertBatched(trx, 'notifications', resolve(rows.notifications));
      await trx
        .insertInto('audit_log')
        .values({
          id: newId(),
          at: nowIso,
          actor_user_id: null,
          actor_kind: 'system',
          action: 'demo.seeded',
          company_id: null,
          target_type: null,
          target_id: null,
          ip: null,
          user_agent: null,
          details: JSON.stringify({ seed: DEMO_SEED, members: rows.members.length }),
        })
        .execute();
      return rows;
    });

    return {
      ...(await getDemoInfo(ctx.db)),
      counts: {
        companies: seeded.companies.length,
        establishments: seeded.companies.reduce((n, c) => n + c.establishments.length, 0),
        contracts: seeded.companies.reduce((n, c) => n + c.contracts.length, 0),
        members: seeded.members.length,
        coverages: seeded.members.reduce((n, m) => n + m.coverages.length, 0),
        affiliationRequests: seeded.requests.length,
        documents: seeded.documents.length,
        conversations: seeded.conversations.length,
        users: DEMO_ACCOUNTS.length + seeded.extraUsers.length,
      },
    };
  } catch (err) {
    await Promise.all(saved.map((key) => ctx.storage.remove(key).catch(() => undefined)));
    // Another instance seeded at the same time: its data is there, ours is rolled back.
    if (await hasSettings(ctx.db).catch(() => false)) return null;
    throw err;
  }
}

async function hasSettings(db: Db): Promise<boolean> {
  const row = await db.selectFrom('insurer_settings').select('id').executeTakeFirst();
  return row !== undefined;
}

/** Every establishment but the last one (kept « non activé » for the demo). */
function followed(company: SeededCompany): string[] {
  return company.establishments.slice(0, -1).map((e) => e.id);
}

function companiesByKey(companies: SeededCompany[]): Record<DemoCompanyDef['key'], SeededCompany> {
  const out = {} as Record<DemoCompanyDef['key'], SeededCompany>;
  DEMO_COMPANIES.forEach((def, i) => {
    out[def.key] = companies[i] as SeededCompany;
  });
  return out;
}

/** Rows are built before the users exist: actor columns hold "@key" placeholders. */
const ACTOR_COLUMNS = [
  'created_by_user_id',
  'actor_user_id',
  'validated_by',
  'created_by',
  'author_user_id',
  'assigned_staff_id',
  'user_id',
] as const;

function actor(key: DemoAccountKey): string {
  return `@${key}`;
}

function resolveActors<T extends object>(row: T, ids: Record<DemoAccountKey, string>): T {
  const out = { ...row } as Record<string, unknown>;
  for (const column of ACTOR_COLUMNS) {
    const v = out[column];
    if (typeof v === 'string' && v.startsWith('@')) out[column] = ids[v.slice(1) as DemoAccountKey];
  }
  return out as T;
}

interface BuildContext extends DemoSeedContext {
  branding: ReturnType<typeof resolveBranding>;
  store: (
    bytes: Buffer,
    meta: { originalName: string; mimeType: string; ownerKind: string; ownerId: string | null },
    createdAt: string,
  ) => Promise<Row<'stored_files'>>;
  extraPasswordHash: string;
}

async function buildDemoRows(ctx: BuildContext): Promise<DemoRows> {
  const { now, cipher } = ctx;
  const today = todayIsoDate(now);
  const rng = createRng(DEMO_SEED);
  const nirs = createNirGenerator(rng);

  const companies = DEMO_COMPANIES.map((def) => buildCompany({ ...def, siren: makeSiren(rng) }));
  const byKey = companiesByKey(companies);
  const membersAt = instantBefore(now, 180, 7);
  const members = DEMO_COMPANIES.flatMap((def) =>
    generateMembers(rng, {
      nirs,
      cipher,
      company: byKey[def.key],
      count: def.randomMembers,
      today,
      at: membersAt,
    }),
  );

  const rows: DemoRows = {
    companies,
    members,
    requests: [],
    history: [],
    forms: [],
    beneficiaries: [],
    attachments: [],
    files: [],
    documents: [],
    documentVersions: [],
    conversations: [],
    messages: [],
    notifications: [],
    extraUsers: [],
    extraGrants: [],
  };

  await buildRequests(ctx, rng, nirs, rows, today);
  await buildDocuments(ctx, rows);
  buildConversations(ctx, rows);
  buildExtraUsers(ctx, rows);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Affiliation requests

interface RequestSpec {
  company: DemoCompanyDef['key'];
  establishment: number;
  by: DemoAccountKey;
  mode: AffiliationMode;
  status: AffiliationStatus;
  daysAgo: number;
  variant?: 'cancelled' | 'expired' | 'rehire' | 'reminded';
  contractType?: 'cdi' | 'cdd' | 'apprenticeship';
  beneficiaries?: BeneficiaryType[];
}

// prettier-ignore
const REQUESTS: readonly RequestSpec[] = [
  { company: 'valmont', establishment: 0, by: 'employerAdmin', mode: 'email', status: 'sent', daysAgo: 2 },
  { company: 'valmont', establishment: 5, by: 'employerUser', mode: 'email', status: 'sent', daysAgo: 9, variant: 'reminded' },
  { company: 'marceau', establishment: 0, by: 'employerAdmin', mode: 'mail', status: 'sent', daysAgo: 5, contractType: 'cdd' },
  { company: 'deuxRives', establishment: 0, by: 'thirdParty', mode: 'email', status: 'sent', daysAgo: 1 },
  { company: 'valmont', establishment: 0, by: 'employerAdmin', mode: 'email', status: 'sent', daysAgo: 3, variant: 'rehire' },
  { company: 'valmont', establishment: 1, by: 'employerAdmin', mode: 'email', status: 'started', daysAgo: 6 },
  { company: 'valmont', establishment: 6, by: 'employerUser', mode: 'email', status: 'started', daysAgo: 12, variant: 'reminded', contractType: 'apprenticeship' },
  { company: 'marceau', establishment: 1, by: 'employerAdmin', mode: 'email', status: 'started', daysAgo: 4 },
  { company: 'valmont', establishment: 0, by: 'employerAdmin', mode: 'email', status: 'finalised', daysAgo: 15, beneficiaries: ['spouse', 'child', 'child'] },
  { company: 'valmont', establishment: 2, by: 'employerAdmin', mode: 'mail', status: 'finalised', daysAgo: 20 },
  { company: 'marceau', establishment: 0, by: 'employerAdmin', mode: 'email', status: 'finalised', daysAgo: 10, contractType: 'cdd' },
  { company: 'deuxRives', establishment: 0, by: 'thirdParty', mode: 'email', status: 'finalised', daysAgo: 8, beneficiaries: ['child'] },
  { company: 'valmont', establishment: 3, by: 'employerAdmin', mode: 'email', status: 'abandoned', daysAgo: 25, variant: 'cancelled' },
  { company: 'valmont', establishment: 7, by: 'employerUser', mode: 'email', status: 'abandoned', daysAgo: 40, variant: 'expired' },
  { company: 'valmont', establishment: 0, by: 'employerAdmin', mode: 'email', status: 'validated', daysAgo: 45, beneficiaries: ['child'] },
  { company: 'valmont', establishment: 8, by: 'employerUser', mode: 'email', status: 'validated', daysAgo: 60 },
  { company: 'marceau', establishment: 0, by: 'employerAdmin', mode: 'mail', status: 'validated', daysAgo: 50 },
  { company: 'valmont', establishment: 4, by: 'employerAdmin', mode: 'email', status: 'returned', daysAgo: 18, beneficiaries: ['partner'] },
];

const EXPIRY_DAYS = 30;

function tokenHash(): string {
  // The demo's form links are never sent: the token is thrown away (use « relance » to get one).
  return crypto.createHash('sha256').update(crypto.randomBytes(32)).digest('hex');
}

async function buildRequests(
  ctx: BuildContext,
  rng: Rng,
  nirs: ReturnType<typeof createNirGenerator>,
  rows: DemoRows,
  today: string,
): Promise<void> {
  const { now, cipher } = ctx;
  const byKey = companiesByKey(rows.companies);
  const usedRehires = new Set<string>();
  let phone = 0;

  for (const [index, spec] of REQUESTS.entries()) {
    const company = byKey[spec.company];
    let establishment = company.establishments[spec.establishment];
    if (!establishment) throw new Error(`No establishment ${spec.establishment}`);
    const requestId = newId();
    const at = (daysAgo: number, hour = 9 + (index % 8), minute = (index * 7) % 60) =>
      instantBefore(now, daysAgo, hour, minute);
    const createdAt = at(spec.daysAgo);
    const createdDate = createdAt.slice(0, 10);

    // The employee: a new person, or an earlier member of the company (« déjà affilié »).
    let person: Person;
    let memberId: string | null = null;
    let status: ProfessionalStatus = rng.chance(0.25) ? 'cadre' : 'non_cadre';
    if (spec.variant === 'rehire') {
      const former = rows.members.find(
        (m) =>
          m.member.company_id === company.id &&
          !usedRehires.has(m.member.id) &&
          m.coverages.every(
            (c) => c.end_date !== null && c.end_date !== undefined && c.end_date < today,
          ),
      );
      if (!former) throw new Error('No former member to re-hire');
      usedRehires.add(former.member.id);
      person = former.person;
      memberId = former.member.id;
      status = former.member.professional_status;
      establishment =
        company.establishments.find((e) => e.id === former.member.establishment_id) ??
        establishment;
    } else {
      person = makePerson(rng, nirs, { today, minAge: 20, maxAge: 58 });
    }
    const contract = contractFor(company, status);
    const hireDate = addDays(createdDate, rng.int(-4, 10));
    const affiliationDate = hireDate < contract.startDate ? contract.startDate : hireDate;
    const contractType = spec.contractType ?? 'cdi';
    const endDate =
      contractType === 'cdd'
        ? addDays(hireDate, 182)
        : contractType === 'apprenticeship'
          ? addDays(hireDate, 730)
          : null;
    const email = spec.mode === 'email' ? makeEmail(person.firstName, person.lastName, 0) : null;

    // The journey: status changes with their dates and actors.
    const steps: {
      to: AffiliationStatus;
      at: string;
      kind: ActorKind;
      by: string | null;
      reason: string | null;
    }[] = [{ to: 'sent', at: createdAt, kind: 'employer', by: actor(spec.by), reason: null }];
    const staff = actor('staffManager');
    const online = spec.mode === 'email';
    let finalisedAt: string | null = null;
    let paperReceivedAt: string | null = null;
    let validatedAt: string | null = null;
    let returnedAt: string | null = null;
    let returnReason: string | null = null;
    let abandonReason: string | null = null;
    const startedDaysAgo = spec.daysAgo - 1;
    if (['started', 'finalised', 'validated', 'returned'].includes(spec.status) && online) {
      steps.push({
        to: 'started',
        at: at(startedDaysAgo, 20, 15),
        kind: 'employee',
        by: null,
        reason: null,
      });
    }
    if (['finalised', 'validated', 'returned'].includes(spec.status)) {
      if (online) {
        finalisedAt = at(spec.daysAgo - 3, 21, 40);
        steps.push({ to: 'finalised', at: finalisedAt, kind: 'employee', by: null, reason: null });
      } else {
        finalisedAt = paperReceivedAt = at(spec.daysAgo - 8, 11, 5);
        steps.push({
          to: 'finalised',
          at: finalisedAt,
          kind: 'staff',
          by: staff,
          reason: 'BIA papier reçu par courrier',
        });
      }
    }
    if (spec.status === 'validated') {
      validatedAt = at(spec.daysAgo - (online ? 6 : 10), 15, 30);
      steps.push({ to: 'validated', at: validatedAt, kind: 'staff', by: staff, reason: null });
    }
    if (spec.status === 'returned') {
      returnedAt = at(spec.daysAgo - 6, 14, 10);
      returnReason =
        "L'attestation de droits à la Sécurité sociale jointe est illisible : merci de la transmettre à nouveau.";
      steps.push({
        to: 'returned',
        at: returnedAt,
        kind: 'staff',
        by: staff,
        reason: returnReason,
      });
    }
    if (spec.variant === 'cancelled') {
      abandonReason = 'cancelled';
      steps.push({
        to: 'abandoned',
        at: at(spec.daysAgo - 3, 10, 20),
        kind: 'employer',
        by: actor(spec.by),
        reason: "Le salarié n'a finalement pas rejoint l'entreprise.",
      });
    }
    if (spec.variant === 'expired') {
      abandonReason = 'expired';
      steps.push({
        to: 'abandoned',
        // The nightly job after the link's expiry.
        at: at(spec.daysAgo - EXPIRY_DAYS - 1, 3, 0),
        kind: 'system',
        by: null,
        reason: `Lien expiré sans réponse du salarié (${EXPIRY_DAYS} jours).`,
      });
    }
    const last = steps[steps.length - 1] as (typeof steps)[number];
    if (last.to !== spec.status)
      throw new Error(`Demo request ${index}: ${last.to} ≠ ${spec.status}`);

    // Reminders (while sent or started).
    let reminderCount = 0;
    let lastReminderAt: string | null = null;
    if (spec.variant === 'reminded') {
      reminderCount = 1;
      lastReminderAt = at(spec.daysAgo - 7, 9, 45);
    } else if (spec.variant === 'expired') {
      reminderCount = 2;
      lastReminderAt = at(spec.daysAgo - 14, 6, 0);
    }

    // The form link: live while the employee has something to do online.
    const tokenLive = online && ['sent', 'started', 'returned'].includes(spec.status);
    const tokenFrom = returnedAt ?? createdAt;

    // A validated request created the member and its coverage.
    const optionCode = pickOptionCode(rng);
    if (spec.status === 'validated') {
      memberId = newId();
      const coverages = [
        {
          id: newId(),
          member_id: memberId,
          contract_id: contract.id,
          option_code: online ? optionCode : 'base',
          effective_date: affiliationDate,
          end_date: null,
          affiliation_request_id: requestId,
          created_at: validatedAt ?? createdAt,
          updated_at: validatedAt ?? createdAt,
        },
      ];
      rows.members.push({
        person,
        member: {
          ...latestCoverageColumns(coverages),
          id: memberId,
          company_id: company.id,
          establishment_id: establishment.id,
          nir_encrypted: cipher.encrypt(person.nir),
          nir_hash: cipher.hash(person.nir),
          last_name: person.lastName,
          first_name: person.firstName,
          search_name: toSearchName(person.lastName, person.firstName),
          birth_date: person.birthDate,
          professional_status: status,
          email,
          created_at: validatedAt ?? createdAt,
          updated_at: validatedAt ?? createdAt,
        },
        coverages,
      });
    }

    rows.requests.push({
      id: requestId,
      company_id: company.id,
      establishment_id: establishment.id,
      contract_id: contract.id,
      member_id: memberId,
      created_by_user_id: actor(spec.by),
      mode: spec.mode,
      status: spec.status,
      last_name: person.lastName,
      first_name: person.firstName,
      search_name: toSearchName(person.lastName, person.firstName),
      email,
      nir_encrypted: cipher.encrypt(person.nir),
      nir_hash: cipher.hash(person.nir),
      birth_date: person.birthDate,
      hire_date: hireDate,
      affiliation_date: affiliationDate,
      employment_contract_type: contractType,
      employment_start_date: hireDate,
      employment_end_date: endDate,
      professional_status: status,
      position_in_company: rng.chance(0.7) ? rng.pick(POSITIONS) : null,
      already_affiliated: spec.variant === 'rehire' ? 1 : 0,
      form_token_hash: tokenLive ? tokenHash() : null,
      form_token_expires_at: tokenLive
        ? new Date(Date.parse(tokenFrom) + EXPIRY_DAYS * 86_400_000).toISOString()
        : null,
      birth_date_attempts: 0,
      birth_date_locked_until: null,
      reminder_count: reminderCount,
      last_reminder_at: lastReminderAt,
      sent_at: createdAt,
      status_changed_at: last.at,
      finalised_at: finalisedAt,
      paper_received_at: paperReceivedAt,
      validated_at: validatedAt,
      validated_by: validatedAt ? staff : null,
      // Validated long ago: the certificates' email is not sent again by the job (issue 20).
      certificates_sent_at: validatedAt,
      returned_at: returnedAt,
      return_reason: returnReason,
      abandon_reason: abandonReason,
      created_at: createdAt,
      updated_at: last.at,
    });
    let from: AffiliationStatus | null = null;
    for (const step of steps) {
      rows.history.push({
        id: newId(),
        request_id: requestId,
        from_status: from,
        to_status: step.to,
        actor_user_id: step.by,
        actor_kind: step.kind,
        reason: step.reason,
        at: step.at,
      });
      from = step.to;
    }

    // The employee's online form.
    const wasStarted = steps.some((s) => s.to === 'started');
    if (!wasStarted) continue;
    const submitted = finalisedAt !== null;
    const formId = newId();
    const city = rng.pick(CITIES);
    phone += 1;
    const iban = makeFrenchIban(rng);
    const bic = makeBic(rng);
    const complete = submitted || rng.chance(0.5);
    rows.forms.push({
      id: formId,
      request_id: requestId,
      // What « Enregistrer le brouillon » writes (the address step of the form).
      data: JSON.stringify({
        address: {
          addressLine1: makeStreet(rng),
          postalCode: city.postalCode,
          city: city.city,
          country: 'France',
          phone: `+336399810${String(phone).padStart(2, '0')}`,
        },
      }),
      option_code: submitted || complete ? optionCode : null,
      iban_encrypted: complete ? cipher.encrypt(iban) : null,
      iban_hash: complete ? cipher.hash(iban) : null,
      bic: complete ? bic : null,
      noemie_consent: submitted ? 1 : 0,
      certified_at: finalisedAt,
      submitted_at: finalisedAt,
      pdf_file_id: null,
      created_at: steps.find((s) => s.to === 'started')?.at ?? createdAt,
      updated_at: finalisedAt ?? (steps.find((s) => s.to === 'started')?.at as string),
    });
    (spec.beneficiaries ?? []).forEach((type, position) => {
      const isChild = type === 'child';
      const age = Number(today.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
      const relative = makePerson(rng, nirs, {
        today,
        minAge: isChild ? 1 : 22,
        maxAge: isChild ? Math.max(2, Math.min(17, age - 21)) : 60,
        sex: isChild ? undefined : person.sex === 1 ? 2 : 1,
      });
      rows.beneficiaries.push({
        id: newId(),
        enrolment_form_id: formId,
        type,
        last_name: isChild || type === 'spouse' ? person.lastName : relative.lastName,
        first_name: relative.firstName,
        birth_date: relative.birthDate,
        nir_encrypted: isChild ? null : cipher.encrypt(relative.nir),
        attached_to_nir_encrypted: cipher.encrypt(isChild ? person.nir : relative.nir),
        position,
        created_at: finalisedAt ?? createdAt,
      });
    });
    if (submitted) {
      const holder = `${person.firstName} ${person.lastName}`;
      const attachedAt = finalisedAt ?? createdAt;
      for (const [kind, content, name] of [
        ['rib', ribPdf(holder, iban, bic), 'RIB.pdf'],
        [
          'social_security_certificate',
          certificatePdf(holder, person.nir + computeNirKey(person.nir)),
          'attestation-droits-ameli.pdf',
        ],
      ] as const) {
        const bytes = await renderPdf(content, ctx.branding, new Date(attachedAt));
        const file = await ctx.store(
          bytes,
          {
            originalName: name,
            mimeType: 'application/pdf',
            ownerKind: 'enrolment',
            ownerId: formId,
          },
          attachedAt,
        );
        rows.files.push(file);
        rows.attachments.push({
          id: newId(),
          form_id: formId,
          file_id: file.id,
          kind,
          created_at: attachedAt,
        });
      }
    }

    // Notifications to the employer about this request.
    if (spec.status === 'finalised' && online) {
      rows.notifications.push({
        id: newId(),
        user_id: actor(spec.by),
        type: 'enrolment_finalised',
        title: "Formulaire d'affiliation finalisé",
        body: `${person.firstName} ${person.lastName} a finalisé son formulaire d'affiliation.`,
        link: '/affiliations',
        company_id: company.id,
        read_at: spec.daysAgo > 9 ? at(spec.daysAgo - 4, 9, 0) : null,
        created_at: finalisedAt as string,
      });
    }
    if (spec.status === 'returned') {
      rows.notifications.push({
        id: newId(),
        user_id: actor(spec.by),
        type: 'request_returned',
        title: 'Demande d’affiliation retournée au salarié',
        body: `Le formulaire de ${person.firstName} ${person.lastName} a été retourné : ${returnReason}`,
        link: '/affiliations',
        company_id: company.id,
        read_at: null,
        created_at: returnedAt as string,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Documents

async function buildDocuments(ctx: BuildContext, rows: DemoRows): Promise<void> {
  const byKey = companiesByKey(rows.companies);
  const staff = actor('staffAdmin');
  for (const def of DEMO_DOCUMENTS) {
    const documentId = newId();
    let currentVersionId: string | null = null;
    let publishedAt = '';
    for (const [i, content] of def.versions.entries()) {
      const createdAt = instantBefore(ctx.now, def.publishedDaysAgo - i * 30, 10, 30);
      const bytes = await renderPdf(content, ctx.branding, new Date(createdAt));
      // Downloaded under a French name: « resume-garanties-cadres.pdf ».
      const slug = fileSlug(def.title) + (def.versions.length > 1 ? `-v${i + 1}` : '');
      const file = await ctx.store(
        bytes,
        {
          originalName: `${slug}.pdf`,
          mimeType: 'application/pdf',
          ownerKind: 'document',
          ownerId: documentId,
        },
        createdAt,
      );
      rows.files.push(file);
      currentVersionId = newId();
      publishedAt = createdAt;
      rows.documentVersions.push({
        id: currentVersionId,
        document_id: documentId,
        file_id: file.id,
        version: i + 1,
        created_at: createdAt,
        created_by: staff,
      });
    }
    const company = def.companyKey ? byKey[def.companyKey] : null;
    rows.documents.push({
      id: documentId,
      title: def.title,
      description: def.description,
      category: def.category,
      scope: def.scope,
      ccn_idcc: def.scope === 'ccn' ? '1527' : null,
      company_id: company?.id ?? null,
      status: 'published',
      current_version_id: currentVersionId,
      published_at: publishedAt,
      created_by: staff,
      created_at: instantBefore(ctx.now, def.publishedDaysAgo, 10, 0),
      updated_at: publishedAt,
    });
    if (def.versions.length > 1 && company) {
      for (const user of ['employerAdmin', 'employerUser'] as const) {
        rows.notifications.push({
          id: newId(),
          user_id: actor(user),
          type: 'new_document',
          title: 'Nouveau document disponible',
          body: `« ${def.title} » a été mis à jour.`,
          link: '/documents',
          company_id: company.id,
          read_at: null,
          created_at: publishedAt,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Conversations

// prettier-ignore
const CONVERSATIONS: readonly {
  company: DemoCompanyDef['key'];
  by: DemoAccountKey;
  category: 'contract' | 'employees';
  subject: string;
  status: 'sent' | 'in_progress' | 'answered' | 'closed';
  messages: { from: 'employer' | 'staff'; daysAgo: number; body: string }[];
}[] = [
  {
    company: 'valmont', by: 'employerAdmin', category: 'contract', subject: 'contributions_information', status: 'answered',
    messages: [
      { from: 'employer', daysAgo: 8, body: "Bonjour,\n\nPourriez-vous nous indiquer le taux de cotisation de la base obligatoire applicable aux non cadres au 1er janvier, ainsi que la répartition entre la part patronale et la part salariale ?\n\nCordialement,\nEugénie Marchand" },
      { from: 'staff', daysAgo: 6, body: "Bonjour Madame Marchand,\n\nLa cotisation de la base obligatoire des non cadres est de 1,20 % du plafond mensuel de la Sécurité sociale, financée à 50 % par l'employeur. Le détail figure dans le résumé des garanties disponible dans « Mes documents pratiques ».\n\nBien cordialement,\nKarim Benali, votre gestionnaire" },
    ],
  },
  {
    company: 'valmont', by: 'employerUser', category: 'employees', subject: 'employee_termination', status: 'sent',
    messages: [
      { from: 'employer', daysAgo: 1, body: "Bonjour,\n\nUne de nos négociatrices de l'agence de Lyon Presqu'île a quitté l'entreprise à la fin du mois dernier (rupture conventionnelle). Quelles sont les démarches pour sa radiation et pour le maintien de ses garanties au titre de la portabilité ?\n\nMerci,\nThomas Lefèvre" },
    ],
  },
  {
    company: 'marceau', by: 'employerAdmin', category: 'employees', subject: 'employee_affiliation', status: 'in_progress',
    messages: [
      { from: 'employer', daysAgo: 3, body: "Bonjour,\n\nNotre nouvelle comptable n'a pas reçu l'e-mail contenant son formulaire d'affiliation. Pouvez-vous vérifier l'adresse enregistrée ?\n\nCordialement" },
      { from: 'staff', daysAgo: 2, body: "Bonjour,\n\nNous avons bien reçu votre demande et vérifions l'envoi avec notre service informatique. Vous pouvez dès à présent lui envoyer une relance depuis « Suivi des demandes d'affiliation ».\n\nBien cordialement" },
    ],
  },
  {
    company: 'deuxRives', by: 'thirdParty', category: 'contract', subject: 'other_request', status: 'closed',
    messages: [
      { from: 'employer', daysAgo: 30, body: "Bonjour,\n\nEn tant que cabinet comptable de l'Agence des Deux Rives, pouvons-nous recevoir les appels de cotisation directement ?\n\nSophie Durand\nCabinet Comptable Durand & Associés" },
      { from: 'staff', daysAgo: 28, body: "Bonjour Madame Durand,\n\nC'est possible : l'entreprise doit nous adresser un mandat signé par son représentant légal. Dès réception, les appels de cotisation vous seront adressés.\n\nBien cordialement" },
    ],
  },
];

function buildConversations(ctx: BuildContext, rows: DemoRows): void {
  const byKey = companiesByKey(rows.companies);
  for (const conv of CONVERSATIONS) {
    const id = newId();
    const company = byKey[conv.company];
    const at = (daysAgo: number, i: number) => instantBefore(ctx.now, daysAgo, 9 + i * 3, 12);
    const lastMsg = conv.messages[conv.messages.length - 1] as (typeof conv.messages)[number];
    const lastAt = at(lastMsg.daysAgo, conv.messages.length - 1);
    const assigned = conv.messages.some((m) => m.from === 'staff') || conv.status === 'in_progress';
    rows.conversations.push({
      id,
      company_id: company.id,
      created_by_user_id: actor(conv.by),
      category: conv.category,
      subject: conv.subject,
      status: conv.status,
      assigned_staff_id: assigned ? actor('staffManager') : null,
      last_message_at: lastAt,
      employer_unread: conv.status === 'answered' ? 1 : 0,
      staff_unread: conv.status === 'sent' ? 1 : 0,
      created_at: at((conv.messages[0] as (typeof conv.messages)[number]).daysAgo, 0),
      updated_at: lastAt,
      closed_at: conv.status === 'closed' ? instantBefore(ctx.now, 27, 16) : null,
    });
    conv.messages.forEach((m, i) => {
      rows.messages.push({
        id: newId(),
        conversation_id: id,
        author_user_id: m.from === 'employer' ? actor(conv.by) : actor('staffManager'),
        author_kind: m.from === 'employer' ? 'employer' : 'staff',
        body: m.body,
        created_at: at(m.daysAgo, i),
      });
      if (m.from === 'staff') {
        rows.notifications.push({
          id: newId(),
          user_id: actor(conv.by),
          type: 'insurer_replied',
          title: 'Réponse de l’assureur à votre message',
          body: 'Un conseiller a répondu à votre message.',
          link: `/messages/${id}`,
          company_id: company.id,
          read_at: conv.status === 'answered' ? null : at(m.daysAgo - 1, 0),
          created_at: at(m.daysAgo, i),
        });
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Other users of the companies (for « Mes habilitations »; they cannot sign in)

function buildExtraUsers(ctx: BuildContext, rows: DemoRows): void {
  const byKey = companiesByKey(rows.companies);
  const extra = [
    {
      first: 'Claire',
      last: 'Fontaine',
      email: 'claire.fontaine@demo.affilia.test',
      status: 'invited',
      company: 'valmont',
      est: 0,
    },
    {
      first: 'Marc',
      last: 'Lemoine',
      email: 'marc.lemoine@demo.affilia.test',
      status: 'suspended',
      company: 'marceau',
      est: 1,
    },
    {
      first: 'Julie',
      last: 'Perrin',
      email: 'julie.perrin@demo.affilia.test',
      status: 'deactivated',
      company: 'valmont',
      est: 4,
    },
  ] as const;
  extra.forEach((u, i) => {
    const id = newId();
    const created = instantBefore(ctx.now, 100 - i * 10, 14, 5);
    const invited = u.status === 'invited';
    rows.extraUsers.push({
      id,
      kind: 'employer',
      email: u.email,
      email_verified_at: invited ? null : created,
      password_hash: invited ? null : ctx.extraPasswordHash,
      password_changed_at: invited ? null : created,
      first_name: u.first,
      last_name: u.last,
      mobile_phone: `+3363998020${i + 1}`,
      mobile_phone_verified_at: invited ? null : created,
      status: u.status,
      staff_role: null,
      third_party_firm: null,
      totp_secret_encrypted: null,
      totp_enabled_at: null,
      last_sign_in_at: invited ? null : instantBefore(ctx.now, 40 + i, 9, 3),
      last_sign_in_ip: invited ? null : '198.51.100.23',
      failed_sign_in_day: null,
      last_failed_sign_in_at: null,
      locked_until: null,
      created_by_user_id: null,
      created_at: created,
      updated_at: created,
      deactivated_at: u.status === 'deactivated' ? instantBefore(ctx.now, 20, 17) : null,
    });
    rows.extraGrants.push({
      userId: id,
      companyId: byKey[u.company].id,
      role: 'user',
      establishmentId: (byKey[u.company].establishments[u.est] as { id: string }).id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// What to show a visitor

/**
 * The demo accounts present in the database, and for each company one establishment whose
 * space is not activated (no user follows it), with whether « Activer mon espace » succeeds.
 */
export async function getDemoInfo(db: Db): Promise<DemoInfo> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where(
      'email',
      'in',
      DEMO_ACCOUNTS.map((a) => a.email),
    )
    .execute();
  const present = new Map(users.map((u) => [u.email, u.id]));
  const adminId = present.get(DEMO_ACCOUNTS[0].email);
  const adminCompanies = adminId
    ? await db
        .selectFrom('user_company_roles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', adminId)
        .where('role', '=', 'admin')
        .executeTakeFirst()
    : undefined;
  const accounts = DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => {
    let role: string = a.role;
    if (a.key === 'employerAdmin' && adminCompanies) {
      const n = Number(adminCompanies.n);
      role = n > 1 ? `Administrateur (${n} sociétés)` : 'Administrateur';
    }
    return { role, email: a.email, password: a.password };
  });

  // Establishments followed by nobody: no role on the company covers every establishment, and
  // no user (other than a deactivated one) has it in their perimeter.
  const candidates = await db
    .selectFrom('establishments as e')
    .innerJoin('companies as c', 'c.id', 'e.company_id')
    .select([
      'e.siret',
      'e.name as establishment',
      'e.insurer_identifier',
      'c.id as company_id',
      'c.name as company',
      'c.insurer_company_identifier',
    ])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('user_establishments as ue')
            .innerJoin('users as u', 'u.id', 'ue.user_id')
            .select('ue.user_id')
            .whereRef('ue.establishment_id', '=', 'e.id')
            .where('u.status', '!=', 'deactivated'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('user_company_roles as r')
            .innerJoin('users as u', 'u.id', 'r.user_id')
            .select('r.user_id')
            .whereRef('r.company_id', '=', 'e.company_id')
            .where('r.all_establishments', '=', 1)
            .where('u.status', '!=', 'deactivated'),
        ),
      ),
    )
    .orderBy('c.name')
    .orderBy('e.siret')
    .execute();
  const admins = await db
    .selectFrom('user_company_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.company_id')
    .where('r.role', '=', 'admin')
    .where('u.status', '=', 'active')
    .execute();
  const administered = new Set(admins.map((a) => a.company_id));
  const seen = new Set<string>();
  const activation: DemoActivation[] = [];
  for (const c of candidates) {
    if (seen.has(c.company_id)) continue;
    seen.add(c.company_id);
    const allowed = !administered.has(c.company_id);
    activation.push({
      siret: c.siret,
      companyIdentifier: c.insurer_company_identifier,
      company: c.company,
      establishment: c.establishment,
      establishmentIdentifier: c.insurer_identifier,
      activationAllowed: allowed,
      note: allowed
        ? "Activation possible : la société n'a pas encore d'administrateur, le nouveau compte le deviendra."
        : "Activation refusée : la société a déjà un administrateur, à qui demander l'accès (il peut ajouter l'établissement depuis « Mon profil »).",
    });
  }
  return { accounts, activation };
}
