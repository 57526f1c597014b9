import type { NewAssessment } from '../clinical/assessment.js';
import type { Differential, Recommendation, RiskEstimate } from '../clinical/outputs.js';
import type { EngineResult } from './engine.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asDifferential(value: unknown): Differential | undefined {
  if (!isRecord(value) || !Array.isArray(value.entries)) return undefined;
  const ok = value.entries.every(
    (e) => isRecord(e) && typeof e.conditionId === 'string' && typeof e.probability === 'number',
  );
  return ok ? (value as unknown as Differential) : undefined;
}

function asRisk(value: unknown): RiskEstimate | undefined {
  return isRecord(value) && typeof value.modelId === 'string' && typeof value.applicable === 'boolean'
    ? (value as unknown as RiskEstimate)
    : undefined;
}

function asRecommendations(value: unknown): readonly Recommendation[] | undefined {
  return Array.isArray(value) && value.every((r) => isRecord(r) && typeof r.text === 'string')
    ? (value as Recommendation[])
    : undefined;
}

/**
 * The assessment to store for an engine's result on a case: the result's explicit differential / risk /
 * recommendations, else those found in its output (the output itself, or its `differential`, `risk`,
 * `recommendations` fields).
 */
export function toAssessment(caseId: string, engineId: string, result: EngineResult<unknown>): NewAssessment {
  const output = result.output;
  const nested = isRecord(output) ? output : {};
  const differential = result.differential ?? asDifferential(output) ?? asDifferential(nested.differential);
  const risk = result.risk ?? asRisk(output) ?? asRisk(nested.risk);
  const recommendations = result.recommendations ?? asRecommendations(nested.recommendations);
  return {
    caseId,
    engineId,
    ...(differential ? { differential } : {}),
    ...(risk ? { risk } : {}),
    ...(recommendations ? { recommendations } : {}),
    output,
    explanation: result.explanation,
    provenance: result.provenance,
  };
}
