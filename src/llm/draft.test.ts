import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import type { ClinicalCase } from '../clinical/case.js';
import { LOINC } from '../clinical/observation.js';
import { createLlmCapability } from './capability.js';
import { noModelProvider } from './config.js';
import { draftFromCase, fillTemplate } from './draft.js';
import { scriptedProvider } from './testing/scripted-provider.js';

const record: Omit<ClinicalCase, 'id' | 'createdAt' | 'updatedAt'> = {
  title: 'Cough and fever',
  patient: { ageYears: 72, sex: 'female' },
  findings: [
    { conceptId: 'cough', label: 'cough', status: 'present', durationDays: 4 },
    { conceptId: 'chest-pain', label: 'chest pain', status: 'absent' },
  ],
  observations: [
    {
      code: { system: LOINC, code: '9279-1', display: 'Respiratory rate' },
      value: { value: 31, unit: '/min' },
    },
    {
      code: { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' },
      value: { value: 88, unit: 'mm[Hg]' },
    },
  ],
  images: [],
  note: 'Seen with her son Gregor Maltby on 03/04/2025.',
};
const stored: ClinicalCase = {
  ...record,
  id: 'c1',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('drafts from the structured record', () => {
  it('fills the note template from the record only (never the free-text note), with no model', async () => {
    const draft = await draftFromCase(stored, [], noModelProvider, { kind: 'note' });
    expect(draft.generated).toBe(false);
    expect(draft.text).toBe(draft.template);
    expect(draft.text).toContain('72 years, female');
    expect(draft.text).toContain('- cough (4 days)');
    expect(draft.text).toContain('- chest pain');
    expect(draft.text).toContain('Respiratory rate: 31 /min');
    expect(draft.text).not.toContain('Maltby');
  });

  it('addresses a referral and says why', () => {
    const text = fillTemplate(stored, [], {
      kind: 'referral',
      to: 'the respiratory clinic',
      reason: 'recurrent pneumonia',
    });
    expect(text).toMatch(/^Referral to the respiratory clinic/);
    expect(text).toContain('regarding recurrent pneumonia');
    expect(text).toContain('Dear colleague');
  });

  it('uses a model’s rewrite only when it keeps every value of the template', async () => {
    const template = fillTemplate(stored, [], { kind: 'note' });
    const faithful = scriptedProvider([{ text: `Rewritten. ${template.replace(/\n+/g, ' ')}` }]);
    const kept = await draftFromCase(stored, [], faithful.provider, { kind: 'note' });
    expect(kept.generated).toBe(true);
    expect(kept.text).toMatch(/^Rewritten\./);
    expect(faithful.requests[0]!.messages[1]!.content).toBe(template);

    const unfaithful = scriptedProvider([
      { text: 'A 72-year-old woman with cough, respiratory rate 30, BP 88.' },
    ]);
    const rejected = await draftFromCase(stored, [], unfaithful.provider, { kind: 'note' });
    expect(rejected.generated).toBe(false);
    expect(rejected.text).toBe(rejected.template);
    expect(rejected.polishRejected).toMatch(/dropped or changed/);
  });
});

describe('POST /v1/cases/{id}/draft', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([createLlmCapability({ env: {} })]);
  });
  afterAll(() => server.close());

  it('drafts a referral from a stored case; 404 for a missing case; 400 for an unknown kind', async () => {
    const c = server.context.store.cases.create(record);
    const res = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${c.id}/draft`,
      payload: { kind: 'referral', to: 'respiratory medicine' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'referral', generated: false });
    expect(res.json().text).toContain('Referral to respiratory medicine');
    const missing = await server.app.inject({
      method: 'POST',
      url: '/v1/cases/none/draft',
      payload: { kind: 'note' },
    });
    expect(missing.statusCode).toBe(404);
    const bad = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${c.id}/draft`,
      payload: { kind: 'poem' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('is refused to a researcher (it reads the record)', async () => {
    const c = server.context.store.cases.create(record);
    const res = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${c.id}/draft`,
      headers: { authorization: `Bearer ${server.tokenFor('researcher')}` },
      payload: { kind: 'note' },
    });
    expect(res.statusCode).toBe(403);
  });
});
