import type { NewAssessment } from '../clinical/assessment.js';
import type { EngineResult } from './engine.js';

/**
 * The assessment to store for an engine's result on a case: the output, explanation and provenance, and the common
 * shapes (differential, risk estimate, recommendations) that `defineEngine` took from where the engine's declared
 * output kind says they are. Nothing is guessed from the output's shape.
 */
export function toAssessment(caseId: string, engineId: string, result: EngineResult<unknown>): NewAssessment {
  return {
    caseId,
    engineId,
    ...(result.differential ? { differential: result.differential } : {}),
    ...(result.risk ? { risk: result.risk } : {}),
    ...(result.recommendations ? { recommendations: result.recommendations } : {}),
    output: result.output,
    explanation: result.explanation,
    provenance: result.provenance,
  };
}
