import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../clinical/finding.js';
import { ddxEngine } from '../diagnosis/ddx-engine.js';
import { DdxInputError } from '../diagnosis/kb-bridge.js';
import { ddxNextQuestionSource } from '../diagnosis/next-questions.js';
import { createIntakeProcessor } from './default.js';
import { modelQuestionRanker, type NextQuestionSource } from './model-ranker.js';
import { diagnosisFindings } from './pipeline.js';
import { providedNextQuestionSource, provideNextQuestionSource } from './question-source.js';

const NOTE = `CC: chest pain.
HPI: 58-year-old man with central chest pain for 2 hours, radiating to the jaw. Sweaty. No SOB.
PMH: HTN. Smoker.`;

describe('the next-question port', () => {
  it('is unwired in the intake alone: default processors keep the knowledge-base order', () => {
    expect(providedNextQuestionSource()).toBeUndefined();
    const record = createIntakeProcessor().process(NOTE);
    expect(record.keyQuestions.every((q) => q.modelScore === undefined)).toBe(true);
  });

  it('the intake imports no diagnosis module', () => {
    const files = readdirSync(import.meta.dirname, { recursive: true, encoding: 'utf8' }).filter(
      (path) => path.endsWith('.ts') && !path.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((path) =>
      /from '(?:\.\.\/)+diagnosis\//.test(readFileSync(join(import.meta.dirname, path), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('modelQuestionRanker over the diagnosis engine (wired through the port)', () => {
  afterAll(() => provideNextQuestionSource(undefined));
  let record: ReturnType<ReturnType<typeof createIntakeProcessor>['process']>;
  let missing: typeof record.keyQuestions;
  beforeAll(() => {
    provideNextQuestionSource(ddxNextQuestionSource() as NextQuestionSource);
    record = createIntakeProcessor().process(NOTE);
    missing = record.keyQuestions.filter((q) => !q.answered);
  });

  it('lists the missing questions in the order the model proposes them, by expected gain', () => {
    const engine = ddxEngine();
    const patient = { ageYears: 58, sex: 'male' as const };
    const state = engine.stateOf(patient, diagnosisFindings(record));
    const proposed = engine.proposeQuestions(state, patient, 5).map((q) => q.conceptId);
    expect(proposed.length).toBeGreaterThan(0);
    const fromModel = missing.filter((q) => q.modelScore !== undefined).map((q) => q.conceptId);
    expect(fromModel.slice(0, proposed.length)).toEqual(proposed);
    // Model-ranked questions come before the knowledge-base-only ones, each with its expected gain.
    const firstUnranked = missing.findIndex((q) => q.modelScore === undefined);
    if (firstUnranked >= 0)
      expect(missing.slice(firstUnranked).every((q) => q.modelScore === undefined)).toBe(true);
    for (const q of missing.slice(0, proposed.length)) expect(q.expectedGainNats).toBeGreaterThan(0);
  });

  it('never proposes what the text already answers', () => {
    const fromModel = record.keyQuestions.filter((q) => q.modelScore !== undefined).map((q) => q.conceptId);
    // "No SOB" and "radiating to the jaw" answer these two.
    expect(fromModel).not.toContain('dyspnea');
    expect(fromModel).not.toContain('pain.radiation');
    expect(record.keyQuestions.filter((q) => q.modelScore !== undefined).every((q) => !q.answered)).toBe(
      true,
    );
  });

  it('keeps the knowledge-base order without a ranker', () => {
    const plain = createIntakeProcessor({ questionRanker: undefined }).process(NOTE);
    expect(record.keyQuestions.some((q) => q.modelScore !== undefined)).toBe(true);
    expect(plain.keyQuestions.every((q) => q.modelScore === undefined)).toBe(true);
    const weights = plain.keyQuestions.map((q) => q.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });
});

describe('modelQuestionRanker with a stand-in source', () => {
  const calls: (readonly Finding[])[] = [];
  const source: NextQuestionSource<readonly Finding[]> = {
    stateOf(_patient, findings) {
      calls.push(findings);
      const bad = findings.findIndex((f) => f.conceptId === 'fever');
      if (bad >= 0) throw new DdxInputError([{ field: `/findings/${bad}/value`, message: 'refused' }], [bad]);
      return findings;
    },
    proposeQuestions: () => [
      { conceptId: 'cough', expectedGainNats: 0.4 },
      { conceptId: 'dyspnea', expectedGainNats: 0.5 },
    ],
  };
  const ranker = modelQuestionRanker(source as NextQuestionSource);
  const findings = createIntakeProcessor({ questionRanker: undefined }).process(
    'Fever and headache.',
  ).findings;

  it('scores in the source order, leaves out a refused finding and asks once for unchanged findings', () => {
    const ranking = ranker(findings, { ageYears: 40 });
    expect(ranking).toEqual([
      { conceptId: 'cough', score: 2, expectedGainNats: 0.4 },
      { conceptId: 'dyspnea', score: 1, expectedGainNats: 0.5 },
    ]);
    expect(calls.map((c) => c.map((f) => f.conceptId))).toEqual([['fever', 'pain'], ['pain']]);
    expect(ranker(findings, { ageYears: 40 })).toBe(ranking);
    expect(calls).toHaveLength(2);
  });

  it('falls back to no ranking when the source fails without naming findings', () => {
    const failing = modelQuestionRanker({
      stateOf: () => {
        throw new Error('model not loaded');
      },
      proposeQuestions: () => [],
    });
    expect(failing(findings, {})).toEqual([]);
  });
});
