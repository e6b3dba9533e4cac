/**
 * Route scopes: every route of the API is registered in exactly one, and the scope — not the
 * handler — decides who may call it (decision record 0010). Each scope is an encapsulated Fastify
 * context with one `onRequest` hook that authenticates the request before its body is read, and
 * puts the scope's typed actor on it:
 *
 * | scope | who | actor |
 * |---|---|---|
 * | `public` | anyone (sign-in steps, links from emails, branding, health) | — |
 * | `employee-link` | the employee who opened the emailed link and confirmed their birth date (the form cookie; the beneficiaries link's cookie) | `request.enrolment`, `request.memberLink` |
 * | `account` | any signed-in person, about themself (profile, sessions, notifications) | `request.account` |
 * | `employer` | a signed-in employer user who accepted the latest terms of use | `request.employer` |
 * | `backoffice` | a signed-in staff member whose role grants the route's `staffPermission` | `request.staff` |
 * | `operator` | the insurer's monitoring, with the operations token (`Authorization: Bearer`, METRICS_TOKEN) | — |
 *
 * An actor read outside its scope is a programming error: its getter throws (500), it is never
 * null. Routes opt out of nothing; two declared route options refine their scope:
 * `config.beforeTerms` (employer: reading and accepting the terms themselves) and
 * `config.staffPermission` (back office: `backoffice.administer` for the administrators' routes).
 * The authorization matrix (test/authorization-matrix.test.ts) checks that every route has a scope
 * and the one its entry expects.
 */
import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { StaffPermission } from '@affilia/shared/domain/permissions';
import type { AffiliationRequest } from '../../db/schema';
import { unauthenticated } from '../../lib/errors';
import type { EmployerActor, StaffActor } from '../../lib/policies';
import type { MemberLinkActor } from '../member-links/member-link-access';
import { requireAnyAuth, requireEmployer, requireStaff, type AuthContext } from './session.plugin';

export const SCOPES = [
  'public',
  'employee-link',
  'account',
  'employer',
  'backoffice',
  'operator',
] as const;
export type ScopeName = (typeof SCOPES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the scope the route is registered in. */
    scope?: ScopeName;
    /** Employer scope: the route answers while the latest terms of use are not yet accepted. */
    beforeTerms?: true;
    /** Back-office scope: the permission the route needs (default `backoffice.work`). */
    staffPermission?: StaffPermission;
  }
  interface FastifyRequest {
    /** The signed-in person (account scope). */
    readonly account: AuthContext;
    /** The employer user with their roles and perimeter (employer scope). */
    readonly employer: EmployerActor;
    /** The staff member with their role (back-office scope). */
    readonly staff: StaffActor;
    /** The affiliation request of the link, unlocked by this browser (employee-link scope). */
    readonly enrolment: AffiliationRequest;
    /** The member's beneficiaries link, unlocked by this browser (employee-link scope). */
    readonly memberLink: MemberLinkActor;
  }
}

interface Actors {
  account?: AuthContext;
  employer?: EmployerActor;
  staff?: StaffActor;
  enrolment?: AffiliationRequest;
  memberLink?: MemberLinkActor;
}

const actors = new WeakMap<FastifyRequest, Actors>();

function setActor<K extends keyof Actors>(request: FastifyRequest, key: K, value: Actors[K]) {
  const held = actors.get(request);
  if (held) held[key] = value;
  else actors.set(request, { [key]: value });
}

function actorOf<K extends keyof Actors>(request: FastifyRequest, key: K): NonNullable<Actors[K]> {
  const value = actors.get(request)?.[key];
  if (!value) throw new Error(`request.${key} read outside its route scope (${request.url})`);
  return value;
}

/** The actors' getters, once for the whole app (before the scopes). */
export const scopesPlugin = fp(async (app) => {
  for (const key of ['account', 'employer', 'staff', 'enrolment', 'memberLink'] as const) {
    app.decorateRequest(key, {
      getter(this: FastifyRequest) {
        return actorOf(this, key);
      },
    });
  }
});

type Authenticate = (request: FastifyRequest) => Promise<void> | void;

/**
 * How the employee-link scope finds the affiliation request of a request: given by the
 * enrolment module, which owns the link's token and the form cookie.
 */
export type UnlockEnrolment = (request: FastifyRequest) => Promise<AffiliationRequest>;
/** The same for the member's beneficiaries link (modules/member-links). */
export type UnlockMemberLink = (request: FastifyRequest) => Promise<MemberLinkActor>;

/** The operator scope's check: the bearer token, compared in constant time. */
function bearerToken(expected: string | undefined): Authenticate {
  if (!expected) throw new Error('The operator scope needs its token');
  const want = crypto.createHash('sha256').update(expected).digest();
  return (request) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const got = crypto.createHash('sha256').update(given).digest();
    if (!crypto.timingSafeEqual(got, want)) throw unauthenticated('Jeton d’exploitation requis.');
  };
}

function authenticator(
  name: ScopeName,
  { unlock, unlockMemberLink, token }: Pick<ScopeModule, 'unlock' | 'unlockMemberLink' | 'token'>,
): Authenticate | null {
  switch (name) {
    case 'public':
      return null;
    case 'employee-link':
      if (unlockMemberLink) {
        return async (request) => setActor(request, 'memberLink', await unlockMemberLink(request));
      }
      if (!unlock) throw new Error('The employee-link scope needs the unlock function');
      return async (request) => setActor(request, 'enrolment', await unlock(request));
    case 'account':
      return (request) => setActor(request, 'account', requireAnyAuth(request));
    case 'employer':
      return async (request) => {
        const beforeTerms = request.routeOptions.config.beforeTerms === true;
        setActor(request, 'employer', await requireEmployer(request, { beforeTerms }));
      };
    case 'backoffice':
      return (request) => {
        const permission = request.routeOptions.config.staffPermission ?? 'backoffice.work';
        setActor(request, 'staff', requireStaff(request, permission));
      };
    case 'operator':
      return bearerToken(token);
  }
}

export interface ScopedRoutes {
  /** A module's routes, written relative to `prefix`. */
  routes: FastifyPluginAsyncZod;
  prefix?: string;
}

type ScopeModule = ScopedRoutes & {
  /** Employee-link scope: finds the request of the link. */
  unlock?: UnlockEnrolment;
  /** Employee-link scope: finds the beneficiaries link instead. */
  unlockMemberLink?: UnlockMemberLink;
  /** Operator scope: the token its callers present. */
  token?: string;
};

/** The OpenAPI security schemes of the ways in (declared in app.ts). */
export const SECURITY_SCHEMES = {
  sessionCookie: 'sessionCookie',
  formCookie: 'formCookie',
  memberLinkCookie: 'memberLinkCookie',
  operatorToken: 'operatorToken',
  csrfHeader: 'csrfHeader',
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scheme a module's routes are called with, as its scope authenticates them. */
function securitySchemeOf(name: ScopeName, options: Omit<ScopeModule, keyof ScopedRoutes>) {
  switch (name) {
    case 'public':
      return null;
    case 'employee-link':
      return options.unlockMemberLink
        ? SECURITY_SCHEMES.memberLinkCookie
        : SECURITY_SCHEMES.formCookie;
    case 'operator':
      return SECURITY_SCHEMES.operatorToken;
    default:
      return SECURITY_SCHEMES.sessionCookie;
  }
}

/**
 * The route's OpenAPI `security`, written by its scope: the scope's way in and, for a method
 * that changes something, the CSRF header (plugins/csrf.ts) — none at all for a public read.
 */
function routeSecurity(scheme: string | null, method: string | string[]) {
  const unsafe = [method].flat().some((m) => !SAFE_METHODS.has(m));
  const requirement: Record<string, string[]> = {};
  if (scheme) requirement[scheme] = [];
  if (unsafe) requirement[SECURITY_SCHEMES.csrfHeader] = [];
  return Object.keys(requirement).length > 0 ? [requirement] : [];
}

/**
 * A scope with its routes: `app.register(scope('employer', { routes: membersRoutes, prefix:
 * '/api/members' }, …))`. Each route is marked with the scope (`config.scope`), and the scope's
 * hook runs before anything else of the route.
 */
export function scope(name: ScopeName, ...modules: ScopeModule[]): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, scope: name };
    });
    for (const { routes, prefix, ...options } of modules) {
      await app.register(async (inner) => {
        const authenticate = authenticator(name, options);
        if (authenticate) inner.addHook('onRequest', async (request) => authenticate(request));
        const scheme = securitySchemeOf(name, options);
        inner.addHook('onRoute', (route) => {
          route.schema = { ...route.schema, security: routeSecurity(scheme, route.method) };
        });
        await inner.register(routes, { prefix });
      });
    }
  };
}
