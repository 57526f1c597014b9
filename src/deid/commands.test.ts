import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-deid-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

// Hand-made PhysioNet-format fixture (latin-1, with a byte above 127 before the spans to check offsets).
const NOTE_1 = 'Caf\u00e9 visit. Pt seen by Dr. Okafor on 3/14/2019.\nCall 617-555-0142.\n';
const NOTE_2 = 'Vitals stable, heparin gtt.\n';
const TEXT = `START_OF_RECORD=7||||1||||\n${NOTE_1}||||END_OF_RECORD\n\nSTART_OF_RECORD=7||||2||||\n${NOTE_2}||||END_OF_RECORD\n`;
const span = (note: string, s: string, cat: string) => {
  const start = note.indexOf(s);
  return `7 1 ${start} ${start + s.length} ${cat} ${s}`;
};
const PHRASE = `${[span(NOTE_1, 'Okafor', 'HCPName'), span(NOTE_1, '3/14/2019', 'Date'), span(NOTE_1, '617-555-0142', 'Phone')].join('\n')}\n`;

describe('healthgpt eval deid', () => {
  it('prints n_notes, predicted spans and metrics per the contract', async () => {
    const text = file('ok.text', Buffer.from(TEXT, 'latin1'));
    const phi = file('ok.phrase', Buffer.from(PHRASE, 'latin1'));
    const run = await runCli(['eval', 'deid', '--text', text, '--phi', phi, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.n_notes).toBe(2);
    expect(Object.keys(out)).toEqual(['n_notes', 'spans', 'metrics']);
    for (const s of out.spans) expect(Object.keys(s)).toEqual(['pid', 'note', 'start', 'end', 'category']);
    const okafor = out.spans.find((s: { start: number }) => s.start === NOTE_1.indexOf('Okafor'));
    expect(okafor).toMatchObject({
      pid: '7',
      note: '1',
      end: NOTE_1.indexOf('Okafor') + 6,
      category: 'name',
    });
    expect(Object.keys(out.metrics)).toEqual(['precision', 'recall', 'f1']);
    expect(out.metrics.recall).toBe(1);
    expect(out.metrics.precision).toBeGreaterThan(0);
    expect(out.metrics.f1).toBeGreaterThan(0);
  });

  it('fails with one line and a non-zero exit on bad input', async () => {
    const text = file('t.text', Buffer.from(TEXT, 'latin1'));
    const cases = [
      ['--text', file('bin.text', Buffer.from([0, 1, 2, 3, 0, 255])), '--phi', file('p1.phrase', PHRASE)],
      ['--text', file('empty.text', ''), '--phi', file('p2.phrase', PHRASE)],
      ['--text', text, '--phi', file('beyond.phrase', '7 1 10 9999 Date 3/14\n')],
      ['--text', text, '--phi', file('nonote.phrase', '9 9 1 3 Date x\n')],
      ['--text', file('norec.text', 'just some text'), '--phi', file('p3.phrase', PHRASE)],
      ['--text', join(dir, 'missing.text'), '--phi', file('p4.phrase', PHRASE)],
      ['--text', file('big.text', Buffer.alloc(10 * 1024 * 1024, 97)), '--phi', file('p5.phrase', PHRASE)],
    ];
    for (const args of cases) {
      const run = await runCli(['eval', 'deid', ...args, '--json']);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
  });
});

describe('healthgpt eval deid (human output)', () => {
  it('prints counts and recall by category', async () => {
    const text = file('h.text', Buffer.from(TEXT, 'latin1'));
    const phi = file('h.phrase', Buffer.from(PHRASE, 'latin1'));
    const run = await runCli(['eval', 'deid', '--text', text, '--phi', phi]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^2 notes, \d+ predicted spans/);
    expect(run.stdout).toMatch(/recall by gold category: Date 1, HCPName 1, Phone 1/);
  });
});

describe('healthgpt deid FILE', () => {
  it('de-identifies a text file with explained removals', async () => {
    const run = await runCli([
      'deid',
      file('note.txt', 'Seen by Dr. Okafor on 3/14/2019, heparin started.'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.text).toBe('Seen by Dr. [NAME] on [DATE], heparin started.');
    expect(out.spans.map((s: { rule: string }) => s.rule)).toEqual(['context.title', 'pattern.date-numeric']);
  });

  it('de-identifies a FHIR Patient', async () => {
    const patient = {
      resourceType: 'Patient',
      id: 'p1',
      name: [{ family: 'Okafor' }],
      birthDate: '1970-05-02',
    };
    const run = await runCli(['deid', file('patient.json', JSON.stringify(patient)), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.resource.name).toBeUndefined();
    expect(out.resource.birthDate).toBe('1970');
  });

  it('refuses binary and non-UTF-8 files with one line', async () => {
    for (const content of [Buffer.from([0, 1, 2]), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b])]) {
      const run = await runCli(['deid', file('bad.txt', content)]);
      expect(run.code).not.toBe(0);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
