import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';

const bundle = readFileSync('test/fixtures/fhir-bundle-chest-pain.json', 'utf8');

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([]);
});
afterAll(() => server.close());

const post = (contentType: string, body = bundle) =>
  fetch(`${server.baseUrl}/v1/fhir/import`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });

describe('POST /v1/fhir/import media types', () => {
  it('accepts FHIR’s own media type application/fhir+json (with or without parameters) and application/json', async () => {
    for (const type of [
      'application/fhir+json',
      'application/fhir+json; charset=utf-8',
      'application/fhir+json; fhirVersion=4.0',
      'application/json',
    ]) {
      const response = await post(type);
      expect(response.status, type).toBe(201);
      expect(((await response.json()) as { patient: unknown }).patient, type).toBeDefined();
    }
  });

  it('reads application/fhir+json as strictly as JSON: malformed is a 400, a __proto__ key is refused', async () => {
    expect((await post('application/fhir+json', '{"resourceType":')).status).toBe(400);
    expect(
      (await post('application/fhir+json', '{"resourceType":"Bundle","__proto__":{"x":1}}')).status,
    ).toBe(400);
  });

  it('still refuses other media types with 415', async () => {
    expect((await post('application/fhir+xml', '<Bundle/>')).status).toBe(415);
  });
});
