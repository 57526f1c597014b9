import { readFileSync } from 'node:fs';
import { assertMention, locateConcept } from './mention.js';

/** Precision, recall and F1 of one binary property, with its confusion counts. */
export interface BinaryScores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function binaryScores(
  pairs: readonly (readonly [expected: boolean, predicted: boolean])[],
): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [expected, predicted] of pairs) {
    if (expected && predicted) tp++;
    else if (predicted) fp++;
    else if (expected) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}

/** Splits a TSV line, undoing spreadsheet quoting (`"…"` with `""` for a quote). */
function splitTsv(line: string): string[] {
  return line.split('\t').map((cell) => {
    const trimmed = cell.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
      ? trimmed.slice(1, -1).replace(/""/g, '"')
      : cell;
  });
}

function dataLines(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .map(splitTsv);
}

/** One row of the NegEx test set: Report No., Concept, Sentence, Negation. */
export interface NegationAnnotation {
  readonly report: string;
  readonly concept: string;
  readonly sentence: string;
  readonly negated: boolean;
}

/** Reads the NegEx test-set format; a header row (`Report No.`) is skipped; a malformed row is an error. */
export function parseNegationAnnotations(text: string): NegationAnnotation[] {
  const rows: NegationAnnotation[] = [];
  dataLines(text).forEach((cells, i) => {
    if (i === 0 && /report/i.test(cells[0] ?? '')) return;
    const [report, concept, sentence, label] = cells;
    const status = label?.trim().toLowerCase();
    if (concept === undefined || sentence === undefined || (status !== 'affirmed' && status !== 'negated')) {
      throw new Error(`line ${i + 1}: expected Report No., Concept, Sentence, Negation (Affirmed|Negated)`);
    }
    rows.push({ report: report ?? '', concept, sentence, negated: status === 'negated' });
  });
  return rows;
}

/** One row of the ConText test set. */
export interface ContextAnnotation {
  readonly line: string;
  readonly condition: string;
  readonly sentence: string;
  readonly negated: boolean;
  readonly historical: boolean;
  readonly hypothetical: boolean;
  readonly otherExperiencer: boolean;
}

/** Reads the ConText format: line number, Condition, sentence, negation_status, temporality, experiencer. */
export function parseContextAnnotations(text: string): ContextAnnotation[] {
  const rows: ContextAnnotation[] = [];
  dataLines(text).forEach((cells, i) => {
    if (i === 0 && /line/i.test(cells[0] ?? '') && /condition/i.test(cells[1] ?? '')) return;
    const [line, condition, sentence, negation, temporality, experiencer] = cells;
    if (condition === undefined || sentence === undefined || !negation || !temporality || !experiencer) {
      throw new Error(
        `line ${i + 1}: expected line number, Condition, sentence, negation, temporality, experiencer`,
      );
    }
    const t = temporality.trim().toLowerCase();
    rows.push({
      line: line ?? '',
      condition,
      sentence,
      negated: negation.trim().toLowerCase() === 'negated',
      historical: t === 'historical',
      hypothetical: t === 'hypothetical' || t === 'not particular',
      otherExperiencer: experiencer.trim().toLowerCase() !== 'patient',
    });
  });
  return rows;
}

/**
 * The fixed split of the ConText development file into a part for development and a held-out part, made before
 * any error on it was read: rows in every fifth block of 100 line numbers (`floor(line / 100) mod 5 = 4`) are held
 * out. Blocks keep neighbouring sentences of one report together, so the held-out part is not a near copy of what
 * was tuned on. Trigger changes are made by reading errors of the `development` part only.
 */
export type ContextPart = 'development' | 'held-out';

export function contextPart(row: Pick<ContextAnnotation, 'line'>): ContextPart {
  const line = Number.parseInt(row.line, 10);
  return Number.isFinite(line) && Math.floor(line / 100) % 5 === 4 ? 'held-out' : 'development';
}

/** Our assertion for an annotated concept in its sentence; undefined when the concept text is not in it. */
function predict(sentence: string, concept: string) {
  const span = locateConcept(sentence, concept);
  return span ? assertMention(sentence, span.start, span.end) : assertMention(sentence, 0, sentence.length);
}

export interface NegationEvaluation {
  readonly n: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly confusion: { readonly tp: number; readonly fp: number; readonly fn: number; readonly tn: number };
  /** Rows whose concept text was not found in the sentence (the whole sentence was then assessed). */
  readonly conceptNotFound: number;
}

/** Negation with Negated as the positive class; "possible" counts as not negated, as in NegEx's evaluation. */
export function evaluateNegation(rows: readonly NegationAnnotation[]): NegationEvaluation {
  let notFound = 0;
  const pairs = rows.map((row) => {
    if (!locateConcept(row.sentence, row.concept)) notFound++;
    return [row.negated, predict(row.sentence, row.concept).negation === 'negated'] as const;
  });
  const s = binaryScores(pairs);
  return {
    n: rows.length,
    accuracy: rows.length === 0 ? 0 : (s.tp + s.tn) / rows.length,
    precision: s.precision,
    recall: s.recall,
    f1: s.f1,
    confusion: { tp: s.tp, fp: s.fp, fn: s.fn, tn: s.tn },
    conceptNotFound: notFound,
  };
}

export interface ContextEvaluation {
  readonly n: number;
  readonly negation: BinaryScores;
  readonly historical: BinaryScores;
  readonly otherExperiencer: BinaryScores;
}

/** Negation, historical (vs recent or not particular) and other-experiencer scores on the ConText format. */
export function evaluateContext(rows: readonly ContextAnnotation[]): ContextEvaluation {
  const predictions = rows.map((row) => predict(row.sentence, row.condition));
  return {
    n: rows.length,
    negation: binaryScores(
      rows.map((row, i) => [row.negated, predictions[i]!.negation === 'negated'] as const),
    ),
    historical: binaryScores(
      rows.map((row, i) => [row.historical, predictions[i]!.temporality === 'historical'] as const),
    ),
    otherExperiencer: binaryScores(
      rows.map((row, i) => [row.otherExperiencer, predictions[i]!.experiencer === 'other'] as const),
    ),
  };
}

export function readNegationAnnotations(path: string): NegationAnnotation[] {
  return parseNegationAnnotations(readFileSync(path, 'utf8'));
}

export function readContextAnnotations(path: string): ContextAnnotation[] {
  return parseContextAnnotations(readFileSync(path, 'utf8'));
}
