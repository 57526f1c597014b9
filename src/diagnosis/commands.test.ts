import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as runHealthgpt } from '../../test/cli-harness.js';
import { describeWithDataset } from '../../test/datasets.js';
import { loadConfig } from '../app/config.js';
import { buildProgram } from '../cli/main.js';
import { stratifiedSplit } from '../ml/split.js';
import { diagnosisCapability } from './capability.js';
import { ddxEngine } from './ddx-engine.js';
import { readDdxplusPatients } from './ddxplus/patients.js';
import { DDX_SPLIT } from './eval/split.js';
import { parseTypedAnswer, runTerminalInterview } from './interview/terminal.js';

async function runCli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const { program } = buildProgram({
    config: loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'hg-ddx-')) }),
    capabilities: [diagnosisCapability],
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

describe('healthgpt eval ddx (errors)', () => {
  it('fails with one clear line on a missing file or a bad mode', async () => {
    const missing = await runCli(['eval', 'ddx', '--patients', '/nonexistent.csv', '--mode', 'full']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const mode = await runCli(['eval', 'ddx', '--patients', '/nonexistent.csv', '--mode', 'sometimes']);
    expect(mode.stderr).toContain("--mode must be 'full' or 'interactive'");
  });
});

describe('healthgpt eval ddx (bad files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hg-ddx-bad-'));
  const header = 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE';
  it.each([
    ['a header row only', `${header}\n`, /header-only\.csv: no patients/],
    [
      'an empty AGE cell',
      `${header}\n,"[['URTI', 0.5]]",M,URTI,"['E_91']",E_91\n`,
      /empty-age\.csv: DDXPlus CSV line 2: AGE '' is not an age in years/,
    ],
  ])('refuses %s with one line and exit 2', async (_, text, message) => {
    const name = text.includes(',M,') ? 'empty-age.csv' : 'header-only.csv';
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = await runHealthgpt(['eval', 'ddx', '--patients', file, '--mode', 'full', '--json']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('healthgpt interview (errors)', () => {
  it('fails with one clear line on bad patient data or an unknown complaint', async () => {
    const age = await runCli(['interview', '--age', '130']);
    expect(age.code).toBe(1);
    expect(age.stderr).toContain('--age must be 0–120');
    const complaint = await runCli(['interview', '--age', '30', '--complaint', 'no-such-concept']);
    expect(complaint.code).toBe(1);
    expect(complaint.stderr).toContain("unknown concept id 'no-such-concept'");
  });
});

describeWithDataset('healthgpt eval ddx', ['ddxplus', 'patients_dev.csv'], (csvPath) => {
  it('prints one JSON object with the DDXPlus metrics', async () => {
    // A temporary CSV of 25 held-out patients (written to a temp folder, never committed).
    const text = (await import('node:fs')).readFileSync(csvPath, 'utf8');
    const lines = text.trimEnd().split('\n');
    const patients = readDdxplusPatients(csvPath);
    const { validation } = stratifiedSplit(
      patients.map((p, i) => ({ p, i })),
      (x) => x.p.pathology,
      DDX_SPLIT.validationFraction,
      DDX_SPLIT.seed,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'hg-ddx-')), 'some.csv');
    writeFileSync(file, `${[lines[0], ...validation.slice(0, 25).map((x) => lines[x.i + 1])].join('\n')}\n`);
    for (const mode of ['full', 'interactive']) {
      const { code, stdout } = await runCli([
        'eval',
        'ddx',
        '--patients',
        file,
        '--mode',
        mode,
        '--max-turns',
        '30',
        '--json',
      ]);
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as Record<string, number>;
      for (const key of [
        'n',
        'gtpa',
        'gtpa_at_1',
        'gtpa_at_3',
        'gtpa_at_5',
        'gtpa_at_10',
        'ddr',
        'ddp',
        'ddf1',
        'avg_turns',
        'ms_per_case',
        'must_not_miss_recall',
      ]) {
        expect(result[key], key).toBeTypeOf('number');
      }
      expect(result.n).toBe(25);
      expect(result.gtpa_at_1).toBeGreaterThan(0.85);
      if (mode === 'interactive') expect(result.avg_turns).toBeGreaterThan(0);
    }
  });
});

describe('terminal interview', () => {
  it('reads typed answers', () => {
    const binary = { conceptId: 'fever', type: 'binary' } as never;
    expect(parseTypedAnswer(binary, 'Y')).toEqual({ conceptId: 'fever', status: 'present' });
    expect(parseTypedAnswer(binary, "don't know")).toEqual({ conceptId: 'fever', status: 'unknown' });
    expect(parseTypedAnswer(binary, 'maybe')).toBeUndefined();
    const scale = { conceptId: 'pain.intensity', type: 'scale-0-10' } as never;
    expect(parseTypedAnswer(scale, '7')).toEqual({
      conceptId: 'pain.intensity',
      status: 'present',
      value: 7,
    });
    expect(parseTypedAnswer(scale, '11')).toBeUndefined();
    const multi = {
      conceptId: 'x',
      type: 'multi-choice',
      values: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    } as never;
    expect(parseTypedAnswer(multi, '1, 2')).toEqual({ conceptId: 'x', status: 'present', value: ['a', 'b'] });
  });

  it('asks until confident or the budget, re-asking unreadable answers', async () => {
    const prompts: string[] = [];
    let n = 0;
    const result = await runTerminalInterview(
      ddxEngine(),
      { ageYears: 40 },
      [{ conceptId: 'cough', status: 'present' }],
      3,
      {
        ask: async (prompt) => {
          prompts.push(prompt);
          n++;
          return n === 1 ? 'what?' : prompt.includes('[y]es') ? 'n' : '?';
        },
        say: () => {},
      },
    );
    expect(result.turns).toBeLessThanOrEqual(3);
    expect(prompts.length).toBe(result.turns + 1);
    expect(result.differential.length).toBeGreaterThan(0);
  });
});
