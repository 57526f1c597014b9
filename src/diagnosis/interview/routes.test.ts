import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';
import { diagnosisCapability } from '../capability.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([diagnosisCapability]);
});
afterAll(async () => {
  await server.close();
});

const post = (url: string, payload: unknown = {}) =>
  server.app.inject({ method: 'POST', url, payload: payload as object });

describe('interview over HTTP: complaint first, progress, undo', () => {
  it('asks for the complaint, moves on, and takes the answer back', async () => {
    const created = await post('/v1/interviews', { patient: { ageYears: 70, sex: 'female' } });
    expect(created.statusCode).toBe(201);
    const view = created.json();
    expect(view.question.conceptId).toBe('interview.complaint');
    expect(view.progress).toMatchObject({ phase: 'complaint', answered: 0 });
    expect(view.progress.register).toMatch(/older adult/);
    expect(view.triage.insufficient).toBe(true);

    const answered = await post(`/v1/interviews/${view.id}/answers`, {
      conceptId: 'interview.complaint',
      status: 'present',
      value: 'cough',
    });
    expect(answered.statusCode).toBe(200);
    const next = answered.json();
    expect(next.question.conceptId).toBe('interview.onset');
    expect(next.findings.map((f: { conceptId: string }) => f.conceptId)).toContain('cough');
    expect(next.progress.fraction).toBeGreaterThan(0);

    const undone = await post(`/v1/interviews/${view.id}/undo`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json().question.conceptId).toBe('interview.complaint');
    expect(undone.json().findings).toEqual([]);

    const nothing = await post(`/v1/interviews/${view.id}/undo`);
    expect(nothing.statusCode).toBe(409);
    const missing = await post('/v1/interviews/nope/undo');
    expect(missing.statusCode).toBe(404);
  });

  it('rejects a complaint that is not offered with a field pointer', async () => {
    const view = (await post('/v1/interviews', { patient: {} })).json();
    const bad = await post(`/v1/interviews/${view.id}/answers`, {
      conceptId: 'interview.complaint',
      status: 'present',
      value: 'toothache',
    });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('/body/value');
  });
});
