import type { SurgeAlert } from '../forecast/staffing.js';

const HOUR_MS = 3_600_000;

/** Consecutive surge-alert hours of one resource, as one episode. */
export interface AlertEpisode {
  readonly resource: string;
  /** `critical` when any hour in it is critical (even median demand exceeds capacity). */
  readonly severity: 'warning' | 'critical';
  /** First hour (ISO, UTC) and the end of the last hour (exclusive). */
  readonly start: string;
  readonly end: string;
  readonly hours: number;
  readonly criticalHours: number;
  /** Most units needed in any hour of the episode, and the capacity then. */
  readonly peakNeeded: number;
  readonly capacityAtPeak: number;
}

/**
 * Groups surge alerts into episodes: per resource, alerts whose hours follow each other (at most `gapHours` quiet
 * hours between them) form one episode. Episodes are ordered by start, critical first at equal start.
 */
export function alertEpisodes(alerts: readonly SurgeAlert[], gapHours = 0): AlertEpisode[] {
  const byResource = new Map<string, SurgeAlert[]>();
  for (const a of alerts) byResource.set(a.resource, [...(byResource.get(a.resource) ?? []), a]);
  const episodes: AlertEpisode[] = [];
  for (const [resource, list] of byResource) {
    const sorted = [...list].sort((a, b) => Date.parse(a.hour) - Date.parse(b.hour));
    let current: SurgeAlert[] = [];
    const flush = () => {
      if (current.length === 0) return;
      const peak = current.reduce((p, a) => (a.needed > p.needed ? a : p));
      const critical = current.filter((a) => a.severity === 'critical').length;
      const first = Date.parse(current[0]!.hour);
      const last = Date.parse(current[current.length - 1]!.hour);
      episodes.push({
        resource,
        severity: critical > 0 ? 'critical' : 'warning',
        start: new Date(first).toISOString(),
        end: new Date(last + HOUR_MS).toISOString(),
        hours: current.length,
        criticalHours: critical,
        peakNeeded: peak.needed,
        capacityAtPeak: peak.capacity,
      });
      current = [];
    };
    for (const a of sorted) {
      const prev = current[current.length - 1];
      if (prev && Date.parse(a.hour) - Date.parse(prev.hour) > (gapHours + 1) * HOUR_MS) flush();
      current.push(a);
    }
    flush();
  }
  return episodes.sort(
    (a, b) =>
      Date.parse(a.start) - Date.parse(b.start) ||
      (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1),
  );
}
