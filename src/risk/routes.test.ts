import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { riskCapability } from './capability.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([riskCapability]);
});
afterAll(async () => {
  await server.close();
});

const seedBrock = {
  age: 58,
  sex: 'male',
  familyHistoryLungCancer: false,
  emphysema: false,
  noduleDiameterMm: 9,
  noduleType: 'solid',
  upperLobe: true,
  noduleCount: 1,
  spiculation: true,
};

describe('risk HTTP API', () => {
  it('GET /v1/risk/guidelines lists the registry with status, supersession and effective dates', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/v1/risk/guidelines' });
    expect(response.statusCode).toBe(200);
    const ada = (response.json().items as Record<string, unknown>[]).filter((g) => g.id === 'ada-standards');
    expect(ada.find((g) => g.version === '2023')).toMatchObject({
      status: 'superseded',
      current: false,
      supersededBy: '2024',
      effectiveFrom: '2023-01',
      effectiveTo: '2024-01',
    });
    expect(ada.filter((g) => g.status === 'current')).toHaveLength(1);
  });

  it('GET /v1/risk lists every model with its input JSON Schema', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/v1/risk' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as {
      id: string;
      inputSchema: { properties: Record<string, unknown>; additionalProperties?: boolean };
    }[];
    expect(items.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'brock',
        'mayo',
        'herder',
        'lung-rads',
        'fleischner',
        'tirads',
        'curb65',
        'wells-pe',
        'cha2ds2-vasc',
        'qsofa',
        'ada-diabetes',
        'fusion',
        'lung-nodule',
      ]),
    );
    const brock = items.find((i) => i.id === 'brock')!;
    // Every model input, plus the optional volumetry BTS uses (not a Brock term).
    expect(Object.keys(brock.inputSchema.properties).sort()).toEqual(
      [...Object.keys(seedBrock), 'noduleVolumeMm3'].sort(),
    );
    expect(brock.inputSchema.additionalProperties).toBe(false);
  });

  it('POST /v1/risk/brock returns the probability, explanation and provenance', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/v1/risk/brock', payload: seedBrock });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.output.probability).toBeCloseTo(0.084135, 5);
    expect(body.provenance).toMatchObject({
      engineId: 'risk.brock',
      guideline: { id: 'bts-pulmonary-nodules', current: true },
    });
    expect(body.explanation.contributions).toHaveLength(9);
  });

  it('POST /v1/risk/tirads and /v1/risk/curb65 with BUN', async () => {
    const tirads = await server.app.inject({
      method: 'POST',
      url: '/v1/risk/tirads',
      payload: {
        composition: 'solid',
        echogenicity: 'hypoechoic',
        shape: 'wider-than-tall',
        margin: 'smooth',
        echogenicFoci: ['none'],
        maxDiameterMm: 16,
      },
    });
    expect(tirads.json().output).toMatchObject({ points: 4, level: 'TR4', recommendation: 'fna' });
    const curb = await server.app.inject({
      method: 'POST',
      url: '/v1/risk/curb65',
      payload: {
        confusion: true,
        bunMgDl: 40,
        respiratoryRate: 23,
        systolicBp: 105,
        diastolicBp: 52,
        age: 77,
      },
    });
    expect(curb.json().output.score).toBe(4);
  });

  it('bad input → 400 problem document naming the field', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/risk/brock',
      payload: { ...seedBrock, age: 130, noduleDiameterMm: -2, colour: 'red' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = (response.json().errors as { field: string; message: string }[])
      .map((e) => `${e.field} ${e.message}`)
      .join('\n');
    expect(fields).toMatch(/^\/body\/age /m);
    expect(fields).toMatch(/^\/body\/noduleDiameterMm /m);
    expect(fields).toMatch(/colour|Unrecognized/i);
    const units = await server.app.inject({
      method: 'POST',
      url: '/v1/risk/curb65',
      payload: {
        confusion: false,
        ureaMmolL: 5,
        bunMgDl: 14,
        respiratoryRate: 16,
        systolicBp: 120,
        diastolicBp: 80,
        age: 40,
      },
    });
    expect(units.statusCode).toBe(400);
    expect(JSON.stringify(units.json().errors)).toMatch(/bunMgDl/);
    const missing = await server.app.inject({
      method: 'POST',
      url: '/v1/risk/lung-rads',
      payload: { scan: 'baseline', finding: 'solid' },
    });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().errors)).toMatch(/meanDiameterMm/);
  });

  it('outside the population → 200 with applicable false and the reason', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/risk/fleischner',
      payload: {
        age: 30,
        screening: false,
        knownCancer: false,
        immunosuppressed: false,
        noduleType: 'solid',
        noduleDiameterMm: 7,
        multiple: false,
        highRisk: false,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().output).toMatchObject({ applicable: false });
    expect(response.json().output.notApplicableReason).toMatch(/35/);
  });

  it('unknown model → 404', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/v1/risk/nope', payload: {} });
    expect(response.statusCode).toBe(404);
  });

  it('the OpenAPI document describes each model body', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const body = doc.paths['/v1/risk/brock'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toMatch(/maximum \(longest\) nodule diameter/i);
  });

  it('prefills a case and runs it as a stored assessment', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/cases',
      payload: {
        title: 'Seed nodule',
        patient: { ageYears: 58, sex: 'male' },
        findings: [
          { conceptId: 'smoker', status: 'present', temporality: 'historical' },
          { conceptId: 'lung-nodule.diameter-mm', status: 'present', value: 9 },
          { conceptId: 'lung-nodule.type', status: 'present', value: 'solid' },
          { conceptId: 'lung-nodule.count', status: 'present', value: 1 },
          { conceptId: 'lung-nodule.spiculation', status: 'present' },
          { conceptId: 'lung-nodule.upper-lobe', status: 'present' },
        ],
        observations: [
          { code: { system: 'http://loinc.org', code: '2039-6' }, value: { value: 6.2, unit: 'ng/mL' } },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const prefill = (
      await server.app.inject({ method: 'GET', url: `/v1/cases/${id}/risk/lung-nodule/prefill` })
    ).json();
    expect(prefill.values).toMatchObject({
      age: 58,
      sex: 'male',
      smoker: true,
      noduleDiameterMm: 9,
      spiculation: true,
      upperLobe: true,
      ceaNgMl: 6.2,
    });
    expect(prefill.sources.ceaNgMl).toMatch(/2039-6/);
    // Not on record: left unknown (never filled as no); the model answers over their values.
    expect(prefill.unknown).toContain('emphysema');
    expect(prefill.assumedAbsent).toEqual([]);
    expect(prefill.values.emphysema).toBeUndefined();
    expect(prefill.complete).toBe(true);
    const assessment = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${id}/assessments`,
      payload: { engineId: 'risk.lung-nodule' },
    });
    expect(assessment.statusCode).toBe(201);
    expect(assessment.json().risk).toMatchObject({ modelId: 'lung-nodule', applicable: true });
    // The former engine id still resolves (stored assessments and older clients); it is stored under the new id.
    const byAlias = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${id}/assessments`,
      payload: { engineId: 'lung-nodule' },
    });
    expect(byAlias.statusCode).toBe(201);
    expect(byAlias.json().engineId).toBe('risk.lung-nodule');
  });
});

describe('risk CDS Hooks services', () => {
  const bundle = (extra: unknown[]) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: extra.map((resource) => ({ resource })),
  });
  const quantity = (system: string, code: string, value: number, unit: string) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system, code }] },
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  });

  it('discovery lists lung-nodule-risk and one service per family', async () => {
    const services = (await server.app.inject({ method: 'GET', url: '/cds-services' })).json().services as {
      id: string;
    }[];
    expect(services.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'lung-nodule-risk',
        'pneumonia-severity',
        'pe-probability',
        'af-stroke-risk',
        'sepsis-qsofa',
        'diabetes-criteria',
      ]),
    );
  });

  it('lung-nodule-risk reads the prefetch and returns probability, category and next step', async () => {
    const year = new Date().getUTCFullYear() - 58;
    const response = await server.app.inject({
      method: 'POST',
      url: '/cds-services/lung-nodule-risk',
      payload: {
        hook: 'patient-view',
        hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
        context: { patientId: 'p1', userId: 'Practitioner/1' },
        prefetch: {
          patient: { resourceType: 'Patient', id: 'p1', birthDate: `${year}-01-01` },
          observations: bundle([
            quantity('http://loinc.org', '2039-6', 6.2, 'ng/mL'),
            quantity('urn:healthgpt:concept', 'lung-nodule.diameter-mm', 9, 'mm'),
            quantity('urn:healthgpt:concept', 'lung-nodule.count', 1, '1'),
            {
              resourceType: 'Observation',
              status: 'final',
              code: { coding: [{ system: 'urn:healthgpt:concept', code: 'lung-nodule.type' }] },
              valueCodeableConcept: { coding: [{ system: 'urn:healthgpt:concept', code: 'solid' }] },
            },
            {
              resourceType: 'Observation',
              status: 'final',
              code: { coding: [{ system: 'urn:healthgpt:concept', code: 'lung-nodule.spiculation' }] },
              valueBoolean: true,
            },
            {
              resourceType: 'Observation',
              status: 'final',
              code: { coding: [{ system: 'urn:healthgpt:concept', code: 'lung-nodule.upper-lobe' }] },
              valueBoolean: true,
            },
          ]),
          conditions: bundle([
            {
              resourceType: 'Condition',
              code: { coding: [{ system: 'http://snomed.info/sct', code: '8517006' }] },
            },
          ]),
        },
      },
    });
    expect(response.statusCode).toBe(200);
    const cards = response.json().cards as { summary: string; detail: string; indicator: string }[];
    expect(cards).toHaveLength(1);
    // The record says former smoker (SNOMED 8517006) but not whether there was an extrathoracic cancer over 5 years
    // ago (a Mayo input): Mayo is given as a range, not as if the answer were no; the Fleischner row holds either way.
    expect(cards[0]!.summary).toMatch(/\d+\.\d % ?– ?\d+\.\d %/);
    expect(cards[0]!.summary).toMatch(/Fleischner/);
    // ACCP's PET-CT holds whatever the unknowns; the Fleischner advice depends on them (known cancer,
    // immunosuppression exclude it), and the card says so instead of assuming "no".
    expect(cards[0]!.detail).toMatch(/PET-CT/);
    expect(cards[0]!.detail).toMatch(/The next step depends on inputs not known/);
    expect(cards[0]!.detail).toMatch(/left unknown/);
    expect(cards[0]!.indicator).toBe('warning');
  });

  it('returns no card when the record has no nodule', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/cds-services/lung-nodule-risk',
      payload: {
        hook: 'patient-view',
        hookInstance: 'x-1',
        context: { patientId: 'p2' },
        prefetch: { patient: { resourceType: 'Patient', id: 'p2', birthDate: '1970-01-01' } },
      },
    });
    expect(response.json().cards).toEqual([]);
  });
});
