import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './ingest-error.js';
import { ingestHourlyCsv } from './ingest-hourly.js';
import { MAX_SERIES_HOURS } from './limits.js';
import { forecastRequestSchema } from './request.js';

describe('forecast input bounds', () => {
  // How long the refusal takes is measured by `npm run bench:guards`, not asserted here.
  it('refuses a two-row CSV spanning year 1 to 9999, before allocating the span', () => {
    const csv = 'timestamp,count\n0001-01-01T00:00:00Z,1\n9999-12-31T23:00:00Z,1\n';
    expect(() => ingestHourlyCsv(csv)).toThrow(ForecastInputError);
    expect(() => ingestHourlyCsv(csv)).toThrow(/limit is \d+ hours/);
  });

  it('accepts a span at the limit and refuses one hour more', () => {
    const start = Date.parse('2015-01-01T00:00:00Z');
    const at = (h: number) => new Date(start + h * 3_600_000).toISOString();
    expect(ingestHourlyCsv(`timestamp,count\n${at(0)},1\n${at(MAX_SERIES_HOURS - 1)},2\n`).report.hours).toBe(
      MAX_SERIES_HOURS,
    );
    expect(() => ingestHourlyCsv(`timestamp,count\n${at(0)},1\n${at(MAX_SERIES_HOURS)},2\n`)).toThrow(
      /limit/,
    );
  });

  it('refuses absurd counts (1e300) instead of forecasting from them', () => {
    expect(() => ingestHourlyCsv('timestamp,count\n2024-01-01T00:00:00Z,1e300\n')).toThrow(/plausible/);
    const parsed = forecastRequestSchema.safeParse({
      department: 'ed',
      series: [{ timestamp: '2024-01-01T00:00:00Z', count: 1e300 }],
    });
    expect(parsed.success).toBe(false);
  });
});
