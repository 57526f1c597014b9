import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './ingest-error.js';
import { ingestHourlyCsv } from './ingest-hourly.js';

const csv = (...rows: string[]) => ['timestamp,count', ...rows].join('\n');

function errorOf(work: () => unknown): ForecastInputError {
  try {
    work();
  } catch (error) {
    if (error instanceof ForecastInputError) return error;
    throw error;
  }
  throw new Error('expected a ForecastInputError');
}

describe('hourly count ingest', () => {
  it('reads a clean series onto a UTC hour grid', () => {
    const { series, report } = ingestHourlyCsv(
      csv('2024-01-01T00:00:00Z,3', '2024-01-01T01:00:00Z,5', '2024-01-01T02:00Z,0'),
    );
    expect(Array.from(series.counts)).toEqual([3, 5, 0]);
    expect(series.startMs).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(report).toMatchObject({
      rows: 3,
      hours: 3,
      missingHours: 0,
      gapRepair: 'none',
      duplicateRowsDropped: 0,
    });
  });

  it('fills missing hours from one week (else one day) earlier and reports them', () => {
    const rows: string[] = [];
    for (let h = 0; h < 30; h++)
      if (h !== 26)
        rows.push(
          `2024-01-01T${String(h % 24).padStart(2, '0')}:00:00Z`.replace('01T', h < 24 ? '01T' : '02T') +
            `,${h}`,
        );
    const { series, report } = ingestHourlyCsv(csv(...rows));
    expect(report.missingHours).toBe(1);
    expect(report.missingExamples).toEqual(['2024-01-02T02:00:00.000Z']);
    expect(series.counts[26]).toBe(2); // the same hour one day earlier
    expect(series.imputed?.[26]).toBe(1);
    expect(report.warnings.join(' ')).toMatch(/1 missing hours filled/);
  });

  it('drops an exact duplicate row, but rejects a conflicting one naming both rows', () => {
    const { report } = ingestHourlyCsv(
      csv('2024-01-01T00:00Z,3', '2024-01-01T00:00Z,3', '2024-01-01T01:00Z,4'),
    );
    expect(report.duplicateRowsDropped).toBe(1);
    const error = errorOf(() => ingestHourlyCsv(csv('2024-01-01T00:00Z,3', '2024-01-01T00:00Z,4')));
    expect(error.message).toMatch(/row 3: .*appears twice with different counts \(rows 2 and 3\)/);
  });

  it('names the row for out-of-order, negative, text and fractional counts, and bad timestamps', () => {
    expect(errorOf(() => ingestHourlyCsv(csv('2024-01-01T05:00Z,3', '2024-01-01T04:00Z,3'))).message).toMatch(
      /^row 3 \(timestamp\): timestamps out of order/,
    );
    expect(
      errorOf(() => ingestHourlyCsv(csv('2024-01-01T00:00Z,3', '2024-01-01T01:00Z,-2'))).message,
    ).toMatch(/^row 3 \(count\): negative count -2/);
    expect(errorOf(() => ingestHourlyCsv(csv('2024-01-01T00:00Z,many'))).message).toMatch(
      /^row 2 \(count\): 'many' is not a number/,
    );
    expect(errorOf(() => ingestHourlyCsv(csv('2024-01-01T00:00Z,2.5'))).message).toMatch(
      /not a whole number/,
    );
    expect(errorOf(() => ingestHourlyCsv(csv('01/02/2024 10:00,2'))).message).toMatch(
      /^row 2 \(timestamp\): .*not an ISO 8601/,
    );
    expect(errorOf(() => ingestHourlyCsv(csv('2024-01-01T00:30Z,2'))).message).toMatch(/not on the hour/);
    expect(errorOf(() => ingestHourlyCsv('time,n\n2024-01-01T00:00Z,1')).message).toMatch(
      /^row 1: header must have/,
    );
  });

  it('reads naive local hours across daylight-saving changes in a time zone', () => {
    // Clocks go back in London at 02:00 BST on 28 October 2018: local 01:00 occurs twice.
    const back = ingestHourlyCsv(
      csv('2018-10-28T00:00,1', '2018-10-28T01:00,2', '2018-10-28T01:00,3', '2018-10-28T02:00,4'),
      { timeZone: 'Europe/London' },
    );
    expect(Array.from(back.series.counts)).toEqual([1, 2, 3, 4]);
    expect(back.report.daylightSavingNotes).toHaveLength(1);
    expect(back.report.missingHours).toBe(0);
    // Clocks go forward on 25 March 2018: local 01:00 does not exist; 00:00 and 02:00 are consecutive hours.
    const forward = ingestHourlyCsv(csv('2018-03-25T00:00,1', '2018-03-25T02:00,2'), {
      timeZone: 'Europe/London',
    });
    expect(Array.from(forward.series.counts)).toEqual([1, 2]);
    expect(
      errorOf(() => ingestHourlyCsv(csv('2018-03-25T01:00,1'), { timeZone: 'Europe/London' })).message,
    ).toMatch(/does not exist in Europe\/London/);
  });
});
