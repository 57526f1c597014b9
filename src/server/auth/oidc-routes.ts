import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issueToken } from '../../auth/accounts.js';
import type { AuthConfig } from '../../auth/config.js';
import type { OidcVerifier } from '../../auth/oidc.js';
import { HealthGptError, isHealthGptError } from '../../engine/errors.js';
import type { Store } from '../../store/store.js';
import type { HttpApp } from '../http-app.js';
import { publicOrigin, secureRequest, sessionCookie } from './cookies.js';

/** Sign-ins started and not yet finished, by `state`: each is used once and lasts 10 minutes. */
const PENDING_LIFETIME_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * The browser side of single sign-on: OpenID Connect authorization code flow with PKCE (RFC 7636, S256).
 * `GET /v1/auth/oidc/login` sends the browser to the provider; the provider sends it back to
 * `GET /v1/auth/oidc/callback` with a code, which is exchanged for an ID token at the token endpoint; the ID token is
 * verified (signature against the JWKS, issuer, audience = client id, expiry, nonce) and a session cookie is set.
 */
export function registerOidcSignIn(
  app: HttpApp,
  store: Store,
  config: AuthConfig,
  oidc: OidcVerifier,
  behindTlsProxy = false,
  fetchImpl: typeof fetch = fetch,
) {
  const settings = config.oidc;
  if (!settings) return;
  const pending = new Map<string, { verifier: string; nonce: string; expires: number }>();
  const redirectUri = (origin: string) => `${origin}/v1/auth/oidc/callback`;
  const originOf = (request: FastifyRequest) => publicOrigin(request, config, behindTlsProxy);

  app.get(
    '/v1/auth/oidc/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Single sign-on: go to the hospital’s OpenID Connect provider' },
    },
    async (request, reply) => {
      const discovery = await oidc.discovery().catch((error: unknown) => {
        throw new HealthGptError('unavailable', 'the OpenID Connect provider cannot be reached', {
          cause: error,
        });
      });
      if (!discovery.authorization_endpoint) {
        throw new HealthGptError(
          'unavailable',
          'the OpenID Connect provider names no authorization endpoint',
        );
      }
      const now = Date.now();
      for (const [key, value] of pending) if (value.expires <= now) pending.delete(key);
      if (pending.size >= MAX_PENDING)
        throw new HealthGptError('rate-limited', 'too many sign-ins in progress');
      const state = base64url(randomBytes(24));
      const verifier = base64url(randomBytes(32));
      const nonce = base64url(randomBytes(24));
      pending.set(state, { verifier, nonce, expires: now + PENDING_LIFETIME_MS });
      const url = new URL(discovery.authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: settings.clientId,
        redirect_uri: redirectUri(originOf(request)),
        scope: 'openid profile email',
        state,
        nonce,
        code_challenge: base64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
      }).toString();
      return reply.redirect(url.toString(), 302);
    },
  );

  app.get(
    '/v1/auth/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Single sign-on: where the provider sends the browser back',
        querystring: z.object({
          code: z.string().min(1).max(4096).optional(),
          state: z.string().min(1).max(200),
          error: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const started = pending.get(request.query.state);
      pending.delete(request.query.state);
      if (!started || started.expires <= Date.now()) {
        throw new HealthGptError('unauthenticated', 'this sign-in is unknown, used or expired: start again');
      }
      if (request.query.error || !request.query.code) {
        throw new HealthGptError(
          'unauthenticated',
          `the provider refused the sign-in (${request.query.error ?? 'no code'})`,
        );
      }
      const discovery = await oidc.discovery();
      if (!discovery.token_endpoint)
        throw new HealthGptError('unavailable', 'the provider names no token endpoint');
      const response = await fetchImpl(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: request.query.code,
          redirect_uri: redirectUri(originOf(request)),
          client_id: settings.clientId,
          code_verifier: started.verifier,
          ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}),
        }).toString(),
        signal: AbortSignal.timeout(10_000),
      }).catch((error: unknown) => {
        throw new HealthGptError('unavailable', 'the OpenID Connect token endpoint cannot be reached', {
          cause: error,
        });
      });
      const body = (await response.json().catch(() => ({}))) as { id_token?: unknown };
      if (!response.ok || typeof body.id_token !== 'string') {
        throw new HealthGptError(
          'unauthenticated',
          `the provider gave no ID token (HTTP ${response.status})`,
        );
      }
      let principal: Awaited<ReturnType<OidcVerifier['verify']>>;
      try {
        principal = await oidc.verify(body.id_token, { audience: settings.clientId, nonce: started.nonce });
      } catch (error) {
        store.audit.record({
          actor: 'anonymous',
          action: 'session.create',
          resourceType: 'session',
          outcome: 'failure',
        });
        throw isHealthGptError(error)
          ? error
          : new HealthGptError('unauthenticated', 'the ID token was refused');
      }
      const issued = issueToken(store, {
        kind: 'session',
        name: principal.name,
        role: principal.role,
        lifetimeMs: config.sessionLifetimeMs,
      });
      store.audit.record({
        actor: principal.id,
        role: principal.role,
        action: 'session.create',
        resourceType: 'session',
        resourceId: issued.record.id,
        outcome: 'success',
      });
      reply.header(
        'set-cookie',
        sessionCookie(
          issued.token,
          Math.floor(config.sessionLifetimeMs / 1000),
          secureRequest(request, config, behindTlsProxy),
        ),
      );
      return reply.redirect('/ui/#/cases', 302);
    },
  );
}
