import { describe, expect, it } from 'vitest';
import type { SurgeAlert } from '../forecast/staffing.js';
import { alertEpisodes } from './alert-episodes.js';

const alert = (
  hour: string,
  severity: 'warning' | 'critical',
  needed: number,
  resource = 'clinicians',
): SurgeAlert => ({
  hour: `2024-03-01T${hour}:00:00.000Z`,
  resource,
  severity,
  needed,
  capacity: 5,
  message: '',
});

describe('alertEpisodes', () => {
  it('groups consecutive hours per resource, critical when any hour is', () => {
    const e = alertEpisodes([
      alert('10', 'warning', 6),
      alert('11', 'critical', 8),
      alert('12', 'warning', 6),
      alert('15', 'warning', 6),
      alert('11', 'warning', 3, 'imaging'),
    ]);
    expect(e).toHaveLength(3);
    expect(e[0]).toMatchObject({
      resource: 'clinicians',
      severity: 'critical',
      start: '2024-03-01T10:00:00.000Z',
      end: '2024-03-01T13:00:00.000Z',
      hours: 3,
      criticalHours: 1,
      peakNeeded: 8,
    });
    expect(e[1]).toMatchObject({ resource: 'imaging', hours: 1, severity: 'warning' });
    expect(e[2]).toMatchObject({ start: '2024-03-01T15:00:00.000Z', hours: 1 });
  });

  it('bridges short quiet gaps when asked', () => {
    const alerts = [alert('10', 'warning', 6), alert('12', 'warning', 6)];
    expect(alertEpisodes(alerts)).toHaveLength(2);
    expect(alertEpisodes(alerts, 1)).toHaveLength(1);
    expect(alertEpisodes([])).toEqual([]);
  });
});
