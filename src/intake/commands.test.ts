import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { buildProgram } from '../cli/main.js';
import { intakeCapability } from './capability.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const { program, close } = buildProgram({
    config: loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'intake-cli-')) }),
    capabilities: [intakeCapability],
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t) },
  });
  try {
    await program.parseAsync(['node', 'healthgpt', ...args]);
    return { code: 0, out, err };
  } catch (error) {
    return { code: 1, out, err: err + String((error as Error).message) };
  } finally {
    close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'intake-cli-files-'));
const note = join(dir, 'note.txt');
writeFileSync(
  note,
  Buffer.from('HPI: 45 yo F, cough for 3 weeks, night sweats. T 38.1 °C. No haemoptysis.', 'latin1'),
);
const negex = join(dir, 'negex.tsv');
writeFileSync(
  negex,
  'Report No.\tConcept\tSentence\tNegation\n1\tfever\tDenies FEVER.\tNegated\n1\tcough\tCOUGH today.\tAffirmed\n',
);
const context = join(dir, 'context.tsv');
writeFileSync(
  context,
  'line number\tCondition\tsentence\tnegation_status\ttemporality\texperiencer\n1\tasthma\tHistory of ASTHMA.\tAffirmed\tHistorical\tPatient\n2\tcough\tNo COUGH.\tNegated\tRecent\tPatient\n',
);

describe('healthgpt intake', () => {
  it('prints the record of a Latin-1 file', async () => {
    const { out } = await run(['intake', note]);
    expect(out).toContain('45-year-old female presenting with cough');
    expect(out).toMatch(/absent\s+recent\/patient\s+hemoptysis/);
  });

  it('prints JSON with --json and a FHIR bundle with --fhir', async () => {
    const json = JSON.parse((await run(['--json', 'intake', note])).out);
    expect(json.findings.some((f: { conceptId: string }) => f.conceptId === 'sweating.night')).toBe(true);
    const bundle = JSON.parse((await run(['intake', note, '--fhir'])).out);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  });

  it('fails clearly on a missing file', async () => {
    const { code, err } = await run(['intake', join(dir, 'missing.txt')]);
    expect(code).toBe(1);
    expect(err).toMatch(/cannot read/);
  });
});

describe('healthgpt eval negation / context', () => {
  it('prints n, accuracy, precision, recall, f1 as JSON', async () => {
    const json = JSON.parse((await run(['--json', 'eval', 'negation', '--annotations', negex])).out);
    expect(json).toMatchObject({ n: 2, accuracy: 1, precision: 1, recall: 1, f1: 1 });
  });

  it('prints negation, historical and other-experiencer scores as JSON', async () => {
    const json = JSON.parse((await run(['--json', 'eval', 'context', '--annotations', context])).out);
    expect(json.n).toBe(2);
    expect(json.negation).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(json.historical).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(json.otherExperiencer).toHaveProperty('f1');
  });

  it('refuses a file with a header and no annotated sentence instead of printing zero scores', async () => {
    const headerOnly = join(dir, 'header-only.tsv');
    writeFileSync(headerOnly, 'Report No.\tConcept\tSentence\tNegation\n');
    for (const command of ['negation', 'context']) {
      const r = await run(['--json', 'eval', command, '--annotations', headerOnly]);
      expect(r.code, command).toBe(1);
      expect(r.out).toBe('');
    }
    const empty = join(dir, 'empty.tsv');
    writeFileSync(empty, '');
    const r = await run(['--json', 'eval', 'negation', '--annotations', empty]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
  });
});
