/**
 * Trains the de-identification token classifier (`models/deid/perceptron.json`) on the PhysioNet deid corpus
 * (`$HEALTHGPT_DATA_DIR/deid/physionet`), split by patient (`SPLIT` in src/deid/evaluation.ts): the perceptron
 * learns on the development patients (`train` and `tune`, the `calibration` split of the source), the decision
 * threshold is chosen by 5-fold cross-validation by patient within them, and the held-out patients are never read
 * here (`trainDeid` reads only those two splits; its smoke test checks). Out-of-fold errors in context:
 * `npx tsx scripts/deid-oof-errors.ts`.
 *
 * Run: `npm run train:deid` (deterministic).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { physionetSource, trainDeid } from '../src/deid/train.js';

const file = trainDeid(physionetSource(requireDataset('deid', 'physionet')), { log: console.log });
writeFileSync(join('models', 'deid', 'perceptron.json'), `${JSON.stringify(file)}\n`);
console.log(
  `wrote models/deid/perceptron.json: ${Object.keys(file.weights).length} features, vocab ${file.vocab.length}`,
);
