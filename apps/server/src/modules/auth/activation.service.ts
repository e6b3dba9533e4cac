import crypto from 'node:crypto';
import { loadPasswordEvaluator } from '@affilia/shared/domain/password-policy';
import { completeActivation as completeActivationCommand } from '../../commands/complete-activation';
import { recordAudit } from '../../lib/audit';
import { captchaInvalid, verifyCaptcha } from '../../lib/captcha';
import type { AppContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { hashPassword } from '../../lib/passwords';
import type { RequestMeta } from '../../lib/request-meta';
import { adminExists, badTicket, hasActiveAdministrator } from './activation-rules';
import { findEstablishmentToActivate } from './auth.repository';
import { assertWithinLimit } from './throttle';

/**
 * « Activer mon espace » (SPEC §4.1): the SIRET and the company identifier from the insurer's
 * letters prove the link with the company; the new account becomes its first administrator,
 * only if it has none (someone who found a letter cannot take over a space).
 */
type Ctx = AppContext;
export { EMAIL_CONFIRMATION_TTL_MS } from '../../commands/complete-activation';
const TICKET_TTL_MS = 30 * 60_000;

const mismatch = () =>
  new AppError(
    'activation_mismatch',
    400,
    'Les informations saisies ne correspondent pas à nos données. Vérifiez le numéro de SIRET et l’identifiant entreprise figurant sur nos courriers.',
  );

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
  const found = await findEstablishmentToActivate(ctx.db, input.siret, input.companyIdentifier);
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
  await completeActivationCommand(ctx, {
    establishmentId,
    lastName: input.lastName,
    firstName: input.firstName,
    email: input.email,
    mobilePhone: input.mobilePhone,
    passwordHash: await hashPassword(input.password),
    termsVersionId: input.termsVersionId,
    meta: input.meta,
  });
  return { email: input.email };
}
