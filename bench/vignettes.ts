/**
 * `npm run bench:vignettes`: the free-text path (intake → findings → differential → triage) on realistic vignettes,
 * beside the published anchors. Writes its section of docs/benchmarks.json / docs/benchmarks.md.
 *
 * - avey_dev.jsonl (190 vignettes): the tuning half (FNV-1a hash of the id even; used by
 *   `scripts/tune-open-world.ts` and for error analysis) and the held-out half (never used for tuning) separately.
 * - DxBench, Dxy, Muzhi: structured symptoms of real patients (machine-translated), written as a sentence per case;
 *   open-set top-k by name, and "pick among the candidates" accuracy when a candidate appears in our differential.
 * - AgentClinic (MedQA, NEJM) and CRAFT-MD: exam-style cases mostly outside primary care: how often the system says
 *   "not covered" (abstains, or gives "something else" at least the top condition's share) instead of inventing.
 * - Latency: median over 300-word vignettes on one core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { parseCsv } from '../src/diagnosis/ddxplus/csv.js';
import {
  evaluateVignettes,
  isTuningCase,
  normaliseName,
  readVignettes,
  type VignetteGold,
  type VignetteMetrics,
} from '../src/diagnosis/eval/vignettes.js';
import { loadTextParams, type TextDiagnosis, textDiagnoser } from '../src/diagnosis/text/diagnose-text.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

const dir = requireDataset('vignettes');
const diagnoser = textDiagnoser();
const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);

// 1. Avey development vignettes, split.
const avey = readVignettes(join(dir, 'avey_dev.jsonl'));
const tuning = avey.filter((r) => isTuningCase(r.input.id));
const heldOut = avey.filter((r) => !isTuningCase(r.input.id));
// The project's own probe vignettes (test/fixtures/vignettes: hand-written textbook presentations of common and
// acute conditions with the level of care guidance gives them); rules and phrasings were written from their misses.
const probes = (file: string) => readVignettes(join('test', 'fixtures', 'vignettes', file));
const parts: [string, typeof avey][] = [
  ['avey_dev held-out half (decided two settings; texts read in rounds 7 and 10)', heldOut],
  ['avey_dev tuning half (tuned on)', tuning],
  ['avey_dev all', avey],
  ['project probes, common conditions (tuned on)', probes('probes-common.jsonl')],
  ['project probes, acute conditions (tuned on)', probes('probes-acute.jsonl')],
  ['project probes, written fresh (scored once, then tuned on)', probes('probes-fresh.jsonl')],
  ['project probes, second fresh set (scored once, then tuned on)', probes('probes-fresh-2.jsonl')],
  ['project probes, third fresh set (scored once, then tuned on)', probes('probes-fresh-3.jsonl')],
  ['project probes, fourth fresh set (scored once, then tuned on)', probes('probes-fresh-4.jsonl')],
  ['project probes, fifth fresh set, acute (scored once, then tuned on)', probes('probes-fresh-5.jsonl')],
  ['project probes, sixth fresh set, routine (scored once, then tuned on)', probes('probes-fresh-6.jsonl')],
  ['project probes, seventh fresh set (scored once, then tuned on)', probes('probes-fresh-7.jsonl')],
  ['project probes, eighth fresh set, urgent (scored once, then tuned on)', probes('probes-fresh-8.jsonl')],
  ['project probes, ninth fresh set (scored once, then tuned on)', probes('probes-fresh-9.jsonl')],
  // Written by a separate writer who read none of the system (no rules, no knowledge, no earlier probes).
  ['blind set 1 (separate writer; scored once, then tuned on)', probes('blind-1.jsonl')],
  ['blind set 2 (separate writer; scored once, then tuned on)', probes('blind-2.jsonl')],
  ['blind set 3 (separate writer; scored once, then tuned on)', probes('blind-3.jsonl')],
  ['blind set 4 (separate writer; scored once, then tuned on)', probes('blind-4.jsonl')],
  // A second writer, after the fixes from sets 1–4 (diagnoses not in sets 1–4): scored once, then tuned on.
  ['blind set 5 (second writer; scored once, then tuned on)', probes('blind-5.jsonl')],
  ['blind set 6 (second writer; scored once, then tuned on)', probes('blind-6.jsonl')],
  ['blind set 7 (second writer; scored once, then tuned on)', probes('blind-7.jsonl')],
  ['blind set 8 (second writer; scored once, then tuned on)', probes('blind-8.jsonl')],
  // A third writer, after the fixes from sets 1–8, in the style of the avey vignettes: scored once, then tuned on.
  ['blind set 9 (third writer; scored once, then tuned on)', probes('blind-9.jsonl')],
  ['blind set 10 (third writer; scored once, then tuned on)', probes('blind-10.jsonl')],
  // A fourth writer, after every other change of the seventh round, in the avey style: scored once, then tuned on.
  ['blind set 11 (fourth writer; scored once, then tuned on)', probes('blind-11.jsonl')],
  ['blind set 12 (fourth writer; scored once, then tuned on)', probes('blind-12.jsonl')],
  // A fifth writer, after the fourth round's fixes, in the avey style: scored once, then tuned on.
  ['blind set 13 (fifth writer; scored once, then tuned on)', probes('blind-13.jsonl')],
  ['blind set 14 (fifth writer; scored once, then tuned on)', probes('blind-14.jsonl')],
  // A sixth writer, after the fifth round's fixes, in the avey style: scored once, then tuned on.
  ['blind set 15 (sixth writer; scored once, then tuned on)', probes('blind-15.jsonl')],
  ['blind set 16 (sixth writer; scored once, then tuned on)', probes('blind-16.jsonl')],
  // A seventh writer, scored once at the final state of the round and not tuned on.
  ['blind set 17 (seventh writer; scored once, not tuned on)', probes('blind-17.jsonl')],
  ['blind set 18 (seventh writer; scored once, not tuned on)', probes('blind-18.jsonl')],
  // The eighth and ninth writers (issue 11's eighth round): each set scored once, then tuned on.
  ['blind set 19 (eighth writer; scored once, then tuned on)', probes('blind-19.jsonl')],
  ['blind set 20 (eighth writer; scored once, then tuned on)', probes('blind-20.jsonl')],
  ['blind set 21 (ninth writer; scored once, then tuned on)', probes('blind-21.jsonl')],
  ['blind set 22 (ninth writer; scored once, then tuned on)', probes('blind-22.jsonl')],
  // A tenth writer, scored once at the final state of the eighth stop; its misses were fixed in the ninth.
  ['blind set 23 (tenth writer; scored once, then tuned on in the next stop)', probes('blind-23.jsonl')],
  // An eleventh writer (the ninth stop's first round): scored once, then tuned on.
  ['blind set 24 (eleventh writer; scored once, then tuned on)', probes('blind-24.jsonl')],
  // A twelfth writer, written at the start of the ninth stop, scored once at round H's state and not tuned on.
  ['blind set 25 (twelfth writer; not tuned on)', probes('blind-25.jsonl')],
  // Diagnoses outside the avey list, 80 cases each (rounds I–M of the ninth stop, each scored once, then tuned on;
  // the training data of the emergency-wording model in the tenth stop).
  ...[41, 42, 43, 44, 45, 46, 47, 48, 49, 50].map(
    (n) =>
      [
        `other-diagnosis set ${n} (scored once, then tuned on; wording model trained on it)`,
        probes(`other-${n}.jsonl`),
      ] as [string, typeof avey],
  ),
  // Round N, written at the start of the tenth stop: scored once before and once after the wording model, never
  // tuned or trained on.
  ...[51, 52, 53, 54].map(
    (n) =>
      [`other-diagnosis set ${n} (round N; not tuned on)`, probes(`other-${n}.jsonl`)] as [
        string,
        typeof avey,
      ],
  ),
  [
    'other-diagnosis round N, sets 51–54 together (not tuned on)',
    [51, 52, 53, 54].flatMap((n) => probes(`other-${n}.jsonl`)),
  ],
  // Round O (tenth stop): two general sets and two other-diagnosis sets, scored once with the wording model 1.0.0,
  // then read, fixed and trained on (model 1.1.0).
  ['blind set 55 (round O; scored once, then tuned on)', probes('blind-55.jsonl')],
  ['blind set 56 (round O; scored once, then tuned on)', probes('blind-56.jsonl')],
  ['other-diagnosis set 57 (round O; scored once, then tuned on)', probes('other-57.jsonl')],
  ['other-diagnosis set 58 (round O; scored once, then tuned on)', probes('other-58.jsonl')],
  // Round P, the tenth stop's last: written before round O's fixes, scored once at the final state, never tuned on.
  ...finalRound('P', [59, 60], [61, 62]),
  // Round Q, written at the end of the tenth stop and scored once at its final state; never tuned on.
  ...finalRound('Q', [63, 64], [65, 66]),
  // Clinical spot-checks of stop 32: callers', patients', 111 and nurses' wording, labels by the writers (helpers who
  // read none of the code). Round 3 was scored at 52d283d (49/80), round 4 held out at 8773059 (68/90) and round 5
  // held out at 3a52f39 (74/100); each was then read and fixed, so these rows are tuned-on numbers.
  ['clinical spot-check round 3 (stop 32; scored once, then tuned on)', probes('spot-3.jsonl')],
  ['clinical spot-check round 4 (stop 32; scored once held out, then tuned on)', probes('spot-4.jsonl')],
  ['clinical spot-check round 5 (stop 32; scored once held out, then tuned on)', probes('spot-5.jsonl')],
  ['clinical spot-check round 6 (stop 33; scored once held out, then tuned on)', probes('spot-6.jsonl')],
  ['clinical spot-check round 7 (stop 33; scored once held out, then tuned on)', probes('spot-7.jsonl')],
  ['clinical spot-check round 8 (stop 33; scored once held out, then tuned on)', probes('spot-8.jsonl')],
  ['clinical spot-check round 9 (stop 33; scored once held out, then tuned on)', probes('spot-9.jsonl')],
  ['clinical spot-check round 10 (stop 33; scored once held out, then tuned on)', probes('spot-10.jsonl')],
  // Round 11 was scored once on stop 33's final commit (d2c21b0, 87/100) as that stop's final test; stop 34 read its
  // misses and fixed them, with round 12's (scored once held out at 321c51e, 80/100).
  ['clinical spot-check round 11 (stop 33 final test; tuned on in stop 34)', probes('spot-11.jsonl')],
  ['clinical spot-check round 12 (stop 34; scored once held out, then tuned on)', probes('spot-12.jsonl')],
  // Round 14 was scored once held out at af43ef8 (88/100 as its writer counted, CLI 0.81), then read and fixed.
  // Round 13 was written before round 14 and kept unread as the stop's final test; scored once at 15e48ee (77/100,
  // CLI 0.71, emergencies 26/30), then its misses were read and its emergencies fixed, so it too is tuned on now.
  ['clinical spot-check round 13 (stop 34 final test; its emergencies then fixed)', probes('spot-13.jsonl')],
  ['clinical spot-check round 14 (stop 34; scored once held out, then tuned on)', probes('spot-14.jsonl')],
  // Round 15 was scored once held out at 9abc70a (86/100 as its writer counted, CLI 0.81), then read and fixed.
  ['clinical spot-check round 15 (stop 34; scored once held out, then tuned on)', probes('spot-15.jsonl')],
  // Round 16 was scored once held out at c0ed45e (83/100 as its writer counted, CLI 0.79), then read and fixed.
  ['clinical spot-check round 16 (stop 34; scored once held out, then tuned on)', probes('spot-16.jsonl')],
  // Round 17 was scored once held out at 6cdd9a1 (87/100 as its writer counted, CLI 0.84), then read and fixed.
  ['clinical spot-check round 17 (stop 34; scored once held out, then tuned on)', probes('spot-17.jsonl')],
  // Round 18 was scored once held out at 1adc049 (89/100, CLI 0.89), then read and fixed.
  ['clinical spot-check round 18 (stop 34; scored once held out, then tuned on)', probes('spot-18.jsonl')],
  // Round 19 was scored once on stop 34's final commit (8e18f5b: 79/100, CLI 0.73, emergencies 27/30) as its final
  // test; stop 35 read its misses and fixed them.
  ['clinical spot-check round 19 (stop 34 final test; tuned on in stop 35)', probes('spot-19.jsonl')],
  // Rounds 21 and 22 were scored once held out at 3111f39 (86/100 and 84/100, CLI 0.85 and 0.84), then read and fixed.
  ['clinical spot-check round 21 (stop 35; scored once held out, then tuned on)', probes('spot-21.jsonl')],
  ['clinical spot-check round 22 (stop 35; scored once held out, then tuned on)', probes('spot-22.jsonl')],
  // Rounds 23 and 24 were scored once held out at d660c98 (80/100 each, CLI 0.78 and 0.80), then read and fixed.
  ['clinical spot-check round 23 (stop 35; scored once held out, then tuned on)', probes('spot-23.jsonl')],
  ['clinical spot-check round 24 (stop 35; scored once held out, then tuned on)', probes('spot-24.jsonl')],
  // Rounds 25 and 26 were scored once held out at 4b2858e (91/100 and 93/100, CLI 0.90 and 0.88), then read and fixed.
  ['clinical spot-check round 25 (stop 35; scored once held out, then tuned on)', probes('spot-25.jsonl')],
  ['clinical spot-check round 26 (stop 35; scored once held out, then tuned on)', probes('spot-26.jsonl')],
  // Rounds 27 and 28 were scored once held out at 5693a43 (89/100 and 84/100, CLI 0.85 and 0.84), then read and fixed.
  ['clinical spot-check round 27 (stop 35; scored once held out, then tuned on)', probes('spot-27.jsonl')],
  ['clinical spot-check round 28 (stop 35; scored once held out, then tuned on)', probes('spot-28.jsonl')],
  // Rounds 29 and 30 were scored once held out at 5019479 (95/100 and 90/100, CLI 0.95 and 0.88), then read and fixed.
  ['clinical spot-check round 29 (stop 35; scored once held out, then tuned on)', probes('spot-29.jsonl')],
  ['clinical spot-check round 30 (stop 35; scored once held out, then tuned on)', probes('spot-30.jsonl')],
  // Round 20 was written blind at the start of stop 35, kept unread, and scored once on the stop's final commit
  // (7b7b257: 85/100, CLI 0.80, emergencies 27/30) as its final test; stop 36 read its misses and fixed them.
  ['clinical spot-check round 20 (stop 35 final test; tuned on in stop 36)', probes('spot-20.jsonl')],
  // Rounds 32 and 33 were scored once held out at c250e1b (91/100 and 92/100, CLI 0.89 and 0.91), then read and fixed.
  ['clinical spot-check round 32 (stop 36; scored once held out, then tuned on)', probes('spot-32.jsonl')],
  ['clinical spot-check round 33 (stop 36; scored once held out, then tuned on)', probes('spot-33.jsonl')],
  // Rounds 34 and 35 were scored once held out at eb22677 (90/100 and 93/100, CLI 0.89 and 0.90), then read and fixed.
  ['clinical spot-check round 34 (stop 36; scored once held out, then tuned on)', probes('spot-34.jsonl')],
  ['clinical spot-check round 35 (stop 36; scored once held out, then tuned on)', probes('spot-35.jsonl')],
  // Rounds 36 and 37 were scored once held out at 377cf69 (89/100 and 96/100, CLI 0.86 and 0.94), then read and fixed.
  ['clinical spot-check round 36 (stop 36; scored once held out, then tuned on)', probes('spot-36.jsonl')],
  ['clinical spot-check round 37 (stop 36; scored once held out, then tuned on)', probes('spot-37.jsonl')],
  // Rounds 38 and 39 were scored once held out at 928f132 (92/100 and 87/100, CLI 0.88 and 0.84), then read and fixed.
  ['clinical spot-check round 38 (stop 36; scored once held out, then tuned on)', probes('spot-38.jsonl')],
  ['clinical spot-check round 39 (stop 36; scored once held out, then tuned on)', probes('spot-39.jsonl')],
  // Rounds 40 and 41 were scored once held out at 934bc78 (91/100 and 92/100, CLI 0.89 and 0.88), then read and fixed.
  ['clinical spot-check round 40 (stop 36; scored once held out, then tuned on)', probes('spot-40.jsonl')],
  ['clinical spot-check round 41 (stop 36; scored once held out, then tuned on)', probes('spot-41.jsonl')],
  // Rounds 42 and 43 were scored once held out at dc6e615 (89/100 and 95/100, CLI 0.88 and 0.92), then read and fixed.
  ['clinical spot-check round 42 (stop 36; scored once held out, then tuned on)', probes('spot-42.jsonl')],
  ['clinical spot-check round 43 (stop 36; scored once held out, then tuned on)', probes('spot-43.jsonl')],
  // Rounds 45 to 48 were scored once held out at 538c5ba (85, 80, 87 and 88 of 100; CLI 0.78, 0.68, 0.85 and 0.84),
  // rounds 49 to 52 at da1640e (95, 87, 83 and 93 of 100; CLI 0.95, 0.87, 0.82 and 0.89); then read and fixed.
  ['clinical spot-check round 45 (stop 37; scored once held out, then tuned on)', probes('spot-45.jsonl')],
  ['clinical spot-check round 46 (stop 37; scored once held out, then tuned on)', probes('spot-46.jsonl')],
  ['clinical spot-check round 47 (stop 37; scored once held out, then tuned on)', probes('spot-47.jsonl')],
  ['clinical spot-check round 48 (stop 37; scored once held out, then tuned on)', probes('spot-48.jsonl')],
  ['clinical spot-check round 49 (stop 37; scored once held out, then tuned on)', probes('spot-49.jsonl')],
  ['clinical spot-check round 50 (stop 37; scored once held out, then tuned on)', probes('spot-50.jsonl')],
  ['clinical spot-check round 51 (stop 37; scored once held out, then tuned on)', probes('spot-51.jsonl')],
  ['clinical spot-check round 52 (stop 37; scored once held out, then tuned on)', probes('spot-52.jsonl')],
  // Rounds 53 to 56 were scored once held out at d7f6ea6 (97, 91, 93 and 89 of 100; CLI 0.96, 0.90, 0.90 and 0.79),
  // then read and fixed.
  ['clinical spot-check round 53 (stop 37; scored once held out, then tuned on)', probes('spot-53.jsonl')],
  ['clinical spot-check round 54 (stop 37; scored once held out, then tuned on)', probes('spot-54.jsonl')],
  ['clinical spot-check round 55 (stop 37; scored once held out, then tuned on)', probes('spot-55.jsonl')],
  ['clinical spot-check round 56 (stop 37; scored once held out, then tuned on)', probes('spot-56.jsonl')],
  // Rounds 57 and 58 were scored once held out at 7eabbf1, the code round 44 was first scored on (91/100 and 93/100,
  // CLI 0.90 and 0.90), then read and fixed.
  ['clinical spot-check round 57 (stop 37; scored once held out, then tuned on)', probes('spot-57.jsonl')],
  ['clinical spot-check round 58 (stop 37; scored once held out, then tuned on)', probes('spot-58.jsonl')],
  // Rounds 61 and 62 were scored once held out at bf7241a and a18ec8e (95/100 and 91/100, CLI 0.92 and 0.91), then
  // read and fixed.
  ['clinical spot-check round 61 (stop 38; scored once held out, then tuned on)', probes('spot-61.jsonl')],
  ['clinical spot-check round 62 (stop 38; scored once held out, then tuned on)', probes('spot-62.jsonl')],
  // Rounds 63 and 64 were scored once held out at be1bbf0 (81/100 and 87/100, CLI 0.77 and 0.86), then read and fixed.
  ['clinical spot-check round 63 (stop 38; scored once held out, then tuned on)', probes('spot-63.jsonl')],
  ['clinical spot-check round 64 (stop 38; scored once held out, then tuned on)', probes('spot-64.jsonl')],
  // Rounds 65 and 66 were scored once held out at 49c166e (89/100 and 96/100, CLI 0.87 and 0.96), then read and fixed.
  ['clinical spot-check round 65 (stop 38; scored once held out, then tuned on)', probes('spot-65.jsonl')],
  ['clinical spot-check round 66 (stop 38; scored once held out, then tuned on)', probes('spot-66.jsonl')],
  // Rounds 69 to 74 were written blind in stop 39 and each scored once before it was read (69 and 70 at 524d404: 79 and
  // 85 of 100; 71 and 72 on the stop's first fixes: 82 and 92; 73 at e223031: 84; 74 at 9b4d5bc's parent: 87), then
  // read and fixed.
  ['clinical spot-check round 69 (stop 39; scored once held out, then tuned on)', probes('spot-69.jsonl')],
  ['clinical spot-check round 70 (stop 39; scored once held out, then tuned on)', probes('spot-70.jsonl')],
  ['clinical spot-check round 71 (stop 39; scored once held out, then tuned on)', probes('spot-71.jsonl')],
  ['clinical spot-check round 72 (stop 39; scored once held out, then tuned on)', probes('spot-72.jsonl')],
  ['clinical spot-check round 73 (stop 39; scored once held out, then tuned on)', probes('spot-73.jsonl')],
  ['clinical spot-check round 74 (stop 39; scored once held out, then tuned on)', probes('spot-74.jsonl')],
  // Rounds 75 and 76 were scored once held out at ad95661 and a8b60f7 (86 and 90 of 100), then read and fixed.
  ['clinical spot-check round 75 (stop 39; scored once held out, then tuned on)', probes('spot-75.jsonl')],
  ['clinical spot-check round 76 (stop 39; scored once held out, then tuned on)', probes('spot-76.jsonl')],
  // Round 31 was written blind at the start of stop 36, kept unread, and scored once on the stop's final commit
  // (51287ca: 89/100, CLI 0.88, emergencies 29/30): the final test, never tuned on.
  ['clinical spot-check round 31 (stop 36; final test, never tuned on)', probes('spot-31.jsonl')],
  // Round 44 was written blind at the start of stop 37, kept unread, and scored on 27ed3b0 and again on the stop's
  // final code (6cc5857), the same both times (90/100, CLI 0.84, emergencies 29/30): the final test, never tuned on.
  ['clinical spot-check round 44 (stop 37; final test, never tuned on)', probes('spot-44.jsonl')],
  // Rounds 59 (free text, written blind at the end of stop 37) and 60 (structured case summaries, internal medicine,
  // written blind in stop 38) were kept unread and scored once on stop 38's final code (5ce5360): the final tests,
  // never tuned on.
  ['clinical spot-check round 59 (stop 38; final test, never tuned on)', probes('spot-59.jsonl')],
  ['clinical spot-check round 60 (stop 38; final test, never tuned on)', probes('spot-60.jsonl')],
  // Rounds 67 (free text) and 68 (structured summaries) were written blind at the start of stop 39, kept unread and
  // scored once on its last code (6bc97fa: 84 and 88 of 100, emergencies 28/30 and 22/22): the final tests. Round 67's
  // two missed emergencies were then read and fixed (a quoted count of tablets, a hip fracture's fall and leg), and
  // round 68's misses after them: both are development sets from then on.
  [
    'clinical spot-check round 67 (stop 39; final test, its two missed emergencies then fixed)',
    probes('spot-67.jsonl'),
  ],
  [
    'clinical spot-check round 68 (stop 39; final test, its misses then read and fixed)',
    probes('spot-68.jsonl'),
  ],
];
/** A final round's rows: each general (blind-N) and other-diagnosis (other-N) set, then each kind pooled. */
function finalRound(
  round: string,
  general: readonly [number, number],
  other: readonly [number, number],
): [string, typeof avey][] {
  const sets = (kind: 'blind' | 'other', numbers: readonly number[]) =>
    numbers.flatMap((n) => probes(`${kind}-${n}.jsonl`));
  return [
    ...general.map((n): [string, typeof avey] => [
      `blind set ${n} (round ${round}; not tuned on)`,
      sets('blind', [n]),
    ]),
    ...other.map((n): [string, typeof avey] => [
      `other-diagnosis set ${n} (round ${round}; not tuned on)`,
      sets('other', [n]),
    ]),
    [
      `round ${round}, general sets ${general[0]}–${general[1]} together (not tuned on)`,
      sets('blind', general),
    ],
    [
      `round ${round}, other-diagnosis sets ${other[0]}–${other[1]} together (not tuned on)`,
      sets('other', other),
    ],
  ];
}
const aveyRows = parts.map(([name, rows]) => {
  const m = evaluateVignettes(diagnoser, rows).metrics;
  log(`${name}: ${JSON.stringify(m)}`);
  return metricRow(name, rows.length, m);
});
function metricRow(name: string, n: number, m: VignetteMetrics): string[] {
  return [
    name,
    String(n),
    pct(m.meanTopProbability),
    pct(m.top1),
    pct(m.top3),
    pct(m.top10),
    pct(m.overconfidentWrong),
    String(m.abstained),
    pct(m.triageAccuracy),
    pct(m.emergencyRecall),
  ];
}

// 2. DxBench / Dxy / Muzhi: structured symptoms as text.
interface DxCase {
  id: string;
  explicit_symptoms: [string, string][];
  implicit_symptoms: [string, string][];
  candidate_diseases: string[];
  disease: string;
}
const nameMatch = (a: string, b: string) => {
  const x = normaliseName(a);
  const y = normaliseName(b);
  return x === y || (x.length > 4 && y.includes(x)) || (y.length > 4 && x.includes(y));
};
const dxRows = ['DxBench_en', 'Dxy_en', 'Muzhi_en'].map((file) => {
  const cases = JSON.parse(readFileSync(join(dir, 'dxbench_cod', `${file}.json`), 'utf8')) as DxCase[];
  let top1 = 0;
  let top10 = 0;
  let candidateRight = 0;
  let candidateCovered = 0;
  let abstained = 0;
  for (const c of cases) {
    const symptoms = [...c.explicit_symptoms, ...c.implicit_symptoms];
    const present = symptoms.filter(([, v]) => v === 'True').map(([s]) => s);
    const absent = symptoms.filter(([, v]) => v !== 'True').map(([s]) => s);
    const text = [
      present.length ? `The patient reports ${present.join(', ')}.` : '',
      ...absent.map((s) => `No ${s}.`),
    ].join(' ');
    let result: TextDiagnosis | undefined;
    try {
      result = diagnoser.diagnose({ text: text || '-' });
    } catch {
      result = undefined;
    }
    if (!result || result.abstained) {
      abstained++;
      continue;
    }
    const rank = result.differential.findIndex((e) => nameMatch(e.name, c.disease));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 10) top10++;
    const scored = c.candidate_diseases.map((candidate) => ({
      candidate,
      p: Math.max(
        0,
        ...result!.differential.filter((e) => nameMatch(e.name, candidate)).map((e) => e.probability),
      ),
    }));
    if (scored.some((s) => s.p > 0)) {
      candidateCovered++;
      const best = scored.reduce((a, b) => (b.p > a.p ? b : a));
      if (best.candidate === c.disease) candidateRight++;
    }
  }
  const n = cases.length;
  const row = [
    file.replace('_en', ''),
    String(n),
    pct(top1 / n),
    pct(top10 / n),
    String(abstained),
    pct(candidateCovered / n),
    candidateCovered ? pct(candidateRight / candidateCovered) : '–',
    pct(1 / (cases[0]?.candidate_diseases.length ?? 3)),
  ];
  log(row.join(' | '));
  return row;
});

// 3. Exam-style cases: "not covered" rate.
function notCoveredRow(name: string, texts: readonly string[]): string[] {
  let abstained = 0;
  let notCovered = 0;
  let confident = 0;
  for (const text of texts) {
    let result: TextDiagnosis;
    try {
      result = diagnoser.diagnose({ text });
    } catch {
      abstained++;
      notCovered++;
      continue;
    }
    if (result.abstained) abstained++;
    notCovered += result.notCovered;
    if ((result.differential[0]?.probability ?? 0) >= 0.9) confident++;
  }
  const row = [
    name,
    String(texts.length),
    pct(abstained / texts.length),
    pct(notCovered / texts.length),
    pct(confident / texts.length),
  ];
  log(row.join(' | '));
  return row;
}
const agentClinicText = (line: string): string => {
  const osce = (JSON.parse(line) as { OSCE_Examination?: Record<string, unknown> }).OSCE_Examination ?? {};
  const actor = (osce.Patient_Actor ?? {}) as Record<string, unknown>;
  return [actor.Demographics, actor.History, JSON.stringify(actor.Symptoms ?? '')]
    .filter((x) => typeof x === 'string')
    .join('\n')
    .slice(0, 20_000);
};
const agentClinic = ['agentclinic_medqa', 'agentclinic_nejm'].map((file) =>
  notCoveredRow(
    `AgentClinic ${file.replace('agentclinic_', '')}`,
    readFileSync(join(dir, 'agentclinic', `${file}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map(agentClinicText),
  ),
);
const craft = parseCsv(readFileSync(join(dir, 'craftmd_2004', 'usmle_and_derm_dataset.csv'), 'utf8'));
const craftTexts = craft.rows
  .map((r) => r.case_vignette ?? '')
  .filter((t) => t.trim())
  .slice(0, 500);
const inScopeRow = notCoveredRow(
  'avey_dev held-out half (in scope, for contrast)',
  heldOut.map((r) => r.input.text),
);
const craftRow = notCoveredRow(`CRAFT-MD (first ${craftTexts.length} of ${craft.rows.length})`, craftTexts);

// 4. Latency of a 300-word vignette (one core; the intake reads the text twice).
const words = avey.flatMap((r) => r.input.text.split(/\s+/));
const vignettes300 = Array.from({ length: 60 }, (_, i) => words.slice(i * 150, i * 150 + 300).join(' '));
for (const text of vignettes300.slice(0, 5)) diagnoser.diagnose({ text, ageYears: 50 });
const times = vignettes300.map((text) => {
  const started = performance.now();
  diagnoser.diagnose({ text, ageYears: 50 });
  return performance.now() - started;
});
times.sort((a, b) => a - b);
const medianMs = times[Math.floor(times.length / 2)]!;

const params = loadTextParams();
const body = [
  `The free-text path: \`healthgpt eval vignettes --cases FILE.jsonl\` (intake of the text → open-world and DDXPlus findings → combined differential with a "something else" share → triage). A prediction is right when its ICD-10 category (3 characters) is one of the gold codes' categories or its name is an accepted name. **Split of avey_dev.jsonl:** a case is in the tuning half when the FNV-1a hash of its id is even (${tuning.length} cases); the open-world parameters (leak ${params.openWorld.leak}, absent-finding weight ${params.openWorld.absentWeight}, temperature ${params.openWorld.temperature}, background scale of unlisted symptoms ${params.openWorld.backgroundScale ?? 0}, "something else" log prior ${params.openWorld.otherLogPrior}, DDXPlus weight ${params.ddxWeight}; the evidence ceiling n / (n + ${params.evidenceK ?? 0}) is fixed) were chosen on it by \`scripts/tune-open-world.ts\`, and its failures were read to add phrasings and conditions (and, for issue 11's second round, to find the causes of misses: \`scripts/open-world/analyse-dev.ts\`). The held-out half (${heldOut.length} cases) was not used for tuning and its texts were not read; but the list of gold diagnosis names of the whole file was seen when choosing which conditions to add, and its aggregate numbers were seen once mid-way (overconfident-and-wrong 3.4 % then), which led to a stronger overconfidence penalty in the tuning objective and to the evidence ceiling — so the held-out half is not a fully blind test. In a second round (background rates for unlisted findings, specific findings implying general ones, six red-flag rules, a fever pattern counted as fever for self-care, "the child" read as the patient, a leaking aneurysm's classic features), its aggregate numbers were looked at three more times (after the likelihood change, after the first red flags, and that run), with no text read and nothing tuned on them. In a third round (a care level per condition from published dispositions and triage from the differential's shares, thresholds chosen on the tuning half by \`scripts/open-world/tune-triage.ts\`; seven more red-flag rules from guidance; SymCat placeholder symptom lists dropped; SymCat priors weighted 0.7, compared on the tuning half and on Dxy/DxBench; lay phrasings; a negated specific finding no longer a contradiction), the held-out half was scored once, at the end (\`healthgpt eval vignettes\` on it and on the whole file, then this run). In a fourth round (the complaint's time course read from the note — \`src/triage/onset.ts\` — weighs the differential's triage reasons: a new illness is seen the same day from a 30 % share of same-day conditions, a long-standing one is not sent to same-day care by the differential alone, time-critical conditions in a story of more than a week ask for same-day rather than emergency care; red flags for a new illness getting worse, severe pain begun within the week, sudden hearing loss and suspected testicular torsion; chosen on the tuning half by \`scripts/open-world/tune-triage.ts\`; the differential itself unchanged), the held-out half was scored once, at the end (\`healthgpt eval vignettes\` on the whole file, then this run). In a fifth round (patients' own words: a new clause with the speaker as subject ends a denial; an attached "non-" denies only its word; a parent's story reads the child as the patient; infant ages in months, weeks or days and ages said in words; filler words inside symptom phrases; lay phrasings and signs written from hand-made probe sentences — never from this file — for common and time-critical presentations, each checked against the PhysioNet nursing notes and the exam vignettes for false readings; classic features where SymCat's were thin: diabetes, tuberculosis, acute glaucoma; editorial prevalence for common conditions SymCat leaves without a prior; the differential alone needs two findings to raise the level; red flags for hip fracture, acute limb ischaemia, quinsy, a floppy child, projectile vomiting in a baby and NICE NG12 referral criteria; the tuning half checked after each step), the held-out half was scored three times: after that batch, after conditions named "Chronic …" were lowered for a complaint begun within the week, and in this run after a last batch of probe-driven findings (retinal detachment, a swallowed battery, sciatica; tuning half unchanged by both): in all, its aggregate numbers had been looked at ten times, its texts never. In a sixth round (the project's own probe vignettes, \`test/fixtures/vignettes\`: 98 cases the rules were first written from, then seven sets written afresh and scored once before the changes each prompted — 249 cases, triage 67.1 % and emergency recall 44/66 before their fixes, see docs/triage.md; about thirty red flags from guidance, reading fixes — "hay fever", "blood pressure", "fitted", "stabbing", "without warning" —, conditions that only share an ICD-10 category with a DDXPlus one no longer merged into it), the held-out half was scored at the end (the eleventh look): its emergency recall had fallen from 19/23 to 16/23, so a twelfth look scored the two changes that lowered levels (severe new pain as same-day care, a floor of 4.5 % of the whole differential before it calls an emergency) with a rule fixed beforehand — highest emergency recall, then accuracy —, which restored severe pain as an emergency and turned the floor off; the thirteenth scored that choice, the fourteenth came after a probe set that read a facial palsy taking in the forehead as a Bell's palsy, not a stroke, and this run, after a last one (a foot ulcer in diabetes is same-day), is the fifteenth. The held-out half has decided two settings: read it as a development set. In a seventh round the texts of the whole file's 14 urgent cases given as routine (both halves) were read for missing readings, and seven separate writers who read none of the system wrote 820 blind cases (\`test/fixtures/vignettes/blind-*.jsonl\`), each round scored once before its fixes (docs/triage.md): triage 69.4 %, 60.6 %, 75.0 %, 74.0 %, 70.0 %, 79.0 % and 78.0 %, emergency recall 36/40, 29/37, 20/22, 17/22, 19/22, 18/22 and 20/22 — the closest estimate here of new material; the seventh round (sets 17–18) was not tuned on. In an eighth round two more writers wrote sets 19–22 (400 cases), scored once before their fixes (triage 82.0 % and 72.5 %, emergency recall 44/45 and 42/46), and two writers given only the avey file's list of diagnoses, codes and levels of care (never its texts) wrote one new case per diagnosis (147 cases, not committed because their labels are the avey file's: triage 70.1 %, emergency recall 27/35 before the fixes); their misses led to readings, red flags, levels of care and feature packs of classic features (\`scripts/open-world/features/\`), checked on every set above; set 23, written afterwards by a tenth writer, was scored once at the final state and not tuned on (docs/triage.md has both rounds' numbers). In a ninth round six more writers wrote two rounds at once: round G (set 24 and 147 avey-spectrum cases), scored once before its fixes (triage 82.0 % and 81.0 %), then tuned on with the eighth round's final sets; and round H (set 25 and 147 avey-spectrum cases), scored once at its final state and never tuned on (triage 87.0 % and 85.0 %, emergency recall 22/22 and 34/35); then, for diagnoses outside the avey list, round I (160 cases, scored once, then tuned on) and rounds J, K and L (160 cases each, each scored once as the final round, then tuned on: emergency recall 33/37, 55/57 and 53/59) and round M (160 cases, scored once at the final state, never tuned on: triage 83.8 %, emergency recall 51/57, top-3 76.9 %; docs/triage.md); set 25's row below is at the final state, after the later rounds' fixes (a later look, not tuned on); four held-out texts of this file were read in that round (a blepharitis sent to the emergency department, an overflow incontinence, a vertebral fracture and a hypertension given as routine), and the held-out half's aggregate numbers were seen while checking each change. In a tenth round a learned emergency-wording model (\`src/triage/wording/\`, models/triage/MODEL_CARD.md: a logistic regression over a note's words, the intake's findings and the age band, trained on the project's own vignettes — probes, blind sets 1–25, other-diagnosis sets 41–50 (rounds I–M, now committed) — never on this file) adds an emergency reason in acute stories; its threshold and the acute-story gate were chosen on a model trained without sets 49–50 (this file's aggregate numbers were seen in that check: it changes no case of this file); four new writers' other-diagnosis round N (sets 51–54, 320 cases) was scored before the model (triage 85.6 %, emergency recall 106/114) and after it (86.6 %, 109/114), never tuned or trained on (its rows below are a later look, at the final state); then round O (sets 55–58, 360 cases) was scored once, read and fixed (four rules and readings; the wording model retrained, 1.1.0; 23 conditions added to the knowledge, feature pack G), and round P (sets 59–62, 360 cases), written before those fixes, was scored once at the final state of that round and never tuned on (docs/triage.md); round Q (sets 63–66 here, and 147 avey-spectrum cases not in the repository), written at the end, was scored once at the stop's final state and never tuned on. At the end of the tenth round the texts of this file's held-out half's 21 triage misses and 31 top-3 misses were read: readings and one rule in general form came from them (a severity word qualifies only the pain it names — *severe vomiting* beside cramps is not severe pain; a habit told with *would* is not hypothetical, and *she* still ends a relative's scope; bloody diarrhoea, vision getting worse, no urine for hours, a swelling at the angle of the jaw told in words; others ill with the same are the patient's exposure; a child with unexplained bruising or bleeding and tiredness or fever needs a blood count within 48 hours, NICE NG12; the wording model never raises the rules' self-care), so the held-out half is a development set like the tuning half; rounds N and P are the estimates of new material. In an eleventh round (stop 39) the texts of this file were not read, but its per-case results were compared after each change with the project's other sets, and one change was narrowed after it moved one of its cases (a country named as where someone comes from had been read as a trip to a malaria area); the knowledge gained conditions the project's clinical spot-checks named that it lacked, eczema was coded as atopic eczema (L20.9) and a child's bedwetting as F98.0, and the rows below changed with them. That stop audited the misses of every committed set by gold ICD-10 category (top-3 and top-10), the sets marked below as not tuned on or never tuned on included, and read some of their texts (from blind sets 17 and 23 among others): from stop 39 those rows are development numbers too, and the estimates of new material are rounds 73–76 (each scored once before it was read) and the final tests 67–68 (docs/triage.md). Realistic vignettes outside this repository (the issue's target) are not available here: expect lower numbers on them; the blind sets' before-fix numbers are the closest estimate of that.`,
  '',
  markdownTable(
    [
      'vignettes',
      'n',
      'mean top probability',
      'top-1',
      'top-3',
      'top-10',
      'overconfident & wrong',
      'abstained',
      'triage accuracy',
      'emergency recall',
    ],
    aveyRows,
  ),
  '',
  'Targets (issue 11): top-3 ≥ 65 %, top-10 ≥ 80 %, triage accuracy ≥ 80 % with emergency recall ≥ 95 %, overconfident and wrong ≤ 2 %. Anchors, measured on other vignette sets (context, not a like-for-like comparison):',
  '',
  markdownTable(
    ['anchor', 'cases', 'top-1', 'top-3', 'top-20', 'triage appropriate'],
    [
      [
        'Online symptom checkers (Semigran et al., BMJ 2015)',
        '45 vignettes, 23 checkers',
        '34 %',
        '–',
        '58 %',
        '57 %',
      ],
      [
        'Physicians (Semigran et al., JAMA Intern Med 2016)',
        '45 vignettes, 234 physicians',
        '72 %',
        '84 %',
        '–',
        '–',
      ],
      ['Ada (Gilbert et al., BMJ Open 2020)', '200 vignettes', '–', '71 %', '–', '–'],
    ],
  ),
  '',
  'DxBench, Dxy and Muzhi (real patients\' structured symptoms from Chinese online consultations, machine-translated; no age or sex; the symptoms are written as one sentence per case). Names follow Chinese clinical naming, so open-set matching is by name only (normalised, containment); "candidate accuracy" is the share right when choosing among the given candidates by our probability, over the cases where at least one candidate appears in our top 10.',
  '',
  markdownTable(
    [
      'set',
      'n',
      'top-1 (open set)',
      'top-10 (open set)',
      'abstained',
      'a candidate in our top 10',
      'candidate accuracy',
      'chance',
    ],
    dxRows,
  ),
  '',
  'Exam-style cases, mostly outside primary care: how often the system abstains, and the mean share it gives to "not covered / not settled" (the evidence ceiling, n / (n + 6) of the mass for n findings, keeps that share large on every text, so compare with the in-scope avey row: the difference, not the level, is what this measures); "≥ 0.9" = top condition at 90 % or more.',
  '',
  markdownTable(
    ['set', 'n', 'abstained', 'mean "not covered" share', 'top ≥ 0.9'],
    [...agentClinic, craftRow, inScopeRow],
  ),
  '',
  `Latency: a 300-word vignette to differential and triage, median ${medianMs.toFixed(1)} ms (${times.length} vignettes of 300 words cut from avey_dev texts, one Node thread, after warm-up; target < 50 ms).`,
].join('\n');
console.log(body);
updateBenchmarkSection(
  'vignettes',
  'Differential and triage from free-text vignettes',
  'npm run bench:vignettes',
  body,
);

export type { VignetteGold };
