import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { refinedAge, textDiagnoser } from './diagnose-text.js';

// Feature packs S and T (scripts/open-world/features/pack-s.ts, pack-t.ts) and the reading and triage fixes of
// stop 39. The notes below are written for these tests.
describeFeaturePack('pack S', {
  reads: [
    ['My son has a cough like a dog barking since last night.', 'sign.barking-cough'],
    ['He makes a loud noise when he breathes in, even sitting still.', 'sign.stridor'],
    ["She can't swallow her own saliva.", 'sign.drooling'],
    ['PV bleeding since this morning, a pad every four hours.', 'sign.vaginal-bleeding'],
    ['Her left eyelid has got really puffy and red overnight.', 'sx.swollen-eye'],
    ['My left calf has been aching for two days.', 'sign.calf-pain'],
    ['Flew back from Australia five days ago.', 'sign.long-journey'],
    ['The room spins every time I roll over in bed.', 'sign.positional-vertigo'],
    ['She keeps scratching her bottom at night.', 'sx.itching-of-the-anus'],
    ['I saw tiny white wriggly things around her bum.', 'sign.worms-seen'],
    ['Bleeding from his left nostril after picking it.', 'sx.nosebleed'],
    ['A burning feeling rising up behind my breastbone after dinner.', 'sx.heartburn'],
    ['I hurt my lower back lifting a washing machine.', 'sx.low-back-pain'],
    ['Severe pain from my left loin round to my groin.', 'sx.side-pain'],
    ['Been stockpiling his tablets for weeks.', 'sign.suicide-plan'],
    ['A twig flicked into his right eye while cutting the hedge.', 'sign.eye-injury'],
    ['Got bitten by my own cat on the back of my hand.', 'sign.animal-bite'],
    ["I haven't needed a wee since this morning.", 'sx.retention-of-urine'],
    ['It feels numb and weird when I wipe after the toilet.', 'sign.saddle-anaesthesia'],
  ],
  silent: {
    findings: /^sign\.(eye-injury|medicine-side-effect|travel-sickness|gravidity-history)$/,
    stories: [
      'Cough and a runny nose for three days, no fever.',
      'Pain in my belly button area since last night, feel sick.',
      'Twisted my ankle playing football yesterday.',
    ],
  },
  topThree: [
    [
      'For six months bloating, loose pale smelly stools that float, tired all the time and mouth ulcers. Low iron last year.',
      34,
      'female',
      'celiac-disease',
    ],
    [
      'A mole on my back has got bigger and darker over three months, the edges look uneven now.',
      46,
      'male',
      'melanoma',
    ],
    [
      'Dry itchy patches in the creases of his elbows and behind his knees for months, scratching at night.',
      3,
      'male',
      'eczema',
    ],
  ],
});

describeFeaturePack('pack T', {
  reads: [
    ['He has been fitting for 7 minutes now, still jerking.', 'sign.prolonged-seizure'],
    ['Found unresponsive, pinpoint pupils, breathing very slowly.', 'sign.opioid-toxidrome'],
    ['She put her hand out to break the fall on the ice.', 'sign.fall-on-outstretched-hand'],
    ['My 2 year old only says a few words.', 'sign.speech-delay'],
    ['He is on lithium for his mood.', 'sign.on-lithium'],
    ['A bee stung my arm in the garden.', 'sign.insect-sting'],
  ],
  silent: {
    findings:
      /^sign\.(prolonged-seizure|opioid-toxidrome|fall-on-outstretched-hand|speech-delay|wrist-deformity)$/,
    stories: [
      'Cough and a runny nose for three days, no fever.',
      'Twisted my ankle playing football yesterday.',
      'Headache and a temperature since this morning.',
    ],
  },
  topThree: [
    [
      'Carer: she has epilepsy and has been fitting for 7 minutes now, buccal midazolam given, still jerking.',
      23,
      'female',
      'status-epilepticus',
    ],
    [
      'Fell on an outstretched hand skateboarding, pain at the base of the thumb, tender in the snuffbox.',
      19,
      'male',
      'scaphoid-fracture',
    ],
    [
      'A wasp stung my hand an hour ago, red swollen and itchy, breathing fine.',
      30,
      'female',
      'insect-sting',
    ],
    [
      'My 2 year old only says a few words, hearing test was fine, understands everything.',
      2,
      'male',
      'speech-and-language-delay',
    ],
  ],
});

describe('reading fixes of stop 39', () => {
  const diagnoser = textDiagnoser();
  const read = (text: string, ageYears = 40, sex: 'female' | 'male' = 'female') =>
    diagnoser.diagnose({ text, ageYears, sex });

  it('a whole-years age of 0 takes the note’s months: a fever at 7 months is not the under-3-months emergency', () => {
    expect(refinedAge(0, 7 / 12)).toBeCloseTo(7 / 12);
    expect(refinedAge(45, 45)).toBe(45);
    expect(refinedAge(45, 44)).toBe(45);
    expect(refinedAge(undefined, 3)).toBe(3);
    const result = diagnoser.diagnose({
      text: '7-month-old girl. Temp 38.9 for 36 hrs, no cough, no rash. Nappies smell strong. Alert between doses.',
      ageYears: 0,
      sex: 'female',
    });
    expect(result.triage.reasons.map((r) => r.ruleId)).not.toContain('red-flag.infant-fever');
  });

  it('a past-tense event after a denial is affirmed ("no blood, vomited twice")', () => {
    const result = read('Diarrhoea since last night, no blood, vomited twice overnight.');
    expect(result.findings.present).toContain('sx.vomiting');
    expect(read('no fever, not vomited').findings.absent).toContain('sx.vomiting');
  });

  it('"no energy" is a complaint: it denies nothing after it', () => {
    const result = read('Chief complaints: Low mood, No energy, Poor sleep');
    expect(result.findings.present).toEqual(expect.arrayContaining(['sx.fatigue', 'sx.insomnia']));
  });

  it('a relative who pointed something out is the observer, not the patient', () => {
    const result = read(
      'This morning her husband pointed out a bright red patch on the white of her left eye.',
    );
    expect(result.findings.present).toContain('sign.red-patch-white-of-eye');
  });

  it('a referral’s courtesy ("I would be grateful if you could see") is no hypothesis', () => {
    const result = read(
      'I would be grateful if you could see Mrs Shah, 45, with a 2-month history of left heel pain.',
    );
    expect(result.findings.present).toContain('sign.heel-pain-first-steps');
  });

  it('pregnancies counted in the plural are the history, not a pregnancy now', () => {
    const result = read(
      'Bulging veins on both calves for years, ankles swell a little by evening.\nHistory: Three pregnancies',
      56,
    );
    expect(result.triage.reasons.map((r) => r.ruleId)).not.toContain('red-flag.pre-eclampsia');
  });

  it('who writes or calls, named as a heading, is the narrator: the findings after it are the patient’s', () => {
    const result = diagnoser.diagnose({
      text: 'Parent message: 7-month-old boy, red sore skin in the nappy area for 3 days.',
      ageYears: 0.6,
      sex: 'male',
    });
    expect(result.findings.present).toContain('sx.diaper-rash');
  });

  it('a narrator’s label at the start of a line ("Parent:") is not the experiencer', () => {
    const result = read('Parent: my 3 year old daughter woke with both eyes stuck shut with yellow gunk.', 3);
    expect(result.findings.present).toContain('sx.white-discharge-from-eye');
  });

  it('"and I have" ends a relative’s scope like "I" alone', () => {
    expect(read('Dad has diabetes and I have had a cough for 3 days', 40, 'male').findings.present).toContain(
      'sx.cough',
    );
  });

  it('a trip to West Africa is a malaria area; coming from there is not a trip', () => {
    expect(
      read(
        'Back nine days from a trip visiting family in Lagos, Nigeria. High fevers and shivering.',
        38,
        'male',
      ).findings.present,
    ).toContain('sign.travel-malaria');
    expect(
      read('She moved here from Nigeria as a child. Sore throat for two days.').findings.present,
    ).not.toContain('sign.travel-malaria');
  });

  it('quotation marks do not hide a count: "took \'about 20\' paracetamol" is an overdose', () => {
    const result = read(
      "Mother calling: her daughter told her she took 'about 20' paracetamol 500 mg this afternoon.",
      16,
    );
    expect(result.findings.present).toContain('sign.overdose');
    expect(result.triage.level).toBe('emergency');
  });

  it('an older woman after an unwitnessed fall with a leg shortened and externally rotated: a hip fracture, now', () => {
    const result = read(
      '86F from care home, unwitnessed fall in bathroom. Unable to weight bear, pain L groin. L leg shortened and externally rotated.',
      86,
    );
    expect(result.triage.reasons.map((r) => r.ruleId)).toContain('red-flag.hip-fracture');
  });

  it('"travel sickness tablets made her drowsy" is a side effect, not new confusion', () => {
    const result = read(
      'Room spinning when turning over in bed. Travel sickness tablets made her drowsy.',
      58,
    );
    expect(result.findings.present).not.toContain('sign.altered-consciousness');
    expect(result.triage.level).not.toBe('emergency');
  });
});

describe('triage of the stop 39 stories', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // A moderate asthma attack by peak flow as a share of best (BTS/SIGN 158: 50-75 %): same day.
    ['7F, known asthma. Increasing wheeze, PEFR 60% of best, talking in sentences.', 7, 'female', 'urgent'],
    // Shingles on the forehead and the tip of the nose: same-day antivirals and an eye check, not an emergency.
    [
      'Burning pain over the left forehead for 4 days, now blisters on the forehead and the tip of the nose, eye red. The pain is severe.',
      70,
      'female',
      'urgent',
    ],
    // Severe period pain for years: a long story, not severe pain begun this week.
    [
      'For several years she has had severe period pain starting a few days before bleeding, with pain during sex.',
      29,
      'female',
      'routine',
    ],
    // A purple rash on the legs in a child with no fever, otherwise well (IgA vasculitis): same day, not the
    // meningococcal emergency.
    [
      'A week after a sore throat a raised purple spotty rash on the backs of his legs that does not fade when pressed, sore ankles. Otherwise well, eating and playing. No fever.',
      7,
      'male',
      'urgent',
    ],
    // Heavy periods for six months with dizzy spells and a normal pulse: anaemia's story, not a haemorrhage now.
    [
      'For six months tired all the time, breathless and dizzy at netball. Periods heavy with flooding and clots.',
      15,
      'female',
      'routine',
    ],
    // An eye caught by a baby's fingernail, painful and watering: a same-day eye examination.
    [
      'My baby caught my left eye with her fingernail this morning. It is really painful, watering non stop, feels like there is sand in it.',
      34,
      'female',
      'urgent',
    ],
    // A plan (stockpiled tablets, letters written, tonight): emergency care now.
    [
      "Says he can't see a way out. Has been stockpiling his tablets and has written letters to his kids. Planned to do it tonight.",
      35,
      'male',
      'emergency',
    ],
    // Exertional chest tightness for two months that eases within 3-4 minutes of stopping: stable angina, a rapid
    // access chest pain clinic (NICE CG95), not a heart attack now — "3-4 minutes" is how long an episode lasts.
    [
      'Over the past 2 months a tight heavy feeling across the chest when walking uphill, occasionally spreading into the left arm. It eases within 3-4 minutes of stopping. Never at rest.',
      64,
      'male',
      'routine',
    ],
    // Co-codamol "from a friend" is no other person's story: 14 g of paracetamol over three days is an overdose.
    [
      'Severe toothache 4 days, taking paracetamol 1 g every couple of hours plus co-codamol from a friend, estimates 12-14 g paracetamol in total over 3 days. Vomited once.',
      22,
      'male',
      'emergency',
    ],
    // Weeks of fever and a cough: not the same-day rule for an acute bacterial infection.
    [
      'Cough for two months with night sweats and fevers, lost weight. Coughing up green sputum.',
      40,
      'male',
      'routine',
    ],
  ] as const)('%s → %s', (text, ageYears, sex, level) => {
    expect(diagnoser.diagnose({ text, ageYears, sex }).triage.level).toBe(level);
  });

  it('a sore mouth’s drooling (hand, foot and mouth disease) is no airway emergency', () => {
    const result = diagnoser.diagnose({
      text: 'Mild temperature, ulcers on his tongue and small blisters on his palms and soles. He is drooling but drinking milk. No breathing difficulty.',
      ageYears: 1,
      sex: 'male',
    });
    expect(result.triage.reasons.map((r) => r.ruleId)).not.toContain('red-flag.drooling');
  });

  it('a severe sore throat with exudate and fever and no quinsy signs is not the severe-pain emergency', () => {
    const result = diagnoser.diagnose({
      text: 'Three days of severe sore throat, painful swallowing, fever 39, white patches on the tonsils.',
      ageYears: 19,
      sex: 'female',
    });
    expect(result.triage.reasons.map((r) => r.ruleId)).not.toContain('red-flag.severe-pain-new');
    expect(result.triage.level).not.toBe('emergency');
  });
});
