import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack N (scripts/open-world/features/pack-n.ts) and the reading fixes of stop 35: the nineteenth,
// twenty-first and twenty-second clinical spot-checks' wordings. The notes below are written for these tests.
describeFeaturePack('pack N', {
  reads: [
    ['Used the blue inhaler, 8 puffs no better.', 'sign.reliever-not-helping'],
    ['Tight chest since this morning.', 'sx.chest-tightness'],
    ['Our 15 year old has been cutting her legs.', 'sign.suicidal-thoughts'],
    ['An ulcer on his toe that is going black at the edge.', 'sign.toe-gangrene'],
    ['Sharp pain in my left lower belly since Monday.', 'sx.lower-abdominal-pain'],
    ['Rheumatoid, on methotrexate weekly.', 'sign.immunosuppressant-medicine'],
    ['Irregular heartbeat on and off, my watch says possible AFib.', 'sign.irregular-palpitations'],
    ['Her nappies are less wet than usual today.', 'sx.low-urine-output'],
    ['Fell on it and now the wrist looks a bit bent.', 'sign.possible-fracture'],
    ['His eyelid has swelled up and is nearly shut.', 'sx.swollen-eye'],
    ['Bad tooth, and now my face has swelled up.', 'sign.facial-swelling'],
    ['Legs are sore two days after leg day.', 'sign.after-unaccustomed-workout'],
    ['Itchy down below with thick white discharge.', 'sign.curdy-discharge'],
    ['Texted me saying goodbye an hour ago.', 'sign.suicide-plan'],
    ['My head is killing me after a long shift.', 'sx.headache'],
    ['A bright red blotch on the white of my eye this morning.', 'sign.red-patch-white-of-eye'],
  ],
  silent: {
    findings:
      /^sign\.(immunosuppressant-medicine|after-unaccustomed-workout|curdy-discharge|suicide-plan|possible-fracture)$/,
    stories: [
      'Headbutted in a fight, his nose looks bent to the left.',
      'Chest pain on the treadmill at the gym, went into my jaw.',
      'Watery brown discharge from my ear for two days.',
      'Said goodnight to the kids, then the headache started.',
      'A cough and runny nose for three days.',
    ],
  },
  topThree: [
    [
      'muscles in both legs really sore and stiff after my first gym session in ages',
      24,
      'male',
      'delayed-onset-muscle-soreness',
    ],
    [
      'itchy and sore down below, thick white discharge like cottage cheese, no smell, had thrush before',
      27,
      'female',
      'vaginal-yeast-infection',
    ],
  ],
});

describe('triage of the nineteenth, twenty-first and twenty-second spot-checks (pack N)', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // A reliever that has not helped, then words cut short and blue lips: life-threatening asthma.
    [
      'asthma, 12 puffs of the blue inhaler no better, can only say a word or two, lips going blue',
      8,
      'emergency',
    ],
    // A crew's story of this episode ("ambulance hx") is not past history: tearing pain into the back.
    [
      'ambulance hx: sudden tearing chest pain going through to his back, known hypertension',
      68,
      'emergency',
    ],
    // Palpitations now, with chest tightness and near-fainting: an ECG during the attack, in hospital.
    ['heart racing for 30 minutes, chest tight and I feel like I am going to pass out', 40, 'emergency'],
    // Palpitations alone, on and off for weeks: by appointment.
    ['heart flutters now and then for a few weeks, no dizziness, no chest pain', 35, 'routine'],
    // A fever on methotrexate: a blood count the same day.
    ['takes methotrexate for psoriasis, temperature 38.4 and a sore throat since this morning', 50, 'urgent'],
    // Knee osteoarthritis getting worse over years is not a new worsening illness.
    [
      'both knees ache going down stairs, stiff for a few minutes in morning, been years getting slowly worse',
      70,
      'routine',
    ],
    // "No." answers a question; it does not deny what follows.
    [
      'appendix? no. sharp pain in my left lower belly for 2 days, temp 38.2, known diverticular disease',
      66,
      'urgent',
    ],
    // A call note's heading with a colon, then the son's command hallucinations and a farewell text.
    [
      '111 call from father: son 22, hearing voices telling him to end it, sent a goodbye text and left the house',
      undefined,
      'emergency',
    ],
    // A reading two phrases after "BP": severe hypertension with a headache, seen the same day.
    ['the nurse checked my BP because of a headache this week: 188/120. no chest pain', 58, 'urgent'],
    // A toddler's fever with strong-smelling urine: a urine test the same day (NICE NG224).
    ['temp 38.7 since last night and his wee smells really strong', 2, 'urgent'],
    // A caller's opening ended by a comma, then the one the call is about: his new psychosis, not the caller's.
    [
      'Mum calling, son 20 not slept for a week, hearing voices and shouting back at them',
      undefined,
      'urgent',
    ],
    // Everyday words for a stroke: speech gone funny, words mixed up, dropping things from one hand.
    [
      "grandad's speech has gone all funny since breakfast, mixing up his words and dropping his cup",
      81,
      'emergency',
    ],
    // A contact lens wearer whose eye is painful and sore in the light: keratitis until shown otherwise.
    ['I wear monthly contacts and slept in them, eye now really painful and light hurts it', 29, 'urgent'],
    // Two call lines, then the husband's stroke in everyday words.
    [
      "111 call. Caller is daughter. Dad 74y at lunch 10 min ago, suddenly words coming out wrong, can't lift L arm",
      undefined,
      'emergency',
    ],
    // Voices telling a relative to hurt others, and a knife in his room: help now.
    [
      "my brother is 30, voices are telling him he has to hurt the neighbours, he's got a kitchen knife in his room",
      undefined,
      'emergency',
    ],
    // A bite from a friend's dog is the patient's own.
    ["Friend's dog bit my hand an hour ago, two puncture wounds, bled a bit", 35, 'urgent'],
    // A tight chest in an asthma attack is the airways', not a heart attack's.
    ['asthma bad since a cold, blue inhaler every 3 hours, chest tight, can talk in sentences', 30, 'urgent'],
    // A red scald with no blisters: cool water and home care.
    [
      'splashed boiling water from the kettle on my wrist, red patch the size of a 10p, stings. No blisters.',
      30,
      'self-care',
    ],
    // Blood mixed in looser stools for two months at 66: the suspected-cancer pathway, not the same day.
    ['looser stools most days for 2 months, sometimes dark red blood mixed in, feel well', 66, 'routine'],
    // COPD with a saturation near the patient's stated usual: an exacerbation seen the same day (BTS 88–92 %).
    ['COPD, more breathless for 2 days, green phlegm, sats 90 on my monitor (usually 89-91)', 71, 'urgent'],
    // Below 88 %, whatever the usual: an emergency.
    [
      'COPD, more breathless for 2 days, green phlegm, sats 86 on my monitor (usually 89-91)',
      71,
      'emergency',
    ],
    // A tight band round the chest for 40 minutes with sweating and sickness, after weeks of brief pain on hills: the
    // episode now is no stable angina.
    [
      'chest tight like a band, been going on about 40 mins, sweating and feel sick. had short bits of this on hills for weeks',
      60,
      'emergency',
    ],
    // A relative's stroke told in non-native English, the possessive without its "'s".
    [
      'my husband arm right side is weak he cannot lift it, also his speak is strange. start one hour before',
      70,
      'emergency',
    ],
    // A fall on the hand, tender just above the thumb: a scaphoid fracture until an X-ray says not.
    ['fell on my hand skating, wrist swollen and tender just above my thumb, an hour ago', 15, 'urgent'],
    // The same place for weeks with no injury: de Quervain's tendons, by appointment.
    ['pain at the thumb side of my wrist for 6 weeks when lifting the baby, no injury', 32, 'routine'],
    // "Indigestion" begun today with sweats and sickness in an older diabetic woman: a heart attack without chest pain.
    [
      "diabetic for 15 yrs. 'indigestion' since lunch, gaviscon not helped, feels sick and clammy, a bit breathless",
      74,
      'emergency',
    ],
    // An age before the child word opening the note: the daughter's scarlet fever, seen the same day.
    [
      '6 year old daughter sore throat and temp since yesterday, now a rash on her tummy that feels like sandpaper',
      undefined,
      'urgent',
    ],
    // Mania after stopping lithium a month ago: the story is the last days' (the crisis team the same day).
    [
      'has bipolar, stopped his lithium a month ago, hardly sleeping, talking nonstop, says he has a mission from god',
      35,
      'urgent',
    ],
    // A home reading a few words after "BP", with a headache.
    ["checked my BP on the home machine twice tonight, it's 194/118, bit of a headache", 63, 'urgent'],
  ] as const)('%s (age %s) → %s', (text, ageYears, level) => {
    const result = diagnoser.diagnose({ text, ...(ageYears === undefined ? {} : { ageYears }) });
    expect(result.triage.level).toBe(level);
  });
});

describe('call openings (stop 35)', () => {
  const diagnoser = textDiagnoser();
  it('reads "Dad calling re 9mo son, …" as the baby\'s story', () => {
    const result = diagnoser.diagnose({
      text: 'Dad calling re 9mo son, vomited 5 times today, only 1 wet nappy since the morning',
    });
    expect(result.findings.present).toEqual(expect.arrayContaining(['sx.vomiting', 'sx.low-urine-output']));
  });
});
