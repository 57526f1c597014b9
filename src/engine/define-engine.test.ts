import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEngine, type EngineValidation } from './engine.js';
import { HealthGptError } from './errors.js';
import { EngineRegistry } from './registry.js';
import { toAssessment } from './to-assessment.js';

const validation: EngineValidation = {
  status: 'experimental',
  metrics: [{ name: 'none', dataset: 'none (test engine)', evidence: 'none', reference: 'this test' }],
};

/** An engine whose output happens to look like a differential and a risk estimate, but is declared a record. */
const lookalike = defineEngine({
  id: 'other.lookalike',
  aliases: ['lookalike'],
  outputKind: 'record',
  title: 'Look-alike',
  version: '1.0.0',
  description: 'test',
  validation,
  inputSchema: z.object({ n: z.number().int().min(0), label: z.string().default('x') }).strict(),
  exampleInput: { n: 1 },
  compute(input) {
    return {
      output: {
        differential: { entries: [{ conditionId: 'c', label: input.label, probability: 1 }] },
        modelId: 'm',
        applicable: true,
        recommendations: [{ text: 'do' }],
      },
      explanation: { summary: 's', contributions: [] },
      provenance: { modelVersion: `m${input.n}` },
    };
  },
});

describe('defineEngine', () => {
  it('validates input (defaults applied) and stamps provenance', () => {
    const result = lookalike.run({ n: 2 });
    expect(result.output.differential.entries[0]!.label).toBe('x');
    expect(result.provenance).toMatchObject({
      engineId: 'other.lookalike',
      engineVersion: '1.0.0',
      modelVersion: 'm2',
    });
    expect(() => lookalike.run({ n: -1, extra: true } as never)).toThrow(HealthGptError);
    try {
      lookalike.run({ n: -1, extra: true } as never);
    } catch (error) {
      expect((error as HealthGptError).code).toBe('invalid');
      expect((error as HealthGptError).fieldErrors.map((e) => e.field)).toEqual(['/n', '/']);
    }
  });

  it('takes the common shapes from the declared output kind, never from the output shape', () => {
    const assessment = toAssessment('case-1', lookalike.id, lookalike.run({ n: 1 }));
    expect(assessment.differential).toBeUndefined();
    expect(assessment.risk).toBeUndefined();
    expect(assessment.recommendations).toBeUndefined();
    const asRisk = defineEngine({
      id: 'other.as-risk',
      outputKind: 'risk',
      title: 'As risk',
      version: '1.0.0',
      description: 'test',
      validation,
      inputSchema: z.object({ n: z.number() }),
      exampleInput: { n: 3 },
      compute: (input) => ({
        output: {
          modelId: 'm',
          applicable: true,
          score: input.n,
          points: 7,
          recommendations: [{ text: 'do' }],
        },
        explanation: { contributions: [] },
      }),
    });
    const stored = toAssessment('case-1', asRisk.id, asRisk.run({ n: 3 }));
    expect(stored.risk).toEqual({ modelId: 'm', applicable: true, score: 3 });
    expect(stored.recommendations).toEqual([{ text: 'do' }]);
  });

  it('resolves former ids in the registry and refuses an id registered twice', () => {
    const registry = new EngineRegistry().register(lookalike);
    expect(registry.get('lookalike')).toBe(lookalike);
    expect(registry.get('other.lookalike')).toBe(lookalike);
    expect(registry.info()[0]).toMatchObject({
      id: 'other.lookalike',
      aliases: ['lookalike'],
      outputKind: 'record',
    });
    expect(() => registry.register({ ...lookalike, id: 'other.second', aliases: ['lookalike'] })).toThrow(
      /twice/,
    );
  });
});
