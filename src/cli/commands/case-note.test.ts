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
