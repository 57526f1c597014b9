import type { DdxFairnessReport } from '../fairness/ddx-fairness.js';

/**
 * The promotion rule: a candidate replaces the active model only when, on the same held-out check cases, it is no
 * worse overall and no worse in any audited subgroup beyond statistical noise, and the audit flags no group for it
 * that it does not flag for the active model.
 *
 * "Beyond noise" is measured against the active model's own 95 % bootstrap interval: the candidate's GTPA@1 must
 * not fall below the active model's `ci_low`, overall and in every group of at least `minGroupSize` check cases.
 * Overall it must also be at least the active model's point estimate (a candidate that is only "not significantly
 * worse" overall is not promoted).
 */
export interface PromotionCheck {
  readonly attribute: string;
  readonly value: string;
  readonly n: number;
  readonly active: number;
  readonly active_ci_low: number;
  readonly candidate: number;
  readonly ok: boolean;
}

export interface PromotionDecision {
  readonly promote: boolean;
  readonly reasons: readonly string[];
  readonly checks: readonly PromotionCheck[];
  readonly rule: string;
}

export const PROMOTION_RULE =
  'on held-out check cases: candidate GTPA@1 >= active overall, >= active 95 % bootstrap lower bound overall and in every audited group (n >= 10), and no group newly flagged';

export function decidePromotion(
  active: DdxFairnessReport,
  candidate: DdxFairnessReport,
  minGroupSize = 10,
): PromotionDecision {
  const reasons: string[] = [];
  const checks: PromotionCheck[] = [];
  if (active.n === 0 || candidate.n !== active.n) {
    return { promote: false, reasons: ['no common check cases'], checks, rule: PROMOTION_RULE };
  }
  const overallOk =
    candidate.overall.gtpa_at_1 >= active.overall.gtpa_at_1 - 1e-12 &&
    candidate.overall.gtpa_at_1 >= active.overall.ci_low - 1e-12;
  checks.push({
    attribute: 'overall',
    value: 'all',
    n: active.n,
    active: active.overall.gtpa_at_1,
    active_ci_low: active.overall.ci_low,
    candidate: candidate.overall.gtpa_at_1,
    ok: overallOk,
  });
  if (!overallOk)
    reasons.push(
      `overall GTPA@1 ${candidate.overall.gtpa_at_1.toFixed(4)} is below the active model's ${active.overall.gtpa_at_1.toFixed(4)}`,
    );
  for (const group of active.groups) {
    const other = candidate.groups.find((g) => g.attribute === group.attribute && g.value === group.value);
    if (!other || group.n < minGroupSize) continue;
    const ok = other.gtpa_at_1 >= group.ci_low - 1e-12;
    checks.push({
      attribute: group.attribute,
      value: group.value,
      n: group.n,
      active: group.gtpa_at_1,
      active_ci_low: group.ci_low,
      candidate: other.gtpa_at_1,
      ok,
    });
    if (!ok)
      reasons.push(
        `${group.attribute} ${group.value}: ${other.gtpa_at_1.toFixed(4)} is below the active model's interval (from ${group.ci_low.toFixed(4)})`,
      );
    if (other.flagged && !group.flagged)
      reasons.push(
        `${group.attribute} ${group.value} is flagged for the candidate and not for the active model`,
      );
  }
  return { promote: reasons.length === 0, reasons, checks, rule: PROMOTION_RULE };
}
