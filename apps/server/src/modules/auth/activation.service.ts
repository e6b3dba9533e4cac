import crypto from 'node:crypto';
import { loadPasswordEvaluator } from '@affilia/shared/domain/password-policy';
import { recordAudit } from '../../lib/audit';
import { captchaInvalid, verifyCaptcha } from '../../lib/captcha';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { hashPassword } from '../../lib/passwords';
import { getBranding } from '../settings/settings.service';
import { createActionToken } from './links.service';
import type { RequestMeta } from '../../lib/request-meta';
import { assertWithinLimit } from './throttle';

/**
 * « Activer mon espace » (SPEC §4.1): the SIRET and the company identifier from the insurer's
 * letters prove the link with the company; the new account becomes its first administrator,
 * only if it has none (someone who found a letter cannot take over a space).
 */
type Ctx = AppContext;
const TICKET_TTL_MS = 30 * 60_000;
export const EMAIL_CONFIRMATION_TTL_MS = 48 * 3600_000;

const mismatch = () =>
  new AppError(
    'activation_mismatch',
    400,
    'Les informations saisies ne correspondent pas à nos données. Vérifiez le numéro de SIRET et l’identifiant entreprise figurant sur nos courriers.',
  );
const adminExists = () =>
  new AppError(
    'activation_admin_exists',
    409,
    'L’espace de cette société est déjà activé. Demandez à son administrateur de vous donner accès depuis « Mes habilitations ».',
  );
const badTicket = () =>
  new AppError(
    'activation_ticket_invalid',
    400,
    'Votre saisie a expiré. Recommencez depuis la première étape.',
  );

async function findEstablishment(ctx: Ctx, siret: string, companyIdentifier: string) {
  return ctx.db
    .selectFrom('establishments as e')
    .innerJoin('companies as c', 'c.id', 'e.company_id')
    .select([
      'e.id as establishmentId',
      'e.name as establishmentName',
      'c.id as companyId',
      'c.name as companyName',
    ])
    .where('e.siret', '=', siret)
    .where('c.insurer_company_identifier', '=', companyIdentifier)
    .executeTakeFirst();
}

async function hasActiveAdministrator(db: Ctx['db'], companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_company_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.id')
    .where('r.company_id', '=', companyId)
    .where('r.role', '=', 'admin')
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

function signTicket(ctx: Ctx, payload: { establishmentId: string; exp: number }): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${ctx.cipher.hash(`activation-ticket:${body}`)}`;
}

function readTicket(ctx: Ctx, ticket: string): { establishmentId: string } {
  const [body, signature] = ticket.split('.');
  if (!body || !signature) throw badTicket();
  const expected = ctx.cipher.hash(`activation-ticket:${body}`);
  if (
    signature.length !== expected.length ||
    !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  ) {
    throw badTicket();
  }
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
    establishmentId: string;
    exp: number;
  };
  if (payload.exp <= ctx.clock.now().getTime()) throw badTicket();
  return payload;
}

/** Step 1 « Identification ». */
export async function identifyEstablishment(
  ctx: Ctx,
  input: { siret: string; companyIdentifier: string; captcha: string; meta: RequestMeta },
) {
  await assertWithinLimit(ctx, `activation-ip:${input.meta.ip}`, 20, 15 * 60_000);
  if (!(await verifyCaptcha(ctx, input.captcha, ctx.clock.now()))) {
    throw captchaInvalid();
  }
  const found = await findEstablishment(ctx, input.siret, input.companyIdentifier);
  if (!found) {
    await recordAudit(ctx.db, ctx.clock.now(), {
      action: 'auth.activation_mismatch',
      actorKind: 'anonymous',
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
    });
    throw mismatch();
  }
  if (await hasActiveAdministrator(ctx.db, found.companyId)) throw adminExists();
  return {
    ticket: signTicket(ctx, {
      establishmentId: found.establishmentId,
      exp: ctx.clock.now().getTime() + TICKET_TTL_MS,
    }),
    establishmentName: found.establishmentName,
    companyName: found.companyName,
  };
}

/** Steps 2 and 3: the account, the password and the terms. Sends the confirmation email. */
export async function completeActivation(
  ctx: Ctx,
  input: {
    ticket: string;
    lastName: string;
    firstName: string;
    email: string;
    mobilePhone: string;
    password: string;
    termsVersionId: string;
    meta: RequestMeta;
  },
): Promise<{ email: string }> {
  const { establishmentId } = readTicket(ctx, input.ticket);
  const evaluatePassword = await loadPasswordEvaluator();
  const evaluation = evaluatePassword(input.password, [
    input.firstName,
    input.lastName,
    input.email,
  ]);
  if (!evaluation.ok) {
    throw new AppError('password_weak', 400, evaluation.error ?? 'Mot de passe trop faible.', {
      password: evaluation.error ?? 'Mot de passe trop faible',
    });
  }
  const passwordHash = await hashPassword(input.password);
  const branding = await getBranding(ctx);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    const establishment = await trx
      .selectFrom('establishments')
      .select(['id', 'company_id'])
      .where('id', '=', establishmentId)
      .executeTakeFirst();
    if (!establishment) throw badTicket();
    if (await hasActiveAdministrator(trx, establishment.company_id)) throw adminExists();
    const terms = await trx
      .selectFrom('terms_versions')
      .select(['id', 'version'])
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'desc')
      .executeTakeFirst();
    if (!terms || terms.id !== input.termsVersionId) {
      throw new AppError(
        'terms_outdated',
        409,
        'Les conditions générales ont changé : relisez-les et acceptez la nouvelle version.',
      );
    }
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (taken) {
      throw new AppError(
        'email_taken',
        409,
        'Cette adresse e-mail a déjà un compte. Connectez-vous, puis ajoutez l’établissement depuis « Mon profil ».',
        { email: 'Cette adresse e-mail a déjà un compte' },
      );
    }
    const userId = newId();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        kind: 'employer',
        email: input.email,
        email_verified_at: null,
        password_hash: passwordHash,
        password_changed_at: nowIso,
        first_name: input.firstName,
        last_name: input.lastName,
        mobile_phone: input.mobilePhone,
        mobile_phone_verified_at: null,
        status: 'active',
        staff_role: null,
        third_party_firm: null,
        totp_secret_encrypted: null,
        totp_enabled_at: null,
        last_sign_in_at: null,
        last_sign_in_ip: null,
        failed_sign_in_day: null,
        last_failed_sign_in_at: null,
        locked_until: null,
        created_by_user_id: null,
        created_at: nowIso,
        updated_at: nowIso,
        deactivated_at: null,
      })
      .execute();
    await trx
      .insertInto('user_company_roles')
      .values({
        id: newId(),
        user_id: userId,
        company_id: establishment.company_id,
        role: 'admin',
        all_establishments: 1,
        granted_by: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await trx
      .insertInto('user_establishments')
      .values({
        user_id: userId,
        establishment_id: establishment.id,
        added_by_user_id: userId,
        created_at: nowIso,
      })
      .execute();
    await trx
      .insertInto('terms_acceptances')
      .values({
        id: newId(),
        user_id: userId,
        terms_version_id: terms.id,
        accepted_at: nowIso,
        ip: input.meta.ip,
        user_agent: input.meta.userAgent,
      })
      .execute();
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
  return { email: input.email };
}
