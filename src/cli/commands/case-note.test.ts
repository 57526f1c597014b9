import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../../test/cli-harness.js';

describe('healthgpt case from-note / note', () => {
  it('creates a case from a note and adds a second note to it, as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-note-'));
    const first = join(dir, 'first.txt');
    const second = join(dir, 'second.txt');
    writeFileSync(first, '45 yo F with cough for 3 days. No fever.');
    writeFileSync(second, 'Haemoptysis since this morning. RR 24.');
    const created = await run(['--json', 'case', 'from-note', first, '--title', 'Cough clinic']);
    expect(created.code).toBe(0);
    const answer = JSON.parse(created.stdout) as {
      case: { id: string; patient: { ageYears?: number }; findings: { conceptId: string }[] };
      added: { findings: number };
    };
    expect(answer.case.patient.ageYears).toBe(45);
    expect(answer.case.findings.map((f) => f.conceptId)).toContain('cough');
    const added = await run(['case', 'note', answer.case.id, second], created.stateDir);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/\d+ findings and 1 values added; the note is kept with the case/);
    expect((await run(['case', 'note', 'nope', second], created.stateDir)).code).toBe(1);
    const badDate = await run(
      ['case', 'note', answer.case.id, second, '--date', '3/4/2026'],
      created.stateDir,
    );
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('YYYY-MM-DD');
  });

  it('from-note refuses a bad --date with one line and exit 2, storing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-note-'));
    const note = join(dir, 'note.txt');
    writeFileSync(note, '45 yo F with cough for 3 days.');
    const bad = await run(['--json', 'case', 'from-note', note, '--title', 'T', '--date', 'banana']);
    expect(bad.stdout).toBe('');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("healthgpt: --date must be a date as YYYY-MM-DD, not 'banana'\n");
    const listed = await run(['--json', 'case', 'list'], bad.stateDir);
    expect(JSON.parse(listed.stdout).total).toBe(0);
  });
});

describe('files that are not UTF-8 text', () => {
  it('case from-note / note, case import and run refuse them with one line and exit 1, storing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'healthgpt-note-'));
    const latin1 = join(dir, 'latin1.txt');
    // A long note: one byte of another encoding among many characters (Latin-1 '°' where UTF-8 needs two bytes).
    const text = `58 yo man with chest pain. ${'No fever, no cough. '.repeat(40)}Temp 38.6 °C.`;
    writeFileSync(latin1, Buffer.from(text, 'latin1'));
    const offset = Buffer.from(text, 'latin1').indexOf(0xb0);
    const created = await run(['case', 'from-note', latin1, '--title', 'T']);
    expect(created.code).toBe(1);
    expect(created.stdout).toBe('');
    expect(created.stderr).toBe(
      `healthgpt: '${latin1}' is not valid UTF-8 (first invalid byte at offset ${offset}): send text as UTF-8, converting it first if it is in another encoding (e.g. iconv -f latin1 -t utf-8)\n`,
    );
    expect(JSON.parse((await run(['--json', 'case', 'list'], created.stateDir)).stdout).total).toBe(0);

    const good = join(dir, 'good.txt');
    writeFileSync(good, 'Cough for 3 days. T 38.6 °C.');
    const made = await run(['--json', 'case', 'from-note', good, '--title', 'T'], created.stateDir);
    expect(made.code).toBe(0);
    const id = (JSON.parse(made.stdout) as { case: { id: string; version: number } }).case.id;
    const binary = join(dir, 'scan.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const noted = await run(['case', 'note', id, binary], created.stateDir);
    expect(noted.code).toBe(1);
    expect(noted.stderr).toBe(`healthgpt: '${binary}' is binary (NUL bytes), not text\n`);
    const shown = JSON.parse((await run(['--json', 'case', 'show', id], created.stateDir)).stdout) as {
      case: { version: number };
    };
    expect(shown.case.version).toBe(1);

    const bundle = join(dir, 'bundle.json');
    writeFileSync(
      bundle,
      Buffer.from(
        JSON.stringify({
          resourceType: 'Bundle',
          entry: [{ resource: { resourceType: 'Patient', name: [{ family: 'Müller' }] } }],
        }),
        'latin1',
      ),
    );
    const imported = await run(['case', 'import', bundle], created.stateDir);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(
      /^healthgpt: '.*bundle\.json' is not valid UTF-8 \(first invalid byte at offset \d+\)/,
    );
    expect(JSON.parse((await run(['--json', 'case', 'list'], created.stateDir)).stdout).total).toBe(1);

    const input = join(dir, 'curb65.json');
    writeFileSync(input, '{"confusion":false,"note":"\\u0000"}');
    const ran = await run(['run', 'risk.curb65', '--input', input]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(`healthgpt: '${input}' holds a NUL character at /note: binary data, not text\n`);
  });
});
