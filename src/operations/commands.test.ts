import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { syntheticCsv } from '../forecast/synthetic.js';
import { operationsCapability } from './capability.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-operations-'));
const csv = syntheticCsv('2024-01-01T00:00:00Z', 6 * 168, 5, 8);
const seriesPath = join(dir, 'series.csv');
writeFileSync(seriesPath, csv);
const emptyPath = join(dir, 'empty.csv');
writeFileSync(emptyPath, 'timestamp,count\n');
const base = ['eval', 'staffing', '--series', seriesPath, '--model', 'hour-of-week'];

describe('healthgpt eval staffing', () => {
  it('prints the contract as JSON', async () => {
    const { code, stdout, stderr } = await runCli([
      ...base,
      '--test-start',
      '2024-01-29',
      '--weeks',
      '1',
      '--seeds',
      '2',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.weeks).toBe(1);
    expect(Object.keys(r.rotas).sort()).toEqual(['flat', 'forecast', 'template']);
    for (const id of ['flat', 'template', 'forecast']) {
      expect(r.rotas[id].staff_hours).toBe(r.staff_hours);
      for (const k of ['mean_wait_min', 'p90_wait_min', 'share_over_4h'])
        expect(typeof r.rotas[id][k]).toBe('number');
    }
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await runCli([
      ...base,
      '--test-start',
      '2024-01-29',
      '--weeks',
      '1',
      '--seeds',
      '1',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/forecast-driven mean wait vs flat/);
  });

  it.each([
    [['--series', emptyPath, '--test-start', '2024-01-29'], /no|empty|row/i],
    [[...base.slice(2), '--test-start', '2023-06-01'], /outside the series/],
    [[...base.slice(2), '--test-start', '2024-01-29', '--weeks', '0'], /--weeks/],
    [[...base.slice(2), '--test-start', '2024-01-29', '--weeks', '-2'], /--weeks/],
    // Out-of-range sizes are refused at once (they used to hang the command).
    [
      [...base.slice(2), '--test-start', '2024-01-29', '--min-staff', '100000000'],
      /--min-staff must be at most 1000/,
    ],
    [
      [...base.slice(2), '--test-start', '2024-01-29', '--weeks', '1', '--staff-hours', '100000000'],
      /--staff-hours must be at most 16800 /,
    ],
    [
      [...base.slice(2), '--test-start', '2024-01-29', '--shift-hours', '25'],
      /--shift-hours must be at most 24/,
    ],
    [[...base.slice(2), '--test-start', '2024-01-29', '--seeds', '101'], /--seeds must be at most 100/],
  ])('bad input %j → one line on stderr, exit 2', async (args, message) => {
    const { code, stderr, stdout } = await runCli(['eval', 'staffing', ...args, '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

describe('healthgpt eval scanner', () => {
  it('prints both booking policies at equal slots as JSON', async () => {
    const args = [
      'eval',
      'scanner',
      '--series',
      seriesPath,
      '--model',
      'hour-of-week',
      '--test-start',
      '2024-01-29',
    ];
    const { code, stdout } = await runCli([...args, '--weeks', '1', '--seeds', '2', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.policies.fixed.slots_total).toBe(r.policies.forecast.slots_total);
    const bad = await runCli([...args, '--share', '0', '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--share/);
  });

  it('refuses a huge --seeds at once with exit 2 (it used to hang)', async () => {
    const { code, stdout, stderr } = await runCli([
      'eval',
      'scanner',
      '--series',
      seriesPath,
      '--test-start',
      '2024-01-29',
      '--weeks',
      '1',
      '--seeds',
      '100000000',
      '--json',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^healthgpt: --seeds must be at most 100\b.*\n$/);
  });
});

describe('POST /v1/operations/staffing', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([operationsCapability]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the evaluation', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/operations/staffing',
      payload: { csv, testStart: '2024-01-29', weeks: 1, seeds: 2, model: 'hour-of-week' },
    });
    expect(response.statusCode).toBe(200);
    const r = response.json();
    expect(r.rotas.forecast.staff_hours).toBe(r.staff_hours);
    expect(r.rotas.flat.staff_hours).toBe(r.staff_hours);
  });

  it('simulates a current rota beside the three, which then get its staff-hours', async () => {
    const currentRota = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 6 : 3));
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/operations/staffing',
      payload: { csv, testStart: '2024-01-29', weeks: 1, seeds: 2, model: 'hour-of-week', currentRota },
    });
    expect(response.statusCode).toBe(200);
    const r = response.json();
    expect(r.current.staff_hours).toBe(7 * (12 * 6 + 12 * 3));
    expect(r.staff_hours).toBe(r.current.staff_hours);
    expect(r.rotas.forecast.staff_hours).toBe(r.staff_hours);
    expect([r.current.min_staff, r.current.max_staff]).toEqual([3, 6]);
    expect(typeof r.mean_wait_reduction.vs_current).toBe('number');
    const short = await server.app.inject({
      method: 'POST',
      url: '/v1/operations/staffing',
      payload: { csv, testStart: '2024-01-29', weeks: 1, currentRota: [1, 2] },
    });
    expect(short.statusCode).toBe(400);
  });

  it('answers bad input with a 400 problem document', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/operations/staffing',
      payload: { csv, testStart: '2030-01-01', weeks: 1, model: 'hour-of-week' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/outside the series/);
    const zero = await server.app.inject({
      method: 'POST',
      url: '/v1/operations/staffing',
      payload: { csv, testStart: '2024-01-29', weeks: 0 },
    });
    expect(zero.statusCode).toBe(400);
  });
});
