import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import swagger, { type SwaggerOptions } from '@fastify/swagger';
import multipart from '@fastify/multipart';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
// Every zod message in French (issue 14 #14): installed before any schema parses.
import '@affilia/shared/validators/zod-errors';
import type { AppContext } from './lib/context';
import { newId } from './lib/ids';
import { loggerOptions, RequestLogController } from './lib/logger';
import { csrfPlugin } from './plugins/csrf';
import { errorsPlugin } from './plugins/errors';
import { compressionPlugin } from './plugins/compression';
import { passwordPolicyPlugin } from './plugins/password-policy';
import { securityHeadersPlugin } from './plugins/security-headers';
import { webPlugin } from './plugins/web';
import { sessionPlugin } from './modules/auth/session.plugin';
import { SESSION_COOKIE } from './modules/auth/cookies';
import { SECURITY_SCHEMES, scopesPlugin, type ScopeName } from './modules/auth/scopes';
import { FORM_COOKIE } from './modules/enrolment/form-access';
import { MEMBER_LINK_COOKIE } from './modules/member-links/member-link-access';
import { registerRoutes } from './routes';
import { pageSession } from './modules/auth/page-session';
import { getBranding } from './modules/settings/settings.service';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /**
     * Every route registered (method, URL pattern and the scope it is registered in), e.g. for
     * the authorization matrix test.
     */
    registeredRoutes: readonly RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  /** Its route scope (modules/auth/scopes.ts); undefined for a route registered outside any. */
  readonly scope: ScopeName | undefined;
  /** The back-office permission it names (`config.staffPermission`), if any. */
  readonly staffPermission: string | undefined;
}

export interface BuildAppOptions {
  /** Fastify's logger options (tests pass false). Ignored when loggerInstance is given. */
  logger?: FastifyServerOptions['logger'];
  /** A pino logger already built (the server shares one with its workers). */
  loggerInstance?: FastifyBaseLogger;
  /** Serve the built web app (default true). */
  serveWeb?: boolean;
}

/**
 * Every schema is zod's: given as Fastify's compilers from the start, so that Fastify never loads
 * its default ones (ajv and fast-json-stringify: about 2 MB of heap, 300 modules), which would
 * never be used. Fastify types the factories after ajv's, hence the cast.
 */
const zodCompilers = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];

/** Builds the Fastify app without listening: `server.ts` starts it, tests `inject` into it. */
/**
 * What each page of the web app carries in its HTML: the branding (every page waits for it before
 * its first paint) and the signed-in user, whom the spaces' guards would otherwise ask for
 * (modules/auth/page-session.ts).
 */
export function webPageData(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<Record<string, unknown>> => {
    const [branding, session] = await Promise.all([getBranding(ctx), pageSession(ctx, request)]);
    return session ? { branding, session } : { branding };
  };
}

export async function buildApp(
  ctx: AppContext,
  opts: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.loggerInstance
      ? { loggerInstance: opts.loggerInstance }
      : { logger: opts.logger ?? loggerOptions(ctx.config) }),
    trustProxy: ctx.config.trustProxy,
    genReqId: () => newId(),
    // One line per request when it is answered (lib/logger.ts), instead of Fastify's two.
    logController: new RequestLogController(),
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: zodCompilers },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      // Read when asked: the scope's own onRoute hook runs after this one.
      registeredRoutes.push({
        method,
        url: route.url,
        get scope() {
          return route.config?.scope;
        },
        get staffPermission() {
          return route.config?.staffPermission;
        },
      });
    }
  });
  const metrics = ctx.metrics;
  if (metrics) {
    // The route's pattern, never its URL (ids); « unmatched » for a 404 outside any route.
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: no text/plain parser (CSRF baseline, SPEC §9).
  app.removeContentTypeParser('text/plain');

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin, { isProduction: ctx.config.isProduction });
  // Before the routes: it hooks each route as it is declared.
  await app.register(compressionPlugin);
  await app.register(passwordPolicyPlugin);
  await app.register(csrfPlugin);
  await app.register(sessionPlugin);
  await app.register(scopesPlugin);
  // Uploads (multipart/form-data): each route reads its files with its own, tighter limits.
  await app.register(multipart, {
    limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 20, parts: 30 },
  });

  await app.register(swagger, openApiOptions(ctx));
  await registerRoutes(app, ctx);

  if (opts.serveWeb !== false) {
    await app.register(webPlugin, { pageData: webPageData(ctx) });
  }

  return app;
}

/** The web API's OpenAPI document (/api/docs/json), each route's `security` written by its scope. */
function openApiOptions(ctx: AppContext): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Affilia API',
        description:
          'API of the web app of Affilia, the employer portal for group health insurers: called by its pages, with the session cookie.',
        version: '0.1.0',
      },
      servers: [{ url: '/', description: 'This deployment' }],
      // Each route's `security` is written by its scope (modules/auth/scopes.ts).
      components: {
        securitySchemes: {
          [SECURITY_SCHEMES.sessionCookie]: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The session of a signed-in user (employer, staff), set by the sign-in.',
          },
          [SECURITY_SCHEMES.formCookie]: {
            type: 'apiKey',
            in: 'cookie',
            name: FORM_COOKIE,
            description:
              'The employee’s access to their enrolment form, once their birth date is confirmed.',
          },
          [SECURITY_SCHEMES.memberLinkCookie]: {
            type: 'apiKey',
            in: 'cookie',
            name: MEMBER_LINK_COOKIE,
            description: 'The member’s access to their beneficiaries link.',
          },
          // The metrics' scope, when the deployment exposes them (routes.ts).
          ...(ctx.metrics && ctx.config.metricsToken
            ? {
                [SECURITY_SCHEMES.operatorToken]: {
                  type: 'http',
                  scheme: 'bearer',
                  description: 'The operations token (METRICS_TOKEN) of the insurer’s monitoring.',
                },
              }
            : {}),
          [SECURITY_SCHEMES.csrfHeader]: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Requested-With',
            description:
              'Every request that changes something carries `X-Requested-With: affilia`.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  };
}
