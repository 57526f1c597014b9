/**
 * `npm run bench:intake`: the intake pipeline measured on public and hand-written data.
 *
 * 1. Negation (NegEx test-set format) and ConText negation / historical / other-experiencer on the development
 *    files in `negex/` (Chapman 2001; Harkema 2009). The trigger lexicon was developed by studying errors on these
 *    same files: the numbers are development-set numbers, optimistic by construction.
 * 2. Recognition (concept + value + status + temporality + experiencer, micro-averaged) on the project's 32
 *    hand-written consultation fixtures (used during development), on the first held-out round of 10 (measured once
 *    untouched, then used for changes) and on a second held-out round of 10 (measured once untouched — the honest
 *    estimate, reproducible by running this benchmark at the commit that added the round, 15f2d9f — then its misses
 *    were used for knowledge-base fixes, so its current numbers are optimistic). This script prints only what it
 *    measures now.
 * 3. Throughput: end-to-end records per second on the PhysioNet deid ICU nursing notes (`deid/physionet/id.text`,
 *    read as Latin-1), each note with a fresh sentence cache; and streaming update latency for a 2,000-word
 *    consultation sent in 20-word chunks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { createIntakeProcessor } from '../src/intake/default.js';
import {
  contextPart,
  evaluateContext,
  evaluateNegation,
  parseContextAnnotations,
  parseNegationAnnotations,
} from '../src/intake/evaluation.js';
import { CONSULTATION_FIXTURES, type ConsultationFixture } from '../src/intake/fixtures/consultations.js';
import { HOLDOUT_CONSULTATION_FIXTURES } from '../src/intake/fixtures/consultations-holdout.js';
import { HOLDOUT_2_CONSULTATION_FIXTURES } from '../src/intake/fixtures/consultations-holdout-2.js';
import { scoreRecognition } from '../src/intake/fixtures/score.js';
import { IntakeSession } from '../src/intake/session.js';
import { markdownTable, updateBenchmarkSection } from './lib/benchmarks-doc.js';

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

// 1. Negation and context.
const negexDir = requireDataset('negex');
const negation = evaluateNegation(
  parseNegationAnnotations(readFileSync(join(negexDir, 'annotations_dev.tsv'), 'utf8')),
);
const contextRows = parseContextAnnotations(
  readFileSync(join(negexDir, 'context_annotations_dev.tsv'), 'utf8'),
);
const context = evaluateContext(contextRows);
// The fixed split (`contextPart`): changes since issue 11 were made by reading errors of the development part only.
const contextDev = evaluateContext(contextRows.filter((r) => contextPart(r) === 'development'));
const contextHeldOut = evaluateContext(contextRows.filter((r) => contextPart(r) === 'held-out'));

// 2. Recognition on fixtures.
const processFixture = (fixture: ConsultationFixture) =>
  createIntakeProcessor(fixture.referenceDate ? { referenceDate: fixture.referenceDate } : {}).process(
    fixture.text,
  );
const development = scoreRecognition(CONSULTATION_FIXTURES, processFixture);
const firstRound = scoreRecognition(HOLDOUT_CONSULTATION_FIXTURES, processFixture);
const heldOut = scoreRecognition(HOLDOUT_2_CONSULTATION_FIXTURES, processFixture);

// 3. Throughput on nursing notes.
const deidText = readFileSync(join(requireDataset('deid', 'physionet'), 'id.text'), 'latin1');
const notes = [
  ...deidText.matchAll(/START_OF_RECORD=\d+\|\|\|\|\d+\|\|\|\|\n([\s\S]*?)\|\|\|\|END_OF_RECORD/g),
].map((m) => m[1]!);
const warm = createIntakeProcessor();
for (const note of notes.slice(0, 50)) warm.process(note);
let findingCount = 0;
const started = performance.now();
for (const note of notes) findingCount += createIntakeProcessor().process(note).findings.length;
const seconds = (performance.now() - started) / 1000;
const characters = notes.reduce((sum, note) => sum + note.length, 0);

// Streaming latency: a 2,000-word consultation in 20-word chunks.
let consultation = '';
const paragraph = CONSULTATION_FIXTURES.map((f) => f.text).join('\n\n');
while (consultation.split(/\s+/).length < 2000) consultation += `${paragraph}\n\n`;
const pieces = consultation.split(/(?<=\s)/);
const session = new IntakeSession(createIntakeProcessor());
const latencies: number[] = [];
for (let i = 0; i < pieces.length; i += 20)
  latencies.push(session.append(pieces.slice(i, i + 20).join('')).elapsedMs);
latencies.sort((a, b) => a - b);
const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!;
const words = session.text.split(/\s+/).length;

const negationTable = markdownTable(
  ['system', 'set', 'n', 'accuracy', 'precision', 'recall', 'F1'],
  [
    [
      'HealthGPT intake ConText',
      'annotations_dev.tsv (development)',
      negation.n,
      pct(negation.accuracy),
      f3(negation.precision),
      f3(negation.recall),
      f3(negation.f1),
    ],
    ['GenNegEx v1.2 (published)', 'full NegEx test set (2,376)', 2376, '97.7 %', '0.933', '0.959', '0.946'],
  ],
);
type ContextScores = ReturnType<typeof evaluateContext>;
const contextRow = (pick: (c: ContextScores) => ContextScores['negation']) =>
  [contextDev, contextHeldOut, context].map((c) => {
    const s = pick(c);
    return `${f3(s.precision)} / ${f3(s.recall)} / ${f3(s.f1)}`;
  });
const contextTable = markdownTable(
  [
    'property (context_annotations_dev.tsv): P / R / F1',
    `development part (n = ${contextDev.n})`,
    `held-out part (n = ${contextHeldOut.n})`,
    `whole file (n = ${context.n})`,
  ],
  [
    ['negated', ...contextRow((c) => c.negation)],
    ['historical (vs recent / not particular)', ...contextRow((c) => c.historical)],
    ['other experiencer', ...contextRow((c) => c.otherExperiencer)],
  ],
);
const recognitionTable = markdownTable(
  [
    'fixtures',
    'consultations',
    'expected findings',
    'precision',
    'recall',
    'F1',
    'values found',
    'durations found',
  ],
  [
    [
      'development (used while building)',
      development.fixtures,
      development.expected,
      f3(development.precision),
      f3(development.recall),
      f3(development.f1),
      `${development.valuesFound}/${development.valuesExpected}`,
      `${development.durationsFound}/${development.durationsExpected}`,
    ],
    [
      'first held-out round (since used for changes)',
      firstRound.fixtures,
      firstRound.expected,
      f3(firstRound.precision),
      f3(firstRound.recall),
      f3(firstRound.f1),
      `${firstRound.valuesFound}/${firstRound.valuesExpected}`,
      `${firstRound.durationsFound}/${firstRound.durationsExpected}`,
    ],
    [
      'second held-out round (since used for knowledge-base fixes)',
      heldOut.fixtures,
      heldOut.expected,
      f3(heldOut.precision),
      f3(heldOut.recall),
      f3(heldOut.f1),
      `${heldOut.valuesFound}/${heldOut.valuesExpected}`,
      `${heldOut.durationsFound}/${heldOut.durationsExpected}`,
    ],
  ],
);
const speedTable = markdownTable(
  ['measure', 'value'],
  [
    [
      'PhysioNet deid nursing notes processed',
      `${notes.length} notes, ${(characters / 1e6).toFixed(2)} M characters`,
    ],
    [
      'throughput (end to end, fresh cache per note)',
      `${(notes.length / seconds).toFixed(0)} notes/s (${(characters / seconds / 1e6).toFixed(2)} M chars/s)`,
    ],
    ['findings read from the notes', findingCount],
    [
      `streaming update, ${words}-word consultation in 20-word chunks (${latencies.length} updates)`,
      `median ${quantile(0.5).toFixed(1)} ms, p95 ${quantile(0.95).toFixed(1)} ms, max ${quantile(1).toFixed(1)} ms`,
    ],
  ],
);

const body = [
  'Negation (Negated = positive class). The trigger lexicon is the project’s own, tuned by studying errors on these development files: these are development-set numbers and overestimate performance on new text (no held-out split of the NegEx files was kept).',
  '',
  negationTable,
  '',
  'ConText. The file is split once, by blocks of 100 line numbers (`contextPart` in `src/intake/evaluation.ts`: every fifth block held out). Since issue 11 the trigger scopes were changed by reading errors of the development part only; the held-out part was only scored. Earlier lexicon work (before the split) had seen the whole file, so the held-out numbers are still somewhat optimistic. Many remaining historical misses are list items whose history comes from a section heading that the one-sentence annotation format does not include.',
  '',
  contextTable,
  '',
  'Recognition on hand-written consultations (a finding counts only if concept, value, status, temporality and experiencer all match). Both held-out rounds were later used for changes, so these are no longer held-out estimates; their untouched scores come from running this benchmark at the commits that added them (1c7c183, 15f2d9f).',
  '',
  recognitionTable,
  '',
  speedTable,
].join('\n');

updateBenchmarkSection(
  'intake',
  'Consultation intake (ConText, recognition, speed)',
  'npm run bench:intake',
  body,
);
console.log(body);
if (heldOut.misses.length > 0) console.log(`\nHeld-out misses:\n  ${heldOut.misses.join('\n  ')}`);
if (heldOut.extras.length > 0) console.log(`Held-out extras:\n  ${heldOut.extras.join('\n  ')}`);
