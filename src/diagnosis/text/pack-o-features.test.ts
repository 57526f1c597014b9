import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack O (scripts/open-world/features/pack-o.ts) and the reading fixes of stop 36: the twentieth,
// thirty-second and thirty-third clinical spot-checks' wordings. The notes below are written for these tests.
describeFeaturePack('pack O', {
  reads: [
    ['Since yesterday my left eye has been very painful.', 'sx.pain-in-eye'],
    ['The sight in it has gone blurry.', 'sx.diminished-vision'],
    ['I see rainbow rings around the lights at night.', 'sx.cloudy-eye'],
    ['Since the birth I keep having thoughts of hurting the baby.', 'sign.thoughts-of-harming-baby'],
    ['He is sure the neighbours are putting thoughts into his head.', 'sx.delusions-or-hallucinations'],
    ['My son has chickenpox spots on his tummy.', 'sign.chickenpox-spots'],
    ['Her bottom is red and sore where the nappy goes.', 'sx.diaper-rash'],
    ['Hard small motions and I have not been able to go properly.', 'sx.constipation'],
    ['Itching head all week and nits behind her ears.', 'sign.lice-seen'],
    ['A boil on my thigh, squishy in the middle now.', 'sign.skin-abscess'],
    ['Pain in my tooth at the back for four days.', 'sx.toothache'],
    ['Blue inhaler, done 6 puffs not helping.', 'sign.reliever-not-helping'],
    ["Her asthma is bad and she can't get a full sentence out.", 'sign.speaks-in-words'],
    ['Woke at 5am with pain in one testicle.', 'sx.pain-in-testicles'],
    ['Pain in the 1st MTP joint since the night.', 'sign.podagra'],
    ['My smartwatch says irregular rhythm again.', 'sign.irregular-palpitations'],
    ['Lost about a stone since the summer.', 'sx.recent-weight-loss'],
    ['Bunged up since staying with my daughter.', 'sign.change-of-routine'],
    ['She has numbness in the saddle area since this morning.', 'sign.saddle-anaesthesia'],
    ['Fell skiing, it hurts at the base of my thumb.', 'sign.thumb-side-wrist-pain'],
    ['I spilt the kettle over my forearm.', 'sign.burn'],
    ['My jaw has swollen up on the left.', 'sx.jaw-swelling'],
    ['Every night a burning up into my throat after dinner.', 'sx.heartburn'],
    ['Baby is chewing everything and has one red cheek.', 'sign.teething-signs'],
    ['Had 5 coffees before the exam.', 'sign.caffeine-excess'],
    ['Her poo has gone green since the new formula.', 'sign.green-stool'],
    ['Type 1, takes insulin four times a day.', 'sign.insulin-treated'],
    ['Had a big beetroot salad at lunch.', 'sign.ate-beetroot'],
    ['I forgot my pill on Tuesday.', 'sign.missed-pill'],
    ['An ulcer on the inside of my cheek.', 'sx.mouth-ulcer'],
    ["Since this morning I can't feel when I wipe.", 'sign.saddle-anaesthesia'],
    ["Since this morning I can't get my wee started.", 'sx.hesitancy'],
    ['My left ear is basically deaf since I woke up.', 'sign.sudden-hearing-loss'],
    ['A sore on the bottom of my foot that will not heal.', 'sign.foot-ulcer'],
    ['Slipped and hit the back of his head on the step.', 'sign.head-injury'],
    ['The baby has been moving a lot less since lunch.', 'sign.reduced-fetal-movements'],
    ['Temperature on and off for 6 days.', 'sx.fever'],
    ['Her legs look blotchy and mottled.', 'sign.mottled-skin'],
    ['His hands and feet are cold.', 'sign.cold-peripheries'],
    ['Only a small cut, not deep.', 'sign.minor-cut'],
    ['My son keeps needing a wee since Monday.', 'sx.frequent-urination'],
    ['Pt 81M, unable to PU since midnight.', 'sx.retention-of-urine'],
    ['Red patch on her shin, spreading beyond the pen mark.', 'sign.spreading-redness'],
    ['He has been bringing up his milk bright green since lunch.', 'sign.bilious-vomiting'],
    ['Everyone would be better off if I wasnt here.', 'sign.suicidal-thoughts'],
    ['Blistering rash on one side of my forehead since Sunday.', 'sign.facial-shingles'],
    ['The wound edge has gone red and is oozing.', 'sign.skin-abscess'],
    ['My period is about 3 weeks late.', 'sign.missed-period'],
  ],
  silent: {
    findings: /^sign\.(thoughts-of-harming-baby|chickenpox-spots|change-of-routine)$/,
    stories: [
      'A cough and runny nose for three days.',
      'Had chickenpox as a child, now a painful band of blisters on one side of my back.',
      'Baby is feeding well and sleeping, I am just tired.',
    ],
  },
  topThree: [
    [
      'not been able to go properly for 4 days since staying with my son, hard small motions',
      60,
      'female',
      'constipation',
    ],
    ['my 4 year old has chickenpox spots all over, itchy, otherwise well', 4, 'male', 'chickenpox'],
  ],
});

describe('triage of the twentieth, thirty-second and thirty-third spot-checks (pack O)', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // A painful red eye with haloes round lights: acute angle-closure glaucoma, an eye emergency.
    [
      'right eye very painful and red since this evening, rainbow rings around the lights, feel sick',
      66,
      'emergency',
    ],
    // A painful eye with blurred sight and vomiting, no haloes written: still angle closure until shown otherwise.
    [
      'eye has been very painful since tea time, the sight has gone blurry and I have vomited twice',
      72,
      'emergency',
    ],
    // A red eye, sore in the light, sight a little blurred: the same-day eye service, not A&E.
    ['red sore eye, the light hurts it, vision a bit blurred, no vomiting', 35, 'urgent'],
    // Peak flow at or below half of the best: acute severe asthma.
    ['asthma attack, peak flow 170 (best 440), reliever helps a bit', 30, 'emergency'],
    // Peak flow between half and three quarters of the best: a moderate attack, the same day.
    ['wheezy since a cold 2 days ago, peak flow 300, best is 460, talking fine', 34, 'urgent'],
    // New mother's thoughts of harming her baby: the perinatal team the same day.
    [
      'had my baby 4 weeks ago, keep having thoughts of hurting the baby, I would never do it, crying a lot',
      29,
      'urgent',
    ],
    // A new mother's sleepless, fast-talking state with strange beliefs: postpartum psychosis, now.
    [
      "I'm worried about my wife. Our baby is 12 days old. She has hardly slept for 3 nights, talks nonstop and says the baby has been swapped.",
      undefined,
      'emergency',
    ],
    // Chickenpox caught by a pregnant woman: advice the same day (RCOG GTG 13).
    ['20 weeks pregnant, came out in chickenpox spots this morning, feel ok', 31, 'urgent'],
    // A young man's chest wall strained carrying boxes, sore when pressed, nothing else: home care.
    [
      'the right side of my chest hurts when I press on it, since carrying heavy boxes on Saturday, breathing fine',
      25,
      'self-care',
    ],
    // Gout: a red-hot big toe joint, the bedsheet unbearable, no fever: the same day, not A&E.
    [
      'woke with agony in the 1st MTP joint, red hot and swollen, cannot tolerate the bedsheet, temp 36.8',
      52,
      'urgent',
    ],
    // Food poisoning shared with a friend, drinking and passing urine: home care.
    [
      'vomited twice and loose watery poo since last night, my friend who ate the same chicken has it too, drinking ok',
      28,
      'self-care',
    ],
    // Heavy periods for a year with clots, tired: by appointment, however many pads an hour on the worst day.
    ['periods heavy for a year, soaking a pad in an hour on the worst day, clots, tired', 41, 'routine'],
    // Sweaty, muddled and drowsy on insulin: severe hypoglycaemia, 999.
    ['she takes insulin, now sweaty, confused and keeps nodding off, skipped breakfast', 67, 'emergency'],
    // Bleeding like a light period at 7 weeks, no pain: the early pregnancy unit the same day.
    ['7 weeks pregnant, bleeding like a light period since lunch, no pain, not dizzy', 27, 'urgent'],
    // A blistered scald the size of a palm: the same day (minor injuries).
    ['spilt the kettle on my thigh, blisters came up, about the size of my palm', 33, 'urgent'],
    // Heartburn "burning up" the throat in pregnancy is no fever.
    ['30 weeks pregnant, heartburn at night burning up into my throat, baby moving well', 31, 'routine'],
    // Green stools in a thriving baby: home care.
    [
      'my 4 month old has green poos for 3 days, feeding well, plenty of wet nappies, no temperature',
      undefined,
      'self-care',
    ],
    // A missed pill: pharmacy advice.
    ['I forgot my pill yesterday and took two today, is that ok', 22, 'self-care'],
    // Red urine the day after beetroot, no pain: harmless.
    ['wee is pink this morning, had beetroot juice last night, no pain, feel well', 35, 'self-care'],
    // Pain through to the back with collapse from 50: a leaking aortic aneurysm until shown otherwise.
    ['sudden awful pain in his belly going through to his back, went grey and collapsed', 71, 'emergency'],
    // A tooth coming through at 7 months: home care.
    [
      'baby 7 months, dribbling, chewing everything, one red cheek, temp 37.3, feeding ok',
      undefined,
      'self-care',
    ],
    // "Maybe" dates the meal; it does not hedge the swelling: anaphylaxis.
    ['ate prawns maybe 20 min ago, lips and tongue swelling up, throat feels tight, wheezy', 24, 'emergency'],
    // Redness "spreading up the leg" is cellulitis, not weakness climbing the legs.
    ['cut on my shin 3 days ago, red hot swollen area spreading up the leg, temp 37.8', 45, 'urgent'],
    // A sore on the bottom of the big toe, red and smelly, in diabetes: the diabetic foot service the same day.
    ['type 2 diabetic, sore on bottom of big toe for a week, red around it, smelly discharge', 66, 'urgent'],
    // A head injury on a blood thinner, now sleepy and sick: CT now (NICE NG232).
    [
      'hit the back of her head on the floor, takes apixaban, now very sleepy and been sick twice',
      80,
      'emergency',
    ],
    // A 9-year-old drinking pints, wetting the bed again, losing weight: new type 1 diabetes, the same day.
    [
      'Son is 9. Always thirsty for weeks, up at night to wee and wetting the bed again, lost weight.',
      undefined,
      'urgent',
    ],
    // Fewer movements at 34 weeks: the maternity unit the same day; with a rock-hard tummy, an abruption: now.
    ['34 weeks pregnant, baby has been moving a lot less today, no pain', 29, 'urgent'],
    ['34 weeks pregnant, tummy is rock hard and painful, baby moving a lot less today', 29, 'emergency'],
    // A feverish toddler, mottled and floppy: sepsis until shown otherwise.
    ['toddler 20 month, temp 39.6, skin mottled, hands and feet cold, floppy', undefined, 'emergency'],
    // A small shallow cut that has stopped bleeding: first aid at home.
    ['cut my thumb on a tin, not deep, bleeding stopped after pressing, tetanus up to date', 30, 'self-care'],
    // Words that came out wrong and a weak hand for 20 minutes, now gone: a TIA.
    [
      'my mother 74, this morning she can not speak right words and her left hand was weak, now normal again',
      undefined,
      'emergency',
    ],
    // Sugars "have been over 20" for days in diabetes: the same day.
    ['type 2 diabetic, sugars have been over 22 for 2 days, very thirsty', 57, 'urgent'],
    // Heel pain on the first steps for 3 months: by appointment, not home care for a short illness.
    ['pain in my heel first thing in the morning for 3 months, worst on the first steps', 48, 'routine'],
    // Severe pre-eclampsia in a midwife's shorthand (34/40): the maternity unit now.
    [
      'Midwife note: 35/40 primip, headache for 2 days, flashing lights, face swollen, epigastric pain, BP 164/112',
      undefined,
      'emergency',
    ],
    // Green phlegm is no bilious vomiting: a chest infection, the same day.
    ['cough for 4 days bringing up green phlegm, temp 38.3, a bit breathless on stairs', 50, 'urgent'],
    // Torsion in a teenager's words: emergency.
    [
      'my balls are killing me since an hour ago, left one looks higher than the other one, threw up',
      15,
      'emergency',
    ],
    // Panic attacks that last minutes, for months: by appointment, not acute breathlessness.
    [
      "attacks where I can't breathe and my heart pounds, they last 10 minutes, a few times a month for 4 months",
      29,
      'routine',
    ],
    // "A long labour" is no laboured breathing: a fever after a caesarean with a smelly loss is endometritis, the same
    // day, not a clot in the lung.
    [
      'caesarean 5 days ago after a long labour, now temp 38.1, lower tummy aching, the bleeding smells',
      30,
      'urgent',
    ],
    // Shoulder-tip pain and fainting with a late period: a ruptured ectopic until shown otherwise.
    [
      'period about 2 weeks late, sharp pain low on the right, shoulder tip pain, felt faint',
      26,
      'emergency',
    ],
    // Panic attacks that last minutes, several a week: by appointment.
    ["panic attacks 3 times a week, feel like I can't breathe, lasts 10 mins then goes", 24, 'routine'],
    // Eczema worse over a month, cream twice a day: by appointment, not a new worsening illness.
    ['eczema getting worse over the last month, using the cream twice a day, not weeping', 6, 'routine'],
  ] as const)('%s (age %s) → %s', (text, ageYears, level) => {
    const result = diagnoser.diagnose({ text, ...(ageYears === undefined ? {} : { ageYears }) });
    expect(result.triage.level).toBe(level);
  });
});

describe('whose age it is (stop 36)', () => {
  const diagnoser = textDiagnoser();
  it("does not take a baby's age for the mother the note is about", () => {
    const reading = diagnoser.read({
      text: "I'm worried sick about my wife. Our baby is 9 days old and she has not slept for three nights.",
    });
    expect(reading.patient.ageYears).toBeUndefined();
  });
  it("does not take a breastfed baby's age for the mother's", () => {
    const reading = diagnoser.read({
      text: 'breastfeeding my 5 wk old, hot red patch on my right breast, temp 38.3',
    });
    expect(reading.patient.ageYears).toBeUndefined();
  });
  it('still reads the baby as the patient when the note is about the baby', () => {
    const reading = diagnoser.read({ text: 'my baby is 5 weeks old and has a temp of 38.3' });
    expect(reading.patient.ageYears).toBeCloseTo(5 / 52.18, 2);
  });
});
