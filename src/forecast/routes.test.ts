import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { forecastCapability } from './capability.js';
import { syntheticCounts } from './synthetic.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([forecastCapability]);
});
afterAll(async () => {
  await server.close();
});

const start = Date.parse('2024-01-01T00:00:00Z');
const counts = syntheticCounts(start, 6 * 168, 9);
const series = Array.from(counts, (count, i) => ({
  timestamp: new Date(start + i * 3_600_000).toISOString(),
  count,
}));

describe('forecast HTTP API', () => {
  it('POST /v1/forecasts returns and stores a forecast with staffing and alerts; GET routes read it', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: {
        department: 'ed-main',
        series,
        horizon: 48,
        country: 'GB-EAW',
        resources: [{ id: 'clinicians', capacity: 2 }],
      },
    });
    expect(response.statusCode).toBe(200);
    const [forecast] = response.json().items;
    expect(forecast.department).toBe('ed-main');
    expect(forecast.hours).toHaveLength(48);
    expect(forecast.quantileLevels).toHaveLength(21);
    expect(forecast.staffing[0].hours[12].needed).toBeGreaterThan(2);
    expect(forecast.alerts.length).toBeGreaterThan(0);
    expect(forecast.ingest.hours).toBe(6 * 168);

    const byId = await server.app.inject({ method: 'GET', url: `/v1/forecasts/${forecast.id}` });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().origin).toBe(forecast.origin);
    const list = await server.app.inject({ method: 'GET', url: '/v1/forecasts?department=ed-main' });
    expect(list.json().items[0]).toMatchObject({ id: forecast.id, department: 'ed-main', horizon: 48 });
    const latest = await server.app.inject({ method: 'GET', url: '/v1/departments/ed-main/forecast' });
    expect(latest.json().id).toBe(forecast.id);

    // A department id alone refits its stored series.
    const again = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: { department: 'ed-main', horizon: 24 },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().items[0].origin).toBe(forecast.origin);
    expect(again.json().items[0].hours).toHaveLength(24);
  });

  it('rejects unknown fields, bad rows and unknown departments with problem documents', async () => {
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: { department: 'x', series, extra: 1 },
    });
    expect(unknown.statusCode).toBe(400);
    const bad = series.slice(0, 400).map((p, i) => (i === 10 ? { ...p, count: -3 } : p));
    const negative = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: { department: 'x', series: bad },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().detail).toMatch(/row 12 \(count\): negative count -3/);
    const short = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: { department: 'x', series: series.slice(0, 100) },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().detail).toMatch(/series too short/);
    const missing = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: { department: 'nowhere' },
    });
    expect(missing.statusCode).toBe(404);
    const none = await server.app.inject({ method: 'GET', url: '/v1/departments/nowhere/forecast' });
    expect(none.statusCode).toBe(404);
  });

  it('forecasts each department of a FHIR Encounter bundle', async () => {
    const entry = [];
    let id = 0;
    for (let i = 0; i < counts.length; i++) {
      for (let k = 0; k < counts[i]!; k++) {
        entry.push({
          resource: {
            resourceType: 'Encounter',
            id: String(id++),
            status: 'finished',
            class: { code: 'EMER' },
            serviceType: { coding: [{ code: k % 2 ? 'minors' : 'majors' }] },
            period: { start: new Date(start + i * 3_600_000 + 60_000 * k).toISOString() },
          },
        });
      }
    }
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/forecasts',
      payload: {
        department: 'ed',
        encounters: { resourceType: 'Bundle', type: 'collection', entry },
        horizon: 24,
        store: false,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((f: { department: string }) => f.department)).toEqual([
      'ed.majors',
      'ed.minors',
    ]);
  });
});
