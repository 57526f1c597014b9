import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';
import { loadConfig } from '../../app/config.js';
import { createSetupToken, createUser, issueToken } from '../../auth/accounts.js';
import type { ScryptParameters } from '../../auth/password.js';
import { intakeCapability } from '../../intake/capability.js';

const FAST_SCRYPT: ScryptParameters = { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltLength: 16 };
const PASSWORD = 'correct horse battery staple';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const start = async (...args: Parameters<typeof startTestServer>) => {
  const s = await startTestServer(...args);
  servers.push(s);
  return s;
};

const sessionOf = (response: Response) =>
  /healthgpt_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

describe('web sessions', () => {
  it('signs in with a password, sets an HttpOnly SameSite=Strict cookie, checks Origin on writes, signs out', async () => {
    const server = await start([], {}, { as: 'anonymous' });
    await createUser(
      server.context.store,
      { name: 'alice', role: 'clinician', password: PASSWORD },
      { scrypt: FAST_SCRYPT },
    );
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const wrong = await post('/v1/auth/sign-in', { name: 'alice', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await post('/v1/auth/sign-in', { name: 'mallory', password: PASSWORD });
    expect(unknown.status).toBe(401);

    const signedIn = await post('/v1/auth/sign-in', { name: 'alice', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ id: 'user:alice', role: 'clinician', method: 'session' });
    const cookieHeader = signedIn.headers.get('set-cookie') ?? '';
    expect(cookieHeader).toMatch(/HttpOnly/);
    expect(cookieHeader).toMatch(/SameSite=Strict/);
    expect(cookieHeader).toMatch(/Path=\//);
    expect(cookieHeader).not.toMatch(/Secure/); // plain HTTP on loopback
    const cookie = `healthgpt_session=${sessionOf(signedIn)}`;

    const me = await fetch(`${server.baseUrl}/v1/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ name: 'alice', role: 'clinician' });
    expect((await fetch(`${server.baseUrl}/v1/cases`, { headers: { cookie } })).status).toBe(200);

    const newCase = { title: 'Cough', patient: { ageYears: 40 } };
    const forged = await post('/v1/cases', newCase, { cookie, origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const noOrigin = await fetch(`${server.baseUrl}/v1/cases`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(newCase),
    });
    expect(noOrigin.status).toBe(403);
    const sameOrigin = await post('/v1/cases', newCase, { cookie, origin: server.baseUrl });
    expect(sameOrigin.status).toBe(201);

    const out = await post('/v1/auth/sign-out', {}, { cookie, origin: server.baseUrl });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${server.baseUrl}/v1/cases`, { headers: { cookie } })).status).toBe(401);

    const attempts = server.context.store.audit.search({ action: 'session.create' }).items;
    expect(attempts.map((e) => `${e.actor} ${e.outcome}`)).toEqual([
      'user:alice success',
      'anonymous failure',
      'user:alice failure',
    ]);
  });

  it('opens the intake WebSocket with the session cookie only from the server’s own origin', async () => {
    const server = await start([intakeCapability], {}, { as: 'anonymous' });
    await createUser(
      server.context.store,
      { name: 'carol', role: 'clinician', password: PASSWORD },
      { scrypt: FAST_SCRYPT },
    );
    const signedIn = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { name: 'carol', password: PASSWORD },
    });
    const cookie = `healthgpt_session=${/healthgpt_session=([^;]*)/.exec(String(signedIn.headers['set-cookie']))?.[1]}`;
    const host = new URL(server.baseUrl).host;
    await expect(
      server.app.injectWS('/v1/intake/stream', { headers: { cookie, host, origin: 'https://evil.example' } }),
    ).rejects.toThrow(/403/);
    await expect(server.app.injectWS('/v1/intake/stream', { headers: { host } })).rejects.toThrow(/401/);
    const ws = await server.app.injectWS('/v1/intake/stream', {
      headers: { cookie, host, origin: server.baseUrl },
    });
    ws.terminate();
  });

  it('behind a TLS proxy: the cookie is Secure and the Origin to match is https', async () => {
    const security = { ...loadConfig({}).security, trustProxyTls: true };
    const server = await start([], { security }, { as: 'anonymous' });
    await createUser(
      server.context.store,
      { name: 'bob', role: 'clinician', password: PASSWORD },
      { scrypt: FAST_SCRYPT },
    );
    const signedIn = await fetch(`${server.baseUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bob', password: PASSWORD }),
    });
    expect(signedIn.headers.get('set-cookie')).toMatch(/; Secure$/);
    const cookie = `healthgpt_session=${sessionOf(signedIn)}`;
    const post = (origin: string) =>
      fetch(`${server.baseUrl}/v1/cases`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Cough', patient: { ageYears: 40 } }),
      });
    expect((await post(server.baseUrl)).status).toBe(403);
    expect((await post(server.baseUrl.replace('http:', 'https:'))).status).toBe(201);
  });

  it('creates the first admin once through the setup link, from this machine only', async () => {
    const printed: string[] = [];
    const server = await start([], {}, { as: 'anonymous', setupLink: (line) => printed.push(line) });
    for (let i = 0; i < 50 && printed.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/ui\/#\/setup\?token=(hgpt_[\w-]+))/.exec(printed.join(''));
    expect(link?.[1]?.startsWith(`${server.baseUrl}/ui/#/setup?token=`)).toBe(true);
    expect(await (await fetch(`${server.baseUrl}/v1/auth/config`)).json()).toEqual({
      setupRequired: true,
      oidc: false,
    });
    const token = link?.[2] ?? '';
    const setup = (body: unknown) =>
      fetch(`${server.baseUrl}/v1/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await setup({ token: 'hgpt_wrong', name: 'root', password: PASSWORD })).status).toBe(401);
    expect((await setup({ token: server.tokenFor('admin'), name: 'root', password: PASSWORD })).status).toBe(
      401,
    );
    expect((await setup({ token, name: 'root', password: 'short' })).status).toBe(400);
    const created = await setup({ token, name: 'root', password: PASSWORD });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'root', role: 'admin' });
    expect(sessionOf(created)).toMatch(/^hgpt_/);
    expect((await setup({ token, name: 'root2', password: PASSWORD })).status).toBe(401);
    expect(createSetupToken(server.context.store)).toBeUndefined();
    expect(server.context.store.users.list().map((u) => `${u.name}:${u.role}`)).toEqual(['root:admin']);
  }, 20_000);
});

describe('API tokens', () => {
  it('accepts a live token, refuses expired, revoked, malformed and unknown ones with 401', async () => {
    const server = await start([], {}, { as: 'anonymous' });
    const { store } = server.context;
    const get = (token: string) =>
      fetch(`${server.baseUrl}/v1/cases`, { headers: { authorization: `Bearer ${token}` } });
    const live = issueToken(store, { kind: 'api', name: 'ward', role: 'clinician', lifetimeMs: 60_000 });
    const expired = issueToken(store, {
      kind: 'api',
      name: 'old',
      role: 'clinician',
      lifetimeMs: 60_000,
      now: Date.now() - 120_000,
    });
    const revoked = issueToken(store, { kind: 'api', name: 'gone', role: 'clinician', lifetimeMs: 60_000 });
    store.tokens.revoke(revoked.record.id);
    expect((await get(live.token)).status).toBe(200);
    for (const token of [expired.token, revoked.token, 'hgpt_x', `hgpt_${'A'.repeat(43)}`, 'not-a-token']) {
      const response = await get(token);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    // Only the hash is stored.
    expect(JSON.stringify(store.tokens.list())).not.toContain(live.token);
  });

  it('creates, lists and revokes tokens over the API (admin only); the secret appears once', async () => {
    const server = await start([]);
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      payload: { name: 'scanner', role: 'device', expires: '7d' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    const listed = await server.app.inject({ method: 'GET', url: '/v1/tokens' });
    expect(listed.body).not.toContain(token);
    expect(listed.json().items.map((t: { name: string }) => t.name)).toContain('scanner');
    const asDevice = await server.app.inject({
      method: 'GET',
      url: '/v1/tokens',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asDevice.statusCode).toBe(403);
    expect((await server.app.inject({ method: 'DELETE', url: `/v1/tokens/${id}` })).json()).toEqual({
      revoked: 1,
    });
    const after = await server.app.inject({
      method: 'GET',
      url: '/v1/engines',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    const bad = await server.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      payload: { name: 'x', role: 'admin', expires: '10y' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('audit', () => {
  it('records reads with principal, role, address and validated client request id; auditors read and verify it', async () => {
    const server = await start([]);
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/cases',
      payload: { title: 'Cough', patient: { ageYears: 40 } },
    });
    const id = created.json().id as string;
    const clinician = server.tokenFor('clinician', 'dr-who');
    const read = await fetch(`${server.baseUrl}/v1/cases/${id}`, {
      headers: { authorization: `Bearer ${clinician}`, 'x-request-id': 'ehr-42.a:b' },
    });
    expect(read.status).toBe(200);
    // The server's own id answers; the client's is kept beside it.
    expect(read.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${server.baseUrl}/v1/cases/${id}`, {
      headers: { authorization: `Bearer ${clinician}`, 'x-request-id': 'bad id with spaces' },
    });
    await fetch(`${server.baseUrl}/v1/cases/${id}`, {
      headers: { authorization: `Bearer ${server.tokenFor('researcher')}` },
    });

    const auditor = server.tokenFor('auditor', 'ada');
    const page = await fetch(`${server.baseUrl}/v1/audit?resourceId=${id}&limit=10`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(page.status).toBe(200);
    const { items, total } = (await page.json()) as { items: Record<string, unknown>[]; total: number };
    expect(total).toBe(4);
    expect(items.map((e) => `${e.action} ${e.actor} ${e.role} ${e.outcome}`)).toEqual([
      'case.read token:test-researcher researcher failure',
      'case.read token:dr-who clinician success',
      'case.read token:dr-who clinician success',
      'case.create token:test-admin admin success',
    ]);
    expect(items[2]).toMatchObject({ clientAddress: '127.0.0.1', clientRequestId: 'ehr-42.a:b' });
    expect(items[1]).not.toHaveProperty('clientRequestId');
    expect(items[2]?.requestId).toBe(read.headers.get('x-request-id'));

    const filtered = await fetch(`${server.baseUrl}/v1/audit?actor=token:dr-who&outcome=success`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(((await filtered.json()) as { total: number }).total).toBe(2);
    const badFilter = await fetch(`${server.baseUrl}/v1/audit?since=yesterday`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(badFilter.status).toBe(400);

    const fhir = await fetch(`${server.baseUrl}/v1/audit/fhir?resourceId=${id}&limit=1`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(fhir.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const bundle = (await fhir.json()) as {
      resourceType: string;
      total: number;
      entry: { resource: Record<string, unknown> }[];
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', total: 4 });
    expect(bundle.entry[0]?.resource).toMatchObject({
      resourceType: 'AuditEvent',
      action: 'R',
      outcome: '4',
      agent: [
        {
          who: { identifier: { value: 'token:test-researcher' } },
          role: [{ text: 'researcher' }],
          network: { address: '127.0.0.1', type: '2' },
        },
      ],
      entity: [{ what: { identifier: { value: id } } }],
    });

    const verify = await fetch(`${server.baseUrl}/v1/audit/verify`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(await verify.json()).toMatchObject({ ok: true, unchained: 0 });
    // Reading the log is audited too.
    expect(server.context.store.audit.search({ actor: 'token:ada' }).items.map((e) => e.action)).toContain(
      'audit.read',
    );
  });
});

describe('rate limit per principal', () => {
  it('answers 429 with Retry-After and a problem document past the limit, per principal', async () => {
    const server = await start([], {}, { auth: { rateLimitPerMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await server.app.inject({ method: 'GET', url: '/v1/engines' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await server.app.inject({ method: 'GET', url: '/v1/engines' });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate-limited' });
    // Another principal has its own budget; /healthz is never limited.
    const other = await server.app.inject({
      method: 'GET',
      url: '/v1/engines',
      headers: { authorization: `Bearer ${server.tokenFor('clinician')}` },
    });
    expect(other.statusCode).toBe(200);
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

/** A stand-in identity provider / EHR on 127.0.0.1: discovery document and JWKS. */
async function keyServer(token?: (form: URLSearchParams) => { status: number; body: unknown }): Promise<{
  url: string;
  jwks: JWK[];
  close: () => Promise<void>;
  server: Server;
}> {
  const jwks: JWK[] = [];
  const server = createHttpServer((request, response) => {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') {
      response.end(
        JSON.stringify({
          issuer: url,
          jwks_uri: `${url}/jwks`,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
        }),
      );
    } else if (request.url === '/token' && request.method === 'POST' && token) {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const answer = token(new URLSearchParams(body));
        response.statusCode = answer.status;
        response.end(JSON.stringify(answer.body));
      });
    } else if (request.url === '/jwks') {
      response.end(JSON.stringify({ keys: jwks }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, jwks, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('OpenID Connect tokens', () => {
  let idp: Awaited<ReturnType<typeof keyServer>>;
  let sign: (
    claims: Record<string, unknown>,
    options?: { audience?: string; expires?: string; issuer?: string },
  ) => Promise<string>;
  const codes = new Map<string, { challenge: string; idToken: string }>();
  beforeAll(async () => {
    idp = await keyServer((form) => {
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!issued || issued.challenge !== challenge || form.get('client_id') !== 'healthgpt') {
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      return { status: 200, body: { id_token: issued.idToken, token_type: 'Bearer' } };
    });
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    idp.jwks.push({ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' });
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(options.issuer ?? idp.url)
        .setAudience(options.audience ?? 'healthgpt')
        .setSubject('u-123')
        .setIssuedAt()
        .setExpirationTime(options.expires ?? '5m')
        .sign(privateKey);
  });
  afterAll(() => idp.close());

  it('verifies against the issuer’s JWKS (found by discovery) and maps the role claim', async () => {
    const server = await start(
      [],
      {},
      {
        as: 'anonymous',
        auth: {
          oidc: {
            issuer: idp.url,
            clientId: 'healthgpt',
            audience: 'healthgpt',
            roleClaim: 'realm_access.roles',
            roleMap: { 'hgpt-doctors': 'clinician', 'hgpt-audit': 'auditor' },
          },
        },
      },
    );
    const me = (token: string) =>
      fetch(`${server.baseUrl}/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const doctor = await sign({
      preferred_username: 'dr.jones',
      realm_access: { roles: ['staff', 'hgpt-doctors'] },
    });
    const ok = await me(doctor);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      id: 'oidc:dr.jones',
      name: 'dr.jones',
      role: 'clinician',
      method: 'oidc',
    });
    expect(
      (await fetch(`${server.baseUrl}/v1/cases`, { headers: { authorization: `Bearer ${doctor}` } })).status,
    ).toBe(200);

    const noRole = await me(await sign({ realm_access: { roles: ['staff'] } }));
    expect(noRole.status).toBe(403);
    for (const bad of [
      await sign({ realm_access: { roles: ['hgpt-doctors'] } }, { audience: 'someone-else' }),
      await sign({ realm_access: { roles: ['hgpt-doctors'] } }, { expires: '-5m' }),
      await sign({ realm_access: { roles: ['hgpt-doctors'] } }, { issuer: 'https://evil.example' }),
      `${doctor.slice(0, -4)}AAAA`,
    ]) {
      expect((await me(bad)).status).toBe(401);
    }
  });

  it('signs a browser in with the authorization code flow (PKCE, state, nonce) and sets a session cookie', async () => {
    const oidc = {
      issuer: idp.url,
      clientId: 'healthgpt',
      audience: 'healthgpt',
      roleClaim: 'roles',
      roleMap: { 'hgpt-doctors': 'clinician' as const },
    };
    const server = await start([], {}, { as: 'anonymous', auth: { oidc } });
    const login = await fetch(`${server.baseUrl}/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.url}/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}/v1/auth/oidc/callback`);
    const state = authorize.searchParams.get('state') ?? '';
    // The provider signs the user in and sends the browser back with a code.
    const idToken = await sign({
      preferred_username: 'dr.jones',
      roles: ['hgpt-doctors'],
      nonce: authorize.searchParams.get('nonce'),
    });
    codes.set('code-1', { challenge: authorize.searchParams.get('code_challenge') ?? '', idToken });
    const back = await fetch(`${server.baseUrl}/v1/auth/oidc/callback?code=code-1&state=${state}`, {
      redirect: 'manual',
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/ui/#/cases');
    const cookie = `healthgpt_session=${sessionOf(back)}`;
    const me = await fetch(`${server.baseUrl}/v1/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ id: 'oidc:dr.jones', role: 'clinician' });
    // A state is used once.
    const again = await fetch(`${server.baseUrl}/v1/auth/oidc/callback?code=code-1&state=${state}`, {
      redirect: 'manual',
    });
    expect(again.status).toBe(401);
    // An ID token whose nonce is not this sign-in's is refused.
    const second = new URL(
      (await fetch(`${server.baseUrl}/v1/auth/oidc/login`, { redirect: 'manual' })).headers.get('location') ??
        '',
    );
    codes.set('code-2', {
      challenge: second.searchParams.get('code_challenge') ?? '',
      idToken: await sign({ preferred_username: 'dr.jones', roles: ['hgpt-doctors'], nonce: 'another' }),
    });
    const wrongNonce = await fetch(
      `${server.baseUrl}/v1/auth/oidc/callback?code=code-2&state=${second.searchParams.get('state')}`,
      { redirect: 'manual' },
    );
    expect(wrongNonce.status).toBe(401);
    expect(wrongNonce.headers.get('set-cookie')).toBeNull();
  });
});

describe('CDS Hooks client JWTs', () => {
  let ehr: Awaited<ReturnType<typeof keyServer>>;
  let privateKey: CryptoKey;
  beforeAll(async () => {
    ehr = await keyServer();
    const pair = await generateKeyPair('ES384');
    privateKey = pair.privateKey as CryptoKey;
    ehr.jwks.push({ ...(await exportJWK(pair.publicKey)), kid: 'ehr-1', alg: 'ES384' });
  });
  afterAll(() => ehr.close());

  it('accepts a signed JWT from an allow-listed EHR for the service URL, once per jti', async () => {
    const server = await start(
      [],
      {},
      {
        as: 'anonymous',
        auth: { cdsClients: [{ issuer: 'https://ehr.example', jwksUrl: `${ehr.url}/jwks` }] },
      },
    );
    const service = `${server.baseUrl}/cds-services/healthgpt-patient-view`;
    const jwt = (claims: { aud?: string; jti?: string; iss?: string } = {}) => {
      const builder = new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid: 'ehr-1', typ: 'JWT' })
        .setIssuer(claims.iss ?? 'https://ehr.example')
        .setAudience(claims.aud ?? service)
        .setSubject('client-7')
        .setIssuedAt()
        .setExpirationTime('5m');
      if (claims.jti !== '') builder.setJti(claims.jti ?? crypto.randomUUID());
      return builder.sign(privateKey);
    };
    const call = (token: string) =>
      fetch(service, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          hook: 'patient-view',
          hookInstance: 'h1',
          context: { patientId: 'p1' },
          prefetch: {},
        }),
      });
    const token = await jwt();
    const first = await call(token);
    expect([200, 422]).toContain(first.status);
    expect((await call(token)).status).toBe(401); // replayed jti
    expect((await call(await jwt({ aud: `${server.baseUrl}/cds-services/other` }))).status).toBe(401);
    expect((await call(await jwt({ jti: '' }))).status).toBe(401);
    expect((await call(await jwt({ iss: 'https://unknown-ehr.example' }))).status).toBe(401);
    // A CDS client may call CDS services only.
    const other = await fetch(`${server.baseUrl}/v1/cases`, {
      headers: { authorization: `Bearer ${await jwt({ aud: `${server.baseUrl}/v1/cases` })}` },
    });
    expect(other.status).toBe(403);
    const audited = server.context.store.audit.search({ action: 'cds.call' }).items;
    expect(audited.at(-1)).toMatchObject({ actor: 'cds:https://ehr.example', role: 'cds-client' });
  });
});
