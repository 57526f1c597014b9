import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textDiagnoser } from '../text/diagnose-text.js';
import { evaluateVignettes, readVignettes } from './vignettes.js';

/**
 * The project's hand-written probe vignettes (test/fixtures/vignettes; own wording, textbook presentations with the
 * level of care guidance gives them): a regression guard for the free-text path. Every emergency among them must be
 * sent to emergency care, and no top condition may be confident and wrong.
 */
const diagnoser = textDiagnoser();
const fixture = (file: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/vignettes/${file}`, import.meta.url));

describe.each([
  'probes-common.jsonl',
  'probes-acute.jsonl',
  'probes-fresh.jsonl',
  'probes-fresh-2.jsonl',
  'probes-fresh-3.jsonl',
])('probe vignettes %s', (file) => {
  const rows = readVignettes(fixture(file));
  const report = evaluateVignettes(diagnoser, rows);

  it('sends every emergency to emergency care', () => {
    const missed = report.cases
      .filter((c, i) => rows[i]!.gold.triage === 'emergency' && c.triage !== 'emergency')
      .map((c) => `${c.id} → ${c.triage}`);
    expect(missed).toEqual([]);
  });

  it('is never confident and wrong, and abstains on none of them', () => {
    expect(report.metrics.overconfidentWrong).toBe(0);
    expect(report.metrics.abstained).toBe(0);
  });
});

/**
 * Blind sets (test/fixtures/vignettes/blind-*.jsonl): written for issue 11 by a separate writer who read none of the
 * system, in their own wording, with the level of care guidance gives; scored once, then their misses fixed. Some of
 * their notes are thin enough that abstaining is right, so only emergencies and overconfidence are guarded here.
 */
describe.each(['blind-1.jsonl', 'blind-2.jsonl', 'blind-3.jsonl', 'blind-4.jsonl'])(
  'blind vignettes %s',
  (file) => {
    const rows = readVignettes(fixture(file));
    const report = evaluateVignettes(diagnoser, rows);

    it('sends every emergency to emergency care and is never confident and wrong', () => {
      const missed = report.cases
        .filter((c, i) => rows[i]!.gold.triage === 'emergency' && c.triage !== 'emergency')
        .map((c) => `${c.id} → ${c.triage}`);
      expect(missed).toEqual([]);
      expect(report.metrics.overconfidentWrong).toBe(0);
    });
  },
);
