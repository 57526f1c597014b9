import { describe, expect, it } from 'vitest';
import { forecastEngine } from './engine.js';
import { ForecastInputError } from './ingest-error.js';
import { syntheticCsv } from './synthetic.js';

describe('forecastEngine', () => {
  it('forecasts a department from its hourly series, with staffing and provenance', async () => {
    const input = forecastEngine.inputSchema.parse({
      department: 'ed',
      seriesCsv: syntheticCsv('2024-01-01T00:00:00Z', 6 * 168, 4),
      horizon: 24,
    });
    const result = await forecastEngine.run(input);
    expect(result.output.hours).toHaveLength(24);
    for (const hour of result.output.hours) {
      expect(hour.lower95).toBeLessThanOrEqual(hour.median);
      expect(hour.median).toBeLessThanOrEqual(hour.upper95);
    }
    expect(result.output.staffing.map((plan) => plan.resource)).toEqual(
      expect.arrayContaining(['clinicians']),
    );
    expect(result.provenance).toMatchObject({
      engineId: 'forecast.arrivals',
      modelVersion: result.output.model,
    });
    expect(result.explanation.summary).toContain('24 h from');
    // What drove it: the model and the history it was fitted on, and the level against the history.
    expect(result.explanation.rulesFired?.[0]).toMatch(
      /^model count-regression fitted on 1008 hours of history/,
    );
    expect(
      result.explanation.rulesFired?.some((rule) => /forecast mean .* arrivals\/h against/.test(rule)),
    ).toBe(true);
  });

  it('rejects a request without a series', () => {
    const input = forecastEngine.inputSchema.parse({ department: 'ed' });
    expect(() => forecastEngine.run(input)).toThrow(ForecastInputError);
  });
});
