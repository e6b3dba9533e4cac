/**
 * The authorization matrix: for every route of the API, who gets what.
 *
 * The list of routes is read from the app itself (`app.registeredRoutes`): a route missing from
 * the matrix fails the test, so that no future route escapes the review of its rights.
 *
 * Kinds of routes:
 * - `public`: callable without an account (sign-in steps, links from emails, health…);
 * - `account`: about the signed-in person themself (profile, sessions): 401 when anonymous, 2xx
 *   when signed in, whatever their companies;
 * - `employer`: company data. Seven callers: anonymous (401), a user of another company (404, or
 *   2xx for a list, whose body must then hold nothing of the company), an « Utilisateur » and an
 *   « Administrateur » of the company, an « Utilisateur » restricted to another establishment of
 *   the same company (what the route's fixtures are attached to is outside their perimeter: 404,
 *   or a list without it), a third-party declarant (« tiers déclarant », the same answers as an
 *   « Utilisateur ») and a suspended user whose session was open (401);
 * - `backoffice`: the insurer's staff only (an employer account gets 403);
 * - `backoffice-admin`: back-office administrators only (a « gestionnaire » gets 403 too).
 *
 * The back-office areas of issue 8 keep their entries in `./matrix/` (one file each).
 *
 * Every route is registered in a route scope (modules/auth/scopes.ts): the first test checks that
 * none is outside one, and that each is in the scope its kind expects.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from './helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createAffiliationRequest,
  createMember,
  createStaffUser,
  publishTerms,
} from './factories';
import { newId } from '../src/lib/ids';
import { insertAffiliationRequest } from '../src/modules/enrolment/test-support';
import { insertMemberLink } from '../src/modules/member-links/member-links.repository';
import { insertDocument } from '../src/modules/documents/test-support';
import { auditMatrix } from './matrix/audit';
import { contentMatrix } from './matrix/content';
import { dispensesMatrix } from './matrix/dispenses';
import { dispensesBackofficeMatrix } from './matrix/dispenses-backoffice';
import { radiationsMatrix } from './matrix/radiations';
import { memberChangesMatrix } from './matrix/member-changes';
import { referenceDataMatrix } from './matrix/reference-data';
import { staffMatrix } from './matrix/staff';
import { UNKNOWN_ID, type BackofficeEntry, type Call } from './matrix/types';
import type { ScopeName } from '../src/modules/auth/scopes';

type Company = Awaited<ReturnType<typeof createCompany>>;
type Establishment = Awaited<ReturnType<typeof createEstablishment>>;

interface Fixtures {
  t: TestApp;
  company: Company;
  establishments: Establishment[];
  otherCompany: Company;
  /** A member of the company. */
  memberId: string;
  /** Creates a fresh « Utilisateur » of the company (a target that each call may change). */
  newUserOfCompany: () => Promise<{ id: string }>;
}

let companyDocumentId: string | undefined;
/** A published document for the company only, titled with its name (inserted once). */
async function companyDocument(f: Fixtures) {
  companyDocumentId ??= (
    await insertDocument(f.t.ctx, {
      title: `Avenant ${f.company.name}`,
      scope: 'company',
      companyId: f.company.id,
    })
  ).id;
  return companyDocumentId;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Entry =
  /** `scope`: `employee-link` for the employee's form once unlocked (default `public`). */
  | { kind: 'public'; why: string; scope?: ScopeName }
  /** `scope`: `employer` for the terms an employer user must accept (default `account`). */
  | { kind: 'account'; call?: (f: Fixtures) => Promise<Call> | Call; scope?: ScopeName }
  | {
      kind: 'employer';
      /** Builds the request anew for each caller (fresh targets for state-changing routes). */
      call: (f: Fixtures) => Promise<Call> | Call;
      /** What a user of another company gets: 404, or a 2xx list limited to their own data. */
      otherCompany: number;
      user: number;
      admin: number;
      /**
       * What an « Utilisateur » restricted to the company's other establishment gets (default:
       * `user`): 404 when the route's target belongs to the first establishment.
       */
      restricted?: number;
    }
  | { kind: 'backoffice'; call?: (f: Fixtures) => Promise<Call> | Call }
  | BackofficeEntry;

const rights = (f: Fixtures, level: 'user' | 'admin' | 'none') => ({
  rights: [{ companyId: f.company.id, level }],
});

let inviteSeq = 0;

let affiliationSeq = 0;
/** A fresh affiliation request of the company (mode email, status sent). */
async function newAffiliationRequest(f: Fixtures, opts: { sentDaysAgo?: number } = {}) {
  const contract = await f.t.ctx.db
    .selectFrom('contracts')
    .select('id')
    .where('company_id', '=', f.company.id)
    .executeTakeFirstOrThrow();
  const sentAt = new Date(f.t.clock.now().getTime() - (opts.sentDaysAgo ?? 0) * 86_400_000);
  return createAffiliationRequest(f.t.ctx.db, f.t.ctx.cipher, {
    establishment: f.establishments[0]!,
    contract,
    createdBy: adminOfCompany,
    nir13: `18506752${String(30_000 + ++affiliationSeq).padStart(5, '0')}`,
    sentAt: sentAt.toISOString(),
  });
}
/** A fresh request of the company in mode « Courrier » (its pre-filled BIA to print). */
async function newMailRequest(f: Fixtures) {
  return insertAffiliationRequest(f.t.ctx, {
    company: f.company,
    establishment: f.establishments[0]!,
    contract: await f.t.ctx.db
      .selectFrom('contracts')
      .select('id')
      .where('company_id', '=', f.company.id)
      .executeTakeFirstOrThrow(),
    createdBy: adminOfCompany,
    mode: 'mail',
  });
}
/** A conversation of the company (« Nous contacter »), with one attached file. */
async function newConversation(f: Fixtures) {
  const db = f.t.ctx.db;
  const at = f.t.clock.now().toISOString();
  const id = newId();
  const messageId = newId();
  const fileId = newId();
  const saved = await f.t.ctx.storage.save(Buffer.from('%PDF-1.4\n%%EOF\n'), {
    originalName: 'piece.pdf',
    mimeType: 'application/pdf',
  });
  await db
    .insertInto('conversations')
    .values({
      id,
      company_id: f.company.id,
      created_by_user_id: adminOfCompany.id,
      category: 'contract',
      subject: 'other_request',
      status: 'sent',
      assigned_staff_id: null,
      last_message_at: at,
      created_at: at,
      updated_at: at,
      closed_at: null,
    })
    .execute();
  await db
    .insertInto('messages')
    .values({
      id: messageId,
      conversation_id: id,
      author_user_id: adminOfCompany.id,
      author_kind: 'employer',
      body: 'Question',
      created_at: at,
    })
    .execute();
  await db
    .insertInto('stored_files')
    .values({
      id: fileId,
      storage_key: saved.storageKey,
      original_name: 'piece.pdf',
      mime_type: 'application/pdf',
      size: saved.size,
      sha256: saved.sha256,
      owner_kind: 'message',
      owner_id: messageId,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('message_attachments')
    .values({ message_id: messageId, file_id: fileId })
    .execute();
  return { id, fileId };
}

let radiationSeq = 0;
/** A fresh member of the company's first establishment, covered since 2024. */
async function newCoveredMember(f: Fixtures) {
  const contract = await f.t.ctx.db
    .selectFrom('contracts')
    .select('id')
    .where('company_id', '=', f.company.id)
    .executeTakeFirstOrThrow();
  return createMember(f.t.ctx.db, f.t.ctx.cipher, {
    establishment: f.establishments[0]!,
    nir13: `18506753${String(40_000 + ++radiationSeq).padStart(5, '0')}`,
    lastName: `Radié${radiationSeq}`,
    coverages: [{ contract, effectiveDate: '2024-01-01' }],
  });
}
/** The form « Radier un salarié » for this member (a rupture conventionnelle). */
const radiationBody = (memberId: string) => ({
  memberId,
  contractEndDate: '2026-02-27',
  motif: 'rupture_conventionnelle',
  unemploymentRights: true,
  employmentPeriods: [{ start: '2024-01-01', end: '2026-02-27' }],
  contactAddress: '1 rue de la Gare, 69001 Lyon',
});
/** A fresh radiation of a fresh member, in this status (portability to 2027-02-27). */
async function newRadiation(f: Fixtures, status: 'sent' | 'returned' | 'processed') {
  const member = await newCoveredMember(f);
  const at = f.t.clock.now().toISOString();
  const id = newId();
  await f.t.ctx.db
    .insertInto('radiations')
    .values({
      id,
      company_id: f.company.id,
      establishment_id: member.establishment_id,
      member_id: member.id,
      created_by_user_id: adminOfCompany.id,
      status,
      contract_end_date: '2026-02-27',
      motif: 'rupture_conventionnelle',
      unemployment_rights: 1,
      employment_periods: JSON.stringify([{ start: '2024-01-01', end: '2026-02-27' }]),
      portability_months: 12,
      portability_start_date: '2026-02-28',
      portability_end_date: '2027-02-27',
      portability_refusal: null,
      evin_offered: 1,
      evin_deadline: '2027-08-27',
      contact_address: '1 rue de la Gare, 69001 Lyon',
      status_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, memberId: member.id };
}

/** A change of option of a fresh member, « Envoyée à l’assureur » (issue 20). */
async function newMemberChange(f: Fixtures, status: 'sent' | 'returned' = 'sent') {
  const member = await newCoveredMember(f);
  const at = f.t.clock.now().toISOString();
  const id = newId();
  await f.t.ctx.db
    .insertInto('member_changes')
    .values({
      id,
      kind: 'option',
      status,
      member_id: member.id,
      company_id: f.company.id,
      establishment_id: member.establishment_id,
      effective_date: '2026-04-01',
      details: JSON.stringify({ kind: 'option', from: 'base', to: 'option1' }),
      comment: null,
      created_by_user_id: adminOfCompany.id,
      created_by_kind: 'employer',
      status_changed_at: at,
      decided_at: null,
      decided_by: null,
      return_reason: status === 'returned' ? 'Précisez l’option.' : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id };
}

const MATRIX: Record<string, Entry> = {
  ...staffMatrix,
  ...referenceDataMatrix,
  ...contentMatrix,
  ...auditMatrix,
  ...radiationsMatrix,
  ...memberChangesMatrix,
  ...dispensesMatrix,
  ...dispensesBackofficeMatrix,
  // Platform
  'GET /api/health': { kind: 'public', why: 'liveness probe' },
  'GET /api/ready': { kind: 'public', why: 'readiness probe' },
  'GET /api/branding': { kind: 'public', why: 'the sign-in page shows the insurer’s brand' },
  'GET /api/branding/logo': { kind: 'public', why: 'the sign-in page shows the insurer’s logo' },
  'GET /api/captcha/challenge': { kind: 'public', why: 'activation and password reset forms' },
  'GET /api/dev/outbox': { kind: 'public', why: 'development mailbox, not in production' },
  'GET /api/dev/demo': { kind: 'public', why: 'development demo accounts, not in production' },

  // Sign-in and links (SPEC §4.1, §4.2)
  'POST /api/auth/sign-in': { kind: 'public', why: 'sign-in' },
  'POST /api/auth/second-factor/send': { kind: 'public', why: 'sign-in attempt cookie' },
  'POST /api/auth/second-factor/verify': { kind: 'public', why: 'sign-in attempt cookie' },
  'POST /api/auth/sign-out': { kind: 'public', why: 'ends the session if there is one' },
  'GET /api/auth/me': { kind: 'account' },
  'GET /api/auth/terms/current': { kind: 'public', why: 'terms shown before an account exists' },
  'GET /api/auth/terms/pending': { kind: 'account', scope: 'employer' },
  'POST /api/auth/terms/accept': {
    kind: 'account',
    scope: 'employer',
    call: () => ({ url: '/api/auth/terms/accept', body: { termsVersionId: 'none' } }),
  },
  'POST /api/auth/activation/identify': { kind: 'public', why: 'activation, with a captcha' },
  'POST /api/auth/activation/complete': { kind: 'public', why: 'activation ticket' },
  'POST /api/auth/email/confirm': { kind: 'public', why: 'link from an email' },
  'POST /api/auth/email/resend-confirmation': { kind: 'public', why: 'same answer for all' },
  'POST /api/auth/password/forgot': { kind: 'public', why: 'same answer for all' },
  'POST /api/auth/password/reset/check': { kind: 'public', why: 'link from an email' },
  'POST /api/auth/password/reset': { kind: 'public', why: 'link from an email' },
  'GET /api/auth/invitation/:token': { kind: 'public', why: 'link from an email' },
  'POST /api/auth/invitation/accept': { kind: 'public', why: 'link from an email' },
  'GET /api/auth/sessions': { kind: 'account' },
  'DELETE /api/auth/sessions/:sessionId': {
    kind: 'account',
    call: () => ({ url: '/api/auth/sessions/none' }),
  },
  'POST /api/auth/totp/setup': {
    kind: 'account',
    call: () => ({ url: '/api/auth/totp/setup', body: { password: 'pas-le-bon' } }),
  },
  'POST /api/auth/totp/enable': {
    kind: 'account',
    call: () => ({ url: '/api/auth/totp/enable', body: { code: '123456' } }),
  },
  'POST /api/auth/totp/disable': {
    kind: 'account',
    call: () => ({ url: '/api/auth/totp/disable', body: { password: 'pas-le-bon' } }),
  },

  // The bell (SPEC §5.8): the signed-in person's own notifications
  'GET /api/notifications': { kind: 'account' },
  'GET /api/notifications/unread-count': { kind: 'account' },
  'POST /api/notifications/:id/read': {
    kind: 'account',
    // Someone else's notification, or none, answers 404 (modules/notifications tests).
    call: () => ({ url: '/api/notifications/none/read' }),
  },
  'POST /api/notifications/read-all': { kind: 'account' },
  'GET /api/notifications/preferences': { kind: 'account' },
  'PUT /api/notifications/preferences': {
    kind: 'account',
    call: () => ({
      url: '/api/notifications/preferences',
      body: {
        email: {
          enrolment_finalised: true,
          request_returned: true,
          insurer_replied: false,
          new_document: true,
        },
      },
    }),
  },

  // « Mon profil » (SPEC §4.4): the signed-in person, re-authenticated by their password
  'PATCH /api/profile': {
    kind: 'account',
    call: () => ({ url: '/api/profile', body: { lastName: 'Martin', firstName: 'Camille' } }),
  },
  'POST /api/profile/email': {
    kind: 'account',
    call: () => ({
      url: '/api/profile/email',
      body: { newEmail: 'nouvelle@exemple.fr', password: 'pas-le-bon' },
    }),
  },
  'POST /api/profile/email/confirm': { kind: 'public', why: 'link from an email' },
  'POST /api/profile/phone/send-code': {
    kind: 'account',
    call: () => ({
      url: '/api/profile/phone/send-code',
      body: { newMobilePhone: '0698765432', password: 'pas-le-bon' },
    }),
  },
  'POST /api/profile/phone/verify': {
    kind: 'account',
    call: () => ({ url: '/api/profile/phone/verify', body: { code: '123456' } }),
  },
  'POST /api/profile/password': {
    kind: 'account',
    call: () => ({
      url: '/api/profile/password',
      body: { currentPassword: 'pas-le-bon', newPassword: 'Noisetier-Galet-Lavande-58' },
    }),
  },

  // « Mes salariés » and the home page (SPEC §5.1, §5.2): every role of the company
  'GET /api/members': {
    kind: 'employer',
    call: () => ({ url: '/api/members' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/members/filters': {
    kind: 'employer',
    call: () => ({ url: '/api/members/filters' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/members/export': {
    kind: 'employer',
    call: () => ({ url: '/api/members/export?format=csv' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/members/:memberId': {
    kind: 'employer',
    call: (f) => ({ url: `/api/members/${f.memberId}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'GET /api/members/:memberId/certificates/:kind': {
    kind: 'employer',
    call: (f) => ({ url: `/api/members/${f.memberId}/certificates/affiliation` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  // The employee's beneficiaries link (issue 20): those who manage affiliations, within the perimeter
  'GET /api/members/:memberId/employee-link': {
    kind: 'employer',
    call: (f) => ({ url: `/api/members/${f.memberId}/employee-link` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/members/:memberId/employee-link': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/members/${(await newCoveredMember(f)).id}/employee-link`,
      body: { email: 'salarie@example.test' },
    }),
    otherCompany: 404,
    user: 201,
    admin: 201,
    restricted: 404,
  },
  'DELETE /api/members/:memberId/employee-link': {
    kind: 'employer',
    call: async (f) => {
      const member = await newCoveredMember(f);
      await insertMemberLink(
        f.t.ctx.db,
        {
          id: newId(),
          member_id: member.id,
          company_id: member.company_id,
          establishment_id: member.establishment_id,
          token_hash: newId(),
          email: 'salarie@example.test',
          expires_at: '2099-01-01T00:00:00.000Z',
          created_by_user_id: null,
          revoked_at: null,
          revoked_by_user_id: null,
          last_used_at: null,
          birth_date_locked_until: null,
          created_at: f.t.clock.now().toISOString(),
        },
        null,
      );
      return { url: `/api/members/${member.id}/employee-link` };
    },
    otherCompany: 404,
    user: 204,
    admin: 204,
    restricted: 404,
  },
  'GET /api/member-link/:token/check': { kind: 'public', why: 'link from an email (token)' },
  'POST /api/member-link/:token/unlock': {
    kind: 'public',
    why: 'token and birth date, limited tries',
  },
  'GET /api/member-link/:token': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked link cookie',
  },
  'POST /api/member-link/:token/changes': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked link cookie',
  },
  // The member's changes (issue 20): those who manage affiliations, within the perimeter
  'GET /api/members/:memberId/changes': {
    kind: 'employer',
    call: (f) => ({ url: `/api/members/${f.memberId}/changes` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/members/:memberId/changes': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/members/${(await newCoveredMember(f)).id}/changes`,
      body: { kind: 'option', effectiveDate: '2026-04-01', optionCode: 'option1' },
    }),
    otherCompany: 404,
    user: 201,
    admin: 201,
    restricted: 404,
  },
  'GET /api/member-changes/:id': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/member-changes/${(await newMemberChange(f)).id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/member-changes/:id/cancel': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/member-changes/${(await newMemberChange(f)).id}/cancel` }),
    otherCompany: 404,
    user: 204,
    admin: 204,
    restricted: 404,
  },
  'POST /api/member-changes/:id/resend': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/member-changes/${(await newMemberChange(f, 'returned')).id}/resend`,
      body: { kind: 'option', effectiveDate: '2026-04-01', optionCode: 'option1' },
    }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'GET /api/dashboard': {
    kind: 'employer',
    call: (f) => ({ url: `/api/dashboard?companyId=${f.company.id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
  },
  'GET /api/dashboard/establishments': {
    kind: 'employer',
    call: (f) => ({ url: `/api/dashboard/establishments?companyId=${f.company.id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
  },
  'GET /api/dashboard/contracts': {
    kind: 'employer',
    call: (f) => ({ url: `/api/dashboard/contracts?companyId=${f.company.id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
  },

  // Establishments of the perimeter (SPEC §4.4): every role adds to their own perimeter, with
  // the establishment's identifier as the proof; another company's cannot be taken over.
  'GET /api/establishments': {
    kind: 'employer',
    call: () => ({ url: '/api/establishments' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'POST /api/establishments': {
    kind: 'employer',
    call: (f) => ({
      url: '/api/establishments',
      body: {
        siret: f.establishments[1]!.siret,
        identifier: f.establishments[1]!.insurer_identifier,
      },
    }),
    // The company has an administrator: refused as at activation (SPEC §4.1).
    otherCompany: 409,
    // Their role covers every establishment already.
    user: 409,
    admin: 409,
  },
  'GET /api/establishments/import-template.xlsx': {
    kind: 'employer',
    call: () => ({ url: '/api/establishments/import-template.xlsx' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'POST /api/establishments/import': {
    kind: 'employer',
    call: () => ({
      url: '/api/establishments/import',
      file: {
        name: 'etablissements.csv',
        content: 'SIRET;Code identifiant\r\n73282932000074;XX\r\n',
      },
    }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/establishments/import/:reportId/report.csv': {
    kind: 'employer',
    call: async (f) => {
      const b = browser(f.t.app, { ip: '192.0.2.201' });
      await signInAs(b, f.t.ctx, adminOfCompany);
      const res = await send(b, 'POST', {
        url: '/api/establishments/import',
        file: {
          name: 'etablissements.csv',
          content: 'SIRET;Code identifiant\r\n73282932000074;XX\r\n',
        },
      });
      return {
        url: `/api/establishments/import/${res.json<{ reportId: string }>().reportId}/report.csv`,
      };
    },
    // A report belongs to the person who imported the file.
    otherCompany: 404,
    user: 404,
    admin: 200,
  },

  // « Radier par fichier » (issue 18): a report of the caller's perimeter only
  'GET /api/radiations/import/template.xlsx': {
    kind: 'employer',
    call: () => ({ url: '/api/radiations/import/template.xlsx' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'POST /api/radiations/import': {
    kind: 'employer',
    call: () => ({
      url: '/api/radiations/import',
      file: {
        name: 'radiations.csv',
        content:
          'NIR;Nom;Prénom;Date de fin du contrat;Motif\r\n1850675123999;Nom;Prénom;31/03/2026;Démission\r\n',
      },
    }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },

  // Habilitations (SPEC §4.3): administrators only
  'GET /api/users': {
    kind: 'employer',
    call: () => ({ url: '/api/users' }),
    otherCompany: 200,
    user: 403,
    admin: 200,
  },
  'POST /api/users': {
    kind: 'employer',
    call: (f) => ({
      url: '/api/users',
      body: {
        lastName: 'Matrice',
        firstName: 'Léa',
        email: `matrice${++inviteSeq}@exemple.fr`,
        mobilePhone: '0612345678',
        ...rights(f, 'user'),
      },
    }),
    otherCompany: 404,
    user: 403,
    admin: 201,
  },
  'GET /api/users/:userId': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/users/${(await f.newUserOfCompany()).id}` }),
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  'PATCH /api/users/:userId': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/users/${(await f.newUserOfCompany()).id}`,
      body: { lastName: 'Renommé', firstName: 'Paul' },
    }),
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  'PUT /api/users/:userId/rights': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/users/${(await f.newUserOfCompany()).id}/rights`,
      body: rights(f, 'admin'),
    }),
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  // An existing account invited to companies (issue 14 #4): the invited account only (others 404).
  'GET /api/company-invitations/:token': {
    kind: 'account',
    scope: 'employer',
    call: () => ({ url: '/api/company-invitations/lien-inconnu' }),
  },
  'POST /api/company-invitations/:token/accept': {
    kind: 'account',
    scope: 'employer',
    call: () => ({ url: '/api/company-invitations/lien-inconnu/accept' }),
  },
  'POST /api/company-invitations/:token/decline': {
    kind: 'account',
    scope: 'employer',
    call: () => ({ url: '/api/company-invitations/lien-inconnu/decline' }),
  },
  'POST /api/users/:userId/invitation': {
    kind: 'employer',
    call: async (f) => {
      const b = browser(f.t.app, { ip: '192.0.2.200' });
      await signInAs(b, f.t.ctx, adminOfCompany);
      const res = await b.post('/api/users', {
        lastName: 'Invitée',
        firstName: 'Zoé',
        email: `matrice-lien${++inviteSeq}@exemple.fr`,
        mobilePhone: '0612345678',
        ...rights(f, 'user'),
      });
      return { url: `/api/users/${res.json<{ user: { id: string } }>().user.id}/invitation` };
    },
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  'POST /api/users/:userId/suspend': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/users/${(await f.newUserOfCompany()).id}/suspend` }),
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  'POST /api/users/:userId/reactivate': {
    kind: 'employer',
    call: async (f) => {
      const target = await f.newUserOfCompany();
      await f.t.ctx.db
        .updateTable('users')
        .set({ status: 'suspended' })
        .where('id', '=', target.id)
        .execute();
      return { url: `/api/users/${target.id}/reactivate` };
    },
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  'POST /api/users/:userId/deactivate': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/users/${(await f.newUserOfCompany()).id}/deactivate` }),
    otherCompany: 404,
    user: 403,
    admin: 200,
  },
  // « Pré-affiliation » and « Suivi des demandes d'affiliation » (SPEC §5.3, §5.4): every role of
  // the company, within its perimeter
  'GET /api/affiliations': {
    kind: 'employer',
    call: () => ({ url: '/api/affiliations' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/affiliations/options': {
    kind: 'employer',
    call: () => ({ url: '/api/affiliations/options' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'POST /api/affiliations': {
    kind: 'employer',
    call: (f) => ({
      url: '/api/affiliations',
      body: {
        establishmentId: f.establishments[0]!.id,
        professionalStatus: 'non_cadre',
        alreadyAffiliated: false,
        lastName: 'Matrice',
        firstName: 'Camille',
        email: '',
        // Born in June 1985, a new person each call.
        nir: `18506751${String(20_000 + ++affiliationSeq).padStart(5, '0')}`,
        birthDate: '1985-06-15',
        hireDate: '2026-01-05',
        affiliationDate: '2026-02-01',
        employmentContractType: 'cdi',
        employmentStartDate: '2026-01-05',
      },
    }),
    otherCompany: 404,
    user: 201,
    admin: 201,
    restricted: 404,
  },
  'GET /api/affiliations/:id': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/affiliations/${(await newAffiliationRequest(f)).id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/affiliations/:id/reminder': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/affiliations/${(await newAffiliationRequest(f, { sentDaysAgo: 2 })).id}/reminder`,
    }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/affiliations/:id/cancel': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/affiliations/${(await newAffiliationRequest(f)).id}/cancel`,
    }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },

  // The employee's online BIA (SPEC §5.5): the emailed token, then the birth date, are the proof
  'GET /api/enrolment/:token/check': { kind: 'public', why: 'link from an email (token)' },
  'POST /api/enrolment/:token/unlock': {
    kind: 'public',
    why: 'token and birth date, limited tries',
  },
  'GET /api/enrolment/:token': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'PUT /api/enrolment/:token/draft': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'POST /api/enrolment/:token/attachments': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'DELETE /api/enrolment/:token/attachments/:attachmentId': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'POST /api/enrolment/:token/submit': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'GET /api/enrolment/submitted/bia.pdf': {
    kind: 'public',
    why: 'the receipt cookie set by « Valider » (the BIA just submitted, one hour)',
  },
  // Its dispense part (issue 19): the same link and cookie
  'POST /api/enrolment/:token/dispense/proofs': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'DELETE /api/enrolment/:token/dispense/proofs/:fileId': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'POST /api/enrolment/:token/dispense': {
    kind: 'public',
    scope: 'employee-link',
    why: 'token and the unlocked form cookie',
  },
  'GET /api/enrolment/:token/dispense.pdf': {
    kind: 'public',
    why: 'the receipt cookie set by « Envoyer ma demande de dispense » (the PDF just sent, one hour)',
  },
  // « Suivi des demandes »: a list of the caller's perimeter only
  'GET /api/requests': {
    kind: 'employer',
    call: () => ({ url: '/api/requests' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/radiations/prefill': {
    kind: 'employer',
    call: (f) => ({ url: `/api/radiations/prefill?memberId=${f.memberId}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/radiations': {
    kind: 'employer',
    call: async (f) => ({
      url: '/api/radiations',
      body: radiationBody((await newCoveredMember(f)).id),
    }),
    otherCompany: 404,
    user: 201,
    admin: 201,
    restricted: 404,
  },
  'POST /api/radiations/bulk': {
    kind: 'employer',
    call: async (f) => {
      const {
        memberId: _,
        employmentPeriods: __,
        contactAddress: ___,
        ...common
      } = radiationBody('');
      return {
        url: '/api/radiations/bulk',
        body: { ...common, memberIds: [(await newCoveredMember(f)).id] },
      };
    },
    otherCompany: 404,
    user: 201,
    admin: 201,
    restricted: 404,
  },
  'GET /api/radiations/:id': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/radiations/${(await newRadiation(f, 'sent')).id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'PUT /api/radiations/:id': {
    kind: 'employer',
    call: async (f) => {
      const r = await newRadiation(f, 'returned');
      return { url: `/api/radiations/${r.id}`, body: radiationBody(r.memberId) };
    },
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/radiations/:id/cancel': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/radiations/${(await newRadiation(f, 'sent')).id}/cancel` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'POST /api/radiations/:id/new-job': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/radiations/${(await newRadiation(f, 'processed')).id}/new-job`,
      body: { date: '2026-04-01' },
    }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'GET /api/radiations/:id/notice.pdf': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/radiations/${(await newRadiation(f, 'sent')).id}/notice.pdf`,
    }),
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },
  'GET /api/affiliations/:id/bia.pdf': {
    kind: 'employer',
    call: async (f) => {
      const request = await newMailRequest(f);
      return { url: `/api/affiliations/${request.id}/bia.pdf` };
    },
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },

  // « Pré-affilier par fichier » (issue 20): a report of the caller's perimeter only; the BIAs of
  // a file's « Courrier » requests within it.
  'GET /api/affiliations/import/template.xlsx': {
    kind: 'employer',
    call: () => ({ url: '/api/affiliations/import/template.xlsx' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'POST /api/affiliations/import': {
    kind: 'employer',
    call: (f) => ({
      url: '/api/affiliations/import',
      file: {
        name: 'pre-affiliations.csv',
        // A row of the first establishment: created by those who may, refused for the others
        // (the report says « introuvable dans votre périmètre »), never a 4xx for the file.
        content: `SIRET;Statut professionnel;Nom;Prénom;NIR;Date de naissance;Date d’entrée dans l’entreprise;Date d’affiliation;Type de contrat de travail;Début du contrat de travail\r\n${f.establishments[0]!.siret};Cadre;Matrice;Camille;18506751${String(60_000 + ++affiliationSeq)};15/06/1985;01/03/2026;01/03/2026;CDI;01/03/2026\r\n`,
      },
    }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/affiliations/import/:batchId/bia.pdf': {
    kind: 'employer',
    call: async (f) => {
      const request = await newMailRequest(f);
      const batchId = newId();
      await f.t.ctx.db
        .updateTable('affiliation_requests')
        .set({ import_batch_id: batchId })
        .where('id', '=', request.id)
        .execute();
      return { url: `/api/affiliations/import/${batchId}/bia.pdf` };
    },
    otherCompany: 404,
    user: 200,
    admin: 200,
    restricted: 404,
  },

  // « Mes documents pratiques » (SPEC §5.6): another company's document is out of reach.
  'GET /api/documents': {
    kind: 'employer',
    call: async (f) => {
      await companyDocument(f);
      return { url: '/api/documents' };
    },
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/documents/:id/file': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/documents/${await companyDocument(f)}/file` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
  },

  // « Nous contacter » and the messages (SPEC §5.7): every role of the company
  'GET /api/conversations': {
    kind: 'employer',
    call: () => ({ url: '/api/conversations' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'GET /api/conversations/unread-count': {
    kind: 'employer',
    call: () => ({ url: '/api/conversations/unread-count' }),
    otherCompany: 200,
    user: 200,
    admin: 200,
  },
  'POST /api/conversations': {
    kind: 'employer',
    call: (f) => ({
      url: '/api/conversations',
      fields: {
        category: 'employees',
        subject: 'employee_documents',
        companyId: f.company.id,
        text: 'Pièces pour un salarié',
      },
      file: { name: 'liste.csv', content: 'Nom;Prénom\r\nDurand;Léa\r\n' },
    }),
    otherCompany: 404,
    user: 201,
    admin: 201,
  },
  'GET /api/conversations/:id': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/conversations/${(await newConversation(f)).id}` }),
    otherCompany: 404,
    user: 200,
    admin: 200,
  },
  'POST /api/conversations/:id/read': {
    kind: 'employer',
    call: async (f) => ({ url: `/api/conversations/${(await newConversation(f)).id}/read` }),
    otherCompany: 404,
    user: 204,
    admin: 204,
  },
  'POST /api/conversations/:id/messages': {
    kind: 'employer',
    call: async (f) => ({
      url: `/api/conversations/${(await newConversation(f)).id}/messages`,
      fields: { text: 'Une précision' },
    }),
    otherCompany: 404,
    user: 201,
    admin: 201,
  },
  'GET /api/conversations/:id/attachments/:fileId': {
    kind: 'employer',
    call: async (f) => {
      const c = await newConversation(f);
      return { url: `/api/conversations/${c.id}/attachments/${c.fileId}` };
    },
    otherCompany: 404,
    user: 200,
    admin: 200,
  },

  // Insurer back office (SPEC §6)
  'GET /api/backoffice/documents': { kind: 'backoffice' },
  'POST /api/backoffice/documents': {
    kind: 'backoffice',
    call: () => ({
      url: '/api/backoffice/documents',
      file: { name: 'a.pdf', content: '%PDF-1.4' },
    }),
  },
  'PATCH /api/backoffice/documents/:id': {
    kind: 'backoffice',
    call: () => ({
      url: `/api/backoffice/documents/${UNKNOWN_ID}`,
      body: { title: 'Titre', category: 'other', scope: 'all' },
    }),
  },
  'POST /api/backoffice/documents/:id/publish': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/documents/${UNKNOWN_ID}/publish` }),
  },
  'POST /api/backoffice/documents/:id/unpublish': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/documents/${UNKNOWN_ID}/unpublish` }),
  },
  'GET /api/backoffice/documents/:id/versions/:versionId/file': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/documents/${UNKNOWN_ID}/versions/${UNKNOWN_ID}/file` }),
  },
  'POST /api/backoffice/documents/:id/versions': {
    kind: 'backoffice',
    call: () => ({
      url: `/api/backoffice/documents/${UNKNOWN_ID}/versions`,
      file: { name: 'a.pdf', content: '%PDF-1.4' },
    }),
  },
  'GET /api/backoffice/conversations': { kind: 'backoffice' },
  'GET /api/backoffice/conversations/:id': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/conversations/${UNKNOWN_ID}` }),
  },
  'GET /api/backoffice/conversations/:id/attachments/:fileId': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/conversations/${UNKNOWN_ID}/attachments/${UNKNOWN_ID}` }),
  },
  'POST /api/backoffice/conversations/:id/read': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/conversations/${UNKNOWN_ID}/read` }),
  },
  'POST /api/backoffice/conversations/:id/assign': {
    kind: 'backoffice',
    call: () => ({
      url: `/api/backoffice/conversations/${UNKNOWN_ID}/assign`,
      body: { staffId: UNKNOWN_ID },
    }),
  },
  'POST /api/backoffice/conversations/:id/reply': {
    kind: 'backoffice',
    call: () => ({
      url: `/api/backoffice/conversations/${UNKNOWN_ID}/reply`,
      fields: { text: 'Réponse' },
    }),
  },
  'POST /api/backoffice/conversations/:id/close': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/conversations/${UNKNOWN_ID}/close` }),
  },
  'GET /api/backoffice/affiliations': { kind: 'backoffice' },
  'GET /api/backoffice/affiliations/:id': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/affiliations/${UNKNOWN_ID}` }),
  },
  'GET /api/backoffice/affiliations/:id/bia.pdf': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/affiliations/${UNKNOWN_ID}/bia.pdf` }),
  },
  'GET /api/backoffice/affiliations/:id/attachments/:attachmentId': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/affiliations/${UNKNOWN_ID}/attachments/${UNKNOWN_ID}` }),
  },
  'POST /api/backoffice/affiliations/:id/paper-received': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/affiliations/${UNKNOWN_ID}/paper-received` }),
  },
  'POST /api/backoffice/affiliations/:id/validate': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/affiliations/${UNKNOWN_ID}/validate` }),
  },
  'POST /api/backoffice/affiliations/:id/return': {
    kind: 'backoffice',
    call: () => ({
      url: `/api/backoffice/affiliations/${UNKNOWN_ID}/return`,
      body: { reason: 'Pièce illisible' },
    }),
  },
};

/** The sign-in accounts of the matrix (set in beforeAll). */
let adminOfCompany: Awaited<ReturnType<typeof createEmployerUser>>;

function routesOf(app: FastifyInstance): string[] {
  return [
    ...new Set(
      app.registeredRoutes
        .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
        .map((r) => `${r.method} ${r.url}`),
    ),
  ].sort();
}

async function send(b: Browser, method: Method, call: Call) {
  const url = call.url;
  if (call.file || call.fields) {
    const boundary = 'matrice-boundary';
    const fieldLines = Object.entries(call.fields ?? {}).flatMap(([name, value]) => [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${name}"`,
      '',
      value,
    ]);
    const fileLines = call.file
      ? [
          `--${boundary}`,
          `Content-Disposition: form-data; name="file"; filename="${call.file.name}"`,
          'Content-Type: text/csv',
          '',
          call.file.content,
        ]
      : [];
    return b.app.inject({
      method,
      url,
      remoteAddress: '192.0.2.99',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'x-requested-with': 'affilia',
        cookie: b.jar.header(),
      },
      payload: [...fieldLines, ...fileLines, `--${boundary}--`, ''].join('\r\n'),
    });
  }
  switch (method) {
    case 'GET':
      return b.get(url);
    case 'POST':
      return b.post(url, call.body);
    case 'PUT':
      return b.put(url, call.body);
    case 'PATCH':
      return b.patch(url, call.body);
    case 'DELETE':
      return b.delete(url);
  }
}

describe('authorization matrix', () => {
  let t: TestApp;
  let f: Fixtures;
  const callers = {} as Record<
    | 'user'
    | 'admin'
    | 'otherCompany'
    | 'restricted'
    | 'thirdParty'
    | 'suspended'
    | 'staffManager'
    | 'suspendedStaff',
    Browser
  >;

  beforeAll(async () => {
    t = await buildTestApp();
    await publishTerms(t.ctx.db);
    const company = await createCompany(t.ctx.db, { name: 'Matrice Immobilier' });
    const otherCompany = await createCompany(t.ctx.db, { name: 'Autre Société' });
    const establishments = [
      await createEstablishment(t.ctx.db, company, { name: 'Matrice Lyon' }),
      await createEstablishment(t.ctx.db, company, { name: 'Matrice Paris' }),
    ];
    await createEstablishment(t.ctx.db, otherCompany, { name: 'Autre Nantes' });
    const contract = await createContract(t.ctx.db, company);
    const member = await createMember(t.ctx.db, t.ctx.cipher, {
      establishment: establishments[0]!,
      nir13: '1850675123456',
      lastName: 'Matrice',
      coverages: [{ contract, effectiveDate: '2024-01-01' }],
    });
    adminOfCompany = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const userOfCompany = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    const adminElsewhere = await createEmployerUser(t.ctx.db, [
      { company: otherCompany, role: 'admin' },
    ]);
    // The fixtures (member, requests, conversations) are attached to the first establishment.
    const restrictedUser = await createEmployerUser(t.ctx.db, [
      { company, role: 'user', establishments: [establishments[1]!] },
    ]);
    const thirdParty = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }], {
      thirdPartyFirm: 'Cabinet Comptable Matrice',
    });
    const suspendedUser = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    f = {
      t,
      company,
      establishments,
      otherCompany,
      memberId: member.id,
      newUserOfCompany: () => createEmployerUser(t.ctx.db, [{ company, role: 'user' }]),
    };
    let ip = 0;
    const signedIn = async (user: Parameters<typeof signInAs>[2]) => {
      const b = browser(t.app, { ip: `192.0.2.${++ip}` });
      await signInAs(b, t.ctx, user);
      return b;
    };
    callers.admin = await signedIn(adminOfCompany);
    callers.user = await signedIn(userOfCompany);
    callers.otherCompany = await signedIn(adminElsewhere);
    callers.restricted = await signedIn(restrictedUser);
    callers.thirdParty = await signedIn(thirdParty);
    // Suspended while signed in, sessions left as they were: the status alone closes them.
    callers.suspended = await signedIn(suspendedUser);
    await t.ctx.db
      .updateTable('users')
      .set({ status: 'suspended' })
      .where('id', '=', suspendedUser.id)
      .execute();
    const manager = await createStaffUser(t.ctx.db, 'manager');
    callers.staffManager = browser(t.app, { ip: `192.0.2.${++ip}` });
    await signInAs(callers.staffManager, t.ctx, manager, 'backoffice');
    // A back-office administrator suspended while signed in.
    const suspendedAdmin = await createStaffUser(t.ctx.db, 'admin');
    callers.suspendedStaff = browser(t.app, { ip: `192.0.2.${++ip}` });
    await signInAs(callers.suspendedStaff, t.ctx, suspendedAdmin, 'backoffice');
    await t.ctx.db
      .updateTable('users')
      .set({ status: 'suspended' })
      .where('id', '=', suspendedAdmin.id)
      .execute();
  });
  afterAll(() => t.close());

  it('lists every registered API route', () => {
    const missing = routesOf(t.app).filter((route) => !(route in MATRIX));
    expect(missing, 'routes missing from the authorization matrix').toEqual([]);
    const stale = Object.keys(MATRIX).filter((route) => !routesOf(t.app).includes(route));
    expect(stale, 'matrix entries of routes that no longer exist').toEqual([]);
  });

  it('registers every API route in a route scope, the one its entry expects', () => {
    const expected = (entry: Entry): { scope: ScopeName; staffPermission?: string } => {
      switch (entry.kind) {
        case 'public':
          return { scope: entry.scope ?? 'public' };
        case 'account':
          return { scope: entry.scope ?? 'account' };
        case 'employer':
          return { scope: 'employer' };
        case 'backoffice':
          return { scope: 'backoffice' };
        case 'backoffice-admin':
          return { scope: 'backoffice', staffPermission: 'backoffice.administer' };
      }
    };
    const outside = t.app.registeredRoutes.filter((r) => r.scope === undefined);
    expect(
      outside.map((r) => `${r.method} ${r.url}`),
      'routes outside any scope',
    ).toEqual([]);
    const wrong = t.app.registeredRoutes
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .flatMap((r) => {
        const entry = MATRIX[`${r.method} ${r.url}`];
        if (!entry) return [];
        const want = expected(entry);
        const got = { scope: r.scope, staffPermission: r.staffPermission };
        const same =
          got.scope === want.scope &&
          (want.staffPermission ?? 'backoffice.work') ===
            (got.staffPermission ?? 'backoffice.work');
        return same
          ? []
          : [`${r.method} ${r.url}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
      });
    expect(wrong, 'routes in another scope than their entry says').toEqual([]);
  });

  const entries = Object.entries(MATRIX);

  it.each(entries.filter(([, e]) => e.kind === 'account'))(
    '%s: 401 anonymous, 2xx (or a business answer) signed in',
    async (route, entry) => {
      if (entry.kind !== 'account') return;
      const [method] = route.split(' ') as [Method];
      const call = entry.call ? await entry.call(f) : { url: route.split(' ')[1] ?? '' };
      const anonymous = await send(browser(t.app, { ip: '192.0.2.250' }), method, call);
      expect(anonymous.statusCode).toBe(401);
      const signed = await send(callers.user, method, call);
      // Signed in, the answer is about the request itself (2xx, a validation error or not found),
      // never a refusal of access.
      expect([401, 403]).not.toContain(signed.statusCode);
      const suspended = await send(callers.suspended, method, call);
      expect(suspended.statusCode, 'suspended').toBe(401);
    },
  );

  it.each(entries.filter(([, e]) => e.kind === 'employer'))(
    '%s: anonymous 401, other company, Utilisateur, Administrateur, restricted, third party, suspended',
    async (route, entry) => {
      if (entry.kind !== 'employer') return;
      const [method] = route.split(' ') as [Method];

      const anonymous = await send(
        browser(t.app, { ip: '192.0.2.251' }),
        method,
        await entry.call(f),
      );
      expect(anonymous.statusCode, 'anonymous').toBe(401);

      const other = await send(callers.otherCompany, method, await entry.call(f));
      expect(other.statusCode, `other company: ${other.body}`).toBe(entry.otherCompany);
      if (other.statusCode < 300) {
        // A list answered to another company holds nothing of this one.
        for (const secret of [f.company.id, f.company.name, f.company.siren]) {
          expect(other.body).not.toContain(secret);
        }
      }

      const user = await send(callers.user, method, await entry.call(f));
      expect(user.statusCode, `Utilisateur: ${user.body}`).toBe(entry.user);

      const admin = await send(callers.admin, method, await entry.call(f));
      expect(admin.statusCode, `Administrateur: ${admin.body}`).toBe(entry.admin);

      const restricted = await send(callers.restricted, method, await entry.call(f));
      expect(restricted.statusCode, `restricted: ${restricted.body}`).toBe(
        entry.restricted ?? entry.user,
      );
      if (restricted.statusCode < 300) {
        // Nothing of the establishment outside their perimeter.
        const outside = f.establishments[0]!;
        for (const secret of [outside.id, outside.name, outside.siret]) {
          expect(restricted.body).not.toContain(secret);
        }
      }

      const thirdParty = await send(callers.thirdParty, method, await entry.call(f));
      expect(thirdParty.statusCode, `third party: ${thirdParty.body}`).toBe(entry.user);

      const suspended = await send(callers.suspended, method, await entry.call(f));
      expect(suspended.statusCode, `suspended: ${suspended.body}`).toBe(401);
    },
  );

  it.each(entries.filter(([, e]) => e.kind === 'backoffice' || e.kind === 'backoffice-admin'))(
    '%s: closed to employers and to a suspended staff member',
    async (route, entry) => {
      if (entry.kind !== 'backoffice' && entry.kind !== 'backoffice-admin') return;
      const [method] = route.split(' ') as [Method];
      const call = entry.call ? await entry.call(f) : { url: route.split(' ')[1] ?? '' };
      expect((await send(browser(t.app, { ip: '192.0.2.252' }), method, call)).statusCode).toBe(
        401,
      );
      expect([403, 404]).toContain((await send(callers.admin, method, call)).statusCode);
      expect((await send(callers.suspendedStaff, method, call)).statusCode, 'suspended').toBe(401);
    },
  );

  it.each(entries.filter(([, e]) => e.kind === 'backoffice-admin'))(
    '%s: closed to a « gestionnaire »',
    async (route, entry) => {
      if (entry.kind !== 'backoffice-admin') return;
      const [method] = route.split(' ') as [Method];
      const call = entry.call ? entry.call() : { url: route.split(' ')[1] ?? '' };
      expect((await send(callers.staffManager, method, call)).statusCode).toBe(403);
    },
  );
});
