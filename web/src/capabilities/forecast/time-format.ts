/**
 * Time-zone helpers of the operations page: readable local times in a chosen IANA zone, the zone setting kept in
 * localStorage, and the public-holiday calendar that goes with a zone.
 */

/** The setting value meaning "each forecast's own (department) zone". */
export const FORECAST_ZONE = 'forecast';

/** localStorage key of the page's time-zone setting. */
export const ZONE_STORAGE_KEY = 'healthgpt.operations.timeZone';

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  if (zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The parts of `iso` as a clock in `zone` shows them (24-hour), read by type; undefined when `iso` is not a date
 * or the zone is unknown here (the callers then show the ISO text, never a time in the wrong zone).
 */
function zonedParts(
  iso: string,
  zone: string,
  fields: Intl.DateTimeFormatOptions,
): ((type: Intl.DateTimeFormatPartTypes) => string) | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || !isKnownZone(zone)) return undefined;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    ...fields,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

/**
 * A readable time in `zone`: `Tue 14 Mar, 14:00 (Europe/London)`, with the year when `withYear`. The ISO text as it
 * came when it is not a date or the zone is unknown here (never a time in the wrong zone).
 */
export function formatInZone(iso: string, zone: string, options: { withYear?: boolean } = {}): string {
  const get = zonedParts(iso, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(options.withYear ? { year: 'numeric' as const } : {}),
  });
  if (!get) return iso;
  const year = options.withYear ? ` ${get('year')}` : '';
  return `${get('weekday')} ${get('day')} ${get('month')}${year}, ${get('hour')}:${get('minute')} (${zone})`;
}

/** Weekday, day of month and time of day (`Tue 14, 14:00`) in `zone`; the ISO text if the zone is unknown. */
export function formatHourInZone(iso: string, zone: string): string {
  const get = zonedParts(iso, zone, { weekday: 'short', day: 'numeric' });
  return get ? `${get('weekday')} ${get('day')}, ${get('hour')}:${get('minute')}` : iso;
}

/** The zone a setting resolves to for one forecast: the setting, or the forecast's own zone. */
export function displayZone(setting: string, forecastZone: string): string {
  return setting === FORECAST_ZONE || !isKnownZone(setting) ? forecastZone : setting;
}

/**
 * Zones of the United States as IANA names them (the forecast module has a US federal calendar). Zones of other
 * countries in the Americas (America/Toronto, America/Mexico_City, …) are deliberately absent.
 */
const US_ZONES = new Set([
  'America/New_York',
  'America/Detroit',
  'America/Chicago',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'America/Menominee',
  'Pacific/Honolulu',
  'US/Eastern',
  'US/Central',
  'US/Mountain',
  'US/Pacific',
  'US/Alaska',
  'US/Hawaii',
  'US/Arizona',
]);

/**
 * The public-holiday calendar the forecast API has for a zone: `GB-EAW` (England and Wales) for Europe/London,
 * `US` for United States zones, otherwise `none` (no calendar for that country here). Europe/London also covers
 * Scotland and Northern Ireland, whose bank holidays differ: the page lets the user override the choice.
 */
export function holidayCountryForZone(zone: string): 'US' | 'GB-EAW' | 'none' {
  if (zone === 'Europe/London' || zone === 'GB') return 'GB-EAW';
  if (US_ZONES.has(zone) || zone.startsWith('America/Indiana/') || zone.startsWith('America/Kentucky/'))
    return 'US';
  if (zone.startsWith('America/North_Dakota/')) return 'US';
  return 'none';
}

/** The zones offered: the browser's and the department's first, then every zone the runtime lists (deduplicated). */
export function zoneChoices(browserZone: string | undefined, departmentZones: readonly string[]): string[] {
  const all =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['UTC', 'Europe/London'];
  const first = [browserZone, ...departmentZones, 'UTC'].filter(
    (z): z is string => z !== undefined && isKnownZone(z),
  );
  return [...new Set([...first, ...all])];
}

/** The browser's own zone, if it says. */
export function browserZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isKnownZone(zone) ? zone : undefined;
  } catch {
    return undefined;
  }
}

/** The stored setting (a known zone or {@link FORECAST_ZONE}); the forecast's zone when nothing valid is stored. */
export function loadZoneSetting(storage: Pick<Storage, 'getItem'> | undefined): string {
  try {
    const value = storage?.getItem(ZONE_STORAGE_KEY);
    if (value && (value === FORECAST_ZONE || isKnownZone(value))) return value;
  } catch {
    // storage unavailable (private mode, tests): fall back
  }
  return FORECAST_ZONE;
}

export function saveZoneSetting(storage: Pick<Storage, 'setItem'> | undefined, value: string): void {
  try {
    storage?.setItem(ZONE_STORAGE_KEY, value);
  } catch {
    // not persisted; the page still uses it
  }
}
