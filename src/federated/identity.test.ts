import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Coordinator, memoryStore } from './coordinator.js';
import { createCoordinatorServer, summarise } from './coordinator-server.js';
import { heartRunConfig, heartSiteData, runLoopback } from './heart-run.js';
import {
  checkParticipants,
  generateIdentity,
  loadOrCreateIdentity,
  readPeerKeys,
  signMaskingKey,
} from './identity.js';
import type { Task } from './protocol.js';
import { generateSiteKeys } from './secure-agg.js';
import { Site } from './site.js';
import { syntheticSite } from './test-fixtures.js';

const names = ['north', 'south', 'east'];
const siteData = new Map(names.map((n, i) => [n, heartSiteData(syntheticSite(40 + 10 * i, i + 1))]));

describe('site identity keys', () => {
  it('are made once in the state folder with mode 0600, reloaded, and refused when others can read them', () => {
    const state = mkdtempSync(join(tmpdir(), 'healthgpt-identity-'));
    const first = loadOrCreateIdentity(state, 'north');
    expect(first.created).toBe(true);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateIdentity(state, 'north');
    expect(again.created).toBe(false);
    expect(again.identity.publicKey).toBe(first.identity.publicKey);
    expect(loadOrCreateIdentity(state, 'south').identity.publicKey).not.toBe(first.identity.publicKey);
    chmodSync(first.file, 0o644);
    expect(() => loadOrCreateIdentity(state, 'north')).toThrow(/readable by others/);
    expect(() => loadOrCreateIdentity(state, '../x')).toThrow();
  });

  it('reads a trust file of site names and base64 keys, and refuses anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-trust-'));
    const file = join(dir, 'peers.json');
    const key = generateIdentity().publicKey;
    writeFileSync(file, JSON.stringify({ north: key }));
    expect(readPeerKeys(file).get('north')).toBe(key);
    writeFileSync(file, JSON.stringify({ north: 'not a key' }));
    expect(() => readPeerKeys(file)).toThrow(/trust file/);
    expect(() => readPeerKeys(join(dir, 'missing.json'))).toThrow(/cannot read the trust file/);
  });
});

describe('checking the participants a coordinator hands out', () => {
  const ids = new Map(names.map((n) => [n, generateIdentity()]));
  const pinned = new Map([...ids].map(([n, id]) => [n, id.publicKey]));
  const masking = new Map(names.map((n) => [n, generateSiteKeys().publicKey]));
  const honest = (runId: string) =>
    names.map((site) => {
      const publicKey = masking.get(site) as string;
      return { site, publicKey, signature: signMaskingKey(ids.get(site)!, { runId, site, publicKey }) };
    });
  const self = { site: 'north', publicKey: masking.get('north') as string };

  it('accepts keys signed by their pinned identities', () => {
    expect(checkParticipants(pinned, self, 'run-1', honest('run-1'))).toBeUndefined();
  });

  it("refuses a swapped key, a stripped signature, an unpinned site and a swap of the site's own key", () => {
    const attacker = generateSiteKeys().publicKey;
    const swapped = honest('run-1').map((p) => (p.site === 'south' ? { ...p, publicKey: attacker } : p));
    expect(checkParticipants(pinned, self, 'run-1', swapped)).toMatch(
      /signature on the masking key of 'south' does not verify/,
    );
    // The coordinator signing the swapped key with a key of its own does not help: only the pinned key counts.
    const forged = swapped.map((p) =>
      p.site === 'south'
        ? {
            ...p,
            signature: signMaskingKey(generateIdentity(), {
              runId: 'run-1',
              site: 'south',
              publicKey: attacker,
            }),
          }
        : p,
    );
    expect(checkParticipants(pinned, self, 'run-1', forged)).toMatch(/'south' does not verify/);
    const stripped = honest('run-1').map(({ signature: _s, ...p }) => p);
    expect(checkParticipants(pinned, self, 'run-1', stripped)).toMatch(
      /masking key of 'south' is not signed/,
    );
    const partial = new Map([...pinned].filter(([n]) => n !== 'east'));
    expect(checkParticipants(partial, self, 'run-1', honest('run-1'))).toMatch(
      /no pinned identity key for site 'east'/,
    );
    const ownSwapped = honest('run-1').map((p) => (p.site === 'north' ? { ...p, publicKey: attacker } : p));
    expect(checkParticipants(pinned, self, 'run-1', ownSwapped)).toMatch(/not its own/);
  });

  it("refuses a signature replayed from another run (that site's key and signature then)", () => {
    const old = honest('run-0');
    expect(checkParticipants(pinned, self, 'run-1', old)).toMatch(
      /'south' does not verify against its pinned identity key for run 'run-1'/,
    );
    // Another site's signed bundle presented under a different name does not verify either.
    const renamed = honest('run-1').map((p) =>
      p.site === 'south' ? { ...p, signature: honest('run-1')[2]!.signature } : p,
    );
    expect(checkParticipants(pinned, self, 'run-1', renamed)).toMatch(/'south' does not verify/);
  });

  it('a site without a trust file runs unverified and warns once', () => {
    const warnings: string[] = [];
    const site = new Site({
      name: 'north',
      coordinatorUrl: 'http://127.0.0.1:1',
      token: 't',
      runId: 'run-1',
      data: siteData.get('north')!,
      onWarning: (m) => warnings.push(m),
    });
    const task = { participants: honest('run-1') } as unknown as Task;
    expect(site.verifyParticipants(task)).toBeUndefined();
    expect(site.verifyParticipants(task)).toBeUndefined();
    expect(site.keysVerified).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no trust file \(--peer-keys\).*not verified/);
  });
});

describe('signed keys end to end over loopback', () => {
  it('an honest run verifies: every site reports keysVerified, the run summary says so', async () => {
    const run = await runLoopback({ sites: siteData, rounds: 2 });
    expect(run.state.status).toBe('done');
    expect(run.state.keysVerified).toEqual({ north: true, south: true, east: true });
    const unpinned = await runLoopback({ sites: siteData, rounds: 2, pinKeys: false });
    expect(unpinned.state.status).toBe('done');
    expect(unpinned.state.keysVerified).toEqual({ north: false, south: false, east: false });
  }, 60_000);

  /** A coordinator that tampers with the participant list it hands out (the attack the signatures stop). */
  async function hostileRun(tamper: (p: Task['participants'][number]) => Task['participants'][number]) {
    class Hostile extends Coordinator {
      override taskFor(site: string): Task {
        const task = super.taskFor(site);
        return { ...task, participants: task.participants.map((p) => (p.site === 'south' ? tamper(p) : p)) };
      }
    }
    const coordinator = new Hostile(
      heartRunConfig({ sites: siteData, rounds: 2, roundTimeoutMs: 3_000 }, 'run-h'),
      memoryStore(),
    );
    const tokens = new Map(names.map((n) => [`hgpt_${n}`, n]));
    const server = createCoordinatorServer(() => coordinator, { authenticate: (t) => tokens.get(t) });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const ids = new Map(names.map((n) => [n, generateIdentity()]));
    const peerKeys = new Map([...ids].map(([n, id]) => [n, id.publicKey]));
    const sites = names.map(
      (name) =>
        new Site({
          name,
          coordinatorUrl: url,
          token: `hgpt_${name}`,
          runId: 'run-h',
          data: siteData.get(name)!,
          identity: ids.get(name)!,
          peerKeys,
          retryForMs: 2_000,
        }),
    );
    const outcomes = await Promise.allSettled(sites.map((s) => s.run()));
    const state = await coordinator.whenFinished();
    const summary = summarise(coordinator);
    coordinator.dispose();
    await server.close();
    return { outcomes, state, summary, sites };
  }

  for (const [what, tamper, reason] of [
    [
      'swaps a site key',
      (p: Task['participants'][number]) => ({ ...p, publicKey: generateSiteKeys().publicKey }),
      /key verification failed: .*(does not verify|not its own)/,
    ],
    [
      'strips the signatures',
      ({ signature: _s, ...p }: Task['participants'][number]) => p,
      /key verification failed: the masking key of 'south' is not signed/,
    ],
  ] as const)
    it(`a coordinator that ${what} is detected: the sites refuse the round, no update is aggregated`, async () => {
      const { outcomes, state, summary } = await hostileRun(tamper);
      // North and east see a tampered key for south and refuse before masking anything with it.
      for (const i of [0, 2]) {
        const outcome = outcomes[i] as PromiseRejectedResult;
        expect(outcome.status).toBe('rejected');
        expect(String(outcome.reason.message)).toMatch(reason);
      }
      expect(state.status).toBe('stopped');
      expect(state.history.filter((h) => h.outcome === 'aggregated')).toEqual([]);
      expect(state.standardiser).toBeUndefined();
      // The refusing sites told the coordinator why (recorded as their withdrawal), so the admin page shows it.
      expect(state.withdrawn.north).toMatch(reason);
      expect(summary.keysVerified).toBe(false);
    }, 60_000);
});
