import { describe, expect, it } from 'vitest';
import type { Finding } from '../clinical/finding.js';
import { LOINC, type Observation } from '../clinical/observation.js';
import { assessTriage, DIFFERENTIAL_THRESHOLDS } from './assess.js';
import { RED_FLAG_RULES } from './rules.js';
import type { TriageCondition, TriageVitals } from './types.js';

const present = (conceptId: string, extra: Partial<Finding> = {}): Finding => ({
  conceptId,
  status: 'present',
  ...extra,
});
const obs = (code: string, value: number, unit: string): Observation => ({
  code: { system: LOINC, code },
  value: { value, unit },
});
const NORMAL: TriageVitals = {
  respiratoryRate: 16,
  spo2Percent: 98,
  onOxygen: false,
  systolicBp: 125,
  pulse: 72,
  consciousness: 'alert',
  temperatureC: 37,
};
const rules = (r: ReturnType<typeof assessTriage>) => r.reasons.map((x) => x.ruleId);

describe('assessTriage: red flags', () => {
  it('crushing central chest pain with sweating is an emergency, with the reason shown', () => {
    const r = assessTriage({
      patient: { ageYears: 58, sex: 'male' },
      findings: [
        present('pain.location', { value: ['upper-chest'] }),
        present('pain.character', { value: ['heavy'] }),
        present('sweating'),
      ],
    });
    expect(r.level).toBe('emergency');
    expect(rules(r)[0]).toBe('red-flag.chest-pain.acs');
    expect(r.reasons[0]!.citation).toMatch(/NICE CG95/);
  });

  it('chest pain alone, without warning features, is urgent (same day), not an emergency', () => {
    const r = assessTriage({ findings: [present('pain.location', { value: ['chest-side-left'] })] });
    expect(r.level).toBe('urgent');
    expect(rules(r)).toEqual(['red-flag.chest-pain.any']);
  });

  it('only present, recent findings of the patient count: absent, historical and relatives’ findings raise nothing', () => {
    const chest = present('pain.location', { value: ['upper-chest'] });
    for (const f of [
      { ...chest, status: 'absent' as const },
      { ...chest, temporality: 'historical' as const },
      { ...chest, experiencer: 'other' as const },
      { ...chest, temporality: 'hypothetical' as const },
    ])
      expect(assessTriage({ findings: [f, present('cough')] }).level).not.toBe('urgent');
  });

  it.each([
    ['stridor', 'red-flag.airway.stridor'],
    ['hematemesis', 'red-flag.gi-bleed'],
    ['melena', 'red-flag.gi-bleed'],
    ['facial-palsy', 'red-flag.stroke'],
    ['dysarthria', 'red-flag.stroke'],
    ['seizure', 'red-flag.seizure'],
    ['confusion', 'red-flag.new-confusion'],
  ])('%s alone is an emergency (%s)', (concept, rule) => {
    const r = assessTriage({ findings: [present(concept)] });
    expect(r.level).toBe('emergency');
    expect(rules(r)).toContain(rule);
  });

  it('matches open-world concepts by their label too (a non-blanching rash, neck stiffness with fever)', () => {
    expect(assessTriage({ findings: [present('hpo:rash-x', { label: 'Non-blanching rash' })] }).level).toBe(
      'emergency',
    );
    const r = assessTriage({ findings: [present('fever'), present('x:neck', { label: 'Neck stiffness' })] });
    expect(rules(r)).toContain('red-flag.meningism');
  });

  it('haemoptysis and breathlessness on minimal exertion are urgent; pleuritic pain with breathlessness is urgent, an emergency with haemoptysis, hypoxia or a fast pulse', () => {
    expect(assessTriage({ findings: [present('hemoptysis')] }).level).toBe('urgent');
    expect(assessTriage({ findings: [present('dyspnea.minimal-exertion')] }).level).toBe('urgent');
    const pleuritic = [present('dyspnea'), present('pain.pleuritic')];
    expect(assessTriage({ findings: pleuritic }).level).toBe('urgent');
    expect(assessTriage({ findings: [...pleuritic, present('hemoptysis')] }).level).toBe('emergency');
    expect(assessTriage({ findings: pleuritic, vitals: { pulse: 118 } }).level).toBe('emergency');
    expect(assessTriage({ findings: pleuritic, vitals: { spo2Percent: 92 } }).level).toBe('emergency');
  });

  it('breathless at rest (as written) is an emergency; a sharp chest pain with breathlessness is not read as a heart attack', () => {
    const atRest = present('dyspnea.minimal-exertion', { label: 'Breathless at rest' });
    expect(assessTriage({ findings: [atRest] }).level).toBe('emergency');
    const r = assessTriage({
      findings: [
        present('pain.location', { value: ['upper-chest'] }),
        present('pain.character', { value: ['sharp'] }),
        present('dyspnea'),
      ],
    });
    expect(rules(r)).not.toContain('red-flag.chest-pain.acs');
    expect(r.level).toBe('urgent');
  });

  it.each([
    [
      [present('sx.choking', { label: 'Choking episode' }), present('stridor')],
      'red-flag.choking',
      'emergency',
    ],
    [[present('hypersalivation'), present('sore-throat')], 'red-flag.drooling', 'emergency'],
    [[present('syncope')], 'red-flag.syncope', 'urgent'],
    [[present('fever'), present('cough.productive')], 'red-flag.fever-focal', 'urgent'],
    [
      [present('history.pregnancy'), present('sx.uterine-contractions', { label: 'Uterine contractions' })],
      'red-flag.pregnancy-late',
      'emergency',
    ],
  ] as const)('%j → %s', (findings, rule, level) => {
    const r = assessTriage({ patient: { ageYears: 30, sex: 'female' }, findings: [...findings] });
    expect(rules(r)).toContain(rule);
    expect(r.level).toBe(level);
  });

  it('a child under 5 with fever who is irritable or feeding poorly is urgent', () => {
    const r = assessTriage({
      patient: { ageYears: 1 },
      findings: [present('fever'), present('sx.irritable-infant', { label: 'Irritable infant' })],
    });
    expect(rules(r)).toContain('red-flag.child-fever-unwell');
  });

  it('thunderclap headache: sudden and 9–10/10 is an emergency; a mild headache is not', () => {
    const sudden = assessTriage({
      findings: [
        present('headache', { label: 'Headache' }),
        present('pain.onset-speed', { value: 5 }),
        present('pain.intensity', { value: 10 }),
      ],
    });
    expect(rules(sudden)).toContain('red-flag.headache.thunderclap');
    const mild = assessTriage({
      findings: [present('headache', { label: 'Headache' }), present('pain.intensity', { value: 3 })],
    });
    expect(mild.level).toBe('routine');
  });

  it('a baby under 3 months with fever is an emergency; a child of 2 with fever for 5 days is urgent', () => {
    expect(assessTriage({ patient: { ageYears: 0.1 }, findings: [present('fever')] }).level).toBe(
      'emergency',
    );
    const r = assessTriage({ patient: { ageYears: 2 }, findings: [present('fever', { durationDays: 5 })] });
    expect(r.level).toBe('urgent');
    expect(rules(r)).toContain('red-flag.child-fever-amber');
  });

  it('a fall with hip pain or unable to walk is an emergency from 60 (hip fracture); unable to bear weight after an injury is urgent', () => {
    const fall = present('sign.trauma', { label: 'Recent injury' });
    const hip = present('sx.hip-pain', { label: 'Hip pain' });
    const weight = present('sign.unable-to-bear-weight', { label: 'Unable to bear weight' });
    expect(assessTriage({ patient: { ageYears: 80 }, findings: [fall, hip] }).level).toBe('emergency');
    expect(rules(assessTriage({ patient: { ageYears: 30 }, findings: [fall, hip] }))).not.toContain(
      'red-flag.hip-fracture',
    );
    const ankle = assessTriage({ patient: { ageYears: 25 }, findings: [fall, weight] });
    expect(ankle.level).toBe('urgent');
    expect(rules(ankle)).toContain('red-flag.injury-unable-to-bear-weight');
    expect(rules(assessTriage({ patient: { ageYears: 25 }, findings: [weight] }))).not.toContain(
      'red-flag.injury-unable-to-bear-weight',
    );
  });

  it('NG12 referral criteria make it at least routine, by age; trismus or a muffled voice is urgent (quinsy)', () => {
    const lump = present('sx.lump-or-mass-of-breast', { label: 'Lump or mass of breast' });
    expect(rules(assessTriage({ patient: { ageYears: 45 }, findings: [lump] }))).toContain(
      'red-flag.suspected-cancer-referral',
    );
    expect(rules(assessTriage({ patient: { ageYears: 22 }, findings: [lump] }))).not.toContain(
      'red-flag.suspected-cancer-referral',
    );
    const bleeding = present('sx.rectal-bleeding', { label: 'Rectal bleeding' });
    expect(rules(assessTriage({ patient: { ageYears: 66 }, findings: [bleeding] }))).toContain(
      'red-flag.suspected-cancer-referral',
    );
    const quinsy = assessTriage({
      findings: [
        present('sx.sore-throat'),
        present('sign.quinsy-features', { label: 'Trismus or muffled voice' }),
      ],
    });
    expect(quinsy.level).toBe('urgent');
    expect(rules(quinsy)).toContain('red-flag.quinsy');
  });

  it('a baby breathing fast and taking less feed is seen the same day (NICE NG9)', () => {
    const fast = present('sx.breathing-fast', { label: 'Breathing fast' });
    const feeding = present('sx.infant-feeding-problem', { label: 'Feeding less' });
    const baby = assessTriage({ patient: { ageYears: 0.75 }, findings: [fast, feeding] });
    expect(rules(baby)).toContain('red-flag.infant-breathing-feeding');
    expect(baby.level).toBe('urgent');
    expect(rules(assessTriage({ patient: { ageYears: 6 }, findings: [fast, feeding] }))).not.toContain(
      'red-flag.infant-breathing-feeding',
    );
  });

  it("sudden hearing loss is the adults' painless rule, not a child's ear infection", () => {
    const deaf = present('sx.diminished-hearing', { label: 'Hearing loss' });
    const sudden = { shortestDays: 2, longestDays: 2, sudden: true, worsening: false };
    expect(rules(assessTriage({ patient: { ageYears: 45 }, findings: [deaf], onset: sudden }))).toContain(
      'red-flag.hearing-loss-sudden',
    );
    const child = assessTriage({
      patient: { ageYears: 5 },
      findings: [deaf, present('sx.ear-pain', { label: 'Ear pain' })],
      onset: sudden,
    });
    expect(rules(child)).not.toContain('red-flag.hearing-loss-sudden');
  });

  it('a blood pressure of 180/120 or more is an emergency with signs of organ damage, same-day with a headache', () => {
    const high = [obs('8480-6', 196, 'mm[Hg]'), obs('8462-4', 124, 'mm[Hg]')];
    const headache = assessTriage({
      patient: { ageYears: 60 },
      findings: [present('sx.headache')],
      observations: high,
    });
    expect(rules(headache)).not.toContain('red-flag.severe-hypertension-symptoms');
    expect(headache.level).toBe('urgent');
    const breathless = assessTriage({
      patient: { ageYears: 60 },
      findings: [present('sx.headache'), present('sx.shortness-of-breath')],
      observations: high,
    });
    expect(rules(breathless)).toContain('red-flag.severe-hypertension-symptoms');
  });

  it('in pregnancy, burning on passing urine is same-day care; passing urine more often alone is not', () => {
    const pregnant = present('history.pregnancy', { label: 'Pregnant' });
    const frequency = present('sx.frequent-urination', { label: 'Frequent urination' });
    const female = { sex: 'female' as const, ageYears: 28 };
    expect(rules(assessTriage({ patient: female, findings: [pregnant, frequency] }))).not.toContain(
      'red-flag.uti-in-pregnancy',
    );
    const burning = [pregnant, frequency, present('sx.painful-urination', { label: 'Burning' })];
    expect(rules(assessTriage({ patient: female, findings: burning }))).toContain(
      'red-flag.uti-in-pregnancy',
    );
  });

  it('stroke symptoms that went back to normal are a TIA (same day), not a stroke in progress', () => {
    const weakness = present('sx.arm-weakness', { label: 'Arm weakness' });
    const slurred = present('dysarthria', { label: 'Slurred speech' });
    expect(assessTriage({ findings: [weakness, slurred] }).level).toBe('emergency');
    const resolved = assessTriage({
      findings: [weakness, slurred, present('sign.deficit-resolved', { label: 'Back to normal' })],
    });
    expect(rules(resolved)).toContain('red-flag.tia');
    expect(rules(resolved)).not.toContain('red-flag.stroke');
    expect(resolved.level).toBe('urgent');
    // A hand that has grown clumsy over two weeks, with no sudden start: same-day, not the stroke emergency.
    const creeping = assessTriage({
      findings: [present('weakness.focal', { label: 'Focal weakness' })],
      onset: { shortestDays: 14, longestDays: 14, sudden: false, worsening: false },
    });
    expect(rules(creeping)).toContain('red-flag.progressive-deficit');
    expect(creeping.level).toBe('urgent');
  });

  it('new symptoms of a high sugar with vomiting, or known diabetes with ketotic breathing, may be DKA', () => {
    const polyuria = present('sx.polyuria', { label: 'Passing much urine' });
    const vomiting = present('sx.vomiting', { label: 'Vomiting' });
    const known = present('sign.diabetes-history', { label: 'Known diabetes' });
    expect(rules(assessTriage({ findings: [polyuria, vomiting] }))).toContain('red-flag.dka-suspected');
    // Vomiting in known diabetes has many causes; the breath or breathing of ketoacidosis is what points to it.
    expect(rules(assessTriage({ findings: [known, vomiting] }))).not.toContain('red-flag.dka-suspected');
    const ketotic = assessTriage({ findings: [known, vomiting, present('sign.fruity-breath')] });
    expect(ketotic.level).toBe('emergency');
  });

  it("fever, jaundice and upper abdominal pain together (Charcot's triad) are an emergency", () => {
    const fever = present('sx.fever', { label: 'Fever' });
    const jaundice = present('sx.jaundice', { label: 'Jaundice' });
    const pain = present('sx.upper-abdominal-pain', { label: 'Upper abdominal pain' });
    expect(rules(assessTriage({ findings: [fever, jaundice] }))).not.toContain('red-flag.cholangitis');
    const triad = assessTriage({ findings: [fever, jaundice, pain] });
    expect(triad.level).toBe('emergency');
    expect(rules(triad)).toContain('red-flag.cholangitis');
  });

  it("a swollen jaw or neck with difficulty breathing is an airway emergency (Ludwig's angina)", () => {
    const jaw = present('sx.jaw-swelling', { label: 'Jaw swelling' });
    const toothache = present('sx.toothache', { label: 'Toothache' });
    expect(rules(assessTriage({ findings: [jaw, toothache] }))).not.toContain(
      'red-flag.neck-swelling-airway',
    );
    const airway = assessTriage({
      findings: [jaw, toothache, present('sx.difficulty-breathing', { label: 'Difficulty breathing' })],
    });
    expect(airway.level).toBe('emergency');
    expect(rules(airway)).toContain('red-flag.neck-swelling-airway');
  });

  it('rectal bleeding: a little is assessed by appointment, bloody diarrhoea the same day, a lot is an emergency (NHS.uk Bleeding from the bottom)', () => {
    const bleeding = present('sx.rectal-bleeding', { label: 'Rectal bleeding' });
    const heavy = present('sign.heavy-bleeding', { label: 'Heavy bleeding' });
    expect(rules(assessTriage({ patient: { ageYears: 30 }, findings: [bleeding] }))).not.toContain(
      'red-flag.rectal-bleeding',
    );
    const severe = assessTriage({ patient: { ageYears: 30 }, findings: [bleeding, heavy] });
    expect(rules(severe)).toContain('red-flag.rectal-bleeding-heavy');
    expect(severe.level).toBe('emergency');
    const dysentery = assessTriage({ patient: { ageYears: 30 }, findings: [bleeding, present('diarrhea')] });
    expect(rules(dysentery)).toContain('red-flag.rectal-bleeding');
    expect(dysentery.level).toBe('urgent');
  });

  it('a risk to others (voices telling him to hurt people, a weapon) is an emergency (NICE NG10)', () => {
    const risk = present('sign.risk-to-others', { label: 'Risk of harm to others' });
    const result = assessTriage({ patient: { ageYears: 30 }, findings: [risk] });
    expect(result.level).toBe('emergency');
    expect(rules(result)).toContain('red-flag.risk-to-others');
  });

  it('projectile vomiting is urgent in a baby under 6 months, not in an older child', () => {
    const vomiting = [present('sign.projectile-vomiting', { label: 'Projectile (forceful) vomiting' })];
    const baby = assessTriage({ patient: { ageYears: 5 / 52 }, findings: vomiting });
    expect(baby.level).toBe('urgent');
    expect(rules(baby)).toContain('red-flag.infant-projectile-vomiting');
    expect(rules(assessTriage({ patient: { ageYears: 4 }, findings: vomiting }))).not.toContain(
      'red-flag.infant-projectile-vomiting',
    );
  });

  it('a cough for 3 weeks or more needs a routine appointment, not self-care', () => {
    expect(assessTriage({ findings: [present('cough', { durationDays: 25 })] }).level).toBe('routine');
    expect(assessTriage({ findings: [present('cough', { durationDays: 4 })] }).level).toBe('self-care');
  });
});

describe('assessTriage: red flags added for issue 11 (dev-half error analysis)', () => {
  it('from 50 years, back pain with fainting is an emergency (leaking aortic aneurysm); under 50 it is not', () => {
    const findings = [present('sx.back-pain'), present('sx.fainting')];
    const old = assessTriage({ patient: { ageYears: 84 }, findings });
    expect(old.level).toBe('emergency');
    expect(rules(old)).toContain('red-flag.aaa-rupture');
    expect(rules(assessTriage({ patient: { ageYears: 30 }, findings }))).not.toContain(
      'red-flag.aaa-rupture',
    );
  });

  it('laboured breathing is an emergency', () => {
    const r = assessTriage({ patient: { ageYears: 3 }, findings: [present('sign.respiratory-distress')] });
    expect(r.level).toBe('emergency');
    expect(rules(r)).toContain('red-flag.respiratory-distress');
  });

  it('new jaundice, a newly swollen joint and passing little urine are urgent; a joint swollen for months is not', () => {
    for (const [finding, rule] of [
      ['sx.jaundice', 'red-flag.jaundice'],
      ['sx.joint-swelling', 'red-flag.hot-swollen-joint'],
      ['sx.low-urine-output', 'red-flag.low-urine-output'],
    ] as const) {
      const r = assessTriage({ patient: { ageYears: 40 }, findings: [present(finding)] });
      expect(rules(r)).toContain(rule);
      expect(r.level).toBe('urgent');
    }
    const chronic = assessTriage({ findings: [present('sx.joint-swelling', { durationDays: 90 })] });
    expect(rules(chronic)).not.toContain('red-flag.hot-swollen-joint');
  });

  it('breathlessness that began within two weeks is urgent; of 3 months, not by itself', () => {
    const recent = assessTriage({ findings: [present('dyspnea', { durationDays: 4 })] });
    expect(rules(recent)).toContain('red-flag.breathless-acute');
    expect(recent.level).toBe('urgent');
    const chronic = assessTriage({ findings: [present('dyspnea', { durationDays: 90 })] });
    expect(rules(chronic)).not.toContain('red-flag.breathless-acute');
  });
});

describe('assessTriage: vital signs and NEWS2', () => {
  it('a full normal set gives NEWS2 0 and does not raise the level', () => {
    const r = assessTriage({ findings: [present('sore-throat')], vitals: NORMAL });
    expect(r.news2?.total).toBe(0);
    expect(r.level).toBe('self-care');
  });

  it('NEWS2 5–6 is urgent, 7 or more is an emergency, a single 3 is urgent', () => {
    const five = { ...NORMAL, respiratoryRate: 22, pulse: 112, temperatureC: 38.5 }; // 2 + 2 + 1
    expect(assessTriage({ findings: [], vitals: five }).news2?.total).toBe(5);
    expect(assessTriage({ findings: [], vitals: five }).level).toBe('urgent');
    const seven = { ...five, systolicBp: 100 }; // + 2
    expect(assessTriage({ findings: [], vitals: seven }).level).toBe('emergency');
    const red = { ...NORMAL, temperatureC: 34.8 }; // single 3, total 3
    const r = assessTriage({ findings: [], vitals: red });
    expect(r.level).toBe('urgent');
    expect(rules(r)).toContain('news2.single-parameter-3');
  });

  it('reads vitals from LOINC observations as the intake writes them', () => {
    const r = assessTriage({
      findings: [present('cough'), present('fever')],
      observations: [obs('59408-5', 88, '%'), obs('9279-1', 28, '/min'), obs('8310-5', 38.6, 'Cel')],
    });
    expect(rules(r)).toEqual(expect.arrayContaining(['red-flag.low-oxygen', 'red-flag.severe-tachypnoea']));
    expect(r.level).toBe('emergency');
    expect(r.news2?.total).toBeUndefined();
    expect(r.news2?.missing).toContain('systolicBp');
  });

  it('SpO2 88 % on scale 2 (hypercapnic failure) is on target and not a low-oxygen red flag', () => {
    const r = assessTriage({ findings: [], vitals: { ...NORMAL, spo2Percent: 88, spo2Scale2: true } });
    expect(rules(r)).not.toContain('red-flag.low-oxygen');
    expect(r.news2?.total).toBe(0);
  });

  it('NEWS2 is not applied under 16 years', () => {
    const r = assessTriage({ patient: { ageYears: 8 }, findings: [present('cough')], vitals: NORMAL });
    expect(r.news2).toBeUndefined();
    expect(rules(r)).toContain('news2.not-applicable');
  });

  it('CRB-65 of 3 in a chest infection is an emergency', () => {
    const r = assessTriage({
      patient: { ageYears: 80 },
      findings: [present('cough'), present('fever'), present('confusion')],
      vitals: { respiratoryRate: 32 },
    });
    expect(rules(r)).toContain('red-flag.pneumonia-crb65-high');
  });
});

describe('assessTriage: the open differential', () => {
  const cold: TriageCondition = {
    conditionId: 'urti',
    label: 'Common cold',
    probability: 0.8,
    careLevel: 'self-care',
  };
  const pe: TriageCondition = {
    conditionId: 'pe',
    label: 'Pulmonary embolism',
    probability: 0.08,
    mustNotMiss: true,
    careLevel: 'emergency',
  };

  it('a must-not-miss condition still open raises the level even when it is not the top guess', () => {
    const r = assessTriage({ findings: [present('cough', { durationDays: 2 })], differential: [cold, pe] });
    expect(r.level).toBe('urgent');
    expect(rules(r)).toContain('must-not-miss.open');
    expect(r.reasons.find((x) => x.source === 'must-not-miss')?.text).toMatch(/Pulmonary embolism \(8 %\)/);
  });

  it('a likely time-critical must-not-miss condition makes it an emergency', () => {
    const r = assessTriage({
      findings: [present('dyspnea'), present('fatigue')],
      differential: [{ ...pe, probability: 0.45 }],
    });
    expect(r.level).toBe('emergency');
  });

  it('a must-not-miss condition below the open threshold raises nothing', () => {
    const r = assessTriage({
      findings: [present('cough', { durationDays: 2 })],
      differential: [cold, { ...pe, probability: 0.01 }],
    });
    expect(r.level).toBe('self-care');
  });

  it('never from the top guess alone: a benign top guess does not lower a red flag', () => {
    const r = assessTriage({
      findings: [present('hematemesis')],
      differential: [{ ...cold, probability: 0.99 }],
    });
    expect(r.level).toBe('emergency');
  });

  it('reads the shape of a flat differential: shares of the listed mass, not absolute probabilities', () => {
    const flat: TriageCondition[] = [
      { conditionId: 'gord', label: 'Reflux', probability: 0.06, careLevel: 'routine' },
      { conditionId: 'mi', label: 'Heart attack', probability: 0.05, careLevel: 'emergency' },
    ];
    const r = assessTriage({ findings: [present('nausea'), present('fatigue')], differential: flat });
    expect(r.level).toBe('emergency');
    expect(rules(r)).toContain('differential.emergency');
    expect(r.reasons.find((x) => x.ruleId === 'differential.emergency')?.text).toMatch(/45 %.*Heart attack/);
    // With a floor on the whole differential ("something else" included), the same share of a diffuse differential
    // is not an emergency (off by default: DIFFERENTIAL_THRESHOLDS.emergencyMinProbability).
    const diffuse = {
      findings: [present('nausea'), present('fatigue')],
      differential: [
        { ...flat[0]!, probability: 0.02 },
        { ...flat[1]!, probability: 0.02 },
      ],
    };
    expect(rules(assessTriage(diffuse))).toContain('differential.emergency');
    const floored = assessTriage(diffuse, { ...DIFFERENTIAL_THRESHOLDS, emergencyMinProbability: 0.045 });
    expect(rules(floored)).not.toContain('differential.emergency');
    // Below the share: nothing from the differential.
    const low = assessTriage({
      findings: [present('nausea'), present('fatigue')],
      differential: [{ ...flat[0]!, probability: 0.5 }, flat[1]!],
    });
    expect(rules(low)).not.toContain('differential.emergency');
    expect(low.level).toBe('routine');
  });

  it('conditions needing same-day care holding most of the differential make it urgent', () => {
    const r = assessTriage({
      findings: [present('cough', { durationDays: 2 }), present('fatigue')],
      differential: [
        { conditionId: 'pneumonia', label: 'Pneumonia', probability: 0.2, careLevel: 'urgent' },
        { conditionId: 'bronchitis', label: 'Acute bronchitis', probability: 0.1, careLevel: 'self-care' },
      ],
    });
    expect(r.level).toBe('urgent');
    expect(rules(r)).toContain('differential.same-day');
  });

  it('a condition without a care level (nothing in the note supports it) counts for nothing', () => {
    const r = assessTriage({
      findings: [present('cough', { durationDays: 2 })],
      differential: [
        { conditionId: 'cold', label: 'Common cold', probability: 0.2, careLevel: 'self-care' },
        { conditionId: 'embolism', label: 'Air embolism', probability: 0.2 },
      ],
    });
    expect(r.level).toBe('self-care');
  });

  it('a long tail of time-critical conditions, each under 5 % of the list, is not an emergency', () => {
    const tail = (id: string, probability: number): TriageCondition => ({
      conditionId: id,
      label: id,
      probability,
      careLevel: 'emergency',
    });
    const findings = [present('diarrhea'), present('vomiting')];
    const gastro: TriageCondition = {
      conditionId: 'gastroenteritis',
      label: 'Gastroenteritis',
      probability: 0.3,
      careLevel: 'self-care',
    };
    // Twelve conditions at 4 % of the list each hold 49 % together, above the 45 % emergency share.
    const spread = [
      { ...gastro, probability: 0.05 },
      ...Array.from({ length: 12 }, (_, i) => tail(`critical-${i}`, 0.004)),
    ];
    expect(rules(assessTriage({ findings, differential: spread }))).not.toContain('differential.emergency');
    const counted = { ...DIFFERENTIAL_THRESHOLDS, emergencyConditionShare: 0 };
    expect(rules(assessTriage({ findings, differential: spread }, counted))).toContain(
      'differential.emergency',
    );
    // One of them at 50 % of the list on its own is.
    const single = [{ ...gastro, probability: 0.05 }, tail('pancreatitis', 0.05)];
    expect(rules(assessTriage({ findings, differential: single }))).toContain('differential.emergency');
  });

  it('thresholds can be passed (tuning scripts)', () => {
    const input = {
      findings: [present('dyspnea'), present('fatigue')],
      differential: [{ ...pe, probability: 0.05 }, cold],
    };
    expect(rules(assessTriage(input))).not.toContain('differential.emergency');
    const strict = { ...DIFFERENTIAL_THRESHOLDS, emergencyShare: 0.05 };
    expect(rules(assessTriage(input, strict))).toContain('differential.emergency');
  });

  it('the differential read from a single finding (mostly its prior) sets neither emergency nor same-day care', () => {
    const differential: TriageCondition[] = [
      {
        conditionId: 'gastroenteritis',
        label: 'Gastroenteritis',
        probability: 0.13,
        careLevel: 'self-care',
      },
      {
        conditionId: 'pancreatitis',
        label: 'Acute pancreatitis',
        probability: 0.25,
        careLevel: 'emergency',
      },
      { conditionId: 'hypovolemia', label: 'Hypovolaemia', probability: 0.1, careLevel: 'urgent' },
    ];
    // Two readings of the same words ("diarrhoea") count once.
    const span = { start: 20, end: 29, text: 'diarrhoea' };
    const one = [present('diarrhea', { sourceSpan: span }), present('sx.diarrhoea', { sourceSpan: span })];
    const single = assessTriage({ findings: one, differential });
    expect(rules(single)).not.toContain('differential.emergency');
    expect(rules(single)).not.toContain('differential.same-day');
    // A second finding lets the differential speak; a red flag needs no second finding.
    const two = assessTriage({ findings: [...one, present('vomiting')], differential });
    expect(rules(two)).toContain('differential.emergency');
    expect(assessTriage({ findings: [present('hematemesis')], differential }).level).toBe('emergency');
  });

  it('self-care when conditions looked after at home hold most of the differential, with no fever and a short story', () => {
    const athletesFoot: TriageCondition = {
      conditionId: 'tinea-pedis',
      label: "Athlete's foot",
      probability: 0.3,
      careLevel: 'self-care',
    };
    const eczema: TriageCondition = {
      conditionId: 'eczema',
      label: 'Eczema',
      probability: 0.05,
      careLevel: 'routine',
    };
    const findings = [present('sx.itchy-skin'), present('sx.peeling-skin')];
    const home = assessTriage({ findings, differential: [athletesFoot, eczema] });
    expect(home.level).toBe('self-care');
    expect(rules(home)).toContain('default.self-care-differential');
    // A child's fever, a measured 38 °C, a story over two weeks, or a share under the threshold keep it routine; an
    // adult's slight temperature does not, nor does a single finding (since stop 32: "a verruca on my foot").
    const febrile = [...findings, present('fever')];
    const child = { ageYears: 8 };
    expect(
      assessTriage({ patient: child, findings: febrile, differential: [athletesFoot, eczema] }).level,
    ).toBe('routine');
    expect(
      assessTriage({ patient: { ageYears: 30 }, findings: febrile, differential: [athletesFoot, eczema] })
        .level,
    ).toBe('self-care');
    expect(
      assessTriage({
        patient: { ageYears: 30 },
        findings,
        observations: [obs('8310-5', 38.4, 'Cel')],
        differential: [athletesFoot, eczema],
      }).level,
    ).toBe('routine');
    // Babies under 3 months who are unwell in any way (here crying) are never left to home care; a thriving one's
    // skin complaint may be, as may an older baby's without fever.
    expect(
      assessTriage({
        patient: { ageYears: 0.2 },
        findings: [...findings, present('sx.irritable-infant')],
        differential: [athletesFoot, eczema],
      }).level,
    ).toBe('routine');
    expect(
      assessTriage({ patient: { ageYears: 0.2 }, findings, differential: [athletesFoot, eczema] }).level,
    ).toBe('self-care');
    // A child's fever that the note says has settled does not keep the note from home care.
    expect(
      assessTriage({
        patient: child,
        findings: [...febrile, present('sign.fever-settled')],
        differential: [athletesFoot, eczema],
      }).level,
    ).toBe('self-care');
    expect(
      assessTriage({ patient: { ageYears: 0.5 }, findings, differential: [athletesFoot, eczema] }).level,
    ).toBe('self-care');
    const long = { sudden: false, worsening: false, shortestDays: 30, longestDays: 30 };
    expect(assessTriage({ findings, onset: long, differential: [athletesFoot, eczema] }).level).toBe(
      'routine',
    );
    expect(assessTriage({ findings: [findings[0]!], differential: [athletesFoot, eczema] }).level).toBe(
      'self-care',
    );
    // A condition seen by appointment beside them keeps the note routine only through the share (0.3 of 0.55).
    expect(
      assessTriage({ findings, differential: [athletesFoot, { ...eczema, probability: 0.25 }] }).level,
    ).toBe('routine');
    expect(
      assessTriage({ findings, differential: [athletesFoot, { ...eczema, probability: 0.15 }] }).level,
    ).toBe('self-care');
    expect(
      assessTriage(
        { findings, differential: [athletesFoot] },
        { ...DIFFERENTIAL_THRESHOLDS, selfCareShare: undefined },
      ).level,
    ).toBe('routine');
    // The share counts among the conditions the findings support: a tail no finding supports (no care level) does
    // not dilute it; a time-critical condition holding a tenth of the list rules home care out.
    const tail: TriageCondition = { conditionId: 'pregnancy', label: 'Pregnancy', probability: 0.25 };
    expect(assessTriage({ findings, differential: [athletesFoot, eczema, tail] }).level).toBe('self-care');
    const quinsy: TriageCondition = {
      conditionId: 'peritonsillar-abscess',
      label: 'Peritonsillar abscess',
      probability: 0.05,
      careLevel: 'emergency',
    };
    expect(
      rules(
        assessTriage({ findings, differential: [athletesFoot, { ...eczema, probability: 0.01 }, quinsy] }),
      ),
    ).not.toContain('default.self-care-differential');
  });

  it('beyond two weeks only a condition that stays home care however long it lasts counts (hay fever, not athlete’s foot)', () => {
    const findings = [present('sx.itchy-skin'), present('sx.peeling-skin')];
    const years = { sudden: false, worsening: false, shortestDays: 3 * 365, longestDays: 3 * 365 };
    const hayFever: TriageCondition = {
      conditionId: 'allergic-rhinitis',
      label: 'Hay fever',
      probability: 0.5,
      careLevel: 'self-care',
      selfCareAnyCourse: true,
    };
    expect(assessTriage({ findings, onset: years, differential: [hayFever] }).level).toBe('self-care');
    const { selfCareAnyCourse: _, ...tinea } = {
      ...hayFever,
      conditionId: 'tinea-pedis',
      label: "Athlete's foot",
    };
    expect(assessTriage({ findings, onset: years, differential: [tinea] }).level).toBe('routine');
  });

  it('severe abdominal pain that has come and gone the same way for months is not an acute abdomen', () => {
    const findings = [present('sx.sharp-abdominal-pain'), present('pain.intensity', { value: 8 })];
    const months = { sudden: false, worsening: false, shortestDays: 700, longestDays: 700 };
    expect(rules(assessTriage({ findings, onset: months }))).not.toContain('red-flag.acute-abdomen');
    expect(rules(assessTriage({ findings, onset: { ...months, worsening: true } }))).toContain(
      'red-flag.acute-abdomen',
    );
  });

  it('a non-urgent open condition keeps minor symptoms at routine, not self-care', () => {
    const r = assessTriage({
      findings: [present('cough', { durationDays: 2 })],
      differential: [{ conditionId: 'asthma', label: 'Asthma', probability: 0.4, careLevel: 'routine' }],
    });
    expect(r.level).toBe('routine');
  });
});

describe('assessTriage: the differential weighed by the time course', () => {
  const pneumonia: TriageCondition = {
    conditionId: 'pneumonia',
    label: 'Pneumonia',
    probability: 0.12,
    careLevel: 'urgent',
  };
  const asthma: TriageCondition = {
    conditionId: 'asthma',
    label: 'Asthma',
    probability: 0.2,
    careLevel: 'routine',
  };
  const mi: TriageCondition = {
    conditionId: 'mi',
    label: 'Heart attack',
    probability: 0.1,
    mustNotMiss: true,
    careLevel: 'emergency',
  };
  const cancer: TriageCondition = {
    conditionId: 'lung-cancer',
    label: 'Lung cancer',
    probability: 0.3,
    mustNotMiss: true,
    careLevel: 'routine',
  };
  const findings = [present('cough'), present('fatigue')];
  const onset = (days: number) => ({
    shortestDays: days,
    longestDays: days,
    sudden: false,
    worsening: false,
  });

  it('a new illness leaning towards same-day conditions is seen the same day from a lower share', () => {
    // Same-day conditions hold 12 / 32 = 37.5 % of the differential: below the general share, above the new one.
    const differential = [pneumonia, asthma];
    expect(assessTriage({ findings, differential, onset: onset(3) }).level).toBe('urgent');
    expect(assessTriage({ findings, differential, onset: onset(14) }).level).toBe('routine');
    expect(assessTriage({ findings, differential }).level).toBe('routine');
    const r = assessTriage({ findings, differential, onset: onset(3) });
    expect(r.reasons.find((x) => x.ruleId === 'differential.same-day')?.text).toMatch(
      /within the last 7 days/,
    );
  });

  it('a long-standing complaint: the differential alone asks for an appointment, not same-day care', () => {
    const r = assessTriage({ findings, differential: [cancer, asthma], onset: onset(90) });
    expect(r.level).toBe('routine');
    const reason = r.reasons.find((x) => x.ruleId === 'must-not-miss.open');
    expect(reason?.level).toBe('routine');
    expect(reason?.text).toMatch(/4 weeks or more/);
    // The same differential in a new illness keeps the same-day reason.
    expect(assessTriage({ findings, differential: [cancer, asthma], onset: onset(2) }).level).toBe('urgent');
  });

  it('time-critical conditions in a complaint of more than a week ask for same-day, not emergency, care', () => {
    const differential = [{ ...mi, probability: 0.2 }, asthma];
    expect(assessTriage({ findings, differential, onset: onset(1) }).level).toBe('emergency');
    expect(assessTriage({ findings, differential }).level).toBe('emergency');
    expect(assessTriage({ findings, differential, onset: onset(14) }).level).toBe('urgent');
  });

  it('red flags are not held back by a long course', () => {
    const r = assessTriage({ findings: [present('hematemesis')], differential: [asthma], onset: onset(365) });
    expect(r.level).toBe('emergency');
  });

  it('the course can be left out (tuning scripts)', () => {
    const off = { ...DIFFERENTIAL_THRESHOLDS, weighCourse: false };
    expect(assessTriage({ findings, differential: [cancer, asthma], onset: onset(90) }, off).level).toBe(
      'urgent',
    );
  });
});

describe('assessTriage: not enough to go on', () => {
  it('no findings and no vitals: routine with an honest reason, flagged insufficient', () => {
    const r = assessTriage({ findings: [] });
    expect(r.insufficient).toBe(true);
    expect(r.level).toBe('routine');
    expect(r.reasons[0]!.ruleId).toBe('default.insufficient');
  });

  it('only absent findings are not enough either', () => {
    expect(assessTriage({ findings: [{ conceptId: 'fever', status: 'absent' }] }).insufficient).toBe(true);
  });

  it('infants and people of 75 and over are not sent to self-care by default', () => {
    expect(assessTriage({ patient: { ageYears: 80 }, findings: [present('cough')] }).level).toBe('routine');
  });
});

describe('assessTriage: open-world findings (sx.*, sign.*, lab.*)', () => {
  const ow = (id: string, label: string) => present(id, { label });
  it.each([
    [[ow('sx.vomiting-blood', 'Vomiting blood')], 'emergency', 'red-flag.gi-bleed'],
    [
      [ow('sx.fever', 'Fever'), ow('sign.neck-stiffness', 'Neck stiffness (meningism)')],
      'emergency',
      'red-flag.meningism',
    ],
    [[ow('sign.rebound-tenderness', 'Peritonism (rebound or guarding)')], 'emergency', 'red-flag.peritonism'],
    [[ow('lab.raised-troponin', 'Raised troponin')], 'emergency', 'red-flag.cardiac-tests'],
    [[ow('sign.facial-droop', 'Facial droop')], 'emergency', 'red-flag.stroke'],
    [[ow('sx.slurring-words', 'Slurring words')], 'emergency', 'red-flag.stroke'],
    [[ow('sign.low-oxygen-saturation', 'Low oxygen saturation')], 'urgent', 'red-flag.hypoxia-described'],
    [[ow('sign.calf-tenderness', 'Calf tenderness')], 'urgent', 'red-flag.dvt'],
    [
      [ow('sx.chest-tightness', 'Chest tightness'), ow('sx.shortness-of-breath', 'Shortness of breath')],
      'emergency',
      'red-flag.chest-pain.acs',
    ],
  ] as const)('%j → %s', (findings, level, rule) => {
    const r = assessTriage({ findings: [...findings] });
    expect(r.level).toBe(level);
    expect(rules(r)).toContain(rule);
  });

  it('a described fever pattern (low-grade in the afternoon) counts as the fever of a cold for self-care', () => {
    const r = assessTriage({
      patient: { ageYears: 18 },
      findings: [
        present('fever.pattern.low-grade-afternoon'),
        present('nasal-congestion'),
        present('sore-throat'),
      ],
    });
    expect(r.level).toBe('self-care');
  });

  it('a sore throat named by the open-world id is still self-care; "neck stiffness or tightness" is not meningism', () => {
    expect(assessTriage({ findings: [ow('sx.sore-throat', 'Sore throat')] }).level).toBe('self-care');
    const r = assessTriage({
      findings: [
        ow('sx.fever', 'Fever'),
        ow('sx.neck-stiffness-or-tightness', 'Neck stiffness or tightness'),
      ],
    });
    expect(rules(r)).not.toContain('red-flag.meningism');
  });
});

describe('assessTriage: red flags added for issue 11 (round 3)', () => {
  it('fever with a sepsis risk factor written as history is urgent; the same fever without it is not', () => {
    const withRisk = assessTriage({
      patient: { ageYears: 50 },
      findings: [present('sx.fever'), present('history.diabetes', { temporality: 'historical' })],
    });
    expect(rules(withRisk)).toContain('red-flag.fever-sepsis-risk');
    expect(withRisk.level).toBe('urgent');
    const without = assessTriage({ patient: { ageYears: 50 }, findings: [present('sx.fever')] });
    expect(rules(without)).not.toContain('red-flag.fever-sepsis-risk');
    expect(rules(assessTriage({ patient: { ageYears: 80 }, findings: [present('sx.fever')] }))).toContain(
      'red-flag.fever-sepsis-risk',
    );
  });

  it('a breastfed baby is not a mother who recently gave birth', () => {
    const baby = assessTriage({
      patient: { ageYears: 0.2 },
      findings: [present('sx.fever'), present('sign.postpartum-breastfeeding')],
    });
    expect(rules(baby)).not.toContain('red-flag.fever-sepsis-risk');
  });

  it('vision lost within two days is an emergency; an old loss is not', () => {
    expect(assessTriage({ findings: [present('sx.blindness', { durationDays: 0.5 })] }).level).toBe(
      'emergency',
    );
    expect(rules(assessTriage({ findings: [present('sx.blindness', { durationDays: 60 })] }))).not.toContain(
      'red-flag.vision-loss-sudden',
    );
  });

  it('a red eye with reduced vision is urgent, a red eye alone is not', () => {
    expect(
      rules(assessTriage({ findings: [present('sx.eye-redness'), present('sx.diminished-vision')] })),
    ).toContain('red-flag.red-eye-vision');
    expect(rules(assessTriage({ findings: [present('sx.eye-redness')] }))).not.toContain(
      'red-flag.red-eye-vision',
    );
  });

  it('vomiting, a swollen abdomen and constipation together suggest obstruction; two of them do not', () => {
    const all3 = assessTriage({
      findings: [present('sx.vomiting'), present('sx.abdominal-distention'), present('sx.constipation')],
    });
    expect(all3.level).toBe('emergency');
    const two = assessTriage({ findings: [present('sx.abdominal-distention'), present('sx.constipation')] });
    expect(rules(two)).not.toContain('red-flag.bowel-obstruction');
  });

  it('headache or vision problems in pregnancy are urgent (pre-eclampsia); not in a man', () => {
    const pregnant = assessTriage({
      patient: { ageYears: 30, sex: 'female' },
      findings: [present('history.pregnancy'), present('sx.headache')],
    });
    expect(rules(pregnant)).toContain('red-flag.pre-eclampsia');
    const man = assessTriage({
      patient: { ageYears: 30, sex: 'male' },
      findings: [present('history.pregnancy'), present('sx.headache')],
    });
    expect(rules(man)).not.toContain('red-flag.pre-eclampsia');
  });

  it('palpitations with dizziness are urgent; palpitations alone are not', () => {
    expect(
      rules(assessTriage({ findings: [present('sx.palpitations'), present('sx.dizziness')] })),
    ).toContain('red-flag.palpitations-warning');
    expect(rules(assessTriage({ findings: [present('sx.palpitations')] }))).not.toContain(
      'red-flag.palpitations-warning',
    );
    // Episodes recurring for three months, unchanged (panic attacks), are assessed by appointment.
    const recurring = assessTriage({
      findings: [present('sx.palpitations'), present('sx.shortness-of-breath')],
      onset: { shortestDays: 90, longestDays: 90, sudden: false, worsening: false },
    });
    expect(rules(recurring)).not.toContain('red-flag.palpitations-warning');
  });

  it('testicular pain is urgent; severe abdominal pain in words counts as severe', () => {
    expect(assessTriage({ findings: [present('sx.pain-in-testicles')] }).level).toBe('urgent');
    const severe = assessTriage({
      findings: [
        present('pain.location', { value: ['abdomen'] }),
        present('pain.character', { value: ['violent'] }),
      ],
    });
    expect(rules(severe)).toContain('red-flag.acute-abdomen');
  });
});

describe('assessTriage: red flags that read the time course (round 4)', () => {
  const course = (shortestDays: number | undefined, sudden = false) => ({
    ...(shortestDays !== undefined ? { shortestDays, longestDays: shortestDays } : {}),
    sudden,
    worsening: false,
  });

  it('hearing lost suddenly or within three days is urgent; a slow or old loss is not', () => {
    const hearing = present('sx.diminished-hearing');
    expect(rules(assessTriage({ findings: [hearing], onset: course(undefined, true) }))).toContain(
      'red-flag.hearing-loss-sudden',
    );
    expect(assessTriage({ findings: [present('sx.diminished-hearing', { durationDays: 2 })] }).level).toBe(
      'urgent',
    );
    expect(
      rules(assessTriage({ findings: [present('sx.diminished-hearing', { durationDays: 60 })] })),
    ).not.toContain('red-flag.hearing-loss-sudden');
    expect(rules(assessTriage({ findings: [hearing], onset: course(90) }))).not.toContain(
      'red-flag.hearing-loss-sudden',
    );
    expect(rules(assessTriage({ findings: [hearing] }))).not.toContain('red-flag.hearing-loss-sudden');
  });

  it('severe pain in an illness that began this week is an emergency (MTS very urgent); the same pain over months is not raised by it', () => {
    const pain = [
      present('pain.location', { value: ['knee'] }),
      present('pain.character', { value: ['violent'] }),
    ];
    const fresh = assessTriage({ findings: pain, onset: course(2) });
    expect(rules(fresh)).toContain('red-flag.severe-pain-new');
    expect(fresh.level).toBe('emergency');
    expect(rules(assessTriage({ findings: pain, onset: course(120) }))).not.toContain(
      'red-flag.severe-pain-new',
    );
    const mild = [present('pain.location', { value: ['knee'] }), present('pain.intensity', { value: 3 })];
    expect(rules(assessTriage({ findings: mild, onset: course(2) }))).not.toContain(
      'red-flag.severe-pain-new',
    );
  });

  it('a new illness getting worse is urgent; a long-standing one getting worse is not raised by it', () => {
    const findings = [present('cough')];
    const worse = (shortestDays: number) => ({
      shortestDays,
      longestDays: shortestDays,
      sudden: false,
      worsening: true,
    });
    expect(assessTriage({ findings, onset: worse(3) }).level).toBe('urgent');
    expect(rules(assessTriage({ findings, onset: worse(3) }))).toContain('red-flag.new-worsening');
    expect(rules(assessTriage({ findings, onset: worse(90) }))).not.toContain('red-flag.new-worsening');
    expect(rules(assessTriage({ findings, onset: { ...worse(3), worsening: false } }))).not.toContain(
      'red-flag.new-worsening',
    );
  });
});

describe('assessTriage: suspected testicular torsion (round 4)', () => {
  const pain = present('sx.pain-in-testicles');
  it('scrotal pain begun suddenly or within a day under 25 is an emergency', () => {
    const sudden = { sudden: true, worsening: false };
    expect(assessTriage({ patient: { ageYears: 15 }, findings: [pain], onset: sudden }).level).toBe(
      'emergency',
    );
    expect(
      assessTriage({
        patient: { ageYears: 19 },
        findings: [present('sx.pain-in-testicles', { durationDays: 0.2 })],
      }).level,
    ).toBe('emergency');
  });
  it('the same pain for a week, or from 25, stays a same-day assessment', () => {
    expect(
      assessTriage({
        patient: { ageYears: 15 },
        findings: [present('sx.pain-in-testicles', { durationDays: 7 })],
      }).level,
    ).toBe('urgent');
    const sudden = { sudden: true, worsening: false };
    expect(assessTriage({ patient: { ageYears: 40 }, findings: [pain], onset: sudden }).level).toBe('urgent');
  });
});

describe('assessTriage: glucose and haemoglobin', () => {
  const level = (o: Observation) => assessTriage({ findings: [present('fatigue')], observations: [o] });
  it('hypoglycaemia: below 3.0 mmol/L an emergency, below 4.0 same day, in mmol/L or mg/dL, from any glucose code', () => {
    expect(rules(level(obs('2345-7', 39.6, 'mg/dL')))).toContain('red-flag.hypoglycaemia-severe');
    expect(level(obs('15074-8', 2.2, 'mmol/L')).level).toBe('emergency');
    expect(level(obs('41653-7', 3.5, 'mmol/L')).level).toBe('urgent');
    expect(rules(level(obs('2339-0', 65, 'mg/dL')))).toContain('red-flag.hypoglycaemia');
    // A normal glucose in mmol/L is not read as mg/dL; a unit it cannot convert is not read at all.
    expect(rules(level(obs('2345-7', 5.5, 'mmol/L')))).not.toContain('red-flag.hypoglycaemia-severe');
    expect(rules(level(obs('2345-7', 2, 'g/mL'))).filter((r) => r.startsWith('red-flag.hypo'))).toEqual([]);
  });

  it('severe anaemia: a haemoglobin below 70 g/L (7 g/dL) is same-day care', () => {
    expect(rules(level(obs('718-7', 5.9, 'g/dL')))).toContain('red-flag.anaemia-severe');
    expect(level(obs('718-7', 65, 'g/L')).level).toBe('urgent');
    expect(rules(level(obs('718-7', 72, 'g/L')))).not.toContain('red-flag.anaemia-severe');
    expect(rules(level(obs('718-7', 9.5, 'g/dL')))).not.toContain('red-flag.anaemia-severe');
  });
});

describe('the red-flag rules', () => {
  it('each have their own id (docs/triage.md lists them by id)', () => {
    const ids = RED_FLAG_RULES.map((rule) => rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
