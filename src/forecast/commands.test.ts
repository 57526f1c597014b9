import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { syntheticCsv } from './synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-forecast-cli-'));
const seriesPath = join(dir, 'series.csv');
writeFileSync(seriesPath, syntheticCsv('2024-01-01T00:00:00Z', 10 * 168, 4));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
  };
  const previous = process.env.HEALTHGPT_STATE_DIR;
  process.env.HEALTHGPT_STATE_DIR = mkdtempSync(join(tmpdir(), 'healthgpt-forecast-state-'));
  try {
    return { code: await main(['node', 'healthgpt', ...args], io), stdout, stderr };
  } finally {
    if (previous === undefined) delete process.env.HEALTHGPT_STATE_DIR;
    else process.env.HEALTHGPT_STATE_DIR = previous;
  }
}

describe('healthgpt forecast', () => {
  it('prints a JSON forecast and writes a PNG chart', async () => {
    const plot = join(dir, 'chart.png');
    const { code, stdout } = await run([
      'forecast',
      '--series',
      seriesPath,
      '--horizon',
      '72',
      '--plot',
      plot,
      '--json',
    ]);
    expect(code).toBe(0);
    const forecast = JSON.parse(stdout);
    expect(forecast.hours).toHaveLength(72);
    expect(forecast.staffing).toHaveLength(2);
    expect(existsSync(plot)).toBe(true);
    expect(readFileSync(plot).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints a readable table with alerts against a rota', async () => {
    const { code, stdout } = await run([
      'forecast',
      '--series',
      seriesPath,
      '--horizon',
      '24',
      '--clinicians',
      '2',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/default: 24 h from 2024-03-11T00:00/);
    expect(stdout).toMatch(/surge alerts:/);
  });

  it('reports bad input as one line naming the row', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'timestamp,count\n2024-01-01T00:00Z,3\n2024-01-01T01:00Z,lots\n');
    const { code, stderr } = await run(['forecast', '--series', bad]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/row 3 \(count\): 'lots' is not a number/);
  });
});

describe('healthgpt eval forecast', () => {
  it('keeps the evaluation contract', async () => {
    const { code, stdout } = await run([
      'eval',
      'forecast',
      '--series',
      seriesPath,
      '--test-start',
      '2024-03-01',
      '--horizon',
      '24',
      '--origin-step',
      '48',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.n_origins).toBe(5); // 1, 3, 5, 7, 9 March (the 11th has no 24 h left)
    expect(result.horizon).toBe(24);
    expect(Object.keys(result.model)).toEqual(
      expect.arrayContaining(['mase', 'rmse', 'mae', 'pinball', 'coverage80', 'coverage95']),
    );
    expect(Object.keys(result.seasonal_naive).sort()).toEqual(['mae', 'mase', 'rmse']);
    expect(result.model.mase).toBeLessThan(result.seasonal_naive.mase);
    expect(result.ms_per_origin).toBeGreaterThan(0);
  });

  it('uses covariates known before each origin', async () => {
    const covariates = join(dir, 'covariates.csv');
    writeFileSync(covariates, 'timestamp,ili\n2024-01-01T00:00Z,1.5\n2024-02-01T00:00Z,2.5\n');
    const { code, stdout } = await run([
      'eval',
      'forecast',
      '--series',
      seriesPath,
      '--test-start',
      '2024-03-05',
      '--covariates',
      covariates,
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).n_origins).toBe(4);
  });

  it('rejects a test start without enough history', async () => {
    const { code, stderr } = await run([
      'eval',
      'forecast',
      '--series',
      seriesPath,
      '--test-start',
      '2024-01-03',
      '--json',
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/series too short/);
  });
});

describe('healthgpt forecast --school-holidays', () => {
  it('accepts date ranges and rejects malformed ones', async () => {
    const ok = await run([
      'forecast',
      '--series',
      seriesPath,
      '--horizon',
      '24',
      '--school-holidays',
      '2024-03-11:2024-03-15',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    const bad = await run(['forecast', '--series', seriesPath, '--school-holidays', '2024-03-15:2024-03-11']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--school-holidays: '2024-03-15:2024-03-11' is not START:END/);
  });
});
