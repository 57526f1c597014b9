import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../test/cli-harness.js';
import { evaluateFederatedFolders } from './heart-eval.js';
import { syntheticSite, toUciText } from './test-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-federated-'));
const sites = join(dir, 'sites');
const test = join(dir, 'test');
mkdirSync(sites);
mkdirSync(test);
const spec: [string, number, number, number][] = [
  ['cleveland', 150, 1, 0],
  ['hungarian', 120, 2, -0.5],
  ['switzerland', 50, 3, 3],
];
for (const [name, n, seed, base] of spec) {
  writeFileSync(join(sites, `${name}.data`), toUciText(syntheticSite(n, seed, base)));
  writeFileSync(join(test, `${name}.data`), toUciText(syntheticSite(Math.round(n / 2), seed + 100, base)));
}

describe('healthgpt eval federated', () => {
  it('prints the contract: sites, rounds, pooled, federated, local per site, epsilon, delta', async () => {
    const { code, stdout, stderr } = await runCli([
      'eval',
      'federated',
      '--sites',
      sites,
      '--test',
      test,
      '--rounds',
      '20',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.sites).toEqual(['cleveland', 'hungarian', 'switzerland']);
    expect(r.rounds).toBe(20);
    expect(Object.keys(r.local).sort()).toEqual(['cleveland', 'hungarian', 'switzerland']);
    for (const v of [
      r.pooled.accuracy,
      r.federated.accuracy,
      ...Object.values(r.local).map((l) => (l as { accuracy: number }).accuracy),
    ]) {
      expect(v).toBeGreaterThan(0.5);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(r.epsilon).toBeNull();
    expect(r.delta).toBeNull();
    expect(r.federated.rounds_completed).toBe(20);
    expect(r.test_rows).toBe(160);
    // The federated model reaches the pooled one on this well-behaved synthetic data.
    expect(Math.abs(r.federated.accuracy - r.pooled.accuracy)).toBeLessThan(0.05);
    // Each site ran as its own healthgpt process, and learned what site clients in one process learn (no DP: the
    // protocol is deterministic).
    expect(r.federated.sites_ran_as).toBe('processes');
    // The evaluation pinned its sites' identity keys for them: every site verified the others' signed keys.
    expect(r.federated.keys_verified).toBe(true);
    const inProcess = await evaluateFederatedFolders({
      sitesDir: sites,
      testDir: test,
      rounds: 20,
      processes: false,
    });
    expect(inProcess.federated.sites_ran_as).toBe('in-process');
    expect(r.federated.accuracy).toBeCloseTo(inProcess.federated.accuracy, 10);
  }, 60_000);

  it('with a DP budget reports the ε spent (at most the budget) and δ', async () => {
    const { code, stdout } = await runCli([
      'eval',
      'federated',
      '--sites',
      sites,
      '--test',
      test,
      '--rounds',
      '10',
      '--dp-epsilon',
      '1',
      '--dp-delta',
      '1e-5',
      '--json',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.epsilon).toBeGreaterThan(0.8);
    expect(r.epsilon).toBeLessThanOrEqual(1);
    expect(r.delta).toBe(1e-5);
    expect(Object.keys(r.privacy).sort()).toEqual(['cleveland', 'hungarian', 'switzerland']);
  }, 60_000);

  it('refuses bad input with one line and a non-zero exit', async () => {
    const missing = await runCli([
      'eval',
      'federated',
      '--sites',
      join(dir, 'nope'),
      '--test',
      test,
      '--json',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read folder/);
    const half = await runCli(['eval', 'federated', '--sites', sites, '--test', test, '--dp-epsilon', '1']);
    expect(half.code).not.toBe(0);
    expect(half.stderr).toMatch(/both --dp-epsilon and --dp-delta/);
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'x.data'), '1,2,3\n');
    writeFileSync(join(bad, 'y.data'), '1,2,3\n');
    const shape = await runCli(['eval', 'federated', '--sites', bad, '--test', test]);
    expect(shape.code).not.toBe(0);
    expect(shape.stderr).toMatch(/x.data line 1: 3 columns/);
    const algo = await runCli([
      'eval',
      'federated',
      '--sites',
      sites,
      '--test',
      test,
      '--algorithm',
      'magic',
    ]);
    expect(algo.stderr).toMatch(/--algorithm must be one of/);
  }, 60_000);
});

describe('healthgpt federated coordinator and site as separate processes', () => {
  it('four sites and a coordinator, each its own healthgpt process, train over loopback with site tokens', async () => {
    const state = mkdtempSync(join(tmpdir(), 'healthgpt-fedcli-'));
    const vaFile = join(state, 'va.data');
    writeFileSync(vaFile, toUciText(syntheticSite(80, 4, 1)));
    const tokenFor = async (name: string) => {
      const r = await runCli(
        ['token', 'create', '--name', name, '--role', 'site', '--expires', '1d', '--json'],
        state,
      );
      expect(r.code).toBe(0);
      const file = join(state, `${name}.token`);
      writeFileSync(file, JSON.parse(r.stdout).token);
      return file;
    };
    const names = ['cleveland', 'hungarian', 'switzerland', 'va'];
    const tokens = new Map<string, string>();
    for (const name of names) tokens.set(name, await tokenFor(name));
    // The administrators' out-of-band step: each site exports its identity key; three of them pin the others'
    // (va runs without a trust file: it still takes part, unverified, and warns).
    const identities: Record<string, string> = {};
    for (const name of names) {
      const exported = await runCli(
        ['federated', 'site', '--name', name, '--export-identity', '--json'],
        state,
      );
      expect(exported.code).toBe(0);
      const printed = JSON.parse(exported.stdout);
      expect(printed.file).toBe(join(state, 'federated', `identity-${name}.pem`));
      identities[name] = printed.identityKey;
    }
    const again = await runCli(['federated', 'site', '--name', 'va', '--export-identity', '--json'], state);
    expect(JSON.parse(again.stdout)).toMatchObject({ identityKey: identities.va, created: false });
    const trustFile = join(state, 'peer-keys.json');
    writeFileSync(trustFile, JSON.stringify(identities));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const cli = (args: string[]) => spawnCli(args, state);
    const coordinator = cli([
      'federated',
      'coordinator',
      '--sites',
      names.join(','),
      '--run-id',
      'cli-run',
      '--rounds',
      '5',
      '--state',
      join(state, 'run.json'),
      '--port',
      String(port),
      '--out',
      join(state, 'models'),
      '--json',
    ]);
    const site = (name: string) =>
      cli([
        'federated',
        'site',
        '--name',
        name,
        '--coordinator',
        `http://127.0.0.1:${port}`,
        '--run-id',
        'cli-run',
        '--data',
        name === 'va' ? vaFile : join(sites, `${name}.data`),
        '--token-file',
        tokens.get(name) as string,
        ...(name === 'va' ? [] : ['--peer-keys', trustFile]),
        '--json',
      ]);
    const [c, ...siteRuns] = await Promise.all([coordinator, ...names.map(site)]);
    expect(c.stderr).toMatch(/coordinator for run cli-run/);
    expect(c.code).toBe(0);
    for (const run of siteRuns) expect(run.code).toBe(0);
    const a = siteRuns[0] as { stdout: string };
    const summary = JSON.parse(c.stdout);
    expect(summary.status).toBe('done');
    expect(summary.completedRounds).toBe(5);
    expect(summary.history.at(-1).participants.sort()).toEqual([...names].sort());
    expect(summary.modelFile).toMatch(/heart-logistic-v1\.json$/);
    expect(JSON.parse(a.stdout)).toMatchObject({
      status: 'done',
      keysVerified: true,
      identityKey: identities.cleveland,
    });
    const va = siteRuns[3] as { stdout: string; stderr: string };
    expect(JSON.parse(va.stdout).keysVerified).toBe(false);
    expect(va.stderr).toMatch(/warning: site va: no trust file \(--peer-keys\)/);
    expect(summary.keysVerified).toBe(false);
    expect(summary.keysVerifiedBySite).toEqual({
      cleveland: true,
      hungarian: true,
      switzerland: true,
      va: false,
    });
    // The model entered the install's registry as a candidate of its family; the diagnosis model's list is unchanged.
    expect(summary.registered).toEqual({
      family: 'federated-heart-logistic',
      version: 'v1',
      state: 'candidate',
    });
    const listed = await runCli(['models', 'list', '--family', 'federated-heart-logistic', '--json'], state);
    expect(listed.code).toBe(0);
    const [record] = JSON.parse(listed.stdout);
    expect(record).toMatchObject({
      family: 'federated-heart-logistic',
      version: 'v1',
      state: 'candidate',
      data: { runId: 'cli-run', sites: names, rounds: 5, algorithm: 'fedavg', secureAggregation: true },
      metrics: { roundsCompleted: 5, promotion: { promote: true } },
    });
    expect(record.data.keysVerified).toEqual(summary.keysVerifiedBySite);
    expect(record.card).toMatch(/^# Federated heart-disease logistic model v1 \(run cli-run\)/);
    const ddx = JSON.parse((await runCli(['models', 'list', '--json'], state)).stdout);
    expect(ddx.map((r: { family: string }) => r.family)).toEqual(['ddx']);
    const promoted = await runCli(
      ['models', 'promote', 'v1', '--family', 'federated-heart-logistic', '--json'],
      state,
    );
    expect(promoted.code).toBe(0);
    expect(JSON.parse(promoted.stdout)).toMatchObject({
      family: 'federated-heart-logistic',
      state: 'active',
    });
    const rollback = await runCli(['models', 'rollback', '--family', 'federated-heart-logistic'], state);
    expect(rollback.stderr).toMatch(/no earlier version/);
    const unknown = await runCli(['models', 'list', '--family', 'cats'], state);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown model family 'cats'/);
    // The run is recorded in the install's store for the admin page and `federated status`.
    const status = await runCli(['federated', 'status', '--json'], state);
    expect(JSON.parse(status.stdout)[0]).toMatchObject({
      runId: 'cli-run',
      status: 'done',
      completedRounds: 5,
      keysVerified: false,
    });
  }, 180_000);
});
