import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import { prefillFromCase } from './case-inputs.js';
import { RISK_ENGINES } from './engines.js';

/** The output and explanation of a run, without the time stamp. */
function answer(engineId: string, input: Record<string, unknown>) {
  const engine = RISK_ENGINES.find((e) => e.modelId === engineId || e.id === engineId);
  if (!engine) throw new Error(engineId);
  const result = engine.run(input);
  return { output: result.output, explanation: result.explanation };
}

/** Yes/no fields of an engine's example that its schema also accepts as "unknown". */
function unknowableFields(engine: (typeof RISK_ENGINES)[number]): string[] {
  const example = engine.example as unknown as Record<string, unknown>;
  const accepts = (key: string, value: unknown) =>
    engine.inputSchema.safeParse({ ...example, [key]: value }).success;
  return Object.keys(example).filter(
    (key) => accepts(key, 'unknown') && accepts(key, true) && accepts(key, false),
  );
}

describe('unknown stays unknown', () => {
  it('the engines with yes/no risk factors accept them as unknown', () => {
    const withUnknowns = RISK_ENGINES.filter((e) => unknowableFields(e).length > 0).map((e) => e.modelId);
    expect(withUnknowns).toEqual(
      expect.arrayContaining([
        'brock',
        'mayo',
        'herder',
        'fleischner',
        'lung-nodule',
        'curb65',
        'wells-pe',
        'cha2ds2-vasc',
        'qsofa',
      ]),
    );
  });

  it('no engine output changes when an unknown input is sent as "unknown" instead of left out', () => {
    let compared = 0;
    for (const engine of RISK_ENGINES) {
      const example = engine.example as unknown as Record<string, unknown>;
      for (const key of unknowableFields(engine)) {
        const { [key]: _dropped, ...without } = example;
        expect(answer(engine.modelId, { ...without, [key]: 'unknown' }), `${engine.modelId}.${key}`).toEqual(
          answer(engine.modelId, without),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('a missing yes/no input is never taken as "no": the answer covers both values', () => {
    for (const engine of RISK_ENGINES) {
      const example = engine.example as unknown as Record<string, unknown>;
      for (const key of unknowableFields(engine)) {
        const { [key]: _dropped, ...without } = example;
        const unknown = answer(engine.modelId, without).output as unknown as Record<string, unknown>;
        expect(unknown.missingInputs, `${engine.modelId}.${key}`).toContain(key);
        const asNo = answer(engine.modelId, { ...without, [key]: false }).output as unknown as Record<
          string,
          unknown
        >;
        const asYes = answer(engine.modelId, { ...without, [key]: true }).output as unknown as Record<
          string,
          unknown
        >;
        for (const field of ['probability', 'score'] as const) {
          if (asNo[field] === undefined || asYes[field] === undefined) continue;
          if (asNo[field] === asYes[field])
            expect(unknown[field], `${engine.modelId}.${key}`).toBe(asNo[field]);
          else {
            expect(unknown[field], `${engine.modelId}.${key}`).toBeUndefined();
            const range = unknown[`${field}Range`] as [number, number];
            expect(range[0]).toBeCloseTo(Math.min(asNo[field] as number, asYes[field] as number), 12);
            expect(range[1]).toBeCloseTo(Math.max(asNo[field] as number, asYes[field] as number), 12);
          }
        }
      }
    }
  });

  it('a case finding recorded as unknown changes nothing the risk models read', () => {
    const base: ClinicalCase = {
      id: 'c',
      title: 't',
      patient: { ageYears: 67, sex: 'female' },
      findings: [{ conceptId: 'atrial-fibrillation', status: 'present' }],
      observations: [],
      images: [],
      createdAt: 'x',
      updatedAt: 'x',
    };
    const withUnknown: ClinicalCase = {
      ...base,
      findings: [
        ...base.findings,
        { conceptId: 'history.hypertension', status: 'unknown' },
        { conceptId: 'lifestyle.smoking', status: 'unknown' },
        { conceptId: 'history.diabetes', status: 'unknown' },
      ],
    };
    for (const engine of RISK_ENGINES) {
      expect(prefillFromCase(engine.modelId, withUnknown), engine.modelId).toEqual(
        prefillFromCase(engine.modelId, base),
      );
    }
  });
});
