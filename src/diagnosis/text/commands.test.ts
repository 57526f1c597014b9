import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-harness.js';

/** Hand-written cases (own wording), with gold fields the engine must not read. */
const CASES = [
  {
    id: 'c1',
    age: 3,
    sex: 'male',
    text: 'Three-year-old boy with a barking cough, fever and noisy breathing in (stridor) since last night.',
    diagnosis: 'Croup',
    icd10: ['J05.0'],
    triage: 'urgent',
  },
  {
    id: 'c2',
    age: 40,
    sex: 'female',
    text: 'Here for a check-up.',
    diagnosis: 'None',
    icd10: ['Z00'],
    triage: 'self-care',
  },
  {
    id: 'c3',
    age: 25,
    sex: 'female',
    text: 'Burning when passing urine and going often since two days. No fever.',
  },
];

function casesFile(lines: readonly object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hg-vignettes-')), 'cases.jsonl');
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return file;
}

describe('healthgpt eval vignettes', () => {
  it('prints { n, cases: [{ id, differential ≤ 10, triage, abstained }], metrics } with --json', async () => {
    const run = await runCli(['eval', 'vignettes', '--cases', casesFile(CASES), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual(['cases', 'metrics', 'n']);
    expect(out.n).toBe(3);
    for (const c of out.cases) {
      expect(Object.keys(c).sort()).toEqual(['abstained', 'differential', 'id', 'triage']);
      expect(c.differential.length).toBeLessThanOrEqual(10);
      for (const e of c.differential) expect(Object.keys(e).sort()).toEqual(['icd10', 'name', 'probability']);
    }
    expect(out.cases[1]).toMatchObject({ id: 'c2', abstained: true, differential: [] });
    expect(out.cases[0].differential.slice(0, 3).map((e: { icd10: string }) => e.icd10)).toContain('J05.0');
    expect(out.metrics).toMatchObject({ withDiagnosis: 2, withTriage: 2 });
    expect(out.metrics.top3).toBeGreaterThanOrEqual(0.5);
  });

  it('fails with one line on a missing file or a line without text', async () => {
    const missing = await runCli(['eval', 'vignettes', '--cases', '/nonexistent/cases.jsonl']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await runCli(['eval', 'vignettes', '--cases', casesFile([{ id: 'x', age: 3 }])]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/needs a "text" string/);
  });
});

describe('healthgpt differential', () => {
  it('prints triage, a hedged differential and the "not covered" share; empty text is a one-line error', async () => {
    const run = await runCli(['differential', '--text', CASES[0]!.text, '--age', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Triage: /);
    expect(run.stdout).toMatch(/not covered/);
    const empty = await runCli(['differential', '--text', ' ']);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--file must be UTF-8 text: a Latin-1 byte is a one-line error, never a read with a replacement character', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-differential-'));
    const latin1 = join(dir, 'note-latin1.txt');
    writeFileSync(latin1, Buffer.from('Fi\xe8vre et toux depuis 3 jours', 'latin1'));
    const bad = await runCli(['differential', '--file', latin1]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/UTF-8/);
    const good = join(dir, 'note.txt');
    writeFileSync(good, CASES[0]!.text);
    expect((await runCli(['differential', '--file', good, '--age', '3'])).code).toBe(0);
  });
});
