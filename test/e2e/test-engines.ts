import { z } from 'zod';
import type { ClinicalCase } from '../../src/clinical/case.js';
import type { RiskEstimate } from '../../src/clinical/outputs.js';
import { defineEngine } from '../../src/engine/engine.js';

const countInput = z.object({
  presentFindings: z.number().int().min(0),
  outOfRangeObservations: z.number().int().min(0),
});

function outOfRange(clinicalCase: ClinicalCase): number {
  return clinicalCase.observations.filter(({ value, referenceRange }) => {
    const { low, high } = referenceRange ?? {};
    return (
      (low?.unit === value.unit && value.value < low.value) ||
      (high?.unit === value.unit && value.value > high.value)
    );
  }).length;
}

const noValidation = {
  status: 'experimental' as const,
  metrics: [
    {
      name: 'none',
      dataset: 'none (test engine)',
      evidence: 'none' as const,
      reference: 'test/e2e/test-engines.ts',
    },
  ] as const,
};

/**
 * A hand-made engine for the browser test only: one point per present finding and per out-of-range observation,
 * so the test knows the score a case must get when run from the UI.
 */
export const findingCountEngine = defineEngine({
  id: 'other.e2e-finding-count',
  outputKind: 'risk',
  title: 'E2E finding count',
  version: '0.0.1',
  description: 'Test engine: counts present findings and out-of-range observations.',
  validation: noValidation,
  inputSchema: countInput,
  exampleInput: { presentFindings: 1, outOfRangeObservations: 0 },
  fromCase: (clinicalCase) => ({
    presentFindings: clinicalCase.findings.filter((finding) => finding.status === 'present').length,
    outOfRangeObservations: outOfRange(clinicalCase),
  }),
  compute(input) {
    const score = input.presentFindings + input.outOfRangeObservations;
    const output: RiskEstimate = { modelId: 'e2e-finding-count', score, applicable: true };
    return {
      output,
      explanation: {
        summary: `${score} points`,
        baseline: 0,
        contributions: [
          {
            input: 'presentFindings',
            label: 'Present findings',
            contribution: input.presentFindings,
            unit: 'points' as const,
          },
          {
            input: 'outOfRangeObservations',
            label: 'Out-of-range observations',
            contribution: input.outOfRangeObservations,
            unit: 'points' as const,
          },
        ],
      },
    };
  },
});

/** A test engine that needs an image the test cases never have, so running it must give a 422 problem. */
export const needsImageEngine = defineEngine({
  id: 'other.e2e-needs-image',
  outputKind: 'risk',
  title: 'E2E needs image',
  version: '0.0.1',
  description: 'Test engine: runs only on cases with an image.',
  validation: noValidation,
  inputSchema: z.object({ imageCount: z.number().int().min(1) }),
  exampleInput: { imageCount: 1 },
  fromCase: (clinicalCase) =>
    clinicalCase.images.length > 0 ? { imageCount: clinicalCase.images.length } : undefined,
  compute: (): { output: RiskEstimate; explanation: { contributions: [] } } => {
    throw new Error('never reached in the test');
  },
});
