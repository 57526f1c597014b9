import { bootstrap } from '../ml/metrics.js';
import type { AuditItem } from './audit.js';

/**
 * Two engines (or two versions of one) on the same labelled items, group by group: the change in the share right
 * with a paired percentile bootstrap interval of that change (the items of the group resampled together, each with
 * both answers), as the same patients judged twice are not independent samples. A group is `worse` when the whole
 * interval of the change is below 0 — worse beyond noise. A paired interval stays meaningful where a one-model
 * interval collapses (a group the old model got 100 % right has a bootstrap interval of [100 %, 100 %], which any
 * single new miss would leave).
 */
export interface GroupChange {
  readonly attribute: string;
  readonly value: string;
  readonly n: number;
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly change_ci_low: number;
  readonly change_ci_high: number;
  readonly worse: boolean;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

function change(
  attribute: string,
  value: string,
  before: readonly AuditItem[],
  after: readonly AuditItem[],
  options: { resamples: number; seed: number },
): GroupChange {
  const deltas: number[] = before.map((b, i) => (after[i]!.correct ? 1 : 0) - (b.correct ? 1 : 0));
  const estimate = bootstrap((d) => mean(d), deltas, deltas, options);
  const right = (items: readonly AuditItem[]) => mean(items.map((i) => (i.correct ? 1 : 0)));
  return {
    attribute,
    value,
    n: before.length,
    before: right(before),
    after: right(after),
    change: estimate.value,
    change_ci_low: estimate.low,
    change_ci_high: estimate.high,
    worse: estimate.high < 0,
  };
}

/** Overall (`attribute` `overall`, value `all`) and per group of each attribute; items must be paired by index. */
export function compareOnSameItems(
  before: readonly AuditItem[],
  after: readonly AuditItem[],
  attributes: readonly string[],
  options: { resamples?: number; seed?: number; minGroupSize?: number } = {},
): GroupChange[] {
  if (before.length !== after.length) throw new Error('compareOnSameItems: the two runs differ in length');
  const opts = { resamples: options.resamples ?? 1000, seed: options.seed ?? 1 };
  const minGroupSize = options.minGroupSize ?? 10;
  const out: GroupChange[] = [];
  if (before.length > 0) out.push(change('overall', 'all', before, after, opts));
  for (const attribute of attributes) {
    const values = [
      ...new Set(before.map((i) => i.attributes[attribute]).filter((v) => v !== undefined)),
    ] as string[];
    values.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const value of values) {
      const idx = before.flatMap((item, i) => (item.attributes[attribute] === value ? [i] : []));
      if (idx.length < minGroupSize) continue;
      out.push(
        change(
          attribute,
          value,
          idx.map((i) => before[i]!),
          idx.map((i) => after[i]!),
          opts,
        ),
      );
    }
  }
  return out;
}
