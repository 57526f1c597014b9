import type { Contribution } from '../../../src/clinical/index.js';

/** One bar of the signed contribution chart, in SVG user units. */
export interface ContributionBar {
  readonly contribution: Contribution;
  /** Left edge and width of the bar; bars grow right from zero for positive values, left for negative. */
  readonly x: number;
  readonly widthPx: number;
  readonly y: number;
  readonly positive: boolean;
}

export interface ContributionLayout {
  readonly bars: readonly ContributionBar[];
  /** The x of the zero line. */
  readonly zeroX: number;
  readonly heightPx: number;
  /** Contributions not drawn because only the largest `maxBars` are shown. */
  readonly hiddenCount: number;
}

export interface ContributionLayoutOptions {
  /** Width of the plotting area (between the label and value columns). */
  readonly plotWidthPx: number;
  readonly plotLeftPx: number;
  readonly rowHeightPx: number;
  readonly maxBars: number;
}

/**
 * Lays out signed contributions as horizontal bars around a shared zero line, largest magnitude first. The scale
 * is symmetric only as far as the data needs: all-positive explanations use the whole width to the right.
 */
export function layoutContributions(
  contributions: readonly Contribution[],
  options: ContributionLayoutOptions,
): ContributionLayout {
  const sorted = [...contributions]
    .filter((c) => Number.isFinite(c.contribution))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const shown = sorted.slice(0, options.maxBars);
  const maxPositive = Math.max(0, ...shown.map((c) => c.contribution));
  const maxNegative = Math.max(0, ...shown.map((c) => -c.contribution));
  const span = maxPositive + maxNegative;
  const scale = span > 0 ? options.plotWidthPx / span : 0;
  const zeroX = options.plotLeftPx + maxNegative * scale;
  const bars = shown.map((contribution, index) => {
    const widthPx = Math.abs(contribution.contribution) * scale;
    const positive = contribution.contribution >= 0;
    return {
      contribution,
      x: positive ? zeroX : zeroX - widthPx,
      widthPx,
      y: index * options.rowHeightPx,
      positive,
    };
  });
  return {
    bars,
    zeroX,
    heightPx: shown.length * options.rowHeightPx,
    hiddenCount: sorted.length - shown.length,
  };
}

/**
 * Splits a chart label into lines of at most `maxChars` at spaces (a word longer than that gets its own line), so
 * labels are shown whole instead of cut ("Urea > 7 mmol/L (BUN > 19 mg/dL)", not "Jrea > 7 mmol/L…").
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= maxChars) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Row height that fits the longest wrapped label of a chart. */
export function rowHeightFor(
  labels: readonly string[],
  maxChars: number,
  minPx: number,
  lineHeightPx = 14,
): number {
  const lines = Math.max(1, ...labels.map((l) => wrapLabel(l, maxChars).length));
  return Math.max(minPx, lines * lineHeightPx + 10);
}
