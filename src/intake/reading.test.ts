import { describe, expect, it } from 'vitest';
import { createIntakeProcessor } from './default.js';
import { extractDurations } from './values.js';

/** Issue 11 part 5: errors in reading real text that change the meaning, as general cases plus the reported ones. */
const read = (text: string) => createIntakeProcessor().process(text);
const finding = (text: string, conceptId: string) =>
  read(text).findings.find((f) => f.conceptId === conceptId);

describe('a duration belongs to the complaint beside it', () => {
  it('reported: "5 d" stays with the symptom, never with smoking', () => {
    const r = read('Some SOB on exertion, cough x 5 d, smoker.');
    expect(r.findings.find((f) => f.conceptId === 'cough')?.durationDays).toBe(5);
    expect(r.findings.find((f) => f.conceptId === 'lifestyle.smoking')?.durationDays).toBeUndefined();
    expect(r.findings.find((f) => f.conceptId === 'dyspnea')?.durationDays).toBeUndefined();
  });

  it.each([
    ['Fever 5 d, smoker.', 'fever', 5],
    ['Cough and fever for 5 days.', 'fever', 5],
    ['Cough, fever and myalgia for 5 days.', 'cough', 5],
    ['For 2 days: fever, myalgia.', 'myalgia', 2],
    ['3 days of diarrhoea and vomiting.', 'vomiting', 3],
    ['Productive cough x 3/7.', 'cough.productive', 3],
    ['Haemoptysis x2 weeks.', 'hemoptysis', 14],
    ['Sore throat 2/52, no fever.', 'sore-throat', undefined],
  ])('"%s" → %s %s days', (text, conceptId, days) => {
    expect(finding(text, conceptId)?.durationDays).toBe(days);
  });

  it('a duration does not spread across a comma to an unrelated finding', () => {
    expect(finding('Nausea, headache for 2 days.', 'nausea')?.durationDays).toBeUndefined();
    expect(
      finding('Ex-smoker, haemoptysis x2 weeks.', 'lifestyle.former-smoker')?.durationDays,
    ).toBeUndefined();
  });

  it('reads clinical shorthand and bare durations, but not ages, rates or blood pressures', () => {
    expect(extractDurations('x 3/7').map((d) => d.durationDays)).toEqual([3]);
    expect(extractDurations('for 2/52').map((d) => d.durationDays)).toEqual([14]);
    expect(extractDurations('BP 140/90')).toEqual([]);
    expect(extractDurations('58-year-old man')).toEqual([]);
    expect(extractDurations('aged 5 y')).toEqual([]);
    expect(extractDurations('cough 2 weeks').map((d) => d.durationDays)).toEqual([14]);
  });
});

describe('no invented severity', () => {
  it('reported: "some breathlessness on exertion" is neither "significant" nor "minimal exertion"', () => {
    const r = read('Some breathlessness on exertion.');
    expect(r.findings.map((f) => f.conceptId)).not.toContain('dyspnea.minimal-exertion');
    const dyspnea = r.findings.find((f) => f.conceptId === 'dyspnea');
    expect(dyspnea?.label).not.toMatch(/significant/i);
    expect(r.findings.map((f) => f.conceptId)).toContain('worse-with-exertion');
    expect(r.summary.map((l) => l.text).join(' ')).not.toMatch(/significant|minimal/i);
  });

  it.each(['SOB on exertion.', 'Dyspnoea on exertion.', 'DOE.', 'SOBOE for 3 weeks.'])(
    '"%s" is not breathlessness on minimal exertion',
    (text) => {
      expect(read(text).findings.map((f) => f.conceptId)).not.toContain('dyspnea.minimal-exertion');
    },
  );

  it('minimal exertion and rest are still read when written', () => {
    expect(read('Breathless on minimal exertion.').findings.map((f) => f.conceptId)).toContain(
      'dyspnea.minimal-exertion',
    );
    expect(read('Short of breath at rest.').findings.map((f) => f.conceptId)).toContain(
      'dyspnea.minimal-exertion',
    );
    // A breathlessness that has come to rest later in the sentence ("… but now it is there even at rest").
    const later = read('Dyspnea was worse with physical activity but now it exists even at rest.');
    expect(later.findings.find((f) => f.conceptId === 'dyspnea.minimal-exertion')?.label).toBe(
      'Breathless at rest',
    );
    expect(read('Breathless walking uphill, now better.').findings.map((f) => f.conceptId)).not.toContain(
      'dyspnea.minimal-exertion',
    );
  });

  it('keeps a qualifier the text states', () => {
    expect(finding('Significant breathlessness.', 'dyspnea')?.label).toMatch(/^Significant/);
  });

  it('a severity word without a pain is not a pain character', () => {
    expect(read('Severe breathlessness.').findings.map((f) => f.conceptId)).not.toContain('pain.character');
    expect(read('Severe chest pain.').findings.map((f) => f.conceptId)).toContain('pain.character');
  });

  it.each([
    ['Severe right knee pain since this morning.', true],
    ['The pain in her belly has become severe.', true],
    ['The pain was very severe.', true],
    ['Sudden severe dyspnoea and right-sided chest pain.', true],
    // Another complaint's severity, or a comparison, is not how bad the pain is.
    ['Abdominal cramps and severe vomiting for 2 hours.', false],
    ['A headache that is more severe in the front of the head.', false],
  ])('a severity word qualifies the pain it names: %s', (text, severe) => {
    const violent = read(text).findings.some(
      (f) => f.conceptId === 'pain.character' && f.value === 'violent',
    );
    expect(violent).toBe(severe);
  });

  it('a habit told with "would" is the patient\'s finding, and "she" ends the mother\'s scope', () => {
    const bruising = finding('Her mother noticed that she would easily bruise.', 'bleeding-or-bruising');
    expect(bruising?.status).toBe('present');
    expect(bruising?.experiencer).not.toBe('other');
    expect(bruising?.temporality).not.toBe('hypothetical');
    expect(finding('He would come back if the fever returns.', 'fever')?.temporality).toBe('hypothetical');
  });
});

describe('recent symptoms stay recent after a history word', () => {
  it('reported: haemoptysis x2 weeks in an ex-smoker is current', () => {
    const r = read('62M ex-smoker, haemoptysis x2 weeks, weight loss.');
    expect(r.findings.find((f) => f.conceptId === 'hemoptysis')?.temporality).toBe('recent');
    expect(r.findings.find((f) => f.conceptId === 'lifestyle.former-smoker')?.temporality).toBe('historical');
  });

  it.each([
    ['Previous MI, now chest pain.', 'pain'],
    ['History of asthma; wheeze since yesterday.', 'wheeze.expiratory'],
    ['Former smoker with cough for 3 weeks.', 'cough'],
  ])('"%s" → %s recent', (text, conceptId) => {
    expect(finding(text, conceptId)?.temporality).toBe('recent');
  });
});

describe('exam signs and test results in free text become observations triage uses', () => {
  const codes = (text: string) => read(text).observations.map((o) => `${o.code.code}=${o.value.value}`);

  it('reported: raised respiratory rate, SpO2 88 %, temperature 38.6, WCC 15', () => {
    expect(codes('Resp rate raised at 28, SpO2 88% on air, temperature 38.6, WCC 15.')).toEqual(
      expect.arrayContaining(['9279-1=28', '59408-5=88', '3151-8=0', '8310-5=38.6', '6690-2=15']),
    );
  });

  it.each([
    ['Respiratory rate elevated at 32.', '9279-1=32'],
    ['Heart rate up to 124.', '8867-4=124'],
    ['O2 sats 91% on 2L via NC.', '3151-8=2'],
    ['Sats 94% RA.', '3151-8=0'],
    ['GCS 13.', '9269-2=13'],
  ])('"%s" → %s', (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it('does not read a fluid volume as oxygen, nor oxygen without a saturation', () => {
    expect(codes('Sats 96% RA. Given 2 L of fluid.')).not.toContain('3151-8=2');
    expect(codes('Drank 2 L of water.')).toEqual([]);
  });

  it('the observations reach triage (NEWS2 and red flags) through the case', async () => {
    const { assessTriage } = await import('../triage/assess.js');
    const r = read('Cough and fever. RR 26, SpO2 90% on air, BP 95/60, HR 118, T 38.9, alert.');
    const triage = assessTriage({ findings: [], observations: r.observations });
    expect(triage.level).toBe('emergency');
    expect(triage.reasons.map((x) => x.ruleId)).toContain('red-flag.low-oxygen');
  });
});

describe('exam signs and lab patterns as findings (record.signs)', () => {
  const signs = (text: string) =>
    Object.fromEntries(read(text).signs.map((s) => [s.conceptId, s.status] as const));

  it('reported: raised respiratory rate, SpO2 88 %, temperature 38.6, WCC 15', () => {
    expect(
      signs('58-year-old man. Resp rate raised at 28, SpO2 88% on air, temperature 38.6, WCC 15.'),
    ).toMatchObject({
      'sign.raised-respiratory-rate': 'present',
      'sign.low-oxygen-saturation': 'present',
      'sx.fever': 'present',
      'lab.raised-wcc': 'present',
    });
  });

  it('a normal value rules the sign out; the adult cut-offs are not applied to a child', () => {
    expect(signs('RR 16, SpO2 98%, HR 72, BP 128/80, WCC 7.')).toMatchObject({
      'sign.raised-respiratory-rate': 'absent',
      'sign.low-oxygen-saturation': 'absent',
      'sign.tachycardia': 'absent',
      'sign.hypotension': 'absent',
      'lab.raised-wcc': 'absent',
    });
    const child = signs('3 year old boy. RR 32, HR 130, SpO2 97%.');
    expect(child['sign.raised-respiratory-rate']).toBeUndefined();
    expect(child['sign.tachycardia']).toBeUndefined();
    expect(child['sign.low-oxygen-saturation']).toBe('absent');
  });

  it('anaemia uses the sex-specific WHO limit', () => {
    expect(signs('45 year old woman. Hb 12.5 g/dL.')['lab.anaemia']).toBe('absent');
    expect(signs('45 year old man. Hb 12.5 g/dL.')['lab.anaemia']).toBe('present');
  });
});

describe('more readings that changed meaning', () => {
  it('"a 3 month history of X" dates a current complaint; "history of X" alone is past', () => {
    expect(finding('She has a 3 month history of cough.', 'cough')?.temporality).toBe('recent');
    expect(finding('Two-week history of headaches.', 'pain')?.temporality).toBe('recent');
    expect(finding('History of cough.', 'cough')?.temporality).toBe('historical');
  });

  it('generalised weakness is not a focal neurological deficit', () => {
    expect(read('3 month history of weakness, progressing.').findings.map((f) => f.conceptId)).not.toContain(
      'weakness.focal',
    );
    expect(read('Left arm weakness since this morning.').findings.map((f) => f.conceptId)).toContain(
      'weakness.focal',
    );
  });

  it('a degree written after breathlessness is read as its own finding', () => {
    for (const text of ['He feels dyspneic even at rest.', 'Difficulty in breathing even at rest.']) {
      const f = finding(text, 'dyspnea.minimal-exertion');
      expect(f?.status, text).toBe('present');
      expect(f?.label).toBe('Breathless at rest');
    }
    expect(finding('Short of breath on climbing stairs.', 'dyspnea.minimal-exertion')).toBeUndefined();
  });
});

describe('homonyms', () => {
  it('a tearing chest pain is a character of pain, not watery eyes; eyes tearing up still are', () => {
    const ids = (text: string) =>
      read(text)
        .findings.filter((f) => f.status === 'present')
        .map((f) => f.conceptId);
    expect(ids('Sudden tearing chest pain going through to the back, 60 year old man.')).not.toContain(
      'watery-eyes',
    );
    expect(ids('Eyes tearing up and itchy since spring.')).toContain('watery-eyes');
  });

  it('yellow-green sputum is a productive cough, not a yellow skin lesion', () => {
    const found = read('Cough with yellow-green sputum for 4 days.').findings.map((f) => f.conceptId);
    expect(found).toContain('cough.productive');
    expect(found).not.toContain('skin-lesion');
  });
});

describe('a time unit is no occupation', () => {
  it('"every 10 mins" is not mining (the stem of "mins" and "mining" is the same)', () => {
    expect(finding('Blue inhaler every 10 mins, not working.', 'occupation.mining')).toBeUndefined();
    expect(finding('He worked in mining for 30 years.', 'occupation.mining')?.status).toBe('present');
  });
});
