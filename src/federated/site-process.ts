import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HealthGptError } from '../engine/errors.js';
import { loadOrCreateIdentity } from './identity.js';

/** What a site process reports when its run ends (its `--json` output). */
export interface SiteProcessResult {
  readonly status: string;
  /** The site's own intercept under `fedavg-site-bias`. */
  readonly intercept?: number;
  /** Whether the site verified its peers' signed masking keys against pinned identity keys. */
  readonly keysVerified?: boolean;
}

/** Starts one site of a run; resolves when the site process has finished. */
export type SiteLauncher = (site: {
  readonly name: string;
  readonly index: number;
  readonly url: string;
  readonly runId: string;
  readonly token: string;
}) => Promise<SiteProcessResult>;

/**
 * The `healthgpt` command line of this installation: the compiled CLI (`bin/healthgpt.js`), or the TypeScript source
 * through tsx when this module itself runs from source (development and tests).
 */
function healthgptCommand(): { command: string; args: string[]; cwd: string } {
  const here = fileURLToPath(import.meta.url);
  const root = resolve(dirname(here), '..', '..');
  return here.endsWith('.ts')
    ? { command: process.execPath, args: ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts')], cwd: root }
    : { command: process.execPath, args: [join(root, 'bin', 'healthgpt.js')], cwd: root };
}

/**
 * Runs every site as its own `healthgpt federated site` process on this machine (the evaluation's "loopback
 * processes"): each reads its own rows file, gets its token through a file readable only by this user, and keeps its
 * state in a folder of its own. `seed` makes the sites' DP noise reproducible (one stream per site).
 *
 * With `sites` (every site of the run), the launcher does the administrators' out-of-band step for them: it makes
 * each site's identity key in that site's state folder (as the site itself would at its first start) and gives every
 * site a trust file with all sites' identity public keys (`--peer-keys`), so the sites verify each other's signed
 * masking keys. Without it the sites run unverified.
 */
export function siteProcessLauncher(options: {
  readonly dataFile: (site: string) => string;
  readonly seed?: number;
  readonly timeoutMs?: number;
  readonly sites?: readonly string[];
}): SiteLauncher {
  const cli = healthgptCommand();
  let prepared: Map<string, { dir: string; peerKeys?: string }> | undefined;
  const prepare = () => {
    if (prepared) return prepared;
    prepared = new Map();
    const identities: Record<string, string> = {};
    for (const site of options.sites ?? []) {
      const dir = mkdtempSync(join(tmpdir(), `healthgpt-site-${site}-`));
      identities[site] = loadOrCreateIdentity(join(dir, 'state'), site).identity.publicKey;
      prepared.set(site, { dir });
    }
    for (const entry of prepared.values()) {
      const peerKeys = join(entry.dir, 'peer-keys.json');
      writeFileSync(peerKeys, JSON.stringify(identities), { mode: 0o600 });
      entry.peerKeys = peerKeys;
    }
    return prepared;
  };
  return ({ name, index, url, runId, token }) =>
    new Promise((resolvePromise, reject) => {
      const pinned = prepare().get(name);
      const dir = pinned?.dir ?? mkdtempSync(join(tmpdir(), `healthgpt-site-${name}-`));
      const tokenFile = join(dir, 'site.token');
      writeFileSync(tokenFile, token, { mode: 0o600 });
      const args = [
        ...cli.args,
        'federated',
        'site',
        '--name',
        name,
        '--coordinator',
        url,
        '--run-id',
        runId,
        '--data',
        options.dataFile(name),
        '--token-file',
        tokenFile,
        '--json',
        ...(pinned?.peerKeys ? ['--peer-keys', pinned.peerKeys] : []),
        ...(options.seed !== undefined ? ['--seed', String(options.seed * 1000 + index)] : []),
      ];
      const child = spawn(cli.command, args, {
        cwd: cli.cwd,
        env: { ...process.env, HEALTHGPT_STATE_DIR: join(dir, 'state') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 10 * 60_000);
      const finish = (error?: Error, result?: SiteProcessResult) => {
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
        if (error) reject(error);
        else resolvePromise(result as SiteProcessResult);
      };
      child.on('error', (error) =>
        finish(new HealthGptError('internal', `site '${name}' did not start: ${error.message}`)),
      );
      child.on('close', (code) => {
        if (code !== 0) {
          const last = stderr.trim().split('\n').at(-1) ?? '';
          finish(new HealthGptError('unavailable', `site '${name}' process exited with ${code}: ${last}`));
          return;
        }
        try {
          const printed = JSON.parse(stdout) as {
            status: string;
            intercept?: number | null;
            keysVerified?: boolean;
          };
          finish(undefined, {
            status: printed.status,
            ...(typeof printed.intercept === 'number' ? { intercept: printed.intercept } : {}),
            keysVerified: printed.keysVerified === true,
          });
        } catch {
          finish(new HealthGptError('internal', `site '${name}' printed no JSON result`));
        }
      });
    });
}
