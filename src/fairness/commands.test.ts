import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { loadConfig } from '../app/config.js';
import { buildProgram } from '../cli/main.js';
import { learningCapability } from '../learning/capability.js';
import { fairnessCapability } from './capability.js';

const stateDir = mkdtempSync(join(tmpdir(), 'hg-fairness-'));

async function runCli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const { program } = buildProgram({
    config: loadConfig({}, { dataDir: stateDir }),
    capabilities: [fairnessCapability, learningCapability],
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  });
  let code = 0;
  try {
    await program.parseAsync(['node', 'healthgpt', ...argv]);
  } catch (error) {
    code = 1;
    stderr += (error as Error).message;
  }
  return { code, stdout, stderr };
}

describe('healthgpt eval fairness / feedback (errors)', () => {
  it('fails with one clear line on a missing file', async () => {
    const missing = await runCli(['eval', 'fairness', '--patients', '/nonexistent.csv', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const months = await runCli([
      'eval',
      'feedback',
      '--initial',
      'a',
      '--stream',
      'b',
      '--test',
      'c',
      '--months',
      '0',
    ]);
    expect(months.stderr).toContain('--months must be an integer 1–60');
  });

  it('audits any engine from labelled items', async () => {
    const file = join(stateDir, 'items.json');
    const items = [
      ...Array.from({ length: 40 }, (_, i) => ({ correct: i < 38, attributes: { site: 'A' } })),
      ...Array.from({ length: 40 }, (_, i) => ({ correct: i < 20, attributes: { site: 'B' } })),
    ];
    writeFileSync(file, JSON.stringify({ items }));
    const run = await runCli(['fairness', 'audit', '--items', file, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.groups.map((g: { value: string; flagged: boolean }) => [g.value, g.flagged])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    writeFileSync(file, JSON.stringify({ items: [{ correct: 'yes' }] }));
    const bad = await runCli(['fairness', 'audit', '--items', file, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('/items/0/correct');
  });

  it('lists the registry with the committed model as active v1', async () => {
    const run = await runCli(['models', 'list', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ version: 'v1', state: 'active' })]);
    const rollback = await runCli(['models', 'rollback']);
    expect(rollback.stderr).toContain('no earlier version');
    const promote = await runCli(['models', 'promote', 'v9']);
    expect(promote.stderr).toContain("no model version 'v9'");
  });
});

describeWithDataset(
  'healthgpt eval fairness on DDXPlus patients',
  ['ddxplus', 'patients_dev.csv'],
  (path) => {
    it('prints the contract: n, overall.gtpa_at_1, groups with intervals and flags', async () => {
      const lines = readFileSync(path, 'utf8').split('\n');
      const file = join(stateDir, 'patients.csv');
      writeFileSync(file, `${lines.slice(0, 121).join('\n')}\n`);
      const run = await runCli(['eval', 'fairness', '--patients', file, '--resamples', '200', '--json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.n).toBe(120);
      expect(report.overall.gtpa_at_1).toBeGreaterThan(0.5);
      const attributes = new Set(report.groups.map((g: { attribute: string }) => g.attribute));
      expect([...attributes]).toEqual(['sex', 'age_band', 'sex_x_age_band']);
      for (const g of report.groups) {
        expect(Object.keys(g)).toEqual(
          expect.arrayContaining(['attribute', 'value', 'n', 'gtpa_at_1', 'ci_low', 'ci_high', 'flagged']),
        );
        expect(g.ci_low).toBeLessThanOrEqual(g.gtpa_at_1);
        expect(g.ci_high).toBeGreaterThanOrEqual(g.gtpa_at_1);
      }
      const total = report.groups
        .filter((g: { attribute: string }) => g.attribute === 'sex')
        .reduce((s: number, g: { n: number }) => s + g.n, 0);
      expect(total).toBe(120);
    });
  },
);
