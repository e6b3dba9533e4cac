import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Session, User, UserKind } from '../db/schema';
import { AppError, unauthenticated } from '../lib/errors';
import { loadEmployerActor, type EmployerActor } from '../lib/policies';
import { clearCookieOptions, SESSION_COOKIE } from '../modules/auth/cookies';
import { loadSession } from '../modules/auth/sessions.service';
import { hasTermsToAccept } from '../modules/auth/terms.service';

export interface AuthContext {
  user: User;
  session: Session;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: the route never reads the session, whose cookie is not looked up (health checks). */
    session?: false;
  }
  interface FastifyRequest {
    /** The signed-in user and session, or null. Set for every /api/ request. */
    auth: AuthContext | null;
    /** The employer actor with their roles, loaded by `requireEmployer` once per request. */
    employerActor: EmployerActor | null;
  }
}

/**
 * Reads the session cookie of every API request (sessions live in the database), but for the
 * routes declared with `config: { session: false }`.
 */
export const authPlugin = fp(async (app) => {
  await app.register(cookie);
  app.decorateRequest('auth', null);
  app.decorateRequest('employerActor', null);
  // A callback hook: no promise for the requests without a session to look up.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.session === false) {
      return done();
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done();
    loadSession(app.ctx, token)
      .then((loaded) => {
        if (loaded) request.auth = loaded;
        else reply.clearCookie(SESSION_COOKIE, clearCookieOptions);
      })
      .then(() => done(), done);
  });
});

/**
 * The signed-in user of this request, who must be of `kind`: 401 when nobody is signed in, 403
 * when an employer calls the back office or the reverse.
 */
export function requireAuth(request: FastifyRequest, kind: UserKind): AuthContext {
  const auth = request.auth;
  if (!auth)
    throw unauthenticated('Votre session a expiré ou vous n’êtes pas connecté : reconnectez-vous.');
  if (auth.user.kind !== kind) {
    throw new AppError('forbidden', 403, 'Cet espace n’est pas accessible avec votre compte.');
  }
  return auth;
}

/**
 * The signed-in insurer staff member, for every back-office route: 401 when nobody is signed in,
 * 403 for an employer account, and 403 for a « gestionnaire » where `admin` is asked (staff
 * accounts, branding and terms, retention: back-office administrators only).
 */
export function requireStaff(request: FastifyRequest, opts: { admin?: boolean } = {}): AuthContext {
  const auth = requireAuth(request, 'staff');
  if (opts.admin && auth.user.staff_role !== 'admin') {
    throw new AppError(
      'staff_admin_required',
      403,
      'Cette action est réservée aux administrateurs du back-office.',
    );
  }
  return auth;
}

/** The signed-in user, whatever their kind (profile security, sign-out). */
export function requireAnyAuth(request: FastifyRequest): AuthContext {
  if (!request.auth)
    throw unauthenticated('Votre session a expiré ou vous n’êtes pas connecté : reconnectez-vous.');
  return request.auth;
}

/**
 * The signed-in employer user with their roles (lib/policies.ts), for every route of the
 * employer space: 401 when nobody is signed in, 403 for a staff account, and 403
 * `terms_acceptance_required` while the latest terms of use are not accepted.
 */
export async function requireEmployer(request: FastifyRequest): Promise<EmployerActor> {
  const auth = requireAuth(request, 'employer');
  if (!request.employerActor) {
    // A new version of the terms of use was published: nothing until the user accepts it.
    if (await hasTermsToAccept(request.server.ctx, auth.user.id)) {
      throw new AppError(
        'terms_acceptance_required',
        403,
        'Les conditions d’utilisation ont été mises à jour : acceptez-les pour continuer.',
      );
    }
    request.employerActor = await loadEmployerActor(request.server.ctx.db, auth.user);
  }
  return request.employerActor;
}
