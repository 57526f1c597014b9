import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-harness.js';
import { HealthGptError } from '../../engine/errors.js';
import type { TextDiagnoser } from '../text/diagnose-text.js';
import { evaluateVignettes, readVignettes } from './vignettes.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-vignettes-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const chestPain = 'crushing central chest pain radiating to the left arm with sweating for 30 minutes';
const line = (fields: object) =>
  `${JSON.stringify({ id: 'a', age: 55, sex: 'male', text: chestPain, ...fields })}\n`;

describe('readVignettes refuses a bad case with its line, never passes it on', () => {
  it.each([
    ['a line null', `${line({})}null\n`, /:2: not a JSON object$/],
    ['a line that is an array', '[1,2]\n', /:1: not a JSON object$/],
    ['no text', line({ text: undefined }), /:1: needs a "text" string$/],
    ['an empty text', line({ text: '  ' }), /:1: "text" is empty$/],
    [
      'a text over the limit',
      line({ text: 'a'.repeat(20_001) }),
      /:1: "text" has 20001 characters; at most 20000/,
    ],
    ['a negative age', line({ age: -40 }), /:1: "age" -40 is not a number of years from 0 to 120$/],
    ['an absurd age', line({ age: 1e9 }), /:1: "age" 1000000000 is not/],
    ['an age in a string', line({ age: '55' }), /:1: "age" "55" is not/],
    [
      'an unknown sex',
      line({ sex: 'banana' }),
      /:1: "sex" "banana" is not one of male, female, other, unknown$/,
    ],
    ['an unknown gold triage', line({ triage: 'high' }), /:1: "triage" "high" is not one of/],
    ['an empty file', '', /: no cases/],
    ['blank lines only', '\n\n', /: no cases/],
  ])('%s', (_, content, message) => {
    const path = file('bad.jsonl', content);
    let error: unknown;
    try {
      readVignettes(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HealthGptError);
    expect((error as HealthGptError).code).toBe('invalid');
    expect((error as HealthGptError).message).toMatch(message);
    expect((error as HealthGptError).message.startsWith(path)).toBe(true);
  });

  it('reads a valid case (a missing age or sex is fine; sex in any case)', () => {
    const rows = readVignettes(
      file('ok.jsonl', `${line({ sex: 'Female', triage: 'emergency' })}{"id":2,"text":"cough"}\n`),
    );
    expect(rows.map((r) => r.input)).toEqual([
      { id: 'a', age: 55, sex: 'female', text: chestPain },
      { id: '2', text: 'cough' },
    ]);
    expect(rows[0]!.gold.triage).toBe('emergency');
  });
});

describe('evaluateVignettes', () => {
  it('makes an input the engine refuses an error naming the case, not an abstention', () => {
    const refusing = {
      diagnose() {
        throw new HealthGptError('invalid', 'age must be 0–120 years');
      },
    } as unknown as TextDiagnoser;
    expect(() => evaluateVignettes(refusing, [{ input: { id: 'x', text: 'cough' }, gold: {} }])).toThrow(
      /^case x: age must be 0–120 years$/,
    );
  });
});

describe('healthgpt eval vignettes', () => {
  it.each([
    ['vig-null.jsonl', 'null\n', /:1: not a JSON object$/],
    ['vig-badage.jsonl', line({ age: -40 }), /:1: "age" -40 is not/],
    ['vig-gold.jsonl', `${line({ age: -40, triage: 'emergency' })}${line({ id: 'ok' })}`, /:1: "age" -40/],
    ['vig-emptytext.jsonl', line({ text: '' }), /:1: "text" is empty$/],
    ['vig-long.jsonl', line({ text: 'chest pain '.repeat(3000) }), /:1: "text" has 33000 characters/],
    ['empty.jsonl', '', /: no cases/],
  ])('refuses %s with one line and exit 2', async (name, content, message) => {
    const path = file(name, content);
    const { code, stdout, stderr } = await runCli(['eval', 'vignettes', '--cases', path, '--json']);
    expect(stdout).toBe('');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^healthgpt: /);
    expect(stderr.trim()).toMatch(message);
  });

  it('still records an honest abstention on a valid case, in the documented contract', async () => {
    const path = file(
      'fr.jsonl',
      `${JSON.stringify({ id: 'fr', age: 40, sex: 'female', text: 'Bonjour docteur, je voudrais un rendez-vous pour mon dossier.' })}\n`,
    );
    const { code, stdout, stderr } = await runCli(['eval', 'vignettes', '--cases', path, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['n', 'cases', 'metrics']);
    expect(report.n).toBe(1);
    expect(report.cases).toEqual([{ id: 'fr', differential: [], triage: null, abstained: true }]);
    expect(report.metrics.abstained).toBe(1);
  });
});
