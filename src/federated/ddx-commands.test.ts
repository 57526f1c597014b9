import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli, spawnCli } from '../../test/cli-harness.js';
import { describeWithDataset } from '../../test/datasets.js';

describeWithDataset('healthgpt federated coordinator/site --model ddx as processes', ['ddxplus'], (dir) => {
  it('three sites train the DDXPlus model over loopback with site tokens; it enters the registry as federated-ddx', async () => {
    const state = mkdtempSync(join(tmpdir(), 'healthgpt-fedddx-cli-'));
    // Three sites' patient files, cut at run time from the shared data set (nothing of it is committed).
    const [header, ...lines] = readFileSync(join(dir, 'patients_dev.csv'), 'utf8').split('\n');
    const names = ['north', 'south', 'east'];
    names.forEach((name, i) => {
      const rows = lines.slice(0, 90).filter((_l, k) => k % 3 === i);
      writeFileSync(join(state, `${name}.csv`), `${[header, ...rows].join('\n')}\n`);
    });
    const tokens = new Map<string, string>();
    for (const name of names) {
      const r = await runCli(
        ['token', 'create', '--name', name, '--role', 'site', '--expires', '1d', '--json'],
        state,
      );
      expect(r.code).toBe(0);
      const file = join(state, `${name}.token`);
      writeFileSync(file, JSON.parse(r.stdout).token);
      tokens.set(name, file);
    }
    // Bad input: the diagnosis model has no DP-SGD; a heart file is not a DDXPlus patients file.
    const dp = await runCli(
      [
        'federated',
        'coordinator',
        '--model',
        'ddx',
        '--ddx-spec',
        dir,
        '--sites',
        'a,b',
        '--state',
        join(state, 'x.json'),
        '--dp-epsilon',
        '1',
        '--dp-delta',
        '1e-5',
      ],
      state,
    );
    expect(dp.code).not.toBe(0);
    expect(dp.stderr).toMatch(/no DP-SGD/);
    writeFileSync(join(state, 'heart.data'), '63,1,1,145,233,1,2,150,0,2.3,3,0,6,0\n');
    const wrongFile = await runCli(
      [
        'federated',
        'site',
        '--name',
        'north',
        '--model',
        'ddx',
        '--ddx-spec',
        dir,
        '--coordinator',
        'http://127.0.0.1:1',
        '--run-id',
        'r',
        '--data',
        join(state, 'heart.data'),
        '--token',
        'x',
      ],
      state,
    );
    expect(wrongFile.code).not.toBe(0);
    expect(wrongFile.stderr).toMatch(/not a DDXPlus patients file/);

    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const cli = (args: string[]) => spawnCli(args, state);
    const common = ['--model', 'ddx', '--ddx-spec', dir, '--json'];
    const coordinator = cli([
      'federated',
      'coordinator',
      '--sites',
      names.join(','),
      '--run-id',
      'ddx-cli',
      '--rounds',
      '2',
      '--state',
      join(state, 'run.json'),
      '--port',
      String(port),
      '--round-timeout',
      '120000',
      ...common,
    ]);
    const sites = names.map((name, i) =>
      cli([
        'federated',
        'site',
        '--name',
        name,
        '--coordinator',
        `http://127.0.0.1:${port}`,
        '--run-id',
        'ddx-cli',
        '--data',
        join(state, `${name}.csv`),
        '--token-file',
        tokens.get(name) as string,
        '--seed',
        String(i + 1),
        ...common,
      ]),
    );
    const [c, ...siteRuns] = await Promise.all([coordinator, ...sites]);
    expect(c.code).toBe(0);
    for (const run of siteRuns) {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done' });
    }
    const summary = JSON.parse(c.stdout);
    expect(summary).toMatchObject({ status: 'done', completedRounds: 2, secureAggregation: true });
    expect(summary.modelFile).toBeUndefined();
    expect(summary.registered).toEqual({ family: 'federated-ddx', version: 'v1', state: 'candidate' });
    expect(summary.history.at(-1).participants.sort()).toEqual([...names].sort());
    const listed = await runCli(['models', 'list', '--family', 'federated-ddx', '--json'], state);
    expect(listed.code).toBe(0);
    const [record] = JSON.parse(listed.stdout);
    expect(record).toMatchObject({
      family: 'federated-ddx',
      version: 'v1',
      state: 'candidate',
      data: { runId: 'ddx-cli', sites: names, patients: 90, rounds: 2, secureAggregation: true },
      metrics: { roundsCompleted: 2, promotion: { promote: true } },
    });
    expect(record.card).toMatch(/^# Federated DDXPlus diagnosis model v1 \(run ddx-cli\)/);
  }, 240_000);
});
