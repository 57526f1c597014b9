import { readFileSync, statSync } from 'node:fs';
import { HealthGptError } from '../engine/errors.js';
import { detectPhi } from './detect.js';
import { goldByNote, TokenCounter, type TokenMetrics } from './evaluation.js';
import { decodeLatin1, MAX_EVAL_BYTES, parsePhysionetPhrases, parsePhysionetText } from './physionet.js';
import type { PhiCategory } from './types.js';

/** The `healthgpt eval deid --json` report, exactly the contract of issue 15. */
export interface DeidEvalReport {
  readonly n_notes: number;
  readonly spans: readonly { pid: string; note: string; start: number; end: number; category: PhiCategory }[];
  readonly metrics: { readonly precision: number; readonly recall: number; readonly f1: number };
}

/** What the human-readable report adds: counts, the unit, recall by gold category. */
export interface DeidEvalDetails {
  readonly counts: TokenMetrics;
  readonly unit: string;
  readonly recallByCategory: Readonly<Record<string, number>>;
}

function readFileChecked(path: string, what: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new HealthGptError('not-found', `${what} ${path}: no such file`);
  }
  if (size > MAX_EVAL_BYTES)
    throw new HealthGptError('too-large', `${what} ${path} is ${size} bytes; the limit is ${MAX_EVAL_BYTES}`);
  return readFileSync(path);
}

/** Reads a PhysioNet deid `.text` and `.phrase` pair (latin-1), de-identifies every note and scores it. */
export function evaluateDeidFiles(
  textPath: string,
  phrasePath: string,
): { report: DeidEvalReport; details: DeidEvalDetails } {
  const notes = parsePhysionetText(decodeLatin1(readFileChecked(textPath, '--text'), textPath), textPath);
  const gold = parsePhysionetPhrases(
    decodeLatin1(readFileChecked(phrasePath, '--phi'), phrasePath),
    notes,
    phrasePath,
  );
  const byNote = goldByNote(gold);
  const counter = new TokenCounter();
  const spans: DeidEvalReport['spans'][number][] = [];
  for (const n of notes) {
    const predicted = detectPhi(n.text);
    counter.add(n.text, byNote.get(`${n.pid} ${n.note}`) ?? [], predicted);
    for (const p of predicted)
      spans.push({ pid: n.pid, note: n.note, start: p.start, end: p.end, category: p.category });
  }
  const recallByCategory: Record<string, number> = {};
  for (const [cat, c] of [...counter.byCategory].sort(([a], [b]) => a.localeCompare(b)))
    recallByCategory[cat] = c.gold === 0 ? 1 : Math.round((c.found / c.gold) * 10000) / 10000;
  const counts = counter.metrics();
  return {
    report: {
      n_notes: notes.length,
      spans,
      metrics: { precision: counts.precision, recall: counts.recall, f1: counts.f1 },
    },
    details: {
      counts,
      unit: 'tokens (letter/digit runs), category-blind: an identifier token is found when any predicted span overlaps it',
      recallByCategory,
    },
  };
}
