import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { evaluateStaffingCsv } from './staffing-eval.js';

describeWithDataset(
  'staffing evaluation on the real UK ED series',
  ['forecasting', 'rostamitabar_uk_ed_hourly_2014-2019.csv'],
  (path) => {
    const csv = readFileSync(path, 'utf8').replace(/^arrival_1h,n_attendance/, 'timestamp,count');

    it('simulates two weeks of real arrivals: every rota at the same staff-hours, shaped rotas ahead of flat', () => {
      // The hour-of-week model keeps the test fast; the benchmark uses the count regression.
      const r = evaluateStaffingCsv(csv, {
        testStart: '2018-08-01',
        weeks: 2,
        seeds: 2,
        model: 'hour-of-week',
      });
      expect(r.patients).toBeGreaterThan(2 * 7 * 24 * 10);
      for (const rota of Object.values(r.rotas)) expect(rota.staff_hours).toBe(r.staff_hours);
      expect(r.rotas.template.mean_wait_min).toBeLessThan(r.rotas.flat.mean_wait_min);
      expect(r.rotas.forecast.mean_wait_min).toBeLessThan(r.rotas.flat.mean_wait_min);
    });
  },
);
