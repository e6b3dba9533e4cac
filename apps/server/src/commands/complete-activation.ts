import type { Db } from '../db/database';
import { recordAudit } from '../lib/audit';
import type { AppContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { RequestMeta } from '../lib/request-meta';
import { enqueueEmail } from '../lib/outbox/outbox';
import { adminExists, badTicket, hasActiveAdministrator } from '../modules/auth/activation-rules';
import { findCurrentTermsRow, insertTermsAcceptance } from '../modules/auth/auth.repository';
import { createActionToken } from '../modules/auth/links.service';
import { findEstablishmentRow } from '../modules/reference-data/reference-data.repository';
import {
  insertCompanyRole,
  insertFollowed,
  insertUser,
  isEmailTaken,
} from '../modules/users/users.repository';
import { getBranding } from '../modules/settings/settings.service';

export const EMAIL_CONFIRMATION_TTL_MS = 48 * 3600_000;

export interface CompleteActivationInput {
  /** From the signed ticket of the first step. */
  establishmentId: string;
  lastName: string;
  firstName: string;
  email: string;
  mobilePhone: string;
  /** Already checked against the password policy and hashed. */
  passwordHash: string;
  termsVersionId: string;
  meta: RequestMeta;
}

type Step = { trx: Db; now: Date; input: CompleteActivationInput };

/**
 * « Activer mon espace », last step (SPEC §4.1): in one transaction, the company's first
 * administrator (only if it still has none), their access to the establishment, their acceptance
 * of the terms, the email-confirmation link sent through the outbox and the audit entry.
 */
export async function completeActivation(
  ctx: AppContext,
  input: CompleteActivationInput,
): Promise<void> {
  const branding = await getBranding(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const step: Step = { trx, now, input };
    const establishment = await establishmentWithoutAdministrator(step);
    const terms = await acceptedTerms(step);
    await assertEmailFree(step);
    const userId = await createFirstAdministrator(step, establishment);
    await recordTermsAcceptance(step, userId, terms.id);
    const token = await createActionToken(trx, now, {
      purpose: 'email_confirmation',
      userId,
      ttlMs: EMAIL_CONFIRMATION_TTL_MS,
    });
    await enqueueEmail(trx, {
      to: input.email,
      template: 'email_confirmation',
      data: {
        firstName: input.firstName,
        url: `${ctx.config.publicUrl}/confirmer-email/${token}`,
        validity: '48 heures',
      },
      branding,
      now,
    });
    await recordAudit(trx, now, {
      action: 'auth.space_activated',
      actorUserId: userId,
      actorKind: 'employer',
      companyId: establishment.company_id,
      targetType: 'establishment',
      targetId: establishment.id,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      details: { termsVersion: terms.version },
    });
  });
  ctx.outboxWorker?.wake();
}

/** The establishment of the ticket, whose company must still have no active administrator. */
async function establishmentWithoutAdministrator({ trx, input }: Step) {
  const establishment = await findEstablishmentRow(trx, input.establishmentId);
  if (!establishment) throw badTicket();
  if (await hasActiveAdministrator(trx, establishment.company_id)) throw adminExists();
  return establishment;
}

/** The terms accepted must be the version published last. */
async function acceptedTerms({ trx, input }: Step) {
  const terms = await findCurrentTermsRow(trx);
  if (!terms || terms.id !== input.termsVersionId) {
    throw new AppError(
      'terms_outdated',
      409,
      'Les conditions générales ont changé : relisez-les et acceptez la nouvelle version.',
    );
  }
  return terms;
}

async function assertEmailFree({ trx, input }: Step) {
  if (await isEmailTaken(trx, input.email)) {
    throw new AppError(
      'email_taken',
      409,
      'Cette adresse e-mail a déjà un compte. Connectez-vous, puis ajoutez l’établissement depuis « Mon profil ».',
      { email: 'Cette adresse e-mail a déjà un compte' },
    );
  }
}

/** The account, administrator of the whole company, with the establishment of the ticket. */
async function createFirstAdministrator(
  { trx, now, input }: Step,
  establishment: { id: string; company_id: string },
): Promise<string> {
  const nowIso = now.toISOString();
  const userId = newId();
  await insertUser(trx, {
    id: userId,
    kind: 'employer',
    email: input.email,
    password_hash: input.passwordHash,
    password_changed_at: nowIso,
    first_name: input.firstName,
    last_name: input.lastName,
    mobile_phone: input.mobilePhone,
    status: 'active',
    created_at: nowIso,
  });
  await insertCompanyRole(trx, {
    id: newId(),
    user_id: userId,
    company_id: establishment.company_id,
    role: 'admin',
    all_establishments: 1,
    granted_by: null,
    created_at: nowIso,
    updated_at: nowIso,
  });
  await insertFollowed(trx, userId, [establishment.id], { by: userId, at: nowIso });
  return userId;
}

async function recordTermsAcceptance(
  { trx, now, input }: Step,
  userId: string,
  termsVersionId: string,
) {
  await insertTermsAcceptance(trx, {
    id: newId(),
    user_id: userId,
    terms_version_id: termsVersionId,
    accepted_at: now.toISOString(),
    ip: input.meta.ip,
    user_agent: input.meta.userAgent,
  });
}
