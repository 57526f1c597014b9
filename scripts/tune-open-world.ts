/**
 * Calibrates the open-world model and its combination with the DDXPlus model on the TUNING half of the development
 * vignettes (`isTuningCase`: FNV-1a hash of the id even) and writes `models/open-world/calibration.json`. The other
 * half is never read here; `npm run bench:vignettes` reports it separately as untouched.
 *
 * Objective: top-1 + top-3 + top-10 − Brier score of the top condition (calibration) − 3 × the overconfident-and-wrong
 * share (top ≥ 0.9 and wrong), heavily penalised above 1 % (margin under the 2 % target). Grid search; deterministic.
 * Run: `npm run tune:open-world` (about 7 minutes on a shared 2-core machine).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caseResult,
  isTuningCase,
  matchesGold,
  readVignettes,
  vignetteMetrics,
} from '../src/diagnosis/eval/vignettes.js';
import {
  CALIBRATION_PATH,
  DEFAULT_TEXT_PARAMS,
  TextDiagnoser,
  type TextDiagnosisParams,
} from '../src/diagnosis/text/diagnose-text.js';

const DATA = process.env.HEALTHGPT_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');
const FILE = join(DATA, 'vignettes', 'avey_dev.jsonl');
const rows = readVignettes(FILE).filter((r) => isTuningCase(r.input.id));
const base = new TextDiagnoser(DEFAULT_TEXT_PARAMS);
const readings = rows.map(({ input }) =>
  base.read({
    text: input.text,
    ...(input.age !== undefined ? { ageYears: input.age } : {}),
    ...(input.sex ? { sex: input.sex } : {}),
  }),
);

function evaluate(params: TextDiagnosisParams) {
  const diagnoser = base.withParams(params);
  const cases = readings.map((reading, i) => caseResult(rows[i]!.input.id, diagnoser.assess(reading)));
  const golds = rows.map((r) => r.gold);
  const metrics = vignetteMetrics(cases, golds);
  let brier = 0;
  cases.forEach((c, i) => {
    const top = c.differential[0];
    if (!top) return;
    const right = matchesGold(top, golds[i]!) ? 1 : 0;
    brier += (top.probability - right) ** 2;
  });
  brier /= cases.length;
  const ocw = metrics.overconfidentWrong ?? 0;
  const objective =
    (metrics.top1 ?? 0) +
    (metrics.top3 ?? 0) +
    (metrics.top10 ?? 0) -
    brier -
    3 * ocw -
    10 * Math.max(0, ocw - 0.01);
  return { objective, brier, metrics };
}

/**
 * The evidence ceiling n / (n + 6) is fixed, not tuned: the tuning half was also read to add phrasings and classic
 * features, so its accuracy is optimistic and a ceiling fitted on it would be too high (it picks none). The same
 * n / (n + 6) hedges the interview's differential.
 */
const EVIDENCE_K = 6;
/**
 * Weight of SymCat's log priors (visit frequencies, where injuries and colds dominate), fixed, not in the grid:
 * compared by hand on the tuning half and on Dxy / DxBench (sets not tuned on); see `priorWeightNote` in the
 * calibration file.
 */
const PRIOR_WEIGHT = 0.7;

let best: { params: TextDiagnosisParams; result: ReturnType<typeof evaluate> } | undefined;
let tried = 0;
for (const leak of [0.005, 0.01, 0.02])
  for (const absentWeight of [0.25, 0.5, 1])
    for (const ddxWeight of [0, 0.3, 0.6])
      for (const temperature of [1, 1.25, 1.5, 2])
        for (const otherLogPrior of [3, 6])
          for (const backgroundScale of [0, 0.5, 1, 2])
            for (const evidenceK of [EVIDENCE_K]) {
              const params: TextDiagnosisParams = {
                openWorld: {
                  ...DEFAULT_TEXT_PARAMS.openWorld,
                  leak,
                  absentWeight,
                  temperature,
                  otherLogPrior,
                  backgroundScale,
                  priorWeight: PRIOR_WEIGHT,
                },
                ddxWeight,
                evidenceK,
              };
              const result = evaluate(params);
              tried++;
              if (!best || result.objective > best.result.objective) best = { params, result };
            }
const { params, result } = best!;
writeFileSync(
  CALIBRATION_PATH,
  `${JSON.stringify(
    {
      description:
        'Open-world model and combination parameters, chosen by grid search on the tuning half of avey_dev.jsonl (FNV-1a hash of the id even); the other half was not used.',
      tunedOn: { file: 'vignettes/avey_dev.jsonl', split: 'tuning half (isTuningCase)', cases: rows.length },
      candidates: tried,
      objective:
        'top1 + top3 + top10 − Brier(top) − 3 × overconfident-wrong − 10 × max(0, overconfident-wrong − 0.01)',
      tuningResult: {
        objective: Number(result.objective.toFixed(4)),
        brierTop: Number(result.brier.toFixed(4)),
        top1: result.metrics.top1,
        top3: result.metrics.top3,
        top10: result.metrics.top10,
        overconfidentWrong: result.metrics.overconfidentWrong,
      },
      params,
      priorWeightNote: `priorWeight ${PRIOR_WEIGHT} is fixed, not tuned by this grid (see the comment on PRIOR_WEIGHT).`,
    },
    null,
    2,
  )}\n`,
);
console.log(
  `tried ${tried}; best ${JSON.stringify(params)} → ${JSON.stringify(result.metrics)} brier ${result.brier.toFixed(4)}`,
);
