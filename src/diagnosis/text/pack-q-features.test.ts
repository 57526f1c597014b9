import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack Q (scripts/open-world/features/pack-q.ts) and the reading fixes of stop 38: notes of the spot-checks
// that nothing was read from. The notes below are written for these tests.
describeFeaturePack('pack Q', {
  reads: [
    [
      'Over the winter my shoulder has got stiffer and I cannot reach behind her back.',
      'sx.shoulder-stiffness-or-tightness',
    ],
    ["I've felt sad most days since the summer.", 'sx.depression'],
    ['Erections not as good as they were.', 'sx.impotence'],
    ['Both knees ache going up the stairs.', 'sx.knee-pain'],
    ['She is scratching at night and her skin is dry.', 'sx.itching-of-skin'],
    ['My periods are really heavy, I change pads every hour.', 'sx.heavy-menstrual-flow'],
    ['My periods stopped in March.', 'sx.absence-of-menstruation'],
    ['Both ankles swollen by the evening.', 'sx.peripheral-edema'],
    ['I have four pints most nights.', 'sx.abusing-alcohol'],
    ['My left ball really hurts.', 'sx.pain-in-testicles'],
    ['A bright red patch on the white of my eye this morning.', 'sign.red-patch-white-of-eye'],
    ['He banged his forehead on the table.', 'sign.head-injury'],
    ['Cramp in my calf after walking to the shop.', 'sign.claudication'],
    ['Her thumb gets stuck bent and then clicks straight.', 'sign.finger-locking'],
    ['A lump at her belly button when she cries.', 'sign.umbilical-lump'],
    ['A soft lump on my back that moves under the skin.', 'sign.soft-moveable-lump'],
    ['Her left leg is cold and pale below the knee.', 'sign.cold-pale-limb'],
    ['His nappy had dark red jelly in it.', 'sign.redcurrant-jelly-stool'],
    ['He keeps having screaming fits and pulls his knees up.', 'sign.drawing-legs-up'],
    ["34 weeks, I've hardly felt the baby move today.", 'sign.reduced-fetal-movements'],
    ['She pushed a bead into her ear at school.', 'sign.ear-foreign-body'],
    ['He has been searching how many tablets it would take.', 'sign.suicide-plan'],
    ['Woke up with hearing almost gone in my right ear.', 'sign.sudden-hearing-loss'],
    ['Thick greasy yellow scales on his scalp.', 'sign.cradle-cap'],
    ['In the cold my fingers go white, then numb.', 'sign.raynaud-colour-change'],
    ['Her forehead on the left does not wrinkle.', 'sign.forehead-involved'],
    ['A lump in my groin that comes out when I lift and goes away when I lie down.', 'sign.reducible-lump'],
  ],
  silent: {
    findings:
      /^sign\.(umbilical-lump|finger-locking|soft-moveable-lump|ear-foreign-body|stridor-only-when-upset|raynaud-colour-change|reducible-lump|knee-injury-swelling)$/,
    stories: [
      'Cough and a runny nose for three days, no fever.',
      'Pain in my belly button area since last night, feel sick.',
      'Twisted my ankle playing football yesterday.',
    ],
  },
  topThree: [
    [
      'Our baby has a soft lump at her belly button that pops out bigger when she cries.',
      0.3,
      'female',
      'umbilical-hernia',
    ],
    [
      'My ring finger keeps getting stuck bent in the mornings, then it clicks straight.',
      56,
      'female',
      'trigger-finger-finger-disorder',
    ],
    [
      'Stiff painful shoulder for 4 months, cannot reach behind her back, worse at night.',
      54,
      'female',
      'adhesive-capsulitis-of-the-shoulder',
    ],
    [
      'The neighbour’s dog bit my hand this afternoon, two puncture wounds, dog bite.',
      35,
      'male',
      'animal-bite',
    ],
  ],
});

describe('a raised blood pressure reading is the complaint when the note has no other (stop 38)', () => {
  const diagnoser = textDiagnoser();

  it('a pharmacy reading of 148/94 and feeling well: hypertension first, a GP appointment', () => {
    const result = diagnoser.diagnose({
      text: 'Had my blood pressure checked at the pharmacy, 148/94, they said see my GP. I feel well.',
      ageYears: 55,
      sex: 'male',
    });
    expect(result.findings.present).toContain('sign.hypertension');
    expect(result.differential[0]?.icd10).toMatch(/^I10/);
    expect(result.triage.level).toBe('routine');
  });

  it('beside a complaint, 150/95 is not read as hypertension (pain and stress raise it)', () => {
    const result = diagnoser.diagnose({ text: 'Bad toothache since yesterday, BP 150/95.', ageYears: 40 });
    expect(result.findings.present).not.toContain('sign.hypertension');
  });
});

describe('a possessive before a thing is not another person experiencing (stop 38)', () => {
  it('"his friends peanut butter sandwich" leaves the swelling and wheeze to the patient', () => {
    const result = textDiagnoser().diagnose({
      text: 'he had a bite of his friends peanut butter sandwich at the party, now his lips are swelling and he is wheezy',
      ageYears: 6,
    });
    expect(result.findings.present).toEqual(expect.arrayContaining(['sx.lip-swelling', 'sx.wheezing']));
    expect(result.triage.level).toBe('emergency');
  });
});

describe('triage of the stop 38 stories', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // Stridor only when crying, none at rest, in a child drinking and playing: mild croup, same day (NICE CKS Croup).
    [
      'Barking cough since last night, a high-pitched noise when breathing in but only when he is crying, not when settled. Drinking and playing.',
      2,
      'male',
      'urgent',
    ],
    // Stridor at rest stays an emergency.
    [
      'Barking cough and a high-pitched noise when breathing in, even sitting quietly.',
      2,
      'male',
      'emergency',
    ],
    // Dementia over two years, slow and steady, no sudden change: a memory clinic, not new confusion (NICE NG97).
    [
      'Over 2 years she has become increasingly forgetful and confused, the change has been slow and steady. No sudden change.',
      79,
      'female',
      'routine',
    ],
    // Athlete's foot of a month: a pharmacy treatment however long it has been there (NICE CKS).
    ['Itchy, white, peeling skin between my toes for a month, worse in work boots.', 50, 'male', 'self-care'],
    // Diarrhoea with fluids kept down: the reassurance is no second complaint that raises the level.
    ['mild diarrhoea since yesterday, drinking fine, no blood', 30, 'male', 'self-care'],
    // Stinging and frequency with a lower tummy ache at 16 weeks, no bleeding: a bladder infection, same day (not the
    // emergency rule for pain or bleeding in pregnancy).
    [
      '16 weeks pregnant, stinging when I wee, going all the time, bit of lower tummy ache, not bleeding',
      27,
      'female',
      'urgent',
    ],
    // Fingers white, then blue, then red in the cold, normal between: Raynaud's phenomenon, not cyanosis.
    [
      'Each winter my fingers go white and numb in the cold, then turn blue and finally red as they warm up. Normal between episodes.',
      24,
      'female',
      'routine',
    ],
    // A severe sore throat with a quinsy's signs and fluids going down: same-day ENT, not the severe-pain emergency.
    [
      'Severe sore throat for 5 days, much worse on the left, can only open my mouth a little, muffled voice, temperature 38.6, still drinking.',
      26,
      'female',
      'urgent',
    ],
    // One side of the face drooping with the forehead involved and no limb or speech deficit: Bell's palsy, same day.
    [
      'Woke with the left side of my face drooping, cannot close the eye, my forehead on the left does not wrinkle. No arm or leg weakness, no speech difficulty.',
      35,
      'female',
      'urgent',
    ],
    // A deformed elbow after a fall with white, cold, tingling fingers: the blood supply is at risk, emergency care.
    [
      'fell off the trampoline onto her arm, elbow really swollen and bent wrong, fingers going white and cold and tingly',
      5,
      'female',
      'emergency',
    ],
    // A knee that swelled within an hour of a twisting injury and will not straighten: same-day assessment.
    [
      'hurt his knee at football, twisted it, heard a pop, it swelled up within an hour and he cannot straighten it',
      12,
      'male',
      'urgent',
    ],
    // A hot, red, swollen, painful lump at the top of the bum crack: a pilonidal abscess, drained the same day.
    ['painful lump at the top of my bum crack, hot red swollen, cant sit down, 3 days', 17, 'male', 'urgent'],
    // A bead pushed into a child's ear: removal by a clinician the same day (NICE CKS).
    [
      'My son pushed a bead into his ear at nursery, we can see it but cannot get it out.',
      5,
      'male',
      'urgent',
    ],
    // A plan ("searching how many tablets it would take") after a birth: emergency care now.
    [
      'Had our baby 7 weeks ago, tonight she said we would all be better off without her and she has been searching how many of her tablets it would take.',
      31,
      'female',
      'emergency',
    ],
    // "No spots beyond the nappy area" limits the rash, it does not deny it: the note is read, not refused.
    [
      'Red sore rash on her bottom where the nappy touches for 3 days. Feeding well, no temperature. No spots beyond the nappy area.',
      0.6,
      'female',
      'self-care',
    ],
  ] as const)('%s (age %s, %s) → %s', (text, ageYears, sex, level) => {
    expect(diagnoser.diagnose({ text, ageYears, sex }).triage.level).toBe(level);
  });
});
