import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { completeSetup, createUser, issueToken, revokeTokens, signIn, signOut } from '../../auth/accounts.js';
import { toFhirAuditBundle } from '../../auth/audit-fhir.js';
import type { AuthConfig } from '../../auth/config.js';
import type { OidcVerifier } from '../../auth/oidc.js';
import { ROLES } from '../../auth/roles.js';
import { parseLifetime } from '../../auth/tokens.js';
import { HealthGptError } from '../../engine/errors.js';
import type { HttpApp } from '../http-app.js';
import { readCookie, SESSION_COOKIE, secureRequest, sessionCookie } from './cookies.js';
import { registerOidcSignIn } from './oidc-routes.js';
import { ADMINS, AUDITORS, SIGNED_IN } from './route-roles.js';

const credentials = z.object({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
const me = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  method: z.string(),
  expiresAt: z.string().optional(),
});
const roleSchema = z.enum(ROLES);
const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  disabledAt: z.string().optional(),
});
const tokenSchema = z.object({
  id: z.string(),
  kind: z.enum(['api', 'session', 'setup']),
  name: z.string(),
  role: roleSchema,
  userId: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
});
const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string().optional(),
  clientAddress: z.string().optional(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().optional(),
  requestId: z.string().optional(),
  clientRequestId: z.string().optional(),
  outcome: z.enum(['success', 'failure']),
  hash: z.string().optional(),
  prevHash: z.string().optional(),
});
const instant = z.iso.datetime({ offset: true });
const auditQuery = z
  .object({
    actor: z.string().max(200).optional(),
    action: z.string().max(100).optional(),
    resourceType: z.string().max(100).optional(),
    resourceId: z.string().max(200).optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    since: instant.optional(),
    until: instant.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const isLoopback = (address: string) =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/**
 * Sign-in (`/v1/auth/…`), accounts and tokens for admins (`/v1/users`, `/v1/tokens`), and the audit log for auditors
 * (`/v1/audit`, as JSON or FHIR AuditEvent, and its chain check).
 */
export function registerAuthRoutes(
  app: HttpApp,
  { store }: AppContext,
  config: AuthConfig,
  oidc?: OidcVerifier,
  behindTlsProxy = false,
) {
  const secure = (request: FastifyRequest) => secureRequest(request, config, behindTlsProxy);
  app.get(
    '/v1/auth/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'How to sign in here (for the sign-in page)',
        response: { 200: z.object({ setupRequired: z.boolean(), oidc: z.boolean() }) },
      },
    },
    async () => ({ setupRequired: store.users.count() === 0, oidc: config.oidc !== undefined }),
  );

  if (oidc && config.oidc) registerOidcSignIn(app, store, config, oidc, behindTlsProxy);

  app.post(
    '/v1/auth/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: config.signInPerMinute || 10,
          timeWindow: 60_000,
          keyGenerator: (r) => `sign-in:${r.ip}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a name and password; sets the HttpOnly session cookie',
        body: credentials,
        response: { 200: me },
      },
    },
    async (request, reply) => {
      const session = await signIn(store, request.body, config.sessionLifetimeMs);
      if (!session) throw new HealthGptError('unauthenticated', 'wrong name or password');
      reply.header(
        'set-cookie',
        sessionCookie(session.token, Math.floor(config.sessionLifetimeMs / 1000), secure(request)),
      );
      return { ...session.principal, expiresAt: session.expiresAt };
    },
  );

  app.post(
    '/v1/auth/sign-out',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'End the web session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (token) signOut(store, token);
      reply.header('set-cookie', sessionCookie('', 0, secure(request)));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/auth/me',
    {
      config: { access: { roles: [...SIGNED_IN, 'cds-client'] } },
      schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: me } },
    },
    async (request) => {
      const { id, name, role, method } = request.principal ?? { id: '', name: '', role: '', method: '' };
      return { id, name, role, method };
    },
  );

  app.post(
    '/v1/auth/setup',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: config.signInPerMinute || 10,
          timeWindow: 60_000,
          keyGenerator: (r) => `setup:${r.ip}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'First run: create the first admin with the one-time setup link (from this machine only)',
        body: credentials.extend({ token: z.string().min(1).max(200) }),
        response: { 201: me },
      },
    },
    async (request, reply) => {
      if (!isLoopback(request.ip)) {
        throw new HealthGptError(
          'forbidden',
          'the first admin can only be created from the server machine itself',
        );
      }
      const account = await completeSetup(store, request.body.token, request.body);
      const session = await signIn(store, request.body, config.sessionLifetimeMs);
      if (session) {
        reply.header(
          'set-cookie',
          sessionCookie(session.token, Math.floor(config.sessionLifetimeMs / 1000), secure(request)),
        );
      }
      return reply.status(201).send({
        id: `user:${account.name}`,
        name: account.name,
        role: account.role,
        method: 'session',
        ...(session ? { expiresAt: session.expiresAt } : {}),
      });
    },
  );

  app.get(
    '/v1/users',
    {
      config: { access: { roles: ADMINS, audit: 'user.list', resourceType: 'user' } },
      schema: {
        tags: ['auth'],
        summary: 'Local accounts',
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async () => ({ items: [...store.users.list()] }),
  );

  app.post(
    '/v1/users',
    {
      config: { access: { roles: ADMINS, audit: 'user.create', resourceType: 'user' } },
      schema: {
        tags: ['auth'],
        summary: 'Create a local account',
        body: credentials.extend({ role: roleSchema }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(store, request.body)),
  );

  app.get(
    '/v1/tokens',
    {
      config: { access: { roles: ADMINS, audit: 'token.list', resourceType: 'token' } },
      schema: {
        tags: ['auth'],
        summary: 'API tokens (never the secrets)',
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
    },
    async () => ({ items: [...store.tokens.list({ kind: 'api' })] }),
  );

  app.post(
    '/v1/tokens',
    {
      config: { access: { roles: ADMINS, audit: 'token.create', resourceType: 'token' } },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token: the secret is in this response only',
        body: z.object({
          name: z.string().min(1).max(64),
          role: roleSchema,
          expires: z
            .string()
            .max(10)
            .default('30d')
            .describe('lifetime: a number and m, h or d (1m to 365d)'),
        }),
        response: { 201: z.object({ token: z.string(), id: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const issued = issueToken(store, {
        kind: 'api',
        name: request.body.name,
        role: request.body.role,
        lifetimeMs: parseLifetime(request.body.expires),
      });
      return reply
        .status(201)
        .send({ token: issued.token, id: issued.record.id, expiresAt: issued.record.expiresAt });
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      config: { access: { roles: ADMINS, audit: 'token.revoke', resourceType: 'token' } },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (by id or name)',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) => {
      const revoked = revokeTokens(store, request.params.id);
      if (revoked === 0) throw HealthGptError.notFound('live API token', request.params.id);
      return { revoked };
    },
  );

  app.get(
    '/v1/audit',
    {
      config: { access: { roles: AUDITORS, audit: 'audit.read', resourceType: 'audit' } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered and paged',
        querystring: auditQuery,
        response: { 200: z.object({ items: z.array(auditEventSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const page = store.audit.search(request.query);
      return { items: [...page.items], total: page.total };
    },
  );

  app.get(
    '/v1/audit/fhir',
    {
      config: { access: { roles: AUDITORS, audit: 'audit.export', resourceType: 'audit' } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log as a FHIR R4 Bundle of AuditEvent resources (same filters)',
        querystring: auditQuery,
      },
    },
    async (request, reply) => {
      const page = store.audit.search(request.query);
      return reply.type('application/fhir+json').send(toFhirAuditBundle(page.items, page.total));
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      config: { access: { roles: AUDITORS, audit: 'audit.verify', resourceType: 'audit' } },
      schema: {
        tags: ['audit'],
        summary: 'Check the audit log’s hash chain',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            unchained: z.number().int(),
            head: z.string().optional(),
            brokenAt: z.object({ id: z.number().int(), reason: z.string() }).optional(),
          }),
        },
      },
    },
    async () => store.audit.verify(),
  );
}
