import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { SecurityConfig } from '../app/security-config.js';
import { sendProblem } from './error-handler.js';
import type { HttpApp } from './http-app.js';

/** Longest request target (path and query) accepted; longer gets 414 as a problem document. */
export const MAX_URL_CHARS = 4096;

/**
 * Content-Security-Policy of the web UI: scripts, styles, fonts and connections only from the server itself (the
 * built UI has no inline script or style), images also from `data:`/`blob:` (heatmaps, previews), never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The API browser at `/docs` (Swagger UI) styles itself inline: the same policy with inline styles allowed. */
const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);

/** The host name of a `Host` header, lower case, without port or IPv6 brackets. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : undefined;
  }
  return h.replace(/:\d*$/, '');
}

/** The path of a request target with any query string replaced, for logs (query strings may carry PHI). */
export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?[redacted]`;
}

/** Whether a response may hold patient data and must not be cached: everything but the UI's static assets. */
function isCacheable(url: string): boolean {
  return url.startsWith('/ui/assets/');
}

/** Route patterns by method, to answer 405 with `Allow` when the path exists under another method. */
class RouteTable {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];

  add(route: RouteOptions) {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
    const source = route.url
      .split('/')
      .map((part) =>
        part === '*'
          ? '.*'
          : part.startsWith(':')
            ? '[^/]+'
            : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*$/, '.*'),
      )
      .join('/');
    const pattern = new RegExp(`^${source}/?$`);
    const existing = this.routes.find((r) => r.pattern.source === pattern.source);
    if (existing) for (const m of methods) existing.methods.add(m);
    else this.routes.push({ pattern, methods: new Set(methods) });
  }

  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
    }
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}

const tables = new WeakMap<object, RouteTable>();

/**
 * Must be called before any route is added: security headers on every response, `Cache-Control: no-store` on
 * everything that may hold patient data, the `Host` allow-list, CORS (off unless origins are configured), URL
 * length limit, and the route table behind {@link notFoundOrMethodNotAllowed}.
 */
export function registerHardening(app: HttpApp, security: SecurityConfig) {
  const table = new RouteTable();
  tables.set(app, table);
  app.addHook('onRoute', (route) => table.add(route));
  const allowedHosts = new Set(security.allowedHosts.map((h) => h.toLowerCase()));
  const corsOrigins = new Set(security.corsOrigins);

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_CHARS) {
      return sendProblem(request, reply, {
        status: 414,
        title: 'URI Too Long',
        detail: `the request target is ${request.url.length} characters; the limit is ${MAX_URL_CHARS}`,
      });
    }
    // A request without Host cannot come from a browser (HTTP/1.1 browsers always send it): only rebinding matters.
    const host = hostName(request.headers.host);
    if (host !== undefined && !allowedHosts.has(host)) {
      return sendProblem(request, reply, {
        status: 421,
        title: 'Misdirected Request',
        detail:
          'this server does not answer to that Host name; add it to HEALTHGPT_ALLOWED_HOSTS if it is one of its own names',
      });
    }
    const origin = request.headers.origin;
    // WebSockets are not covered by CORS: a page elsewhere must not open one (cross-site WebSocket hijacking).
    if (request.headers.upgrade && origin && !corsOrigins.has(origin)) {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
      } catch {
        originHost = undefined;
      }
      if (!originHost || !allowedHosts.has(originHost))
        return sendProblem(request, reply, {
          status: 403,
          title: 'Forbidden',
          detail: 'WebSocket connections are accepted only from this server’s own pages',
        });
    }
    if (
      request.method === 'OPTIONS' &&
      origin &&
      corsOrigins.has(origin) &&
      request.headers['access-control-request-method']
    ) {
      return reply
        .status(204)
        .header('access-control-allow-origin', origin)
        .header('vary', 'Origin')
        .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
        .header(
          'access-control-allow-headers',
          'authorization, content-type, if-match, idempotency-key, x-request-id',
        )
        .header('access-control-expose-headers', 'etag, location, x-request-id')
        .header('access-control-max-age', '600')
        .send();
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    reply.header(
      'content-security-policy',
      path === '/docs' || path.startsWith('/docs/') ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    );
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), geolocation=(), microphone=(self)');
    // Served over HTTPS (directly): browsers keep to HTTPS for a year. Behind a TLS proxy the proxy sets it.
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    if (!isCacheable(path)) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    const origin = request.headers.origin;
    if (origin && corsOrigins.has(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'etag, location, x-request-id');
    }
    return payload;
  });
}

/** The not-found handler: 405 with `Allow` when the path exists under other methods, else 404. */
export function notFoundOrMethodNotAllowed(app: HttpApp) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = tables.get(app)?.allowed(path) ?? [];
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, {
        status: 405,
        title: 'Method Not Allowed',
        detail: `${request.method} is not allowed on this resource; allowed: ${allowed.join(', ')}`,
      });
    }
    return sendProblem(request, reply, {
      status: 404,
      title: 'Not Found',
      detail: `no route for ${request.method} ${redactUrl(request.url)}`,
    });
  };
}

/**
 * Fastify's `frameworkErrors`: a request target that cannot be decoded (`/v1/cases/%E0%A4%A`) or a failed
 * constraint is answered as a problem document like every other error.
 */
export function frameworkErrorHandler(
  error: { code?: string; message: string },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  return sendProblem(request, reply, {
    status: 400,
    title: badUrl ? 'Malformed URL' : 'Bad Request',
    detail: badUrl ? 'the request path has an invalid percent-escape' : error.message,
  });
}

/**
 * Fastify request serializer for logs: method, the route's pattern (`/v1/cases/:id`, never the ids, free text or
 * query strings a URL may carry), client address; never bodies or headers. Unrouted requests log as `(no route)`.
 */
export const logSerializers = {
  req(request: FastifyRequest | { method?: string; url?: string; ip?: string }) {
    const pattern = 'routeOptions' in request ? request.routeOptions?.url : undefined;
    return {
      method: request.method,
      route: pattern ?? '(no route)',
      ...('ip' in request && request.ip ? { remoteAddress: request.ip } : {}),
    };
  },
};
