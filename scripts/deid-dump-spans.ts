/**
 * `tsx scripts/deid-dump-spans.ts OUT`: every span `detectPhi` predicts on the PhysioNet deid notes (full system and
 * rules only) and the Presidio synthetic sentences, one JSON line per text, written to OUT. Diff two dumps to check a
 * change to the de-identification path leaves its output byte-identical.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { detectPhi, loadDeidModel } from '../src/deid/detect.js';
import { decodeLatin1, parsePhysionetText } from '../src/deid/physionet.js';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/deid-dump-spans.ts OUT');
const dir = requireDataset('deid', 'physionet');
const notes = parsePhysionetText(decodeLatin1(readFileSync(join(dir, 'id.text')), 'id.text'));
const model = loadDeidModel();
const lines: string[] = [];
for (const n of notes) {
  lines.push(JSON.stringify({ pid: n.pid, note: n.note, full: detectPhi(n.text, { model }) }));
  lines.push(
    JSON.stringify({ pid: n.pid, note: n.note, rules: detectPhi(n.text, { model, classifier: false }) }),
  );
}
const presidio = JSON.parse(
  readFileSync(requireDataset('deid', 'presidio_synth_dataset_v2.json'), 'utf8'),
) as {
  full_text: string;
}[];
for (const [i, p] of presidio.entries())
  lines.push(JSON.stringify({ presidio: i, full: detectPhi(p.full_text) }));
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} lines written to ${out}`);
