import { describe, expect, it } from 'vitest';
import { forecastDepartment } from './department-forecast.js';
import type { HourlySeries } from './hourly-series.js';
import { negativeBinomialForecast } from './model.js';
import { DEFAULT_POLICIES, planStaffing } from './staffing.js';
import { syntheticCounts } from './synthetic.js';

describe('staffing and surge alerts', () => {
  const clinicians = DEFAULT_POLICIES[0]!;
  const labels = ['2024-01-01T10:00:00.000Z', '2024-01-01T11:00:00.000Z'];

  it('staffs more for the 95th than the 80th percentile, carrying uncertainty through', () => {
    const forecast = negativeBinomialForecast(Float64Array.of(6, 15), 0.05);
    const at80 = planStaffing(forecast, labels, clinicians).plan.hours;
    const at95 = planStaffing(forecast, labels, { ...clinicians, staffQuantile: 0.95 }).plan.hours;
    expect(at80[1]!.needed).toBeGreaterThan(at80[0]!.needed);
    expect(at95[1]!.needed).toBeGreaterThanOrEqual(at80[1]!.needed);
    expect(at80[1]!.needed).toBeGreaterThanOrEqual(at80[1]!.neededAtMedian);
    expect(at80[0]!.expectedWithinTarget).toBeGreaterThanOrEqual(0.8);
  });

  it('raises a warning when the upper forecast exceeds capacity and a critical alert when the median does', () => {
    const forecast = negativeBinomialForecast(Float64Array.of(6, 15), 0.05);
    const needs = planStaffing(forecast, labels, clinicians).plan.hours;
    const capacity = needs[1]!.neededAtAlertQuantile - 1;
    const { alerts } = planStaffing(forecast, labels, { ...clinicians, capacity: [capacity + 10, capacity] });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.hour).toBe(labels[1]);
    expect(alerts[0]!.severity).toBe(capacity < needs[1]!.neededAtMedian ? 'critical' : 'warning');
    const critical = planStaffing(forecast, labels, { ...clinicians, capacity: 1 }).alerts;
    expect(critical.every((a) => a.severity === 'critical')).toBe(true);
  });

  it('forecasts a department 72 h ahead with staffing for clinicians and imaging', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const series: HourlySeries = {
      department: 'ed',
      startMs: start,
      counts: syntheticCounts(start, 12 * 168),
      timeZone: 'UTC',
    };
    const f = forecastDepartment(series, { horizon: 72, country: 'GB-EAW' });
    expect(f.hours).toHaveLength(72);
    expect(f.origin).toBe(new Date(start + 12 * 168 * 3_600_000).toISOString());
    expect(f.staffing.map((s) => s.resource)).toEqual(['clinicians', 'imaging']);
    for (const h of f.hours) {
      expect(h.lower95).toBeLessThanOrEqual(h.lower80);
      expect(h.lower80).toBeLessThanOrEqual(h.median);
      expect(h.median).toBeLessThanOrEqual(h.upper80);
      expect(h.upper80).toBeLessThanOrEqual(h.upper95);
    }
    expect(() => forecastDepartment({ ...series, counts: series.counts.subarray(0, 200) })).toThrow(
      /series too short: 200 hours/,
    );
    expect(() => forecastDepartment(series, { horizon: 500 })).toThrow(/horizon/);
  });
});
