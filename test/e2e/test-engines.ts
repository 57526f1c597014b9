import { z } from 'zod';
import type { ClinicalCase } from '../../src/clinical/case.js';
import type { RiskEstimate } from '../../src/clinical/outputs.js';
import { type Engine, provenanceOf } from '../../src/engine/engine.js';

const countInput = z.object({
  presentFindings: z.number().int().min(0),
  outOfRangeObservations: z.number().int().min(0),
});
type CountInput = z.infer<typeof countInput>;

function outOfRange(clinicalCase: ClinicalCase): number {
  return clinicalCase.observations.filter(({ value, referenceRange }) => {
    const { low, high } = referenceRange ?? {};
    return (
      (low?.unit === value.unit && value.value < low.value) ||
      (high?.unit === value.unit && value.value > high.value)
    );
  }).length;
}

/**
 * A hand-made engine for the browser test only: one point per present finding and per out-of-range observation,
 * so the test knows the score a case must get when run from the UI.
 */
export const findingCountEngine: Engine<CountInput, RiskEstimate> = {
  id: 'e2e-finding-count',
  kind: 'other',
  title: 'E2E finding count',
  version: '0.0.1',
  description: 'Test engine: counts present findings and out-of-range observations.',
  inputSchema: countInput,
  fromCase: (clinicalCase) => ({
    presentFindings: clinicalCase.findings.filter((finding) => finding.status === 'present').length,
    outOfRangeObservations: outOfRange(clinicalCase),
  }),
  run(input) {
    const score = input.presentFindings + input.outOfRangeObservations;
    return {
      output: { modelId: 'e2e-finding-count', score, applicable: true },
      explanation: {
        summary: `${score} points`,
        baseline: 0,
        contributions: [
          {
            input: 'presentFindings',
            label: 'Present findings',
            contribution: input.presentFindings,
            unit: 'points',
          },
          {
            input: 'outOfRangeObservations',
            label: 'Out-of-range observations',
            contribution: input.outOfRangeObservations,
            unit: 'points',
          },
        ],
      },
      provenance: provenanceOf(findingCountEngine),
    };
  },
};

/** A test engine that needs an image the test cases never have, so running it must give a 422 problem. */
export const needsImageEngine: Engine<{ imageCount: number }, RiskEstimate> = {
  id: 'e2e-needs-image',
  kind: 'other',
  title: 'E2E needs image',
  version: '0.0.1',
  description: 'Test engine: runs only on cases with an image.',
  inputSchema: z.object({ imageCount: z.number().int().min(1) }),
  fromCase: (clinicalCase) =>
    clinicalCase.images.length > 0 ? { imageCount: clinicalCase.images.length } : undefined,
  run: () => {
    throw new Error('never reached in the test');
  },
};
