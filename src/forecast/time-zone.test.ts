import { describe, expect, it } from 'vitest';
import { localHourToUtc, localParts } from './time-zone.js';

describe('time zones and daylight saving', () => {
  it('reads local wall-clock parts (Monday = 0)', () => {
    expect(localParts(Date.parse('2018-07-01T12:00:00Z'), 'Europe/London')).toEqual({
      year: 2018,
      month: 7,
      day: 1,
      hour: 13,
      weekday: 6,
    });
    expect(localParts(Date.parse('2018-01-01T05:00:00Z'), 'America/Chicago').hour).toBe(23);
  });

  it('maps a skipped local hour to nothing and a repeated one to two instants', () => {
    expect(localHourToUtc(2018, 3, 25, 1, 'Europe/London')).toEqual([]);
    expect(localHourToUtc(2018, 10, 28, 1, 'Europe/London')).toEqual([
      Date.parse('2018-10-28T00:00:00Z'),
      Date.parse('2018-10-28T01:00:00Z'),
    ]);
    expect(localHourToUtc(2018, 6, 1, 9, 'America/Chicago')).toEqual([Date.parse('2018-06-01T14:00:00Z')]);
  });
});
