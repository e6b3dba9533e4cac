import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Session, User, UserKind } from '../../db/schema';
import { AppError, unauthenticated } from '../../lib/errors';
import { staffCan, type StaffPermission } from '@affilia/shared/domain/permissions';
import { staffActor, type EmployerActor, type StaffActor } from '../../lib/policies';
import { requestMeta } from '../../lib/request-meta';
import { loadEmployerActor } from '../users/users.repository';
import { clearCookieOptions, SESSION_COOKIE } from './cookies';
import { loadSession } from './sessions.service';
import { hasTermsToAccept } from './terms.service';

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
  }
}

/**
 * The session of every API request, and the checks the route scopes (scopes.ts) are built from:
 * a route never calls them itself.
 *
 * Reads the session cookie of every API request (sessions live in the database), but for the
 * routes declared with `config: { session: false }`.
 */
export const sessionPlugin = fp(async (app) => {
  await app.register(cookie);
  app.decorateRequest('auth', null);
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
 * 403 for an employer account, and 403 when their role does not grant `permission`
 * (`backoffice.administer`: staff accounts, branding and terms, retention).
 */
export function requireStaff(
  request: FastifyRequest,
  permission: StaffPermission = 'backoffice.work',
): StaffActor {
  const { user } = requireAuth(request, 'staff');
  const actor = staffActor(user, requestMeta(request));
  if (!staffCan(actor.role, permission)) {
    throw new AppError(
      'staff_admin_required',
      403,
      'Cette action est réservée aux administrateurs du back-office.',
    );
  }
  return actor;
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
export async function requireEmployer(
  request: FastifyRequest,
  opts: { beforeTerms?: boolean } = {},
): Promise<EmployerActor> {
  const auth = requireAuth(request, 'employer');
  // A new version of the terms of use was published: nothing until the user accepts it.
  if (!opts.beforeTerms && (await hasTermsToAccept(request.server.ctx, auth.user.id))) {
    throw new AppError(
      'terms_acceptance_required',
      403,
      'Les conditions d’utilisation ont été mises à jour : acceptez-les pour continuer.',
    );
  }
  return loadEmployerActor(request.server.ctx.db, auth.user);
}
