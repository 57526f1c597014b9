import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([]);
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: object) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers.
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('one path from a note to the case', () => {
  it('creates a case from a note: findings, values, age and sex read, the note kept', async () => {
    const created = await call('POST', '/v1/cases/from-note', {
      title: 'Cough clinic',
      text: '45 yo F with cough for 3 days. No fever. T 38.6 C.',
    });
    expect(created.status).toBe(201);
    const theCase = created.json.case;
    expect(theCase.patient).toMatchObject({ ageYears: 45, sex: 'female' });
    expect(theCase.findings.map((f: { conceptId: string }) => f.conceptId)).toContain('cough');
    expect(theCase.observations.length).toBeGreaterThan(0);
    expect(theCase.note).toContain('45 yo F with cough');
    expect(created.json.added.findings).toBe(theCase.findings.length);
  });

  it('adds a note to an existing case, keeping what it had and the earlier note', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'Chest pain',
      patient: { ageYears: 60 },
      findings: [{ conceptId: 'cough', status: 'present' }],
      observations: [],
      images: [],
      note: 'First note.',
    });
    const id = created.json.id as string;
    const added = await call('POST', `/v1/cases/${id}/notes`, { text: 'Cough and haemoptysis. No fever.' });
    expect(added.status).toBe(200);
    const concepts = added.json.case.findings.map((f: { conceptId: string }) => f.conceptId);
    expect(concepts.filter((c: string) => c === 'cough')).toHaveLength(1);
    expect(added.json.added.findings).toBe(added.json.case.findings.length - 1);
    expect(added.json.case.patient.ageYears).toBe(60);
    expect(added.json.case.note).toMatch(
      /^First note\.\n\n\[\d{4}-\d\d-\d\d \d\d:\d\d UTC\]\nCough and haemoptysis/,
    );
    expect((await call('POST', '/v1/cases/nope/notes', { text: 'x' })).status).toBe(404);
    expect((await call('POST', `/v1/cases/${id}/notes`, { text: '' })).status).toBe(400);
  });

  it('sets interview answers as findings, replacing the same concept', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'Fever?',
      patient: {},
      findings: [
        { conceptId: 'fever', status: 'unknown' },
        { conceptId: 'cough', status: 'present' },
      ],
      observations: [],
      images: [],
    });
    const id = created.json.id as string;
    const set = await call('POST', `/v1/cases/${id}/findings`, {
      findings: [{ conceptId: 'fever', status: 'absent' }],
      source: 'interview',
    });
    expect(set.status).toBe(200);
    expect(set.json.findings).toEqual([
      { conceptId: 'cough', status: 'present' },
      { conceptId: 'fever', status: 'absent' },
    ]);
    expect((await call('POST', `/v1/cases/${id}/findings`, { findings: [] })).status).toBe(400);
  });
});
