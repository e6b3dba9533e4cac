import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EmailOnlyRequestSchema,
  ForgotPasswordRequestSchema,
  LinkCheckResultSchema,
  LinkTokenRequestSchema,
  MeSchema,
  PasswordConfirmRequestSchema,
  ResetPasswordRequestSchema,
  SessionListSchema,
  SignInRequestSchema,
  SignInResultSchema,
  TermsSchema,
  TotpEnableRequestSchema,
  TotpEnableResultSchema,
  TotpSetupResultSchema,
  VerifyCodeRequestSchema,
} from '@affilia/shared/schemas/auth';
import {
  ActivationCompleteRequestSchema,
  ActivationCompleteResultSchema,
  ActivationIdentifyRequestSchema,
  ActivationIdentifyResultSchema,
} from '@affilia/shared/schemas/activation';
import { SendCodeRequestSchema, SendCodeResultSchema } from '@affilia/shared/schemas/second-factor';
import { AcceptTermsRequestSchema, PendingTermsSchema } from '@affilia/shared/schemas/content';
import { notFound } from '../../lib/errors';
import { completeActivation, identifyEstablishment } from './activation.service';
import {
  clearCookieOptions,
  DEVICE_COOKIE,
  deviceCookieOptions,
  SESSION_COOKIE,
  sessionCookieOptions,
  SIGN_IN_COOKIE,
  signInCookieOptions,
} from './cookies';
import {
  checkPasswordResetLink,
  confirmEmail,
  requestPasswordReset,
  resendEmailConfirmation,
  resetPassword,
} from './links.service';
import { toMe } from './auth.repository';
import { requestMeta } from '../../lib/request-meta';
import { listSessions, revokeOwnSession, revokeSession } from './sessions.service';
import { sendSignInCode, signIn, verifySignInCode, type SignInOutcome } from './sign-in.service';
import { acceptCurrentTerms, getCurrentTerms, getTermsToAccept } from './terms.service';
import { disableTotp, enableTotp, setupTotp } from './totp.service';

const Ok = z.object({ ok: z.literal(true) });
const tags = ['auth'];

/** Signing in with the second factor, and signing out. */
const signInRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  /** Sets the cookies of a sign-in step: a new session (and the old one ends), or an attempt. */
  async function applyOutcome(
    reply: FastifyReply,
    previousSessionId: string | undefined,
    outcome: SignInOutcome,
  ) {
    if (outcome.session) {
      if (previousSessionId) await revokeSession(ctx, previousSessionId, 'replaced');
      void reply.setCookie(SESSION_COOKIE, outcome.session.token, sessionCookieOptions);
      void reply.clearCookie(SIGN_IN_COOKIE, clearCookieOptions);
    }
    if (outcome.attempt)
      void reply.setCookie(SIGN_IN_COOKIE, outcome.attempt.token, signInCookieOptions);
    if (outcome.device)
      void reply.setCookie(DEVICE_COOKIE, outcome.device.token, deviceCookieOptions);
    return outcome.result;
  }

  app.post(
    '/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: SignInRequestSchema,
        response: { 200: SignInResultSchema },
      },
    },
    async (request, reply) => {
      const outcome = await signIn(ctx, {
        ...request.body,
        deviceToken: request.cookies[DEVICE_COOKIE],
        meta: requestMeta(request),
      });
      return applyOutcome(reply, request.auth?.session.id, outcome);
    },
  );

  app.post(
    '/second-factor/send',
    {
      schema: {
        tags,
        summary: 'Send the sign-in code by SMS',
        body: SendCodeRequestSchema,
        response: { 200: SendCodeResultSchema },
      },
    },
    async (request) =>
      sendSignInCode(ctx, {
        attemptToken: request.cookies[SIGN_IN_COOKIE],
        mobilePhone: request.body.mobilePhone,
        meta: requestMeta(request),
      }),
  );

  app.post(
    '/second-factor/verify',
    {
      schema: {
        tags,
        summary: 'Check the second factor and open the session',
        body: VerifyCodeRequestSchema,
        response: { 200: SignInResultSchema },
      },
    },
    async (request, reply) => {
      const outcome = await verifySignInCode(ctx, {
        attemptToken: request.cookies[SIGN_IN_COOKIE],
        code: request.body.code,
        deviceToken: request.cookies[DEVICE_COOKIE],
        meta: requestMeta(request),
      });
      return applyOutcome(reply, request.auth?.session.id, outcome);
    },
  );

  app.post(
    '/sign-out',
    { schema: { tags, summary: 'Sign out (ends this session)', response: { 200: Ok } } },
    async (request, reply) => {
      if (request.auth) await revokeSession(ctx, request.auth.session.id, 'sign_out');
      void reply.clearCookie(SESSION_COOKIE, clearCookieOptions);
      return { ok: true as const };
    },
  );
};

/** « Activer mon espace »: the company identified, then the first administrator. */
const activationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post(
    '/activation/identify',
    {
      schema: {
        tags,
        summary: '« Activer mon espace », step 1',
        body: ActivationIdentifyRequestSchema,
        response: { 200: ActivationIdentifyResultSchema },
      },
    },
    async (request) => identifyEstablishment(ctx, { ...request.body, meta: requestMeta(request) }),
  );

  app.post(
    '/activation/complete',
    {
      schema: {
        tags,
        summary: '« Activer mon espace », steps 2 and 3',
        body: ActivationCompleteRequestSchema,
        response: { 201: ActivationCompleteResultSchema },
      },
    },
    async (request, reply) => {
      const result = await completeActivation(ctx, { ...request.body, meta: requestMeta(request) });
      return reply.status(201).send(result);
    },
  );
};

/** What the emails link to: the address confirmed, the password reset; and the terms in force. */
const emailLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/terms/current',
    { schema: { tags, summary: 'The terms of use in force', response: { 200: TermsSchema } } },
    async () => {
      const terms = await getCurrentTerms(ctx);
      if (!terms) throw notFound('Aucune version des conditions générales n’est publiée.');
      return terms;
    },
  );

  app.post(
    '/email/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the email address from the link',
        body: LinkTokenRequestSchema,
        response: { 200: LinkCheckResultSchema },
      },
    },
    async (request) => confirmEmail(ctx, request.body.token, requestMeta(request)),
  );

  app.post(
    '/email/resend-confirmation',
    {
      schema: {
        tags,
        summary: 'Send the confirmation link again',
        body: EmailOnlyRequestSchema,
        response: { 202: Ok },
      },
    },
    async (request, reply) => {
      await resendEmailConfirmation(ctx, request.body.email, requestMeta(request));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/password/forgot',
    {
      schema: {
        tags,
        summary: '« Mot de passe oublié »',
        body: ForgotPasswordRequestSchema,
        response: { 202: Ok },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, { ...request.body, meta: requestMeta(request) });
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/password/reset/check',
    {
      schema: {
        tags,
        summary: 'Check a password-reset link',
        body: LinkTokenRequestSchema,
        response: { 200: LinkCheckResultSchema },
      },
    },
    async (request) => checkPasswordResetLink(ctx, request.body.token),
  );

  app.post(
    '/password/reset',
    {
      schema: {
        tags,
        summary: 'Choose a new password from the link',
        body: ResetPasswordRequestSchema,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await resetPassword(ctx, request.body.token, request.body.password, requestMeta(request));
      return { ok: true as const };
    },
  );
};

/** Signing in, activation, email confirmation and password reset (public scope, under /api/auth). */
export const authPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(signInRoutes);
  await app.register(activationRoutes);
  await app.register(emailLinkRoutes);
};

/** The signed-in person: who they are, their sessions and their authenticator app (account scope, under /api/auth). */
export const authAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: MeSchema } } },
    async (request) => toMe(ctx.db, request.account.user),
  );

  app.get(
    '/sessions',
    { schema: { tags, summary: 'My open sessions', response: { 200: SessionListSchema } } },
    async (request) => {
      const auth = request.account;
      return { sessions: await listSessions(ctx, auth.user.id, auth.session.id) };
    },
  );

  app.delete(
    '/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: z.object({ sessionId: z.string().max(64) }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await revokeOwnSession(ctx, request.account.user.id, request.params.sessionId);
      return { ok: true as const };
    },
  );

  app.post(
    '/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start using an authenticator app',
        body: PasswordConfirmRequestSchema,
        response: { 200: TotpSetupResultSchema },
      },
    },
    async (request) => setupTotp(ctx, request.account.user, request.body.password),
  );

  app.post(
    '/totp/enable',
    {
      schema: {
        tags,
        summary: 'Confirm the authenticator app',
        body: TotpEnableRequestSchema,
        response: { 200: TotpEnableResultSchema },
      },
    },
    async (request) =>
      enableTotp(ctx, request.account.user, request.body.code, requestMeta(request)),
  );

  app.post(
    '/totp/disable',
    {
      schema: {
        tags,
        summary: 'Back to SMS codes',
        body: PasswordConfirmRequestSchema,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await disableTotp(ctx, request.account.user, request.body.password, requestMeta(request));
      return { ok: true as const };
    },
  );
};

/** The terms of use an employer user must accept (employer scope, before the terms: under /api/auth/terms). */
export const termsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/pending',
    {
      config: { beforeTerms: true },
      schema: {
        tags,
        summary: 'The new terms of use the signed-in employer user must accept, if any',
        response: { 200: PendingTermsSchema },
      },
    },
    async (request) => ({
      terms: await getTermsToAccept(ctx, request.employer.user.id),
    }),
  );

  app.post(
    '/accept',
    {
      config: { beforeTerms: true },
      schema: {
        tags,
        summary: '« J’accepte » the terms of use in force',
        body: AcceptTermsRequestSchema,
        response: { 200: Ok },
      },
    },
    async (request) => {
      const { user } = request.employer;
      await acceptCurrentTerms(ctx, user.id, request.body.termsVersionId, requestMeta(request));
      return { ok: true as const };
    },
  );
};
