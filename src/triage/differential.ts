import type { ClinicalCase } from '../clinical/case.js';
import type { DifferentialEntry } from '../clinical/outputs.js';
import type { AnyEngine } from '../engine/engine.js';
import type { TriageCondition } from './types.js';

/** The open differential as triage takes it, from any engine result that holds a `Differential`. */
export function conditionsFromDifferential(entries: readonly DifferentialEntry[]): TriageCondition[] {
  return entries.map((e) => ({
    conditionId: e.conditionId,
    label: e.label,
    ...(e.icd10 ? { icd10: e.icd10 } : {}),
    probability: e.probability,
    ...(e.mustNotMiss !== undefined ? { mustNotMiss: e.mustNotMiss } : {}),
  }));
}

function entriesOf(result: unknown): readonly DifferentialEntry[] | undefined {
  const r = result as {
    differential?: { entries?: readonly DifferentialEntry[] };
    output?: { differential?: { entries?: readonly DifferentialEntry[] } };
  };
  return r.differential?.entries ?? r.output?.differential?.entries;
}

/**
 * Runs the first diagnosis engine that takes its input from a case and returns its differential, or `undefined`
 * (with the reason) when none runs on this case.
 */
export async function differentialForCase(
  engines: readonly AnyEngine[],
  clinicalCase: ClinicalCase,
): Promise<{ conditions?: TriageCondition[]; engineId?: string; note?: string }> {
  const engine = engines.find((e) => e.kind === 'diagnosis' && typeof e.fromCase === 'function');
  if (!engine?.fromCase) return { note: 'no diagnosis engine available: triage without the differential' };
  const input = engine.fromCase(clinicalCase);
  if (input === undefined) return { note: 'the case holds nothing the diagnosis engine can use' };
  try {
    const entries = entriesOf(await engine.run(input));
    return entries
      ? { conditions: conditionsFromDifferential(entries), engineId: engine.id }
      : { note: `${engine.id} returned no differential` };
  } catch (error) {
    return { note: `${engine.id} could not run on this case: ${(error as Error).message}` };
  }
}
