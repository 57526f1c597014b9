import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Capability } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { HEALTHGPT_VERSION } from '../app/version.js';
import { runEncoderWith } from '../guidelines/embeddings.js';
import { type AuthOptions, registerAuth } from './auth/plugin.js';
import { registerStrictTextParsers } from './body-parsers.js';
import { registerCdsHooks } from './cds/routes.js';
import { problemErrorHandler, sendProblem } from './error-handler.js';
import {
  frameworkErrorHandler,
  logSerializers,
  notFoundOrMethodNotAllowed,
  registerHardening,
} from './hardening.js';
import type { HttpApp } from './http-app.js';
import { registerCoreRoutes } from './routes/index.js';
import { WorkPool } from './work-pool.js';

/** Content types accepted as raw bytes (uploaded images), handed to routes as a Buffer. */
export const BINARY_CONTENT_TYPES = [
  'application/octet-stream',
  'application/dicom',
  'image/png',
  'image/jpeg',
];

export interface ServerOptions {
  /** Fastify logger setting; off by default in tests. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Folder of the built web UI (default `web/dist` of the package). */
  readonly webDir?: string;
  /** PEM key and certificate: serve HTTPS (see `healthgpt serve --tls-cert/--tls-key`). */
  readonly https?: { readonly key: Buffer; readonly cert: Buffer };
  /** Start the worker threads before listening (the server command), rather than on the first heavy request. */
  readonly warmWorkers?: boolean;
  /** Sign-in settings (default: from the environment). */
  readonly auth?: AuthOptions;
}

const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Builds the HealthGPT HTTP server: the `/v1` API (every capability's routes), OpenAPI 3.1 at `/openapi.json` with a
 * browsable page at `/docs`, CDS Hooks at `/cds-services`, the web UI at `/ui/`, and `/healthz`.
 */
export async function createServer(
  appContext: AppContext,
  capabilities: readonly Capability[],
  options: ServerOptions = {},
): Promise<HttpApp> {
  // Heavy work runs in worker threads with a time budget (`work-pool.ts`) unless the context brings its own runner.
  const { workerThreads, timeBudgetMs } = appContext.config.security;
  const ownPool =
    appContext.work === undefined && workerThreads > 0
      ? new WorkPool({
          threads: workerThreads,
          timeBudgetMs,
          ...(appContext.store.location ? { location: appContext.store.location } : {}),
        })
      : undefined;
  const context: AppContext = ownPool ? { ...appContext, work: ownPool } : appContext;
  const logger = options.logger ?? false;
  const app = Fastify({
    // Logs carry method, path (query string redacted) and status, never bodies or query strings (PHI).
    logger:
      logger === true
        ? { serializers: logSerializers }
        : logger
          ? { serializers: logSerializers, ...logger }
          : false,
    ...(options.https ? { https: { key: options.https.key, cert: options.https.cert } } : {}),
    frameworkErrors: frameworkErrorHandler,
    bodyLimit: context.config.bodyLimitBytes,
    // Request ids are the server's own; a client's X-Request-Id is validated and audited beside it (auth plugin).
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemErrorHandler);
  registerHardening(app, context.config.security);
  if (ownPool) app.addHook('onClose', async () => ownPool.close());
  // Sentence encoding (guideline and literature search, /v1/embeddings) goes to the pool too: its first use loads the
  // model and embeds every guideline passage, 8–10 s that would hold /healthz and every other request.
  if (context.work) {
    const work = context.work;
    const restore = runEncoderWith(
      async (texts) => (await work.run('embeddings.encode', { texts: [...texts] })) as number[][],
    );
    app.addHook('onClose', async () => restore());
  }
  if (ownPool && options.warmWorkers) app.addHook('onReady', async () => ownPool.warm());
  app.setNotFoundHandler(notFoundOrMethodNotAllowed(app));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Before any route scope copies the parsers: JSON and plain text strictly UTF-8, no NUL in JSON strings (a 415,
  // never text silently full of U+FFFD).
  registerStrictTextParsers(app);
  await registerAuth(app, context, options.auth);
  app.addContentTypeParser(BINARY_CONTENT_TYPES, { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'HealthGPT API',
        version: HEALTHGPT_VERSION,
        description:
          'Clinical decision support for clinicians. Not a medical device and not a diagnosis: every output is an aid to a clinician’s judgement. Errors are application/problem+json (RFC 9457).',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness and version' } }, async () => ({
    status: 'ok',
    version: HEALTHGPT_VERSION,
    engines: context.engines.list().length,
  }));

  await app.register(async (scope) => registerCoreRoutes(scope, context));
  await app.register(async (scope) => registerCdsHooks(scope, context, capabilities));
  for (const capability of capabilities) {
    if (capability.registerRoutes) {
      const register = capability.registerRoutes.bind(capability);
      await app.register(async (scope) => register(scope, context));
    }
  }

  registerWebUi(app, options.webDir ?? defaultWebDir);
  return app;
}

function registerWebUi(app: HttpApp, webDir: string) {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/ui/'));
  if (existsSync(webDir)) {
    app.register(fastifyStatic, { root: webDir, prefix: '/ui/', decorateReply: false, redirect: true });
    return;
  }
  app.get('/ui/*', { schema: { hide: true } }, (request, reply) =>
    sendProblem(request, reply, {
      status: 503,
      title: 'Web UI not built',
      detail: 'run `npm run build:web` (npm install does it) to build the web UI',
    }),
  );
}
