import Fastify, { type FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { HealthGptError, parseOrThrow } from '../engine/errors.js';
import type { Coordinator } from './coordinator.js';
import { joinSchema, refusalSchema, revealSchema, updateSchema } from './protocol.js';

/**
 * The coordinator's protocol endpoints over HTTP(S), its own small server (a site talks to it, never to the product
 * API): every call carries `Authorization: Bearer <site token>`; `authenticate` maps the token to the site's name
 * (in a HealthGPT install, an API token of role `site` whose name is the site's). Refusals are RFC 9457 problem
 * documents with the reason.
 *
 *   POST /federated/v1/join    { runId, publicKey }        → the site's task
 *   GET  /federated/v1/task?after=<version>&wait=<ms>       → the site's task (long poll)
 *   POST /federated/v1/update  { runId, round, attempt, kind, masked | values, privacy? }
 *   POST /federated/v1/decline { runId, round, attempt, reason, privacy? }   (privacy budget spent)
 *   POST /federated/v1/reveal  { runId, round, attempt, seeds }             (dropout recovery)
 *   GET  /federated/v1/status                                               → run summary (any site)
 */
export interface CoordinatorServerOptions {
  readonly authenticate: (token: string) => string | undefined;
  readonly https?: { key: string | Buffer; cert: string | Buffer };
  /** Longest long-poll wait (ms). */
  readonly maxWaitMs?: number;
}

const STATUS: Record<string, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  unprocessable: 422,
  'too-large': 413,
};

export function createCoordinatorServer(
  coordinator: () => Coordinator,
  options: CoordinatorServerOptions,
): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024 * 1024,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  const maxWait = options.maxWaitMs ?? 20_000;

  app.setErrorHandler((error, _request, reply) => {
    const code = error instanceof HealthGptError ? error.code : undefined;
    const status =
      code !== undefined ? (STATUS[code] ?? 500) : ((error as { statusCode?: number }).statusCode ?? 500);
    reply
      .code(status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: code ?? 'error',
        status,
        detail: status >= 500 ? 'internal error' : (error as Error).message,
        ...(error instanceof HealthGptError && error.fieldErrors.length ? { errors: error.fieldErrors } : {}),
      });
  });

  const siteOf = (authorization: string | undefined): string => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const site = token ? options.authenticate(token) : undefined;
    if (!site) throw new HealthGptError('unauthenticated', 'a valid site token (role site) is required');
    return site;
  };
  const body = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> =>
    parseOrThrow(schema, value, 'the message');

  app.post('/federated/v1/join', async (request) => {
    const site = siteOf(request.headers.authorization);
    const message = body(joinSchema, request.body);
    return coordinator().join(site, message.runId, message.publicKey, message.signature);
  });
  app.get('/federated/v1/task', async (request) => {
    const site = siteOf(request.headers.authorization);
    const query = request.query as { after?: string; wait?: string };
    const after = Number(query.after ?? 0);
    const wait = Math.min(maxWait, Math.max(0, Number(query.wait ?? 0)));
    return coordinator().nextTask(site, Number.isFinite(after) ? after : 0, Number.isFinite(wait) ? wait : 0);
  });
  app.post('/federated/v1/update', async (request, reply) => {
    const site = siteOf(request.headers.authorization);
    reply.code(202);
    return coordinator().submit(site, body(updateSchema, request.body));
  });
  app.post('/federated/v1/decline', async (request, reply) => {
    const site = siteOf(request.headers.authorization);
    coordinator().decline(site, body(refusalSchema, request.body));
    reply.code(202);
    return { accepted: true };
  });
  app.post('/federated/v1/reveal', async (request, reply) => {
    const site = siteOf(request.headers.authorization);
    coordinator().reveal(site, body(revealSchema, request.body));
    reply.code(202);
    return { accepted: true };
  });
  app.get('/federated/v1/status', async (request) => {
    siteOf(request.headers.authorization);
    return summarise(coordinator());
  });
  return app;
}

/** What an admin or a site may see of a run: no vector, no key. */
export function summarise(coordinator: Coordinator) {
  const s = coordinator.run;
  const privacy = Object.values(s.privacy);
  return {
    runId: s.config.runId,
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    sites: s.config.sites,
    joined: Object.keys(s.keys),
    withdrawn: s.withdrawn,
    algorithm: s.config.training.algorithm,
    secureAggregation: s.config.secure,
    /**
     * Whether every site of the run reported that it verified every peer's signed masking key against its pinned
     * identity keys (false when any did not, or never sent an update: a site without a trust file runs unverified).
     */
    keysVerified: s.config.sites.every((site) => s.keysVerified?.[site] === true),
    keysVerifiedBySite: s.keysVerified ?? {},
    rounds: s.config.rounds,
    completedRounds: Math.max(0, s.nextRound - 1),
    history: s.history.slice(-200),
    privacy: s.privacy,
    overallEpsilon: privacy.length ? Math.max(...privacy.map((p) => p.epsilon)) : undefined,
    refusals: s.refusals.slice(-50),
    startedAt: s.startedAt,
    updatedAt: s.updatedAt,
  };
}
