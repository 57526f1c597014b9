import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';

/**
 * A large bad upload gets a bounded, readable problem document: the first 100 field errors and the count of all
 * of them, not an error list larger than the upload (a 12 MB bad FHIR bundle used to get a ~26 MB answer).
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([]);
});
afterAll(() => server.close());

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: { field: string; message: string }[];
  details?: { errorCount: number; errorsShown: number };
}

describe('bounded error lists', () => {
  it('POST /v1/fhir/import of a 11.5 MB bundle with a bad value in every entry: 422 with 100 errors and the count', async () => {
    const entry = (i: number) => ({
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
        valueQuantity: { value: `fast-${i}`, unit: '/min' },
      },
    });
    const count = Math.floor((11.5 * 1024 * 1024) / (JSON.stringify(entry(0)).length + 1));
    const body = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: Array.from({ length: count }, (_, i) => entry(i)),
    });
    expect(body.length).toBeGreaterThan(11 * 1024 * 1024);
    const response = await fetch(`${server.baseUrl}/v1/fhir/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body,
    });
    const text = await response.text();
    expect(response.status).toBe(422);
    expect(text.length).toBeLessThan(32 * 1024);
    const problem = JSON.parse(text) as Problem;
    expect(problem.code).toBe('unprocessable');
    expect(problem.errors).toHaveLength(100);
    expect(problem.errors[0]).toEqual({
      field: '/body/entry/0/resource/valueQuantity/value',
      message: 'must be a number',
    });
    expect(problem.details).toEqual({ errorCount: count, errorsShown: 100 });
    expect(problem.detail).toMatch(new RegExp(`^invalid FHIR bundle: ${count} problems, the first 100: `));
    expect(problem.detail).toMatch(new RegExp(`; and ${count - 100} more$`));
    expect((await server.app.inject({ url: '/v1/cases' })).json()).toMatchObject({ items: [] });
  }, 60_000);

  it('request validation: 1500 bad findings give the first 100 and the count; a few give them all as before', async () => {
    const post = (n: number) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/cases',
        payload: {
          title: 'bad',
          findings: Array.from({ length: n }, (_, i) => ({ conceptId: `c${i}`, status: 'maybe' })),
        },
      });
    const many = await post(1500);
    expect(many.statusCode).toBe(400);
    const problem = many.json() as Problem;
    expect(problem.errors).toHaveLength(100);
    expect(problem.errors[0]?.field).toBe('/body/findings/0/status');
    expect(problem.details).toEqual({ errorCount: 1500, errorsShown: 100 });
    expect(problem.detail).toMatch(
      /^1500 problems, the first 100: \/body\/findings\/0\/status: .*; and 1400 more$/,
    );
    const few = (await post(2)).json() as Problem;
    expect(few.errors.map((e) => e.field)).toEqual(['/body/findings/0/status', '/body/findings/1/status']);
    expect(few.details).toBeUndefined();
    expect(few.detail).toMatch(/^\/body\/findings\/0\/status: .*; \/body\/findings\/1\/status: /);
  });
});
