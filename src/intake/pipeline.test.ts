import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge/index.js';
import { createIntakeProcessor } from './default.js';
import { CONSULTATION_FIXTURES } from './fixtures/consultations.js';
import { FIXTURE_KNOWLEDGE_BASE, FIXTURE_LEXICON } from './fixtures/lexicon.js';
import { scoreRecognition } from './fixtures/score.js';
import { missingAdditionConcepts } from './intake-lexicon.js';
import { diagnosisFindings, IntakeProcessor } from './pipeline.js';
import type { IntakeFinding } from './record.js';
import { IntakeSession } from './session.js';

const NOTE = `CC: cough.
HPI: 45 yo F with cough for 6 weeks, night sweats and fevers. Denies haemoptysis. ? SOB on exertion.
PMH: T2DM, HTN.
FH: mother with hypertension.
Vitals: T 37.9 C, HR 96.
Plan: return if coughing up blood.`;

describe('IntakeProcessor with a fixture lexicon', () => {
  const processor = new IntakeProcessor({ lexicon: FIXTURE_LEXICON, knowledgeBase: FIXTURE_KNOWLEDGE_BASE });
  const record = processor.process(NOTE);
  const find = (conceptId: string, experiencer = 'patient') =>
    record.findings.filter((f) => f.conceptId === conceptId && f.experiencer === experiencer);

  it('reads findings with their context and source spans', () => {
    expect(find('cough')[1]).toMatchObject({ status: 'present', temporality: 'recent', durationDays: 42 });
    expect(find('night-sweats')[0]?.status).toBe('present');
    expect(find('hemoptysis').map((f) => [f.status, f.temporality])).toEqual([
      ['absent', 'recent'],
      ['present', 'hypothetical'],
    ]);
    expect(find('dyspnea')[0]).toMatchObject({ status: 'unknown', certainty: 'possible' });
    expect(find('diabetes')[0]?.temporality).toBe('historical');
    expect(find('hypertension', 'other')[0]?.status).toBe('present');
    for (const f of record.findings)
      expect(NOTE.slice(f.sourceSpan.start, f.sourceSpan.end)).toBe(f.sourceSpan.text);
  });

  it('reads demographics, values and the chief complaint', () => {
    expect(record.patient).toMatchObject({ ageYears: 45, sex: 'female' });
    expect(record.observations.map((o) => o.code.code)).toEqual(
      expect.arrayContaining(['30525-0', '8310-5', '8867-4']),
    );
    expect(record.chiefComplaint?.conceptId).toBe('cough');
  });

  it('lists key questions for the complaint, answered and missing', () => {
    const byId = new Map(record.keyQuestions.map((q) => [q.conceptId, q]));
    expect(byId.get('night-sweats')?.answered).toBe(true);
    expect(byId.get('hemoptysis')).toMatchObject({ answered: true, status: 'absent' });
    expect(byId.get('chest-pain')?.answered).toBe(false);
    expect(byId.has('cough')).toBe(false);
  });

  it('gives the diagnosis engine one finding per concept, without relatives or hypotheticals', () => {
    const findings = diagnosisFindings(record);
    expect(findings.filter((f) => f.conceptId === 'hemoptysis')).toEqual([
      expect.objectContaining({ status: 'absent' }),
    ]);
    expect(findings.some((f) => f.experiencer === 'other')).toBe(false);
    expect(findings.some((f) => 'label' in f)).toBe(false);
  });

  it("keeps a household's shared exposure as the patient's (carbon monoxide from the family's boiler)", () => {
    const said = (conceptId: string): IntakeFinding => ({
      conceptId,
      status: 'present',
      experiencer: 'other',
      label: conceptId,
      section: 'history-present-illness',
      sourceSpan: { start: 0, end: 14, text: 'old gas boiler' },
    });
    const findings = diagnosisFindings({
      findings: [said('sign.carbon-monoxide-exposure'), said('headache')],
    });
    expect(findings.map((f) => [f.conceptId, f.experiencer])).toEqual([
      ['sign.carbon-monoxide-exposure', 'patient'],
    ]);
  });

  it('a finding named in the past and again now is current (the newer mention wins at equal status)', () => {
    const mention = (temporality: 'historical' | 'recent', start: number): IntakeFinding => ({
      conceptId: 'history.pregnancy',
      status: 'present',
      experiencer: 'patient',
      temporality,
      label: 'Pregnancy',
      section: 'history-present-illness',
      sourceSpan: { start, end: start + 9, text: 'pregnancy' },
    });
    const findings = diagnosisFindings({ findings: [mention('historical', 0), mention('recent', 40)] });
    expect(findings.map((f) => f.temporality)).toEqual(['recent']);
    // A historical mention after a current one does not make it past.
    const reversed = diagnosisFindings({ findings: [mention('recent', 0), mention('historical', 40)] });
    expect(reversed.map((f) => f.temporality)).toEqual(['recent']);
  });

  it('writes a SOAP summary whose lines point to their spans', () => {
    const subjective = record.summary
      .filter((l) => l.part === 'S')
      .map((l) => l.text)
      .join(' ');
    expect(subjective).toContain('45-year-old female presenting with cough');
    expect(subjective).toContain('Denies / absent: Coughing up blood');
    expect(record.summary.find((l) => l.part === 'O')?.sourceSpans.length).toBeGreaterThan(0);
  });

  it('marks a record of empty text with a warning, without failing', () => {
    expect(processor.process('   ').warnings).toContain('empty text');
  });
});

describe('the knowledge-base lexicon', () => {
  it('maps every intake addition to a concept the knowledge base has', () => {
    expect(missingAdditionConcepts(loadKnowledgeBase())).toEqual([]);
  });

  it('recognises the hand-written consultation fixtures (at least 30, P and R ≥ 0.9)', () => {
    expect(CONSULTATION_FIXTURES.length).toBeGreaterThanOrEqual(30);
    const scores = scoreRecognition(CONSULTATION_FIXTURES, (fixture) =>
      createIntakeProcessor(fixture.referenceDate ? { referenceDate: fixture.referenceDate } : {}).process(
        fixture.text,
      ),
    );
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.valuesFound).toBe(scores.valuesExpected);
  });

  it('reads fever patterns and night sweats as their knowledge-base concepts', () => {
    const record = createIntakeProcessor().process(
      'Low-grade afternoon fever and night sweats. Remittent fever last month. Continuous fever now.',
    );
    expect(record.findings.filter((f) => !f.impliedBy).map((f) => f.conceptId)).toEqual([
      'fever.pattern.low-grade-afternoon',
      'sweating.night',
      'fever.pattern.remittent',
      'fever.pattern.continuous',
    ]);
  });

  it('adds the parent a present refinement implies, once per sentence', () => {
    const record = createIntakeProcessor().process(
      'Low-grade afternoon fever and night sweats. Productive cough.',
    );
    const implied = record.findings.filter((f) => f.impliedBy).map((f) => [f.conceptId, f.impliedBy]);
    expect(implied).toEqual([
      ['fever', 'fever.pattern.low-grade-afternoon'],
      ['sweating', 'sweating.night'],
      ['cough', 'cough.productive'],
    ]);
    expect(
      createIntakeProcessor()
        .process('No productive cough.')
        .findings.some((f) => f.impliedBy),
    ).toBe(false);
  });

  it('does not read "on RA" (room air) as rheumatoid arthritis', () => {
    const record = createIntakeProcessor().process('SpO2 95% on RA.');
    expect(record.findings.some((f) => f.conceptId === 'history.rheumatoid-arthritis')).toBe(false);
  });
});

describe('IntakeSession (streaming)', () => {
  it('gives the same record incrementally as at once', () => {
    const whole = createIntakeProcessor().process(NOTE);
    const session = new IntakeSession(createIntakeProcessor());
    let last = session.append('');
    for (let i = 0; i < NOTE.length; i += 17) last = session.append(NOTE.slice(i, i + 17));
    expect(last.record.findings).toEqual(whole.findings);
    expect(last.record.observations).toEqual(whole.observations);
  });

  // Update latency is measured by `npm run bench:intake` (streaming update), not asserted here.
  it('streams a 2,000-word consultation in 20-word chunks, each update reporting its time', () => {
    const paragraph = CONSULTATION_FIXTURES.map((f) => f.text).join('\n\n');
    let text = '';
    while (text.split(/\s+/).length < 2000) text += `${paragraph}\n\n`;
    const words = text.split(/(?<=\s)/);
    const session = new IntakeSession(createIntakeProcessor());
    const times: number[] = [];
    for (let i = 0; i < words.length; i += 20)
      times.push(session.append(words.slice(i, i + 20).join('')).elapsedMs);
    expect(session.text.split(/\s+/).length).toBeGreaterThanOrEqual(2000);
    expect(times).toHaveLength(Math.ceil(words.length / 20));
    expect(times.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
    expect(session.append('').record.findings).toEqual(
      createIntakeProcessor().process(session.text).findings,
    );
  });

  it('marks a transcript beyond its limit as partial', () => {
    const session = new IntakeSession(createIntakeProcessor(), 100);
    const update = session.append('cough '.repeat(50));
    expect(update.record.partial?.charactersRead).toBe(100);
  });
});

describe('values mapped to findings', () => {
  it('reads a measured temperature of 38 °C or more as fever, unless fever is written', () => {
    const processor = new IntakeProcessor({ lexicon: FIXTURE_LEXICON });
    expect(processor.process('T 38.4 C.').findings).toEqual([
      expect.objectContaining({
        conceptId: 'fever',
        status: 'present',
        sourceSpan: { start: 0, end: 8, text: 'T 38.4 C' },
      }),
    ]);
    expect(processor.process('T 37.4 C.').findings).toEqual([]);
    expect(
      processor.process('Febrile, T 38.9 C.').findings.filter((f) => f.conceptId === 'fever'),
    ).toHaveLength(1);
  });
});

describe('robustness', () => {
  it('never throws and keeps every span inside the text, whatever the input', () => {
    const processor = createIntakeProcessor({ referenceDate: '2026-11-25' });
    const alphabet =
      'aeiou xyz .,;:?!/-+()%°\n\tHPI: PMH: No denies h/o SOB N/V 38.5 140/90 mmol/L ΩЖ字\u0000\uFFFD';
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const length = Math.floor(random() * 400);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const record = processor.process(text);
      for (const f of record.findings)
        expect(text.slice(f.sourceSpan.start, f.sourceSpan.end)).toBe(f.sourceSpan.text);
      for (const o of record.observations) expect(Number.isFinite(o.value.value)).toBe(true);
    }
  });
});

describe('key questions with the knowledge base', () => {
  it('asks follow-ups (pain character, location …) only once their parent is present', () => {
    const cough = createIntakeProcessor().process('CC: cough.');
    expect(cough.keyQuestions.some((q) => q.conceptId.startsWith('pain.'))).toBe(false);
    const withPain = createIntakeProcessor().process('CC: cough. Chest pain when coughing.');
    expect(withPain.keyQuestions.some((q) => q.conceptId === 'pain.intensity')).toBe(true);
  });
});
