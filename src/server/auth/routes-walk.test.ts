import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';
import { capabilities } from '../../app/capabilities.js';
import type { Role } from '../../auth/roles.js';
import { routeAccessOf } from './plugin.js';

/**
 * The security suite's sign-in half: every route of the full product, as the OpenAPI document lists it, refuses a
 * call without credentials (401) and a call by a role it does not admit (403). Public by design: `/healthz`,
 * `/openapi.json` and `/docs` (the API's description, no data), the web UI's static shell and the sign-in routes.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer(capabilities, {}, { as: 'anonymous' });
}, 60_000);
afterAll(() => server?.close());

const PUBLIC = new Set([
  'GET /healthz',
  'GET /v1/auth/config',
  'POST /v1/auth/sign-in',
  'POST /v1/auth/sign-out',
  'POST /v1/auth/setup',
]);
const PERSON_ROLES: readonly Role[] = ['device', 'researcher', 'auditor', 'clinician', 'admin'];

type Operation = { method: string; path: string; url: string };

async function operations(): Promise<Operation[]> {
  const response = await fetch(`${server.baseUrl}/openapi.json`);
  expect(response.status).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({
        method: m.toUpperCase(),
        path,
        url: path.replace(/\{[^}]+\}/g, 'x1'),
      })),
  );
}

const call = (op: Operation, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}${op.url}`, {
    method: op.method,
    headers: {
      ...headers,
      ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { body: '{}' }),
  });

describe('every route declares its roles and enforces them', () => {
  it('has a policy for every registered route (default deny finds none undeclared)', () => {
    const undeclared = routeAccessOf(server.app)
      .filter((route) => route.policy === undefined && route.method !== 'OPTIONS')
      .map((route) => `${route.method} ${route.url}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses every non-public route in the OpenAPI document without credentials: 401 problem document', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const op of ops) {
      if (PUBLIC.has(`${op.method} ${op.path}`)) continue;
      const response = await call(op);
      const body = (await response.json()) as { status?: number };
      if (response.status !== 401 || body.status !== 401 || !response.headers.get('www-authenticate')) {
        leaks.push(`${op.method} ${op.path} → ${response.status}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 60_000);

  it('refuses every route to a role it does not admit: 403', async () => {
    const tokens = new Map(PERSON_ROLES.map((role) => [role, server.tokenFor(role)]));
    const ops = await operations();
    const access = routeAccessOf(server.app);
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops) {
      const fastifyUrl = op.path.replace(/\{([^}]+)\}/g, ':$1');
      const policy = access.find((r) => r.method === op.method && r.url === fastifyUrl)?.policy;
      if (!policy || policy === 'public') continue;
      const outsider = PERSON_ROLES.find((role) => !policy.roles.includes(role));
      if (!outsider) continue; // every role may call it (e.g. GET /v1/auth/me)
      const response = await call(op, { authorization: `Bearer ${tokens.get(outsider)}` });
      checked += 1;
      if (response.status !== 403) wrong.push(`${op.method} ${op.path} as ${outsider} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  }, 60_000);

  it('keeps patient records from researchers, auditors and devices, and lets a device upload images', async () => {
    const ops: [Role, string, string, number][] = [
      ['researcher', 'GET', '/v1/cases', 403],
      ['auditor', 'GET', '/v1/cases', 403],
      ['device', 'GET', '/v1/cases', 403],
      ['device', 'GET', '/v1/engines', 403],
      ['clinician', 'GET', '/v1/cases', 200],
      ['researcher', 'GET', '/v1/engines', 200],
      ['auditor', 'GET', '/v1/audit', 200],
      ['clinician', 'GET', '/v1/audit', 403],
    ];
    for (const [role, method, url, status] of ops) {
      const response = await fetch(`${server.baseUrl}${url}`, {
        method,
        headers: { authorization: `Bearer ${server.tokenFor(role)}` },
      });
      expect(`${role} ${method} ${url} → ${response.status}`).toBe(`${role} ${method} ${url} → ${status}`);
    }
    const upload = await fetch(`${server.baseUrl}/v1/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokenFor('device')}`, 'content-type': 'image/png' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect([401, 403]).not.toContain(upload.status);
  });
});
