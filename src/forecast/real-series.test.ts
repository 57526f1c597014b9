import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { buildCalendar } from './calendar.js';
import { ingestHourlyCsv } from './ingest-hourly.js';
import { countRegressionModel } from './models/count-regression.js';
import { hourOfWeekModel } from './models/hour-of-week.js';

describeWithDataset(
  'forecast on the real UK ED series',
  ['forecasting', 'rostamitabar_uk_ed_hourly_2014-2019.csv'],
  (path) => {
    const text = readFileSync(path, 'utf8').replace(/^arrival_1h,n_attendance/, 'timestamp,count');
    const { series, report } = ingestHourlyCsv(text);

    it('ingests without gaps or repairs', () => {
      expect(report).toMatchObject({ missingHours: 0, duplicateRowsDropped: 0, gapRepair: 'none' });
      expect(report.firstHour).toBe('2014-04-01T00:00:00.000Z');
    });

    it('is UK wall-clock time despite its Z labels: the spring-forward hour is always empty', () => {
      for (const hour of ['2015-03-29T01', '2016-03-27T01', '2017-03-26T01', '2018-03-25T01']) {
        const i = (Date.parse(`${hour}:00:00Z`) - series.startMs) / 3_600_000;
        expect(series.counts[i]).toBe(0);
      }
    });

    it('forecasts four weeks of days with calibrated 80 % intervals and no worse than the baseline', () => {
      const model = countRegressionModel();
      const baseline = hourOfWeekModel();
      const n = series.counts.length;
      let covered = 0;
      let hours = 0;
      let modelAbs = 0;
      let baselineAbs = 0;
      const calendar = buildCalendar(series.startMs, n, { timeZone: 'UTC', country: 'GB-EAW' });
      for (let origin = n - 28 * 24; origin + 24 <= n; origin += 24 * 4) {
        const input = {
          history: series.counts.subarray(0, origin),
          startMs: series.startMs,
          calendar,
          horizon: 24,
        };
        const f = model.forecast(input);
        const b = baseline.forecast(input);
        for (let h = 0; h < 24; h++) {
          const y = series.counts[origin + h]!;
          if (y >= f.quantiles[2]![h]! && y <= f.quantiles[18]![h]!) covered++;
          modelAbs += Math.abs(y - f.mean[h]!);
          baselineAbs += Math.abs(y - b.mean[h]!);
          hours++;
        }
      }
      expect(covered / hours).toBeGreaterThan(0.7);
      expect(covered / hours).toBeLessThan(0.9);
      expect(modelAbs).toBeLessThan(baselineAbs * 1.05);
    });
  },
);
