import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-harness.js';
import { createEngineRegistry } from '../../app/capabilities.js';
import { loadConfig } from '../../app/config.js';
import { loadAuthConfig } from '../../auth/config.js';
import { createServer } from '../../server/create-server.js';
import { openSqliteStore } from '../../store/sqlite-store.js';

/** A server in-process on the state folder the CLI wrote to. */
async function serverOn(stateDir: string) {
  const context = {
    config: loadConfig({}, { dataDir: stateDir, port: 0 }),
    store: openSqliteStore(join(stateDir, 'healthgpt.db')),
    engines: createEngineRegistry([]),
  };
  const app = await createServer(context, [], { auth: { config: loadAuthConfig({}), setupLink: false } });
  const close = async () => {
    await app.close();
    context.store.close();
  };
  return { app, close };
}

describe('healthgpt token', () => {
  it('create --json prints { token } usable as a bearer token on a server sharing the state folder; revoke ends it', async () => {
    const created = await runCli([
      '--json',
      'token',
      'create',
      '--name',
      'ward-7',
      '--role',
      'clinician',
      '--expires',
      '30d',
    ]);
    expect(created.code).toBe(0);
    const body = JSON.parse(created.stdout) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['token']);
    const token = String(body.token);
    expect(token).toMatch(/^hgpt_[\w-]{43}$/);

    const server = await serverOn(created.stateDir);
    const asToken = () =>
      server.app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).statusCode).toBe(200);

    const listed = await runCli(['--json', 'token', 'list'], created.stateDir);
    expect(listed.stdout).not.toContain(token);
    expect(JSON.parse(listed.stdout).items).toMatchObject([
      { name: 'ward-7', role: 'clinician', kind: 'api' },
    ]);

    const revoked = await runCli(['token', 'revoke', 'ward-7'], created.stateDir);
    expect(revoked).toMatchObject({ code: 0, stdout: 'revoked 1 token\n' });
    expect((await asToken()).statusCode).toBe(401);
    expect((await runCli(['token', 'revoke', 'ward-7'], created.stateDir)).code).toBe(1);
    await server.close();
  });

  it('refuses an unknown role or a bad lifetime with one line and exit code 2', async () => {
    const role = await runCli(['token', 'create', '--name', 'x', '--role', 'superuser']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/^healthgpt: unknown role 'superuser'/);
    const expires = await runCli(['token', 'create', '--name', 'x', '--role', 'device', '--expires', '2y']);
    expect(expires.code).toBe(2);
    expect(expires.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('healthgpt user', () => {
  it('add reads the password from stdin; the account signs in on the server; list shows no hash', async () => {
    const first = await runCli(['user', 'list']);
    expect(first.stdout).toBe('no accounts\n');
    const cli = (args: string[], input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, HEALTHGPT_STATE_DIR: first.stateDir },
        timeout: 60_000,
      });
    const added = cli(
      ['user', 'add', '--name', 'alice', '--role', 'clinician'],
      'a long enough passphrase\n',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/^created clinician 'alice'/);
    const short = cli(['user', 'add', '--name', 'bob', '--role', 'clinician'], 'short\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/12 to 256 characters/);
    const duplicate = cli(['user', 'add', '--name', 'alice', '--role', 'admin'], 'another long passphrase\n');
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);

    const listed = await runCli(['--json', 'user', 'list'], first.stateDir);
    expect(JSON.parse(listed.stdout).items).toMatchObject([{ name: 'alice', role: 'clinician' }]);
    expect(listed.stdout).not.toMatch(/scrypt|password/);

    const server = await serverOn(first.stateDir);
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { name: 'alice', password: 'a long enough passphrase' },
    });
    expect(signIn.statusCode).toBe(200);
    await server.close();
    const disabled = await runCli(['user', 'disable', '--name', 'alice'], first.stateDir);
    expect(disabled.stdout).toBe("disabled 'alice'\n");
  }, 120_000);
});

describe('healthgpt audit', () => {
  it('lists entries with filters, exports FHIR AuditEvents, and verifies the chain', async () => {
    const created = await runCli(['token', 'create', '--name', 'ward-7', '--role', 'clinician']);
    await runCli(['token', 'revoke', 'ward-7'], created.stateDir);
    const listed = await runCli(['--json', 'audit', 'list', '--actor', 'cli'], created.stateDir);
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout) as { items: { action: string }[]; total: number };
    expect(page.items.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
    expect(page.total).toBe(2);
    const human = await runCli(['audit', 'list', '--action', 'token.create'], created.stateDir);
    expect(human.stdout).toMatch(/ {2}ok {4}cli {2}token\.create {2}token\/[\w-]+\n1 of 1\n$/);
    const fhir = await runCli(['audit', 'list', '--fhir', '--limit', '1'], created.stateDir);
    expect(JSON.parse(fhir.stdout)).toMatchObject({
      resourceType: 'Bundle',
      total: 2,
      entry: [{ resource: { resourceType: 'AuditEvent', action: 'U' } }],
    });
    const verified = await runCli(['--json', 'audit', 'verify'], created.stateDir);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, checked: 2 });
    const bad = await runCli(['audit', 'list', '--since', 'yesterday'], created.stateDir);
    expect(bad.code).toBe(2);
  });
});
