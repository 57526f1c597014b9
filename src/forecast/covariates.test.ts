import { describe, expect, it } from 'vitest';
import { alignAsOf, mmwrWeekEndMs, parseCovariateCsv, parseIliNet } from './covariates.js';

const H = 3_600_000;

describe('covariates as of their availability', () => {
  it('places each value from the hour it became available and carries it forward', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const aligned = alignAsOf(
      [
        { availableMs: start + 2 * H, value: 5 },
        { availableMs: start + 4 * H + 1, value: 7 },
      ],
      start,
      7,
    );
    expect(Array.from(aligned)).toEqual([Number.NaN, Number.NaN, 5, 5, 5, 7, 7]);
  });

  it('reads a covariate CSV with a per-name lag, naming bad rows', () => {
    const byName = parseCovariateCsv('timestamp,temp,ili\n2024-01-01T00:00Z,3.5,\n2024-01-01T01:00Z,4,1.2', {
      lagHours: { ili: 24 },
    });
    expect(byName.get('temp')).toHaveLength(2);
    expect(byName.get('ili')).toEqual([{ availableMs: Date.parse('2024-01-02T01:00Z'), value: 1.2 }]);
    expect(() => parseCovariateCsv('timestamp,temp\n2024-01-01T00:00Z,warm')).toThrow(
      /row 2 \(temp\): 'warm'/,
    );
  });

  it('dates MMWR weeks and makes ILINet available only after publication', () => {
    expect(new Date(mmwrWeekEndMs(2017, 1)).toISOString().slice(0, 10)).toBe('2017-01-07');
    expect(new Date(mmwrWeekEndMs(2016, 1)).toISOString().slice(0, 10)).toBe('2016-01-09');
    expect(new Date(mmwrWeekEndMs(2015, 1)).toISOString().slice(0, 10)).toBe('2015-01-10');
    const text = [
      'REGION TYPE,REGION,YEAR,WEEK,% WEIGHTED ILI,%UNWEIGHTED ILI',
      'HHS Regions,Region 7,2017,1,3.1,3.0',
      'HHS Regions,Region 6,2017,1,5.0,5.0',
      'HHS Regions,Region 7,2017,2,X,X',
    ].join('\n');
    const points = parseIliNet(text, 'Region 7');
    expect(points).toHaveLength(1);
    // Week ending Saturday 7 January 2017, available from Sunday 8 January + 7 days.
    expect(new Date(points[0]!.availableMs).toISOString()).toBe('2017-01-15T00:00:00.000Z');
  });
});
