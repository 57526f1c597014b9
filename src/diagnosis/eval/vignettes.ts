import { readFileSync } from 'node:fs';
import { HealthGptError } from '../../engine/errors.js';
import type { TriageLevel } from '../../triage/index.js';
import { MAX_VIGNETTE_CHARS, type TextDiagnoser, type TextDiagnosis } from '../text/diagnose-text.js';

/**
 * `healthgpt eval vignettes`: one case per line (`id`, `age`, `sex`, `text`), run through the whole text path
 * (intake → findings → differential → triage). Gold fields (`diagnosis`, `icd10`, `names`, `triage`) are read only
 * here, for the metrics, after the engine has answered; the engine sees `text`, `age` and `sex` only.
 */
export interface VignetteCase {
  readonly id: string;
  readonly age?: number;
  readonly sex?: 'male' | 'female' | 'other' | 'unknown';
  readonly text: string;
}

export interface VignetteGold {
  readonly diagnosis?: string;
  readonly icd10?: readonly string[];
  readonly names?: readonly string[];
  readonly triage?: TriageLevel;
}

export interface VignetteCaseResult {
  readonly id: string;
  readonly differential: readonly {
    readonly name: string;
    readonly icd10: string;
    readonly probability: number;
  }[];
  readonly triage: TriageLevel | null;
  readonly abstained: boolean;
}

export interface VignetteMetrics {
  /** Cases with a gold diagnosis (ICD-10 codes or accepted names). */
  readonly withDiagnosis: number;
  readonly top1?: number;
  readonly top3?: number;
  readonly top10?: number;
  /** Top condition ≥ 0.9 and wrong, as a share of cases with a gold diagnosis. */
  readonly overconfidentWrong?: number;
  readonly abstained: number;
  /** Mean probability of the top condition over cases not abstained. */
  readonly meanTopProbability?: number;
  readonly withTriage: number;
  readonly triageAccuracy?: number;
  readonly emergencyRecall?: number;
  /** Gold triage level → predicted level → count. */
  readonly triageConfusion?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly medianMs: number;
}

export interface VignetteReport {
  readonly n: number;
  readonly cases: readonly VignetteCaseResult[];
  readonly metrics: VignetteMetrics;
}

/**
 * Reads a JSONL file of cases and their gold labels; a bad line is an error naming it (`FILE:LINE: …`, code
 * `invalid`): not a JSON object, no `id`, an empty `text` or one over the engine's limit, an age outside 0–120, an
 * unknown `sex` or gold `triage`. A file without a case is an error too: it would only give empty metrics.
 */
export function readVignettes(path: string): { readonly input: VignetteCase; readonly gold: VignetteGold }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HealthGptError('not-found', `cannot read ${path}: ${(error as Error).message}`);
  }
  const rows: { input: VignetteCase; gold: VignetteGold }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const bad = (message: string) => HealthGptError.invalid(`${path}:${i + 1}: ${message}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw bad('not a JSON object');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw bad('not a JSON object');
    const row = parsed as Record<string, unknown>;
    if (typeof row.id !== 'string' && typeof row.id !== 'number') throw bad('needs an "id"');
    if (typeof row.text !== 'string') throw bad('needs a "text" string');
    if (row.text.trim() === '') throw bad('"text" is empty');
    if (row.text.length > MAX_VIGNETTE_CHARS)
      throw bad(`"text" has ${row.text.length} characters; at most ${MAX_VIGNETTE_CHARS} are read`);
    const age = row.age ?? undefined;
    if (age !== undefined && !(typeof age === 'number' && Number.isFinite(age) && age >= 0 && age <= 120))
      throw bad(`"age" ${JSON.stringify(age)} is not a number of years from 0 to 120`);
    const sex = row.sex ?? undefined;
    if (sex !== undefined && !(typeof sex === 'string' && SEXES.includes(sex.toLowerCase())))
      throw bad(`"sex" ${JSON.stringify(sex)} is not one of ${SEXES.join(', ')}`);
    const triage = row.triage ?? undefined;
    if (triage !== undefined && !isLevel(triage))
      throw bad(`"triage" ${JSON.stringify(triage)} is not one of ${LEVELS.join(', ')}`);
    rows.push({
      input: {
        id: String(row.id),
        text: row.text,
        ...(typeof age === 'number' ? { age } : {}),
        ...(typeof sex === 'string' ? { sex: sex.toLowerCase() as NonNullable<VignetteCase['sex']> } : {}),
      },
      gold: {
        ...(typeof row.diagnosis === 'string' ? { diagnosis: row.diagnosis } : {}),
        ...(Array.isArray(row.icd10) ? { icd10: row.icd10.map(String) } : {}),
        ...(Array.isArray(row.names) ? { names: row.names.map(String) } : {}),
        ...(isLevel(triage) ? { triage } : {}),
      },
    });
  });
  if (rows.length === 0) throw HealthGptError.invalid(`${path}: no cases (one JSON object per line)`);
  return rows;
}

const SEXES: readonly string[] = ['male', 'female', 'other', 'unknown'];
const LEVELS = ['emergency', 'urgent', 'routine', 'self-care'];
const isLevel = (v: unknown): v is TriageLevel => typeof v === 'string' && LEVELS.includes(v);

export const normaliseName = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A predicted condition matches the gold when their ICD-10 categories (3 characters) agree or a name is accepted. */
export function matchesGold(entry: { name: string; icd10: string }, gold: VignetteGold): boolean {
  const category = entry.icd10.slice(0, 3).toUpperCase();
  if (gold.icd10?.some((code) => code.slice(0, 3).toUpperCase() === category)) return true;
  const names = new Set(
    [...(gold.names ?? []), ...(gold.diagnosis ? [gold.diagnosis] : [])].map(normaliseName),
  );
  return names.has(normaliseName(entry.name));
}

export function caseResult(id: string, diagnosis: TextDiagnosis): VignetteCaseResult {
  return {
    id,
    differential: diagnosis.differential.slice(0, 10).map((e) => ({
      name: e.name,
      icd10: e.icd10,
      probability: Number(e.probability.toFixed(4)),
    })),
    triage: diagnosis.triage.insufficient && diagnosis.abstained ? null : diagnosis.triage.level,
    abstained: diagnosis.abstained,
  };
}

/**
 * Runs every case. A case the engine abstains on (it answers, with no ranked list) counts as abstained; an input it
 * refuses (empty text, too long, age out of range) is an error naming the case, never an abstention: it would skew
 * the metrics.
 */
export function evaluateVignettes(
  diagnoser: TextDiagnoser,
  rows: readonly { readonly input: VignetteCase; readonly gold: VignetteGold }[],
): VignetteReport {
  const cases: VignetteCaseResult[] = [];
  const times: number[] = [];
  for (const { input } of rows) {
    const started = performance.now();
    let result: VignetteCaseResult;
    try {
      const diagnosis = diagnoser.diagnose({
        text: input.text,
        ...(input.age !== undefined ? { ageYears: input.age } : {}),
        ...(input.sex ? { sex: input.sex } : {}),
      });
      result = caseResult(input.id, diagnosis);
    } catch (error) {
      if (!(error instanceof HealthGptError) || error.code === 'internal') throw error;
      throw new HealthGptError(error.code, `case ${input.id}: ${error.message}`);
    }
    times.push(performance.now() - started);
    cases.push(result);
  }
  return {
    n: cases.length,
    cases,
    metrics: vignetteMetrics(
      cases,
      rows.map((r) => r.gold),
      times,
    ),
  };
}

export function vignetteMetrics(
  cases: readonly VignetteCaseResult[],
  golds: readonly VignetteGold[],
  times: readonly number[] = [],
): VignetteMetrics {
  let withDiagnosis = 0;
  let top1 = 0;
  let top3 = 0;
  let top10 = 0;
  let overconfidentWrong = 0;
  let withTriage = 0;
  let triageRight = 0;
  let emergencies = 0;
  let emergenciesCaught = 0;
  const confusion: Record<string, Record<string, number>> = {};
  const topProbabilities: number[] = [];
  cases.forEach((result, i) => {
    const gold = golds[i]!;
    const top = result.differential[0];
    if (top) topProbabilities.push(top.probability);
    if (gold.icd10?.length || gold.names?.length || gold.diagnosis) {
      withDiagnosis++;
      const rank = result.differential.findIndex((e) => matchesGold(e, gold));
      if (rank === 0) top1++;
      if (rank >= 0 && rank < 3) top3++;
      if (rank >= 0 && rank < 10) top10++;
      if (top && top.probability >= 0.9 && rank !== 0) overconfidentWrong++;
    }
    if (gold.triage) {
      withTriage++;
      const predicted = result.triage ?? 'none';
      confusion[gold.triage] ??= {};
      confusion[gold.triage]![predicted] = (confusion[gold.triage]![predicted] ?? 0) + 1;
      if (predicted === gold.triage) triageRight++;
      if (gold.triage === 'emergency') {
        emergencies++;
        if (predicted === 'emergency') emergenciesCaught++;
      }
    }
  });
  const share = (k: number, n: number) => (n > 0 ? Number((k / n).toFixed(4)) : undefined);
  const sorted = [...times].sort((a, b) => a - b);
  const optional = <K extends string>(key: K, value: number | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, number>);
  return {
    withDiagnosis,
    ...optional('top1', share(top1, withDiagnosis)),
    ...optional('top3', share(top3, withDiagnosis)),
    ...optional('top10', share(top10, withDiagnosis)),
    ...optional('overconfidentWrong', share(overconfidentWrong, withDiagnosis)),
    abstained: cases.filter((c) => c.abstained).length,
    ...optional(
      'meanTopProbability',
      topProbabilities.length > 0
        ? Number((topProbabilities.reduce((a, b) => a + b, 0) / topProbabilities.length).toFixed(4))
        : undefined,
    ),
    withTriage,
    ...optional('triageAccuracy', share(triageRight, withTriage)),
    ...optional('emergencyRecall', share(emergenciesCaught, emergencies)),
    ...(withTriage > 0 ? { triageConfusion: confusion } : {}),
    medianMs: sorted.length > 0 ? Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(2)) : 0,
  };
}

/**
 * The fixed split of the development vignettes: a case is in the tuning half when the FNV-1a hash of its id is
 * even. Parameters are tuned on that half only; the other half is reported untouched.
 */
export function isTuningCase(id: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 === 0;
}
