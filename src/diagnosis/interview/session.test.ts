import { describe, expect, it } from 'vitest';
import type { Finding } from '../../clinical/finding.js';
import type { ProposedQuestion } from '../ddx-engine.js';
import { ddxEngine } from '../ddx-engine.js';
import { InterviewMachine, type InterviewRecord, MIN_DISCRIMINATING_ANSWERS } from './session.js';

const engine = ddxEngine();
const machine = new InterviewMachine(engine);

/** A plain "no" (or the first value, or 3 on a scale) to any question. */
function no(q: ProposedQuestion): Finding {
  if (q.type === 'binary') return { conceptId: q.conceptId, status: 'absent' };
  if (q.type === 'scale-0-10') return { conceptId: q.conceptId, status: 'present', value: 3 };
  const first = q.values![0]!.id;
  return { conceptId: q.conceptId, status: 'present', value: q.type === 'multi-choice' ? [first] : first };
}

function run(record: InterviewRecord, steps: number, answer: (q: ProposedQuestion) => Finding = no) {
  const asked: (ProposedQuestion & { phase: string })[] = [];
  let current = record;
  for (let i = 0; i < steps && current.status === 'in-progress'; i++) {
    const view = machine.view(current);
    const q = view.question!;
    asked.push({ ...q, phase: view.progress.phase });
    current = machine.answer(current, answer(q));
  }
  return { record: current, asked };
}

describe('clinician interview order', () => {
  it('without findings, asks for the complaint first, then onset, duration and severity, then red flags', () => {
    let record = machine.start({ patient: { ageYears: 58, sex: 'male' }, findings: [] });
    const view = machine.view(record);
    expect(view.question?.conceptId).toBe('interview.complaint');
    expect(view.progress.phase).toBe('complaint');
    expect(view.question?.values?.map((v) => v.id)).toContain('chest-pain');
    record = machine.answer(record, {
      conceptId: 'interview.complaint',
      status: 'present',
      value: 'chest-pain',
    });
    const { asked } = run(record, 4);
    expect(asked.map((q) => q.conceptId)).toEqual([
      'pain.onset-speed',
      'interview.duration',
      'pain.intensity',
      'pain.character',
    ]);
  });

  it('for crushing chest pain, the first discriminating questions are symptoms, never HIV or poor circulation', () => {
    const record = machine.start({
      patient: { ageYears: 60, sex: 'male' },
      findings: [
        { conceptId: 'pain', status: 'present' },
        { conceptId: 'pain.location', status: 'present', value: ['upper-chest'] },
        { conceptId: 'pain.character', status: 'present', value: ['heavy'] },
      ],
    });
    const { asked } = run(record, 14);
    const ids = asked.map((q) => q.conceptId);
    expect(ids).not.toContain('history.hiv');
    expect(ids).not.toContain('history.poor-circulation');
    const firstRanked = asked.filter((q) => q.phase === 'discriminate').slice(0, 6);
    expect(firstRanked.length).toBeGreaterThan(0);
    for (const q of firstRanked) expect(engine.bridge.kb.concept(q.conceptId)?.kind).toBe('symptom');
  });

  it('saves answers to the case as findings: the duration goes on the complaint finding', () => {
    let record = machine.start({
      patient: { ageYears: 40 },
      findings: [{ conceptId: 'cough', status: 'present' }],
    });
    record = machine.answer(record, { conceptId: 'interview.onset', status: 'present', value: 'gradual' });
    record = machine.answer(record, {
      conceptId: 'interview.duration',
      status: 'present',
      value: '1-3-weeks',
    });
    expect(record.findings.find((f) => f.conceptId === 'cough')?.durationDays).toBe(14);
    expect(record.complaint).toMatchObject({ id: 'cough', onset: 'gradual', duration: '1-3-weeks' });
  });

  it('undo takes the last answer back and asks that question again', () => {
    let record = machine.start({
      patient: { ageYears: 40 },
      findings: [{ conceptId: 'cough', status: 'present' }],
    });
    const first = machine.view(record).question!.conceptId;
    record = machine.answer(record, { conceptId: first, status: 'present', value: 'sudden' });
    const second = machine.view(record).question!.conceptId;
    expect(second).not.toBe(first);
    const undone = machine.undo(record);
    expect(machine.view(undone).question?.conceptId).toBe(first);
    expect(undone.answers).toEqual([]);
    expect(() => machine.undo(undone)).toThrow(/nothing to undo/);
  });

  it('rejects a value that is not offered, changing nothing', () => {
    const record = machine.start({ patient: {}, findings: [] });
    expect(() =>
      machine.answer(record, { conceptId: 'interview.complaint', status: 'present', value: 'toothache' }),
    ).toThrow(/must be one of/);
  });

  it('words the questions for the patient: plain words for older adults, a caregiver voice for children', () => {
    const adult = machine.view(machine.start({ patient: { ageYears: 40 }, findings: [] }));
    const older = machine.view(machine.start({ patient: { ageYears: 82 }, findings: [] }));
    const child = machine.view(machine.start({ patient: { ageYears: 4 }, findings: [] }));
    expect(new Set([adult.question?.text, older.question?.text, child.question?.text]).size).toBe(3);
    expect(child.question?.text).toMatch(/your child/);
    expect(child.progress.register).toMatch(/caregiver/);
    expect(older.progress.register).toMatch(/older adult/);
  });

  it('shows progress that grows with each answer', () => {
    let record = machine.start({
      patient: { ageYears: 40 },
      findings: [{ conceptId: 'cough', status: 'present' }],
    });
    const before = machine.view(record).progress.fraction;
    record = run(record, 3).record;
    expect(machine.view(record).progress.fraction).toBeGreaterThan(before);
  });
});

describe('earned confidence (issue 11: "Lung cancer 100 %", "Tuberculosis 99 % after one answer")', () => {
  it('never ends as confident before enough discriminating answers, and hedges what it shows', () => {
    const record = machine.start({
      patient: { ageYears: 62, sex: 'male' },
      findings: [
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'fever', status: 'present' },
        { conceptId: 'cough.productive', status: 'present' },
        { conceptId: 'dyspnea', status: 'present' },
      ],
    });
    const afterOne = machine.answer(record, no(machine.view(record).question!));
    const view = machine.view(afterOne);
    expect(view.status).toBe('in-progress');
    for (const e of view.hedged.entries) expect(e.share).toBeLessThan(0.9);
    expect(view.hedged.notSettled).toBeGreaterThan(0.3);
  });

  it('says yes to everything about smoking and still shows no condition at 90 % or more early on', () => {
    const yes = (q: ProposedQuestion): Finding =>
      q.type === 'binary' ? { conceptId: q.conceptId, status: 'present' } : no(q);
    const record = machine.start({
      patient: { ageYears: 62, sex: 'male' },
      findings: [
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'lifestyle.former-smoker', status: 'present' },
      ],
    });
    const { record: after } = run(record, 3, yes);
    const view = machine.view(after);
    expect(Math.max(...view.hedged.entries.map((e) => e.share))).toBeLessThan(0.9);
  });

  it('the end state carries triage and the hedged differential', () => {
    let record = machine.start({
      patient: { ageYears: 60 },
      findings: [{ conceptId: 'hematemesis', status: 'present' }],
      maxTurns: MIN_DISCRIMINATING_ANSWERS,
    });
    record = run(record, 10).record;
    const view = machine.view(record);
    expect(view.status).toBe('complete');
    expect(view.triage.level).toBe('emergency');
    expect(view.hedged.entries.length).toBeGreaterThan(0);
    expect(view.progress.fraction).toBe(1);
  });
});
