import { AsyncResource } from 'node:async_hooks';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { createSetupToken, resolveToken } from '../../auth/accounts.js';
import { type CdsJwtVerifier, createCdsJwtVerifier } from '../../auth/cds-jwt.js';
import { type AuthConfig, loadAuthConfig } from '../../auth/config.js';
import { createOidcVerifier, type OidcVerifier } from '../../auth/oidc.js';
import { type RequestContext, runInRequestContext } from '../../auth/request-context.js';
import type { Principal } from '../../auth/roles.js';
import { looksLikeToken } from '../../auth/tokens.js';
import { HealthGptError, isHealthGptError } from '../../engine/errors.js';
import { problemOf, sendProblem } from '../error-handler.js';
import type { HttpApp } from '../http-app.js';
import { publicOrigin, readCookie, SESSION_COOKIE } from './cookies.js';
import { type AccessPolicy, accessPolicyOf } from './route-roles.js';
import { registerAuthRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route and how calls are audited (`src/server/auth/route-roles.ts`). */
    access?: AccessPolicy;
  }
  interface FastifyRequest {
    /** The authenticated caller, when there is one. */
    principal?: Principal;
  }
}

/** A client's own request id is recorded beside the server's when it is 1–64 of these characters. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const contextKey = Symbol('healthgpt.requestContext');
const resourceKey = Symbol('healthgpt.asyncResource');
type Tagged = FastifyRequest & { [contextKey]?: RequestContext; [resourceKey]?: AsyncResource };

export interface AuthOptions {
  /** Sign-in settings; `loadAuthConfig(process.env)` when unset. */
  readonly config?: AuthConfig;
  /**
   * Where to write the first-run setup link when the server starts listening with no account yet (default: the
   * process's stderr, like notebook servers do); `false` prints nothing.
   */
  readonly setupLink?: ((line: string) => void) | false;
}

/** One route as registered, with the policy it declares (for the route-walking test and the docs). */
export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly policy: AccessPolicy | undefined;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sign-in and roles for every route: authenticates the caller (API token or session in `Authorization: Bearer`, a
 * session cookie from the web UI, an OpenID Connect token from the hospital's provider, or a CDS client's signed
 * JWT), then lets the call through only if the route's declared roles include the caller's. Default deny: a route
 * without a declaration admits nobody. Also sets who is behind the request for the audit log, audits every call to
 * a route that touches patient data, and limits requests per principal.
 *
 * Register before any route, so the rate limiter sees every route.
 */
export async function registerAuth(
  app: HttpApp,
  context: AppContext,
  options: AuthOptions = {},
): Promise<void> {
  const config = options.config ?? loadAuthConfig();
  const behindTlsProxy = context.config.security?.trustProxyTls === true;
  const oidc: OidcVerifier | undefined = config.oidc ? createOidcVerifier(config.oidc) : undefined;
  const cds: CdsJwtVerifier | undefined =
    config.cdsClients.length > 0 ? createCdsJwtVerifier(config.cdsClients) : undefined;
  const routes: RouteAccess[] = [];
  routeAccess.set(app, routes);
  const policyCache = new Map<string, AccessPolicy | undefined>();

  app.decorateRequest('principal', undefined);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        policy: accessPolicyOf(method, route.url, route.config?.access),
      });
    }
  });

  const policyOf = (request: FastifyRequest): AccessPolicy | undefined => {
    const { method, url, config: routeConfig } = request.routeOptions;
    if (routeConfig?.access) return routeConfig.access;
    const key = `${method} ${url}`;
    if (!policyCache.has(key)) policyCache.set(key, accessPolicyOf(String(method), url ?? ''));
    return policyCache.get(key);
  };

  async function authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer +([^\s]+)$/i.exec(header);
      if (!match?.[1])
        throw new HealthGptError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
      const token = match[1];
      if (looksLikeToken(token)) {
        const principal = resolveToken(context.store, token, Date.now(), config.sessionIdleMs);
        if (!principal)
          throw new HealthGptError('unauthenticated', 'the token is unknown, expired or revoked');
        return principal;
      }
      if (token.split('.').length === 3) {
        if (cds?.claimsKnownIssuer(token)) {
          const audience = `${config.publicUrl ?? publicOrigin(request, config, behindTlsProxy)}${request.url.split('?')[0]}`;
          return cds.verify(token, audience);
        }
        if (oidc) return oidc.verify(token);
      }
      throw new HealthGptError('unauthenticated', 'the bearer token is not one this server issued or trusts');
    }
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (session) {
      const principal = resolveToken(context.store, session, Date.now(), config.sessionIdleMs);
      if (principal?.method !== 'session') {
        throw new HealthGptError('unauthenticated', 'the session has expired or was ended: sign in again');
      }
      // Cross-site request forgery: browsers send Origin on every non-GET request and on WebSocket handshakes.
      const unsafe = UNSAFE_METHODS.has(request.method) || request.headers.upgrade !== undefined;
      if (unsafe && request.headers.origin !== publicOrigin(request, config, behindTlsProxy)) {
        throw new HealthGptError(
          'forbidden',
          'a request made with the session cookie must come from this server’s own pages (Origin mismatch)',
        );
      }
      return principal;
    }
    throw new HealthGptError(
      'unauthenticated',
      'sign in first: send "Authorization: Bearer <token>" or sign in on the web UI',
    );
  }

  const deny = (request: FastifyRequest, reply: FastifyReply, error: HealthGptError) => {
    if (error.code === 'unauthenticated') reply.header('www-authenticate', 'Bearer realm="HealthGPT"');
    return sendProblem(request, reply, problemOf(error));
  };

  app.addHook('onRequest', (request, reply, done) => {
    const tagged = request as Tagged;
    const clientId = request.headers['x-request-id'];
    const base = {
      clientAddress: request.ip,
      requestId: request.id,
      ...(typeof clientId === 'string' && CLIENT_REQUEST_ID.test(clientId)
        ? { clientRequestId: clientId }
        : {}),
      audited: 0,
    };
    tagged[contextKey] = base;
    if (request.routeOptions.url === undefined) return done(); // no such route: the 404 handler answers
    const policy = policyOf(request);
    authenticate(request)
      .then(
        (principal) => ({ principal }),
        (error: unknown) => ({ error }),
      )
      .then((result) => {
        const principal = 'principal' in result ? result.principal : undefined;
        if (principal) request.principal = principal;
        const requestContext: RequestContext = { ...base, ...(principal ? { principal } : {}) };
        tagged[contextKey] = requestContext;
        if (policy !== 'public') {
          if (!principal) {
            const error =
              'error' in result && isHealthGptError(result.error)
                ? result.error
                : new HealthGptError('unauthenticated', 'sign in first');
            if (error.code !== 'unauthenticated' && error.code !== 'forbidden') return done(error as Error);
            return deny(request, reply, error);
          }
          if (!policy) {
            return deny(
              request,
              reply,
              new HealthGptError(
                'forbidden',
                `${request.method} ${request.routeOptions.url} declares no roles, so nobody may call it`,
              ),
            );
          }
          if (!policy.roles.includes(principal.role)) {
            return deny(
              request,
              reply,
              new HealthGptError(
                'forbidden',
                `the role '${principal.role}' may not call ${request.method} ${request.routeOptions.url}`,
              ),
            );
          }
        }
        runInRequestContext(requestContext, () => {
          tagged[resourceKey] = new AsyncResource('healthgpt.request');
          done();
        });
      })
      .catch((error: unknown) => done(error as Error));
  });

  // Reading the body leaves the request's asynchronous context; enter it again before validation and the handler.
  app.addHook('preValidation', (request, _reply, done) => {
    const resource = (request as Tagged)[resourceKey];
    if (resource) resource.runInAsyncScope(done);
    else done();
  });

  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === undefined) return;
    const policy = policyOf(request);
    if (!policy || policy === 'public' || !policy.audit) return;
    const requestContext = (request as Tagged)[contextKey];
    const failed = reply.statusCode >= 400;
    if (!failed && requestContext && requestContext.audited > 0) return; // the handler recorded what it did
    const params = (request.params ?? {}) as Record<string, unknown>;
    const resourceId = typeof params.id === 'string' ? params.id.slice(0, 128) : undefined;
    try {
      context.store.audit.record({
        actor: request.principal?.id ?? 'anonymous',
        ...(request.principal ? { role: request.principal.role } : {}),
        clientAddress: request.ip,
        action: policy.audit,
        resourceType: policy.resourceType ?? policy.audit.split('.')[0] ?? 'unknown',
        ...(resourceId ? { resourceId } : {}),
        requestId: request.id,
        ...(requestContext?.clientRequestId ? { clientRequestId: requestContext.clientRequestId } : {}),
        outcome: failed ? 'failure' : 'success',
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit log');
    }
  });

  if (config.rateLimitPerMinute > 0) {
    await app.register(fastifyRateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'onRequest',
      keyGenerator: (request) => request.principal?.id ?? `address:${request.ip}`,
      allowList: (request) => request.routeOptions.url === '/healthz',
      errorResponseBuilder: (_request, limit) =>
        new HealthGptError(
          'rate-limited',
          `too many requests: at most ${limit.max} a minute; retry in ${limit.after}`,
        ),
    });
  }
  await app.register(async (scope) => registerAuthRoutes(scope, context, config, oidc, behindTlsProxy));

  const printSetupLink = options.setupLink ?? ((line: string) => process.stderr.write(line));
  if (printSetupLink) {
    app.addHook('onListen', async () => {
      const address = app.server.address();
      if (typeof address !== 'object' || !address) return;
      const token = createSetupToken(context.store);
      if (!token) return;
      const scheme = app.initialConfig.https ? 'https' : 'http';
      printSetupLink(
        `No account yet. Create the first admin, from this machine, within the hour:\n  ${firstRunSetupUrl(scheme, address.port, token)}\n`,
      );
    });
  }
}

/**
 * The one-time link that opens the web UI's setup page. On loopback (the setup route refuses other addresses); the
 * secret is in the fragment, so it never reaches a server log or a Referer.
 */
export function firstRunSetupUrl(scheme: string, port: number, token: string): string {
  return `${scheme}://127.0.0.1:${port}/ui/#/setup?token=${token}`;
}

const routeAccess = new WeakMap<object, readonly RouteAccess[]>();

/** Every route registered on `app` so far, with the policy it declares (for tests and docs). */
export function routeAccessOf(app: HttpApp): readonly RouteAccess[] {
  return routeAccess.get(app) ?? [];
}
