import { describe, expect, it } from 'vitest';
import {
  displayZone,
  FORECAST_ZONE,
  formatHourInZone,
  formatInZone,
  holidayCountryForZone,
  loadZoneSetting,
  saveZoneSetting,
  ZONE_STORAGE_KEY,
  zoneChoices,
} from './time-format.js';

describe('formatInZone', () => {
  it('writes a readable local time with the zone, following daylight saving', () => {
    // 14 Mar 2023 is a Tuesday; London is on GMT then, on BST (UTC+1) in July.
    expect(formatInZone('2023-03-14T14:00:00Z', 'Europe/London')).toBe('Tue 14 Mar, 14:00 (Europe/London)');
    expect(formatInZone('2023-07-04T14:00:00Z', 'Europe/London')).toBe('Tue 4 Jul, 15:00 (Europe/London)');
    expect(formatInZone('2023-03-14T14:00:00Z', 'America/Chicago', { withYear: true })).toBe(
      'Tue 14 Mar 2023, 09:00 (America/Chicago)',
    );
    expect(formatHourInZone('2023-03-14T23:00:00Z', 'Asia/Tokyo')).toBe('Wed 15, 08:00');
  });

  it('keeps the ISO text for an unknown zone or a non-date rather than showing a wrong time', () => {
    expect(formatInZone('2023-03-14T14:00:00Z', 'Mars/Olympus')).toBe('2023-03-14T14:00:00Z');
    expect(formatInZone('not a date', 'UTC')).toBe('not a date');
  });
});

describe('zone setting', () => {
  it('resolves to the forecast’s zone unless a known zone is chosen', () => {
    expect(displayZone(FORECAST_ZONE, 'Europe/London')).toBe('Europe/London');
    expect(displayZone('America/Chicago', 'Europe/London')).toBe('America/Chicago');
    expect(displayZone('Nowhere/Else', 'Europe/London')).toBe('Europe/London');
  });

  it('is stored and read back, ignoring unknown values', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
    };
    expect(loadZoneSetting(storage)).toBe(FORECAST_ZONE);
    saveZoneSetting(storage, 'Asia/Tokyo');
    expect(map.get(ZONE_STORAGE_KEY)).toBe('Asia/Tokyo');
    expect(loadZoneSetting(storage)).toBe('Asia/Tokyo');
    map.set(ZONE_STORAGE_KEY, 'Bogus/Zone');
    expect(loadZoneSetting(storage)).toBe(FORECAST_ZONE);
    expect(loadZoneSetting(undefined)).toBe(FORECAST_ZONE);
  });

  it('offers the browser’s and department’s zones first, without duplicates', () => {
    const choices = zoneChoices('America/Chicago', ['Europe/London', 'America/Chicago']);
    expect(choices.slice(0, 3)).toEqual(['America/Chicago', 'Europe/London', 'UTC']);
    expect(new Set(choices).size).toBe(choices.length);
  });
});

describe('holidayCountryForZone', () => {
  it('maps zones to the calendars the forecast API has, and nothing else', () => {
    expect(holidayCountryForZone('Europe/London')).toBe('GB-EAW');
    expect(holidayCountryForZone('America/Chicago')).toBe('US');
    expect(holidayCountryForZone('America/Indiana/Indianapolis')).toBe('US');
    expect(holidayCountryForZone('Pacific/Honolulu')).toBe('US');
    expect(holidayCountryForZone('America/Toronto')).toBe('none');
    expect(holidayCountryForZone('Europe/Dublin')).toBe('none');
    expect(holidayCountryForZone('UTC')).toBe('none');
  });
});
