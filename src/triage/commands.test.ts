import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-triage-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('healthgpt triage', () => {
  it('prints the level and reasons as JSON', async () => {
    const input = file(
      'chest.json',
      JSON.stringify({
        patient: { ageYears: 60, sex: 'male' },
        findings: [
          { conceptId: 'pain.location', status: 'present', value: ['upper-chest'] },
          { conceptId: 'pain.radiation', status: 'present', value: ['left-arm'] },
        ],
      }),
    );
    const run = await runCli(['triage', '--input', input, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.level).toBe('emergency');
    expect(out.reasons[0].ruleId).toBe('red-flag.chest-pain.acs');
  });

  it('prints a human summary without --json', async () => {
    const input = file(
      'cold.json',
      JSON.stringify({ findings: [{ conceptId: 'sore-throat', status: 'present' }] }),
    );
    const run = await runCli(['triage', '--input', input]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SELF-CARE:/);
  });

  it('fails with one line and a non-zero exit on bad input', async () => {
    const bad = await runCli(['triage', '--input', file('bad.json', '{ not json')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const invalid = await runCli(['triage', '--input', file('inv.json', JSON.stringify({ findings: 'x' }))]);
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toMatch(/findings/);
    const missing = await runCli(['triage', '--input', join(dir, 'nope.json')]);
    expect(missing.code).not.toBe(0);
  });
});

describe('healthgpt triage --text', () => {
  it('reads a note with the intake and triages its findings and vital signs', async () => {
    const note = file(
      'note.txt',
      '70 year old woman. Cough and fever for 3 days. RR 26, SpO2 90% on air, BP 95/60, HR 118, T 38.9.',
    );
    const run = await runCli(['triage', '--text', note, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.level).toBe('emergency');
    expect(out.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('red-flag.low-oxygen');
  });

  it('needs exactly one of --input and --text, and a sane --age', async () => {
    const neither = await runCli(['triage']);
    expect(neither.code).not.toBe(0);
    expect(neither.stderr.trim().split('\n')).toHaveLength(1);
    const note = file('n2.txt', 'Sore throat for 2 days.');
    const badAge = await runCli(['triage', '--text', note, '--age', '300']);
    expect(badAge.code).not.toBe(0);
    const empty = await runCli(['triage', '--text', file('empty.txt', '   ')]);
    expect(empty.code).not.toBe(0);
  });
});
