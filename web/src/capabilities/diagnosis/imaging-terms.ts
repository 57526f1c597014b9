import type { Contribution } from '../../../../src/clinical/index.js';
import type { DdxEntry } from './types.js';

/** The contributions of an entry that came from an image model (input `imaging:<n>`, see src/diagnosis/ddx-engine.ts). */
export function imagingTerms(entry: DdxEntry): readonly Contribution[] {
  return entry.explanation.contributions.filter((c) => c.input.startsWith('imaging:'));
}

/** "chest X-ray model …, P = 0.93 → LR 4.62 (+1.53)": the signed score contribution is ln LR. */
export function imagingText(term: Contribution): string {
  const sign = term.contribution >= 0 ? '+' : '−';
  return `${term.label} (${sign}${Math.abs(term.contribution).toFixed(2)})`;
}
