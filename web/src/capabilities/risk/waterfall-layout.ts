import type { Contribution } from '../../../../src/clinical/index.js';

/**
 * Layout of a waterfall chart of an explanation: the baseline (intercept, when not 0) as the first bar, then each signed
 * contribution as a step from the running total, then the total. Pure, in SVG user units.
 */
export interface WaterfallStep {
  readonly label: string;
  readonly value: number;
  /** Running total before and after this step. */
  readonly from: number;
  readonly to: number;
  readonly kind: 'baseline' | 'step' | 'total';
  readonly x: number;
  readonly widthPx: number;
  readonly y: number;
}

export interface WaterfallLayout {
  readonly steps: readonly WaterfallStep[];
  readonly zeroX: number;
  readonly heightPx: number;
  readonly total: number;
}

export function layoutWaterfall(
  baseline: number | undefined,
  contributions: readonly Contribution[],
  options: { readonly plotLeftPx: number; readonly plotWidthPx: number; readonly rowHeightPx: number },
): WaterfallLayout {
  const raw: { label: string; value: number; from: number; to: number; kind: WaterfallStep['kind'] }[] = [];
  let running = baseline ?? 0;
  if (baseline !== undefined && baseline !== 0)
    raw.push({ label: 'Baseline (intercept)', value: baseline, from: 0, to: baseline, kind: 'baseline' });
  for (const c of contributions) {
    if (!Number.isFinite(c.contribution)) continue;
    const label =
      c.value === undefined
        ? c.label
        : typeof c.value === 'boolean'
          ? `${c.label}: ${c.value ? 'yes' : 'no'}`
          : `${c.label} = ${String(c.value)}`;
    raw.push({ label, value: c.contribution, from: running, to: running + c.contribution, kind: 'step' });
    running += c.contribution;
  }
  raw.push({ label: 'Total', value: running, from: 0, to: running, kind: 'total' });
  const extremes = raw.flatMap((s) => [s.from, s.to]);
  const min = Math.min(0, ...extremes);
  const max = Math.max(0, ...extremes);
  const span = max - min;
  const scale = span > 0 ? options.plotWidthPx / span : 0;
  const xOf = (v: number) => options.plotLeftPx + (v - min) * scale;
  const steps = raw.map((s, index) => {
    const left = Math.min(s.from, s.to);
    return {
      ...s,
      x: xOf(left),
      widthPx: Math.max(1, Math.abs(s.to - s.from) * scale),
      y: index * options.rowHeightPx,
    };
  });
  return { steps, zeroX: xOf(0), heightPx: steps.length * options.rowHeightPx, total: running };
}
