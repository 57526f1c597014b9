import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { diagnosisCapability } from './capability.js';
import type { InterviewRecord } from './interview/session.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([diagnosisCapability]);
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: unknown) {
  const response = await server.app.inject({
    method: method as 'GET' | 'POST',
    url: path,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return {
    status: response.statusCode,
    body: response.json() as Record<string, unknown>,
    type: response.headers['content-type'],
  };
}

const stored = () =>
  server.context.store.documents
    .collection<InterviewRecord>('interviews')
    .list({ limit: 100 })
    .items.map((i) => i.document);

interface View {
  id: string;
  status: string;
  turns: number;
  pendingConceptId?: string;
  question?: { conceptId: string; type: string; values?: { id: string }[]; text: string; why: string };
  differential: { entries: { conditionId: string; probability: number }[] };
}

function answerFor(question: NonNullable<View['question']>) {
  if (question.type === 'binary') return { conceptId: question.conceptId, status: 'absent' };
  if (question.type === 'scale-0-10') return { conceptId: question.conceptId, status: 'present', value: 3 };
  return { conceptId: question.conceptId, status: 'unknown' };
}

describe('POST /v1/diagnosis', () => {
  it('returns the differential for findings', async () => {
    const { status, body } = await call('POST', '/v1/diagnosis', {
      patient: { ageYears: 25, sex: 'female' },
      findings: [
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'fever', status: 'present' },
      ],
    });
    expect(status).toBe(200);
    const output = body.output as {
      differential: { entries: { conditionId: string; icd10: string }[] };
      questions: unknown[];
    };
    expect(output.differential.entries.length).toBeGreaterThan(0);
    expect(output.differential.entries[0]!.icd10).toBeTruthy();
    expect(output.questions.length).toBeGreaterThan(0);
  });

  it('answers bad input with a problem naming the field', async () => {
    const unknown = await call('POST', '/v1/diagnosis', {
      findings: [{ conceptId: 'nope', status: 'present' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.type).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([
      { field: '/body/findings/0/conceptId', message: "unknown concept id 'nope'" },
    ]);
    const age = await call('POST', '/v1/diagnosis', { patient: { ageYears: 121 }, findings: [] });
    expect(age.status).toBe(400);
    expect(JSON.stringify(age.body.errors)).toContain('ageYears');
    const extra = await call('POST', '/v1/diagnosis', { findings: [], surprise: 1 });
    expect(extra.status).toBe(400);
  });

  it('fuses optional imaging evidence and rejects malformed evidence', async () => {
    const findings = [
      { conceptId: 'cough', status: 'present' },
      { conceptId: 'fever', status: 'present' },
    ];
    const pneumonia = (body: Record<string, unknown>) =>
      (
        body.output as { differential: { entries: { conditionId: string; modelProbability: number }[] } }
      ).differential.entries.find((e) => e.conditionId === 'pneumonia')!.modelProbability;
    const plain = await call('POST', '/v1/diagnosis', { findings });
    const imaged = await call('POST', '/v1/diagnosis', {
      findings,
      imagingEvidence: [
        { conditionId: 'pneumonia', likelihoodRatio: 4, source: 'chest X-ray model, P = 0.9' },
      ],
    });
    expect(imaged.status).toBe(200);
    const o = (p: number) => p / (1 - p);
    expect(o(pneumonia(imaged.body)) / o(pneumonia(plain.body))).toBeCloseTo(4, 5);
    const extraField = await call('POST', '/v1/diagnosis', {
      findings,
      imagingEvidence: [{ conditionId: 'pneumonia', likelihoodRatio: 4, source: 'x', probability: 0.9 }],
    });
    expect(extraField.status).toBe(400);
    const zero = await call('POST', '/v1/diagnosis', {
      findings,
      imagingEvidence: [{ conditionId: 'pneumonia', likelihoodRatio: 0, source: 'x' }],
    });
    expect(zero.status).toBe(400);
    const unknownCondition = await call('POST', '/v1/diagnosis', {
      findings,
      imagingEvidence: [{ conditionId: 'melanoma', likelihoodRatio: 2, source: 'x' }],
    });
    expect(unknownCondition.status).toBe(422);
    expect(JSON.stringify(unknownCondition.body.errors)).toContain('/body/imagingEvidence/0/conditionId');
  });
});

describe('interviews', () => {
  it('starts, asks, accepts answers (and "don\'t know"), and persists the session', async () => {
    const created = await call('POST', '/v1/interviews', {
      patient: { ageYears: 45, sex: 'male' },
      findings: [{ conceptId: 'cough', status: 'present' }],
      maxTurns: 4,
    });
    expect(created.status).toBe(201);
    let view = created.body as unknown as View;
    expect(view.status).toBe('in-progress');
    expect(view.question?.text).toBeTruthy();
    // A stated complaint (cough) is characterised first (history-taking order), before ranked questions.
    expect(view.question?.why).toMatch(/nats|history-taking|red flag/);
    const first = await call('POST', `/v1/interviews/${view.id}/answers`, {
      conceptId: view.question!.conceptId,
      status: 'unknown',
    });
    expect(first.status).toBe(200);
    view = first.body as unknown as View;
    expect(view.turns).toBe(1);
    while (view.status === 'in-progress') {
      const next = await call('POST', `/v1/interviews/${view.id}/answers`, answerFor(view.question!));
      expect(next.status).toBe(200);
      view = next.body as unknown as View;
    }
    expect(view.turns).toBeLessThanOrEqual(4);
    const read = await call('GET', `/v1/interviews/${view.id}`);
    expect(read.status).toBe(200);
    expect((read.body as unknown as View).differential.entries.length).toBeGreaterThan(0);
    expect((read.body as unknown as View).turns).toBe(view.turns);
  });

  it('rejects answers to questions never asked, bad values and unknown ids, changing nothing', async () => {
    const created = await call('POST', '/v1/interviews', {
      patient: { ageYears: 30 },
      findings: [{ conceptId: 'pain', status: 'present' }],
    });
    const view = created.body as unknown as View;
    const before = JSON.stringify(stored().find((r) => r.id === view.id));
    const notAsked = view.question!.conceptId === 'fever' ? 'cough' : 'fever';
    const never = await call('POST', `/v1/interviews/${view.id}/answers`, {
      conceptId: notAsked,
      status: 'present',
    });
    expect(never.status).toBe(422);
    expect((never.body.errors as { field: string }[])[0]!.field).toBe('/body/conceptId');
    const badType = await call('POST', `/v1/interviews/${view.id}/answers`, {
      conceptId: view.question!.conceptId,
      status: 'present',
      value: { nested: true },
    });
    expect(badType.status).toBe(400);
    const wrongValue = await call('POST', `/v1/interviews/${view.id}/answers`, {
      conceptId: view.question!.conceptId,
      status: 'present',
      value: view.question!.type === 'binary' ? 'seven' : 'not-a-value',
    });
    expect(wrongValue.status).toBe(422);
    expect((wrongValue.body.errors as { field: string }[])[0]!.field).toBe('/body/value');
    expect(JSON.stringify(stored().find((r) => r.id === view.id))).toBe(before);
    const missing = await call('GET', '/v1/interviews/does-not-exist');
    expect(missing.status).toBe(404);
    const count = stored().length;
    const badStart = await call('POST', '/v1/interviews', {
      findings: [
        { conceptId: 'fever', status: 'present' },
        { conceptId: 'fever', status: 'absent' },
      ],
    });
    expect(badStart.status).toBe(422);
    expect((badStart.body.errors as { field: string }[])[0]!.field).toBe('/body/findings/1/conceptId');
    expect(stored().length).toBe(count);
  });

  it("fuses a case's chest X-ray model finding into its differential", async () => {
    const findings = [
      { conceptId: 'cough', status: 'present' },
      { conceptId: 'fever', status: 'present' },
    ];
    type Entries = { differential: { entries: { conditionId: string; probability: number }[] } };
    const pneumonia = (body: Record<string, unknown>) =>
      (body.output as Entries).differential.entries.find((e) => e.conditionId === 'pneumonia')!;
    const plain = await call('POST', '/v1/cases', { title: 'x', patient: { ageYears: 40 }, findings });
    const imaged = await call('POST', '/v1/cases', {
      title: 'x',
      patient: { ageYears: 40 },
      findings: [
        ...findings,
        { conceptId: 'imaging.chest-xray.pneumonia', status: 'present', value: 0.93, certainty: 'possible' },
      ],
    });
    const a = await call('GET', `/v1/cases/${plain.body.id as string}/diagnosis`);
    const b = await call('GET', `/v1/cases/${imaged.body.id as string}/diagnosis`);
    expect(b.status).toBe(200);
    expect(pneumonia(b.body).probability).toBeGreaterThan(pneumonia(a.body).probability);
    expect(JSON.stringify(pneumonia(b.body))).toContain('chest X-ray model');
    expect((b.body.output as { warnings: string[] }).warnings.join(' ')).toMatch(/independent/);
  });

  it('opens from a case: its differential and an interview seeded with its known findings', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'cough and fever',
      patient: { ageYears: 6, sex: 'female', caregiverAnswering: true },
      findings: [
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'fever', status: 'present' },
        { conceptId: 'not-a-kb-concept', status: 'present' },
      ],
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id as string;
    const ddx = await call('GET', `/v1/cases/${caseId}/diagnosis`);
    expect(ddx.status).toBe(200);
    expect(
      (ddx.body.output as { differential: { entries: unknown[] } }).differential.entries.length,
    ).toBeGreaterThan(0);
    const interview = await call('POST', '/v1/interviews', { caseId });
    expect(interview.status).toBe(201);
    const view = interview.body as unknown as View & { findings: { conceptId: string }[] };
    expect(view.findings.map((f) => f.conceptId)).toEqual(['cough', 'fever']);
    expect(stored().find((r) => r.id === view.id)?.caseId).toBe(caseId);
    const missingCase = await call('POST', '/v1/interviews', { caseId: 'nope' });
    expect(missingCase.status).toBe(422);
    expect(missingCase.body.errors).toEqual([{ field: '/body/caseId', message: 'no such case' }]);
  });
});
