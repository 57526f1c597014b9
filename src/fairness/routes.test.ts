import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { fairnessCapability } from './capability.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([fairnessCapability]);
});
afterAll(async () => server.close());

describe('/v1/fairness', () => {
  it('audits any engine, stores the report and raises an alert for the flagged group only', async () => {
    const items = [
      ...Array.from({ length: 60 }, (_, i) => ({
        correct: i < 58,
        attributes: { sex: 'M' },
        confidence: 0.9,
      })),
      ...Array.from({ length: 60 }, (_, i) => ({
        correct: i < 30,
        attributes: { sex: 'F' },
        confidence: 0.9,
      })),
    ];
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/fairness/audit',
      payload: { engine: 'risk.example', items },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().alerts).toBe(1);
    const alerts = (await server.app.inject({ method: 'GET', url: '/v1/fairness/alerts' })).json().items;
    expect(alerts).toEqual([
      expect.objectContaining({ engine: 'risk.example', attribute: 'sex', value: 'F', metric: 0.5 }),
    ]);
    const reports = (await server.app.inject({ method: 'GET', url: '/v1/fairness/reports' })).json().items;
    expect(reports[0]).toMatchObject({ engine: 'risk.example', flagged: ['sex F'] });
  });

  it('refuses bad input with pointers: no items, a CSV that is not DDXPlus', async () => {
    const empty = await server.app.inject({
      method: 'POST',
      url: '/v1/fairness/audit',
      payload: { engine: 'x', items: [] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('/body/items');
    const csv = await server.app.inject({
      method: 'POST',
      url: '/v1/fairness/diagnosis',
      payload: { csv: 'a,b\n1,2\n' },
    });
    expect(csv.statusCode).toBe(400);
    expect(csv.json().detail).toContain('missing column');
  });

  it('is closed to roles that do not review model quality', async () => {
    const device = server.tokenFor('device');
    const response = await server.app.inject({
      method: 'GET',
      url: '/v1/fairness/alerts',
      headers: { authorization: `Bearer ${device}` },
    });
    expect(response.statusCode).toBe(403);
  });
});
