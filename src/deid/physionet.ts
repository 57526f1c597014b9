import { HealthGptError } from '../engine/errors.js';

/** One note of a PhysioNet deid file: patient id, note number and the note body (the text between the markers). */
export interface PhysionetNote {
  readonly pid: string;
  readonly note: string;
  readonly text: string;
}

/** One gold span of a `.phrase` file: `pid note start end Category text`, 0-based end-exclusive into the body. */
export interface GoldSpan {
  readonly pid: string;
  readonly note: string;
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

/** The largest evaluation file accepted (the full PhysioNet corpus is 2.2 MB). */
export const MAX_EVAL_BYTES = 8 * 1024 * 1024;

/** Decodes latin-1 text, refusing what is plainly binary (NUL bytes or many control characters). */
export function decodeLatin1(bytes: Uint8Array, what: string): string {
  if (bytes.length === 0) throw HealthGptError.invalid(`${what} is empty`);
  if (bytes.length > MAX_EVAL_BYTES)
    throw new HealthGptError('too-large', `${what} is ${bytes.length} bytes; the limit is ${MAX_EVAL_BYTES}`);
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0)
      throw new HealthGptError('unsupported-media-type', `${what} is binary (NUL bytes), not text`);
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  if (control > bytes.length / 100)
    throw new HealthGptError('unsupported-media-type', `${what} is binary (control characters), not text`);
  return Buffer.from(bytes).toString('latin1');
}

const RECORD = /START_OF_RECORD=([^|\n]+)\|\|\|\|([^|\n]+)\|\|\|\|\r?\n([\s\S]*?)\|\|\|\|END_OF_RECORD/g;

/** Reads the records of a `.text` file. */
export function parsePhysionetText(text: string, what = 'text file'): PhysionetNote[] {
  const notes: PhysionetNote[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(RECORD)) {
    const pid = m[1]!.trim();
    const note = m[2]!.trim();
    const key = `${pid} ${note}`;
    if (seen.has(key)) throw HealthGptError.invalid(`${what}: record ${key} appears twice`);
    seen.add(key);
    notes.push({ pid, note, text: m[3]! });
  }
  if (notes.length === 0)
    throw HealthGptError.invalid(
      `${what} has no 'START_OF_RECORD=pid||||note||||' … '||||END_OF_RECORD' records (PhysioNet deid format)`,
    );
  return notes;
}

/** Reads a `.phrase` file, checking every span against its note (offsets inside the body, note present). */
export function parsePhysionetPhrases(
  text: string,
  notes: readonly PhysionetNote[],
  what = 'phrase file',
): GoldSpan[] {
  const byKey = new Map(notes.map((n) => [`${n.pid} ${n.note}`, n]));
  const spans: GoldSpan[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\S+)/.exec(line);
    if (!m)
      throw HealthGptError.invalid(`${what} line ${i + 1}: expected 'pid note start end Category text'`);
    const [, pid, note, s, e, category] = m;
    const start = Number(s);
    const end = Number(e);
    const body = byKey.get(`${pid} ${note}`);
    if (!body) throw HealthGptError.invalid(`${what} line ${i + 1}: no note ${pid} ${note} in the text file`);
    if (!(end > start) || end > body.text.length)
      throw HealthGptError.invalid(
        `${what} line ${i + 1}: offsets ${start}–${end} are beyond note ${pid} ${note} (${body.text.length} characters)`,
      );
    spans.push({ pid: pid!, note: note!, start, end, category: category! });
  }
  return spans;
}
