import { describe, expect, it } from 'vitest';
import type { Finding } from '../../clinical/finding.js';
import { textDiagnoser } from '../../diagnosis/text/diagnose-text.js';
import { assessTriage } from '../assess.js';
import { onsetCourse } from '../onset.js';
import type { TriageReason } from '../types.js';
import {
  EMERGENCY_WORDING_RULE_ID,
  EmergencyWordingModel,
  emergencyWordingModel,
  emergencyWordingReason,
  featureLabel,
  raiseByWording,
  stemWord,
  withReason,
  wordingFeatures,
  wordingTokens,
} from './index.js';

const note = (lines: readonly string[]) => lines.join('\n');

/** Hand-written for these tests (own wording): sudden severe belly pain with vomiting in an older man. */
const ACUTE_ABDOMEN = note([
  '71 year old Male',
  'Chief complaints: Belly pain, Being sick',
  'Started suddenly two hours ago, the pain is very bad and he has vomited four times. He looks grey and sweaty.',
  'No diarrhoea, No fever',
  'History: -',
  'Family history: -',
  'Social history: -',
]);
const ITCHY_ELBOWS = note([
  '29 year old Female',
  'Chief complaints: Itchy rash',
  'A mildly itchy rash on both elbows for several months, comes and goes.',
  'No fever, No joint pain',
  'History: -',
  'Family history: -',
  'Social history: -',
]);

describe('wordingTokens', () => {
  it('reads words and word pairs of what is reported, stemmed', () => {
    expect(wordingTokens('Vomiting for hours')).toEqual(['vomit', 'for', 'vomit_for', 'hour', 'for_hour']);
    expect(stemWord('wheezes')).toBe('wheez');
    expect(stemWord('legs')).toBe('legs'); // too short to strip
    expect(stemWord('bed')).toBe('bed');
  });

  it('leaves out the age line, family history, the pertinent negatives and whatever follows a negation', () => {
    const tokens = wordingTokens(
      note([
        '45 year old Male',
        'Chest pain but no sweating at all',
        'No fever, No cough',
        'Family history: father had a stroke',
      ]),
    );
    expect(tokens).toEqual(['chest', 'pain', 'chest_pain']);
  });

  it('marks the words of a past-history line', () => {
    expect(wordingTokens('History: stroke')).toEqual(['H_history', 'H_stroke']);
  });
});

describe('wordingFeatures', () => {
  const finding = (conceptId: string, extra: Partial<Finding> = {}): Finding => ({
    conceptId,
    status: 'present',
    ...extra,
  });

  it('adds the findings reported now and the age band, once each', () => {
    const features = wordingFeatures({
      text: 'pain pain',
      ageYears: 0.1,
      kbFindings: [finding('fever'), finding('cough', { status: 'absent' })],
      openWorldFindings: [
        finding('sx.rash', { temporality: 'historical' }),
        finding('sx.fever', { experiencer: 'other' }),
      ],
    });
    expect([...features].sort()).toEqual(['age:<0.25', 'k:fever', 'w:pain', 'w:pain_pain']);
  });
});

describe('EmergencyWordingModel', () => {
  const examples = [
    ...['collapsed suddenly', 'collapsed at home', 'suddenly collapsed and grey'].map((text) => ({
      features: new Set(wordingTokens(text).map((t) => `w:${t}`)),
      label: true,
    })),
    ...['itchy rash for months', 'rash for weeks', 'mild itchy patch'].map((text) => ({
      features: new Set(wordingTokens(text).map((t) => `w:${t}`)),
      label: false,
    })),
  ];

  it('fits, predicts, explains, evaluates and round-trips through JSON', () => {
    const model = new EmergencyWordingModel({
      inverseRegularization: 100,
      minDocumentFrequency: 2,
      iterations: 1500,
      threshold: 0.5,
    });
    model.fit(examples);
    const collapsed = new Set(['w:collapsed', 'w:suddenly']);
    expect(model.predict(collapsed)).toBeGreaterThan(0.6);
    expect(model.predict(new Set(['w:itchy', 'w:rash']))).toBeLessThan(0.4);
    expect(model.explain(collapsed)[0]!.contribution).toBeGreaterThan(0);
    expect(model.evaluate(examples)).toMatchObject({ n: 6, emergencies: 3, auc: 1, recallAtThreshold: 1 });
    const copy = EmergencyWordingModel.fromJSON(model.toJSON());
    expect(copy.predict(collapsed)).toBeCloseTo(model.predict(collapsed), 3);
    expect(copy.threshold).toBe(0.5);
  });

  it('names features in words', () => {
    expect(featureLabel('w:hour_ago')).toBe('words "hour ago"');
    expect(featureLabel('w:H_stroke')).toBe('words "stroke" (history line)');
    expect(featureLabel('o:sx.fainting')).toBe('finding sx.fainting');
    expect(featureLabel('age:80+')).toBe('age band 80+ years');
  });
});

describe('the committed model in the free-text path', () => {
  const diagnoser = textDiagnoser();
  const reasonFor = (text: string, ageYears: number) => {
    const reading = diagnoser.read({ text, ageYears });
    return emergencyWordingReason({ ...reading, ageYears, course: onsetCourse(reading.onset) });
  };

  it('loads with its threshold', () => {
    expect(emergencyWordingModel().threshold).toBeGreaterThan(0.5);
  });

  it('raises a sudden severe belly pain with vomiting that the rules send to same-day care, and says why', () => {
    const reading = diagnoser.read({ text: ACUTE_ABDOMEN, ageYears: 71 });
    expect(assessTriage(diagnoser.triageInput(reading)).level).toBe('urgent');
    const reason = reasonFor(ACUTE_ABDOMEN, 71)!;
    expect(reason).toMatchObject({
      ruleId: EMERGENCY_WORDING_RULE_ID,
      level: 'emergency',
      source: 'learned',
    });
    expect(reason.evidence!.length).toBeGreaterThan(0);
    const result = diagnoser.diagnose({ text: ACUTE_ABDOMEN, ageYears: 71 });
    expect(result.triage.level).toBe('emergency');
    expect(result.triage.reasons[0]!.ruleId).toBe(EMERGENCY_WORDING_RULE_ID);
  });

  it('speaks only for acute stories: the same note told as weeks long gets no reason', () => {
    const reading = diagnoser.read({ text: ACUTE_ABDOMEN, ageYears: 71 });
    const input = { ...reading, ageYears: 71 };
    expect(emergencyWordingReason({ ...input, course: 'new' })).toBeDefined();
    expect(emergencyWordingReason({ ...input, course: 'unknown' })).toBeDefined();
    expect(emergencyWordingReason({ ...input, course: 'subacute' })).toBeUndefined();
    expect(emergencyWordingReason({ ...input, course: 'long-standing' })).toBeUndefined();
  });

  it('stays silent on a months-long itchy rash', () => {
    expect(reasonFor(ITCHY_ELBOWS, 29)).toBeUndefined();
    expect(diagnoser.diagnose({ text: ITCHY_ELBOWS, ageYears: 29 }).triage.level).not.toBe('emergency');
  });
});

describe('withReason', () => {
  const base = assessTriage({ findings: [{ conceptId: 'cough', status: 'present', durationDays: 2 }] });
  const reason: TriageReason = {
    ruleId: EMERGENCY_WORDING_RULE_ID,
    level: 'emergency',
    source: 'learned',
    text: 't',
  };

  it('raises the level, puts the reason first and gives the level’s advice', () => {
    const raised = withReason(base, reason);
    expect(raised.level).toBe('emergency');
    expect(raised.reasons[0]).toBe(reason);
    expect(raised.advice).toMatch(/^Emergency care now/);
  });

  it('never raises a note the rules judge self-care', () => {
    const selfCare = assessTriage({
      findings: [{ conceptId: 'nasal-congestion', status: 'present', durationDays: 2 }],
    });
    expect(selfCare.level).toBe('self-care');
    expect(raiseByWording(selfCare, reason)).toBe(selfCare);
    expect(raiseByWording({ ...selfCare, level: 'routine' }, reason).level).toBe('emergency');
  });

  it('changes nothing without a reason, and never lowers a level', () => {
    expect(withReason(base, undefined)).toBe(base);
    const emergency = withReason(base, reason);
    const routine: TriageReason = { ...reason, level: 'routine' };
    expect(withReason(emergency, routine).level).toBe('emergency');
  });
});
