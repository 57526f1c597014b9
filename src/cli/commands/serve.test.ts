import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../../../test/cli-harness.js';
import { listenError } from './serve.js';

/** A port held by another program for the whole suite. */
let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
});

describe('healthgpt serve on a port in use', () => {
  it('prints one line naming the port and how to choose another, and exits 1 (it does not hang)', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'healthgpt-serve-'));
    const run = await spawnCli(['serve', '--port', String(port)], stateDir, {
      env: { HEALTHGPT_WORKERS: '1', LOG_LEVEL: 'silent' },
      timeoutMs: 45_000,
    });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `healthgpt: cannot listen on 127.0.0.1:${port}: port ${port} is already in use (another HealthGPT or another program); stop that program or choose another with --port`,
    );
    expect(run.stdout).toBe('');
  }, 60_000);

  it('names HEALTHGPT_PORT when the port came from the environment', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'healthgpt-serve-'));
    const run = await spawnCli(['serve'], stateDir, {
      env: { HEALTHGPT_PORT: String(port), HEALTHGPT_WORKERS: '0', LOG_LEVEL: 'silent' },
      timeoutMs: 45_000,
    });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/port \d+ is already in use .*--port or HEALTHGPT_PORT\n$/);
  }, 60_000);
});

describe('listenError', () => {
  const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

  it('says what to do for a privileged port and for an address not of this machine', () => {
    expect(listenError(failure('EACCES'), '127.0.0.1', 80, true).message).toBe(
      'cannot listen on 127.0.0.1:80: permission denied (ports below 1024 need privileges); choose another with --port',
    );
    expect(listenError(failure('EADDRNOTAVAIL'), '10.9.9.9', 8080, false).message).toContain(
      'choose another with --host or HEALTHGPT_HOST',
    );
    const other = listenError(failure('EMFILE'), '127.0.0.1', 8080, false);
    expect(other.code).toBe('unavailable');
    expect(other.message).toBe('cannot listen on 127.0.0.1:8080: listen EMFILE');
  });
});
