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
