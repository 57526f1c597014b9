import type { GroupChange } from '../fairness/compare.js';
import type { DdxFairnessReport } from '../fairness/ddx-fairness.js';

/**
 * The promotion rule: a candidate replaces the active model only when, on the same held-out check cases, it is no
 * worse overall and no worse in any audited subgroup beyond statistical noise, and the audit flags no group for it
 * that it does not flag for the active model.
 *
 * - Overall: the candidate's GTPA@1 is at least the active model's (a candidate that is only "not significantly
 *   worse" overall is not promoted).
 * - Every group of at least `minGroupSize` check cases (sex, age band, sex × age band) and overall: the paired 95 %
 *   bootstrap interval of the change (candidate − active, the same cases) must not lie wholly below 0
 *   (`compareOnSameItems`).
 */
export interface PromotionDecision {
  readonly promote: boolean;
  readonly reasons: readonly string[];
  readonly checks: readonly GroupChange[];
  readonly rule: string;
}

export const PROMOTION_RULE =
  'on held-out check cases: candidate GTPA@1 >= active overall; in no audited group (n >= 10) nor overall is the paired 95 % bootstrap interval of the change wholly below 0; no group newly flagged';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function decidePromotion(
  active: DdxFairnessReport,
  candidate: DdxFairnessReport,
  changes: readonly GroupChange[],
): PromotionDecision {
  const reasons: string[] = [];
  if (active.n === 0 || candidate.n !== active.n) {
    return { promote: false, reasons: ['no common check cases'], checks: changes, rule: PROMOTION_RULE };
  }
  if (candidate.overall.gtpa_at_1 < active.overall.gtpa_at_1 - 1e-12)
    reasons.push(
      `overall GTPA@1 ${pct(candidate.overall.gtpa_at_1)} is below the active model's ${pct(active.overall.gtpa_at_1)}`,
    );
  for (const c of changes) {
    if (c.worse)
      reasons.push(
        `${c.attribute === 'overall' ? 'overall' : `${c.attribute} ${c.value}`}: ${pct(c.before)} → ${pct(c.after)}, change interval ${pct(c.change_ci_low)} to ${pct(c.change_ci_high)} is below 0`,
      );
  }
  for (const group of candidate.groups) {
    const before = active.groups.find((g) => g.attribute === group.attribute && g.value === group.value);
    if (group.flagged && !before?.flagged)
      reasons.push(
        `${group.attribute} ${group.value} is flagged for the candidate and not for the active model`,
      );
  }
  return { promote: reasons.length === 0, reasons, checks: changes, rule: PROMOTION_RULE };
}
