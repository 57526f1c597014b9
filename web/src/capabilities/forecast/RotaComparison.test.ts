import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { syntheticCsv } from '../../../../src/forecast/synthetic.js';
import { evaluateStaffingCsv } from '../../../../src/operations/staffing-eval.js';
import { RotaTable } from './RotaComparison.js';

describe('RotaTable', () => {
  it('shows each rota’s simulated waits and the common staff-hours', () => {
    const result = evaluateStaffingCsv(syntheticCsv('2024-01-01T00:00:00Z', 5 * 168, 2, 8), {
      testStart: '2024-01-29',
      weeks: 1,
      seeds: 2,
      model: 'hour-of-week',
    });
    const html = renderToStaticMarkup(createElement(RotaTable, { result }));
    expect(html).toContain(`every rota has ${result.staff_hours} staff-hours`);
    expect(html).toContain('Forecast-driven (proposed)');
    expect(html).toContain(`${result.rotas.flat.mean_wait_min.toFixed(1)} min`);
    expect(html).toContain(`${result.rotas.forecast.p90_wait_min.toFixed(1)} min`);
  });

  it('puts the current rota, as entered, above the three when one was given', () => {
    const result = evaluateStaffingCsv(syntheticCsv('2024-01-01T00:00:00Z', 5 * 168, 2, 8), {
      testStart: '2024-01-29',
      weeks: 1,
      seeds: 2,
      model: 'hour-of-week',
      currentRota: Array.from({ length: 24 }, (_, h) => (h < 8 ? 2 : 4)),
    });
    const html = renderToStaticMarkup(createElement(RotaTable, { result }));
    expect(html.indexOf('Current (as entered)')).toBeGreaterThan(0);
    expect(html.indexOf('Current (as entered)')).toBeLessThan(html.indexOf('Flat (same staff every hour)'));
    expect(html).toContain(`${result.current?.mean_wait_min.toFixed(1)} min`);
    expect(html).toContain('2–4');
    expect(html).toContain('than with the current rota');
  });
});
