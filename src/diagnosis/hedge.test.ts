import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import type { Finding } from '../clinical/finding.js';
import { triageCapability } from '../triage/capability.js';
import { diagnosisCapability } from './capability.js';
import { ddxEngine } from './ddx-engine.js';
import { evidenceWeight, HEDGE_K, hedgeDifferential } from './hedge.js';
import { InterviewMachine } from './interview/session.js';
import { diagnoseText } from './text/diagnose-text.js';

/**
 * Issue 11: "thin or unfamiliar evidence gives a flat, honest differential, never 100 %". A single nonspecific
 * finding never puts a condition above the ceiling 1 / (1 + 6) in any path that shows a differential, and a rare
 * must-not-miss condition (Ebola) needs its specific evidence. Regression: the case page showed "Ebola 73 %" for a
 * case whose only finding was confusion (the DDXPlus model links confusion to Ebola alone among its 49 conditions).
 */
const ONE_FINDING_CAP = 1 / (1 + HEDGE_K);
const EPS = 1e-9;
const engine = ddxEngine();
const patient = { ageYears: 40, sex: 'male' as const };
const present = (...ids: string[]): Finding[] => ids.map((conceptId) => ({ conceptId, status: 'present' }));
/** Nonspecific complaints the model knows (knowledge-base ids). */
const NONSPECIFIC = ['confusion', 'cough', 'fever', 'fatigue.severe'];

describe('the evidence ceiling and real-world prevalence (hedge.ts)', () => {
  it('earns n / (n + 6) for n findings present, nothing for none', () => {
    expect(evidenceWeight(0)).toBe(0);
    expect(evidenceWeight(1)).toBeCloseTo(1 / 7, 12);
    expect(evidenceWeight(6)).toBeCloseTo(0.5, 12);
    const h = hedgeDifferential([0.9, 0.1], [1, 1], 1, (c) => ({ conditionId: `c${c}`, label: `c${c}` }));
    expect(h.entries[0]!.share).toBeCloseTo(0.9 / 7, 12);
    expect(h.notSettled).toBeCloseTo(6 / 7, 12);
  });

  it('moves mass away from a rare condition unless its likelihood outweighs its rarity', () => {
    const h = hedgeDifferential([0.7, 0.3], [0.001, 1], 6, (c) => ({ conditionId: `c${c}`, label: `c${c}` }));
    expect(h.entries[0]!.conditionId).toBe('c1');
    const specific = hedgeDifferential([0.99999, 0.00001], [0.001, 1], 6, (c) => ({
      conditionId: `c${c}`,
      label: `c${c}`,
    }));
    expect(specific.entries[0]!.conditionId).toBe('c0');
  });
});

describe('engine (POST /v1/diagnosis, a case run): one nonspecific finding stays under the ceiling', () => {
  for (const id of NONSPECIFIC) {
    it(`${id} alone: every shown share ≤ 1/7, the rest "not settled"`, () => {
      const { output } = engine.run({ patient, findings: present(id) });
      expect(output.hedged.establishedFindings).toBe(1);
      expect(output.hedged.notSettled).toBeGreaterThanOrEqual(1 - ONE_FINDING_CAP - EPS);
      expect(output.hedged.entries.length).toBeGreaterThan(0);
      for (const e of output.hedged.entries) expect(e.share).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
      for (const e of output.differential.entries)
        expect(e.probability).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
    });
  }

  it('confusion alone: the model alone says Ebola; the shown differential keeps Ebola low', () => {
    const { output } = engine.run({ patient, findings: present('confusion') });
    // The closed-world model's own answer, kept beside the shares: what the case page used to show.
    const ebolaEntry = output.differential.entries.find((e) => e.conditionId === 'ebola-virus-disease');
    expect(ebolaEntry?.modelProbability).toBeGreaterThan(0.5);
    expect(ebolaEntry!.probability).toBeLessThan(0.005);
    // Every shown probability (what the case page, assessments and case triage read) stays under the ceiling.
    for (const e of output.differential.entries)
      expect(e.probability).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
    const ebola = output.hedged.entries.find((e) => e.conditionId === 'ebola-virus-disease');
    expect(ebola?.share ?? 0).toBeLessThan(0.005);
    expect(output.hedged.entries[0]!.conditionId).not.toBe('ebola-virus-disease');
  });

  it('Ebola leads once its specific evidence (contact with a case) is there', () => {
    const { output } = engine.run({
      patient,
      findings: present('confusion', 'fever', 'bleeding-or-bruising', 'diarrhea', 'exposure.ebola-contact'),
    });
    expect(output.hedged.entries[0]!.conditionId).toBe('ebola-virus-disease');
    expect(output.hedged.entries[0]!.share).toBeLessThanOrEqual(evidenceWeight(5) + EPS);
    expect(output.hedged.entries[0]!.share).toBeGreaterThan(0.3);
  });

  it('no finding present: no shares, all "not settled"', () => {
    const { output } = engine.run({ patient, findings: [{ conceptId: 'cough', status: 'absent' }] });
    expect(output.hedged.entries).toEqual([]);
    expect(output.hedged.notSettled).toBe(1);
  });
});

describe('interview: the hedged differential from one nonspecific finding', () => {
  const machine = new InterviewMachine(engine);
  for (const id of NONSPECIFIC) {
    it(`${id} alone: every share ≤ 1/7 and Ebola low`, () => {
      const view = machine.view(machine.start({ patient, findings: present(id) }));
      expect(view.hedged.notSettled).toBeGreaterThanOrEqual(1 - ONE_FINDING_CAP - EPS);
      for (const e of view.hedged.entries) expect(e.share).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
      const ebola = view.hedged.entries.find((e) => e.conditionId === 'ebola-virus-disease');
      expect(ebola?.share ?? 0).toBeLessThan(0.005);
    });
  }

  it('answers "no" do not earn a named condition anything (only findings present count)', () => {
    let record = machine.start({ patient, findings: present('confusion') });
    for (let i = 0; i < 8 && record.status !== 'complete'; i++) {
      const view = machine.view(record);
      const q = view.question;
      if (!q) break;
      record = machine.answer(record, {
        conceptId: q.conceptId,
        status: q.type === 'binary' ? 'absent' : 'unknown',
      });
    }
    const end = machine.view(record);
    const presentCount = engine.presentFindingCount(engine.stateOf(record.patient, record.findings));
    expect(end.hedged.establishedFindings).toBe(presentCount);
    for (const e of end.hedged.entries)
      expect(e.share).toBeLessThanOrEqual(evidenceWeight(presentCount) + EPS);
  });
});

describe('free text (diagnoseText): one nonspecific finding stays under the ceiling', () => {
  for (const text of [
    'confusion',
    'Patient is confused.',
    'fatigue',
    'headache',
    'cough',
    'Tired all the time.',
  ]) {
    it(`"${text}": read as one finding, every condition ≤ 1/7, "not covered" shown`, () => {
      const r = diagnoseText({ text, ...patient });
      expect(r.abstained).toBe(false);
      expect(r.findings.present).toHaveLength(1);
      expect(r.notCovered).toBeGreaterThanOrEqual(1 - ONE_FINDING_CAP - EPS);
      for (const e of r.differential) expect(e.probability).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
      const ebola = r.differential.find((e) => e.icd10.startsWith('A98'));
      expect(ebola?.probability ?? 0).toBeLessThan(0.005);
    });
  }
});

describe('HTTP: the case page’s data sources and the case run agree', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([diagnosisCapability, triageCapability]);
  });
  afterAll(() => server.close());

  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await server.app.inject({ method, url, ...(payload ? { payload } : {}) });
    // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers.
    return { status: response.statusCode, body: response.json() as Record<string, any> };
  };
  const newCase = (findings: Finding[], note?: string) =>
    server.context.store.cases.create({
      title: 'Confused',
      patient,
      findings,
      observations: [],
      images: [],
      ...(note ? { note } : {}),
    });

  it('GET /v1/cases/{id}/diagnosis (confusion only): shares ≤ 1/7, Ebola low', async () => {
    const c = newCase(present('confusion'));
    const { status, body } = await call('GET', `/v1/cases/${c.id}/diagnosis`);
    expect(status).toBe(200);
    const hedged = body.output.hedged as {
      notSettled: number;
      entries: { conditionId: string; share: number }[];
    };
    expect(hedged.notSettled).toBeGreaterThanOrEqual(1 - ONE_FINDING_CAP - EPS);
    for (const e of hedged.entries) expect(e.share).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
    expect(hedged.entries.find((e) => e.conditionId === 'ebola-virus-disease')?.share ?? 0).toBeLessThan(
      0.005,
    );
  });

  it('case triage reads the shown shares: one cough names no open condition', async () => {
    const c = newCase(present('cough'));
    const { status, body } = await call('GET', `/v1/cases/${c.id}/triage`);
    expect(status).toBe(200);
    const reasons = body.reasons as { ruleId: string; text: string }[];
    expect(reasons.filter((r) => r.ruleId.startsWith('differential'))).toEqual([]);
    expect(JSON.stringify(reasons)).not.toMatch(/Tuberculosis|Ebola/);
  });

  it('POST /v1/diagnosis/text (the note panel): every condition ≤ 1/7 on "confused"', async () => {
    const { status, body } = await call('POST', '/v1/diagnosis/text', {
      text: 'Confused since this morning.',
    });
    expect(status).toBe(200);
    expect(body.notCovered).toBeGreaterThanOrEqual(1 - ONE_FINDING_CAP - EPS);
    for (const e of body.differential as { probability: number }[])
      expect(e.probability).toBeLessThanOrEqual(ONE_FINDING_CAP + EPS);
  });

  it('a case without a complaint: the run is a 422 naming the presenting complaint, the panel lists nothing', async () => {
    const c = newCase([{ conceptId: 'cough', status: 'absent' }], 'Seen today.');
    const inputs = engine.caseInputs(c);
    expect(inputs.input).toBeUndefined();
    expect(inputs.missing[0]!.field).toBe('/findings');
    expect(engine.fromCase(c)).toBeUndefined();
    const run = await call('POST', `/v1/cases/${c.id}/assessments`, { engineId: 'diagnosis.ddx' });
    expect(run.status).toBe(422);
    expect(JSON.stringify(run.body)).toMatch(/presenting complaint/);
    const panel = await call('GET', `/v1/cases/${c.id}/diagnosis`);
    expect(panel.status).toBe(200);
    expect(panel.body.output.differential.entries).toEqual([]);
    expect(panel.body.output.warnings.join(' ')).toMatch(/chief complaint/);
  });

  it('a case with a complaint: caseInputs gives the input, the run succeeds', async () => {
    const c = newCase(present('cough'));
    const inputs = engine.caseInputs(c);
    expect(inputs.missing).toEqual([]);
    expect(engine.fromCase(c)).toEqual(inputs.input);
    const run = await call('POST', `/v1/cases/${c.id}/assessments`, { engineId: 'diagnosis.ddx' });
    expect(run.status).toBe(201);
  });
});
