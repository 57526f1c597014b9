/**
 * Chooses the differential's triage thresholds (`DIFFERENTIAL_THRESHOLDS` in src/triage/assess.ts) on the TUNING
 * half of avey_dev.jsonl (`isTuningCase`) only: for every combination on the grid, triage accuracy and emergency
 * recall of the whole text path, the differential computed once per case. The held-out half is never read here.
 *
 * Objective: emergency recall first (the safety-critical miss), then accuracy: maximise accuracy + 2 × emergency
 * recall − 0.5 × the share of routine / self-care cases sent to the emergency department (over-triage of the
 * department's scarcest resource). Prints the grid's best rows and the confusion of the chosen one.
 * Run: `npx tsx scripts/open-world/tune-triage.ts [--top N] [--with-probes] [--differential-only]`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isTuningCase, readVignettes } from '../../src/diagnosis/eval/vignettes.js';
import { textDiagnoser } from '../../src/diagnosis/text/diagnose-text.js';
import {
  assessTriage,
  DIFFERENTIAL_THRESHOLDS,
  type DifferentialThresholds,
  type TriageLevel,
} from '../../src/triage/index.js';

const DATA = process.env.HEALTHGPT_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');
/** `--with-probes`: the project's probe vignettes (test/fixtures/vignettes) join the tuning half. */
const PROBE_DIR = join('test', 'fixtures', 'vignettes');
const probeRows = process.argv.includes('--with-probes')
  ? readdirSync(PROBE_DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readVignettes(join(PROBE_DIR, f)))
  : [];
const rows = [
  ...readVignettes(join(DATA, 'vignettes', 'avey_dev.jsonl')).filter((r) => isTuningCase(r.input.id)),
  ...probeRows,
].filter((r) => r.gold.triage !== undefined);
const d = textDiagnoser();
const inputs = rows.map(({ input }) =>
  d.triageInput(
    d.read({
      text: input.text,
      ...(input.age !== undefined ? { ageYears: input.age } : {}),
      ...(input.sex ? { sex: input.sex } : {}),
    }),
  ),
);

/**
 * `--differential-only`: the level from the differential's reasons alone (no findings, no vitals: routine when none
 * fires). The red-flag rules were written while reading this half's misses, so with them the half overstates how
 * often the differential matters on new cases; without them it shows what the differential alone can carry.
 */
const differentialOnly = process.argv.includes('--differential-only');
const levelOf = (i: number, thresholds: DifferentialThresholds) =>
  assessTriage(differentialOnly ? { ...inputs[i]!, findings: [], observations: [] } : inputs[i]!, thresholds)
    .level;

function score(thresholds: DifferentialThresholds) {
  let right = 0;
  let emergencies = 0;
  let caught = 0;
  let lowToEmergency = 0;
  let low = 0;
  const confusion: Record<string, Record<string, number>> = {};
  rows.forEach(({ gold }, i) => {
    const level = levelOf(i, thresholds);
    const g = gold.triage as TriageLevel;
    confusion[g] ??= {};
    confusion[g]![level] = (confusion[g]![level] ?? 0) + 1;
    if (level === g) right++;
    if (g === 'emergency') {
      emergencies++;
      if (level === 'emergency') caught++;
    }
    if (g === 'routine' || g === 'self-care') {
      low++;
      if (level === 'emergency') lowToEmergency++;
    }
  });
  const accuracy = right / rows.length;
  const recall = emergencies ? caught / emergencies : 1;
  const overTriage = low ? lowToEmergency / low : 0;
  return { accuracy, recall, overTriage, objective: accuracy + 2 * recall - 0.5 * overTriage, confusion };
}

const results: { thresholds: DifferentialThresholds; result: ReturnType<typeof score> }[] = [];
for (const mustNotMissOpen of [0.04, 0.06, 0.08, 0.12])
  for (const emergencyShare of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1.01])
    for (const sameDayShare of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01])
      for (const newSameDayShare of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01])
        for (const weighCourse of [false, true])
          for (const emergencyMinProbability of [0, 0.02, 0.03, 0.045, 0.06, 0.08]) {
            if (newSameDayShare > sameDayShare) continue;
            const thresholds = {
              ...DIFFERENTIAL_THRESHOLDS,
              emergencyMinProbability,
              mustNotMissOpen,
              emergencyShare,
              sameDayShare,
              newSameDayShare,
              weighCourse,
            };
            results.push({ thresholds, result: score(thresholds) });
          }
results.sort((a, b) => b.result.objective - a.result.objective);
const topIndex = process.argv.indexOf('--top');
const top = topIndex >= 0 ? Number(process.argv[topIndex + 1]) : 15;
const fmt = (x: number) => (x * 100).toFixed(1).padStart(5);
const line = (t: DifferentialThresholds, r: ReturnType<typeof score>) =>
  `mnm ${t.mustNotMissOpen} emergency ${t.emergencyShare} (≥ ${t.emergencyMinProbability} of all) same-day ${t.sameDayShare} new ${t.newSameDayShare} course ${t.weighCourse}: accuracy ${fmt(r.accuracy)} emergency recall ${fmt(r.recall)} routine→emergency ${fmt(r.overTriage)}`;
console.log(`tuning half: ${rows.length} cases with gold triage`);
for (const { thresholds, result } of results.slice(0, top)) console.log(line(thresholds, result));
const current = score(DIFFERENTIAL_THRESHOLDS);
console.log(`\ncurrent ${line(DIFFERENTIAL_THRESHOLDS, current)}`);
console.log(JSON.stringify(current.confusion));
