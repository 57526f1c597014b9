import { meanWaitMinutes, probabilityWaitWithin, type QueueInput, serversNeeded } from './erlang.js';
import { levelIndex, type ProbabilisticForecast } from './model.js';

/** A resource staffed from forecast arrivals: clinicians, or imaging (scanner) slots. */
export interface ResourcePolicy {
  readonly id: string;
  readonly title: string;
  /** Share of arrivals that need this resource (1 for clinicians; e.g. 0.35 for CT). */
  readonly demandShare: number;
  readonly meanServiceMinutes: number;
  readonly serviceCv?: number;
  /** Waiting target: `serviceLevel` of patients start within `targetMinutes`. */
  readonly targetMinutes: number;
  readonly serviceLevel: number;
  /** Forecast quantile to staff for (e.g. 0.8: cover demand in 4 hours out of 5), carrying uncertainty through. */
  readonly staffQuantile: number;
  /** Quantile checked against capacity for surge alerts (default 0.95). */
  readonly alertQuantile?: number;
  /** Rostered (available) units per hour: one value for every hour, or one per hour ahead. */
  readonly capacity?: number | readonly number[];
  readonly minimum?: number;
}

export interface StaffingHour {
  readonly hour: string;
  readonly medianArrivals: number;
  readonly staffForArrivals: number;
  /** Units needed at the median and at `staffQuantile` demand. */
  readonly neededAtMedian: number;
  readonly needed: number;
  readonly neededAtAlertQuantile: number;
  readonly capacity?: number;
  /** With `needed` units at median demand. */
  readonly expectedWithinTarget: number;
  readonly expectedMeanWaitMinutes: number;
}

export interface SurgeAlert {
  readonly hour: string;
  readonly resource: string;
  readonly severity: 'warning' | 'critical';
  readonly needed: number;
  readonly capacity: number;
  readonly message: string;
}

export interface StaffingPlan {
  readonly resource: string;
  readonly title: string;
  readonly policy: ResourcePolicy;
  readonly hours: readonly StaffingHour[];
}

/** Default resources: ED clinicians (80 % seen within 30 min, 20-min contacts) and CT slots (90 % within 60 min). */
export const DEFAULT_POLICIES: readonly ResourcePolicy[] = [
  {
    id: 'clinicians',
    title: 'Clinicians',
    demandShare: 1,
    meanServiceMinutes: 20,
    serviceCv: 1,
    targetMinutes: 30,
    serviceLevel: 0.8,
    staffQuantile: 0.8,
  },
  {
    id: 'imaging',
    title: 'CT scanner slots',
    demandShare: 0.3,
    meanServiceMinutes: 15,
    serviceCv: 0.5,
    targetMinutes: 60,
    serviceLevel: 0.9,
    staffQuantile: 0.8,
  },
];

function capacityAt(policy: ResourcePolicy, h: number): number | undefined {
  const cap = policy.capacity;
  if (cap === undefined) return undefined;
  return typeof cap === 'number' ? cap : cap[h];
}

/**
 * Hour-by-hour staffing from a probabilistic arrivals forecast (stationary independent period-by-period, SIPP): units
 * for the `staffQuantile` arrival rate by Erlang C, so forecast uncertainty is carried into the plan; and surge
 * alerts where the units needed at the `alertQuantile` (warning) or the median (critical) exceed capacity.
 */
export function planStaffing(
  forecast: ProbabilisticForecast,
  hourLabels: readonly string[],
  policy: ResourcePolicy,
): { plan: StaffingPlan; alerts: SurgeAlert[] } {
  const median = forecast.quantiles[levelIndex(0.5)]!;
  const staffQ = forecast.quantiles[levelIndex(policy.staffQuantile)]!;
  const alertQ = forecast.quantiles[levelIndex(policy.alertQuantile ?? 0.95)]!;
  const queue = (arrivals: number): QueueInput => ({
    arrivalsPerHour: Math.max(arrivals, 0) * policy.demandShare,
    meanServiceMinutes: policy.meanServiceMinutes,
    ...(policy.serviceCv !== undefined ? { serviceCv: policy.serviceCv } : {}),
  });
  const need = (arrivals: number) =>
    serversNeeded(queue(arrivals), policy.targetMinutes, policy.serviceLevel, policy.minimum ?? 1);
  const hours: StaffingHour[] = [];
  const alerts: SurgeAlert[] = [];
  for (let h = 0; h < forecast.mean.length; h++) {
    const needed = need(staffQ[h]!);
    const neededAtMedian = need(median[h]!);
    const neededAtAlertQuantile = need(alertQ[h]!);
    const capacity = capacityAt(policy, h);
    hours.push({
      hour: hourLabels[h]!,
      medianArrivals: median[h]!,
      staffForArrivals: staffQ[h]!,
      neededAtMedian,
      needed,
      neededAtAlertQuantile,
      ...(capacity !== undefined ? { capacity } : {}),
      expectedWithinTarget: probabilityWaitWithin(needed, queue(median[h]!), policy.targetMinutes),
      expectedMeanWaitMinutes: meanWaitMinutes(needed, queue(median[h]!)),
    });
    if (capacity !== undefined && neededAtAlertQuantile > capacity) {
      const critical = neededAtMedian > capacity;
      alerts.push({
        hour: hourLabels[h]!,
        resource: policy.id,
        severity: critical ? 'critical' : 'warning',
        needed: critical ? neededAtMedian : neededAtAlertQuantile,
        capacity,
        message: critical
          ? `${policy.title}: even median demand needs ${neededAtMedian} (capacity ${capacity})`
          : `${policy.title}: ${Math.round((policy.alertQuantile ?? 0.95) * 100)}th-percentile demand needs ${neededAtAlertQuantile} (capacity ${capacity})`,
      });
    }
  }
  return { plan: { resource: policy.id, title: policy.title, policy, hours }, alerts };
}
