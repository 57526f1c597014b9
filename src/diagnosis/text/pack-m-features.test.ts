import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack M (scripts/open-world/features/pack-m.ts) and the intake's weight-bearing wording: the eleventh and
// twelfth clinical spot-checks' wordings read as findings. The notes below are written for these tests.
describeFeaturePack('pack M', {
  reads: [
    ['Been passing black tarry poo since yesterday.', 'sx.melena'],
    ['My heart has been fluttering since last night.', 'sx.palpitations'],
    ['My heart skipped a few beats this morning.', 'sx.palpitations'],
    ['Coughing up streaks of blood for two days.', 'sx.hemoptysis'],
    ['His left knee hot and swollen since yesterday.', 'sx.knee-swelling'],
    ['Diabetic, my big toe has gone black at the end.', 'sign.toe-gangrene'],
    ['A painful lump near my bum hole for three days.', 'sx.mass-or-swelling-around-the-anus'],
    ['There is a soft lump that pops out and goes back in on its own.', 'sign.prolapsing-anal-lump'],
    ['Her eyes are pink and gummed up in the mornings.', 'sx.eye-redness'],
    ['My nose bled for ten minutes after a sneeze.', 'sx.nosebleed'],
    ['A tingly spot on my lip again.', 'sx.lip-sore'],
    ['Burnt my shoulders at the pool yesterday.', 'sign.sunburn'],
    ['Woke up this morning deaf on the left side.', 'sign.sudden-hearing-loss'],
    ['Not eating much fibre lately and going every four days.', 'sign.low-fibre-diet'],
    ['The redness has gone past the pen line the nurse drew.', 'sign.skin-abscess'],
    ['34 weeks pregnant and the baby has barely moved today.', 'sign.reduced-fetal-movements'],
    ['Little purple red spots on his shins.', 'sign.non-blanching-rash'],
    ['He swallowed one of those little round batteries from the remote.', 'sign.swallowed-battery-or-magnet'],
    ["I've got the tablets counted out for tonight.", 'sign.suicide-plan'],
    ["I just don't see any other way out.", 'sign.suicidal-thoughts'],
    ['A blistering rash on the right side of my forehead.', 'sign.facial-shingles'],
    ['She pulled a cup of tea over her hand.', 'sign.burn'],
    ['Only 2 wet nappies since this morning.', 'sx.low-urine-output'],
    ['His nose was pouring with blood at school.', 'sx.nosebleed'],
    ['The white bit of my eye is red on one side, no pain.', 'sign.red-patch-white-of-eye'],
    ['A tight band headache across my forehead after work.', 'sign.band-headache'],
    ['My bowels have been looser and more often for six weeks.', 'sign.change-in-bowel-habit'],
    ['Having trouble getting and keeping an erection.', 'sx.impotence'],
    ['He only poos every 5 days and holds it in.', 'sign.stool-withholding'],
    ["Shoulder stiff for months, can't reach behind my back.", 'sx.shoulder-stiffness-or-tightness'],
    ['My spots are so bad on my face and back.', 'sx.acne-or-pimples'],
    ['Has the telly up really loud and keeps asking us to repeat things.', 'sx.diminished-hearing'],
    ['I leak a bit of wee when I cough.', 'sign.stress-leak'],
    ['Fell on my hand, sore in that little dip at the base of my thumb.', 'sign.possible-fracture'],
    ["Woke up this morning and can't hear anything out of my right ear.", 'sign.sudden-hearing-loss'],
    ['Keeps forgetting things and repeats the same questions.', 'sx.disturbance-of-memory'],
    ["Worrying about everything all the time and can't switch off.", 'sx.anxiety-and-nervousness'],
    ['My back has been sore since lifting boxes at work yesterday.', 'sign.lifting-strain'],
    ['He has been sick twice and the sick is bright green.', 'sign.bilious-vomiting'],
    ['Bitten loads by midges at the weekend.', 'sign.insect-bite'],
    ['She pushed a bead up her nostril an hour ago.', 'sign.object-in-nose'],
    ['He has a known aneurysm that the hospital is watching.', 'sign.known-aaa'],
    ['The wound has gone red and is oozing yellowy stuff.', 'sign.skin-abscess'],
    ["Woke up 2 days ago and couldn't hear out of my right ear.", 'sign.sudden-hearing-loss'],
    ['Over the last 2 days more muddled than normal.', 'sign.mild-confusion'],
    ['Sore throat, she can hardly swallow even water.', 'sign.cannot-swallow-fluids'],
    ['My motions have been black, like tar.', 'sx.melena'],
    ['Bitten by my own dog on the back of the hand.', 'sign.animal-bite'],
    ['Tooth at the back has been killing me, jaw and cheek are swollen.', 'sx.jaw-swelling'],
    ['Period is late, I make test and is positive.', 'lab.positive-pregnancy-test'],
    ['omg my lips n tongue r swelling up', 'sx.lip-swelling'],
    ['Ate a curry at a friends, throats tight now.', 'sx.throat-feels-tight'],
    ['Two days no bowel movement, belly blown up like a balloon.', 'sx.abdominal-distention'],
    ['He is refusing to walk on his right leg, crawls instead.', 'sign.unable-to-bear-weight'],
    ['Sharp pain in my chest that hurts when I press on that spot.', 'sign.chest-wall-tenderness'],
    ['Both eyes gone pink and gunky, crusty in the mornings.', 'sx.white-discharge-from-eye'],
  ],
  silent: {
    findings:
      /^sign\.(toe-gangrene|sudden-hearing-loss|prolapsing-anal-lump|sunburn|non-blanching-rash)$|^sx\.melena$/,
    stories: [
      // A black toenail after a knock is a bruise under the nail; iron tablets blacken stools but were not named.
      'Black toenail since I dropped a tin on it.',
      'Hearing has been getting worse for years.',
      'A purple rash on her eyelids and weak shoulders.',
      'Dark green poo since starting the new formula.',
      'A lump on my back that has been there for years.',
    ],
  },
  topThree: [
    [
      'right knee hot swollen and very painful since yesterday, temp 38.3, no injury',
      63,
      'male',
      'septic-arthritis',
    ],
    [
      'type 2 diabetic, big toe gone black at the tip and a bit smelly, red up to the foot, numb feet',
      70,
      'male',
      'diabetic-foot-infection-or-gangrene',
    ],
    ['nose bled for about 5 minutes after blowing it, stopped when I pinched it', 44, 'female', 'epistaxis'],
    [
      'woke up this morning deaf in my right ear, ringing in that ear, no pain',
      50,
      'male',
      'sudden-sensorineural-hearing-loss',
    ],
    ['stung by a wasp on my arm, red and swollen round it, itchy', 40, 'male', 'insect-bite'],
    // A 4-year-old who withholds big hard stools: functional constipation, not intussusception.
    [
      'only poos every 5 or 6 days, huge hard ones that hurt, he hides and holds it in',
      4,
      'male',
      'chronic-constipation',
    ],
    ['3 days without a poo since going on holiday, a bit bloated, eating fine', 45, 'female', 'constipation'],
    [
      'woke up with blood in the white of my eye, no pain, vision normal',
      50,
      'male',
      'subconjunctival-haemorrhage',
    ],
    [
      'tight band headache across my forehead at the end of work days, paracetamol helps',
      33,
      'female',
      'tension-headache',
    ],
    // Evening crying for hours with the legs drawn up, in a thriving baby: colic, not intussusception.
    [
      'cries for hours every evening, pulls his legs up, feeding well and gaining weight',
      0.1,
      'male',
      'infantile-colic',
    ],
  ],
});

describe('triage of the eleventh and twelfth spot-checks (pack M)', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // Melaena with postural dizziness in an older person on an anti-inflammatory: an upper GI bleed.
    [
      'passing black tarry poo since yesterday, dizzy when I stand, taking ibuprofen, I am 80',
      undefined,
      'emergency',
    ],
    // A black toe in a diabetic: the foot team the same day.
    ['diabetic, my big toe has gone black at the end, no pain as my feet are numb', 70, 'urgent'],
    // A hot swollen knee without injury: septic arthritis until shown otherwise.
    ['left knee hot swollen and very painful since yesterday, can hardly bend it, no injury', 60, 'urgent'],
    // A painful lump by the back passage for days: a perianal abscess, drained the same day.
    ['painful lump near my bum hole getting bigger for 3 days, hurts to sit', 30, 'urgent'],
    // A prolapsing pile is not an abscess.
    [
      'since my baby was born a soft lump pops out and goes back in on its own when I strain, a bit sore, bright red blood on the paper',
      30,
      'routine',
    ],
    // Waking up deaf in one ear: ENT within a day.
    ['woke up this morning deaf in my left ear, no pain, no cold, ringing in it', 45, 'urgent'],
    // A twisted ankle the patient can walk on, with no bone tenderness: a sprain at home (Ottawa rules negative).
    ['twisted my ankle stepping off a kerb, a bit swollen, can walk on it fine', 30, 'self-care'],
    // A child's knock to the head without warning signs: home, with advice.
    [
      'grandson 3 bumped his head on the coffee table, cried straight away, small bump, playing normally now, no vomiting',
      3,
      'self-care',
    ],
    // A plan with means and a time, told without the word suicide: help now.
    [
      "I've written goodbye to my family and I've got the tablets counted out. Going to do it tonight. No other way out.",
      undefined,
      'emergency',
    ],
    // A caller's opening line, then a toddler with vomiting, diarrhoea and few wet nappies: seen the same day.
    [
      'Mum on phone. Son 2 years, vomiting and diarrhoea since last night, only 2 wet nappies today, temp 38.',
      undefined,
      'urgent',
    ],
    // Waking up unable to hear from one ear: ENT within a day.
    ["woke up this morning and can't hear anything out of my left ear, ringing, no pain", 40, 'urgent'],
    // A fall on the hand with tenderness in the snuffbox: a scaphoid fracture until an X-ray says not.
    [
      'fell off my bike onto my hand, wrist swollen and sore in that little dip at the base of my thumb',
      15,
      'urgent',
    ],
    // A newborn's green vomit: malrotation with volvulus until shown otherwise.
    [
      'my baby is 3 weeks old, sick 3 times this evening and the sick is bright green, tummy swollen',
      0.06,
      'emergency',
    ],
    // Tearing back pain with near-collapse in an older smoker with a known aneurysm: a leak.
    [
      '72 year old man, sudden tearing pain in his back and tummy, went very pale and nearly passed out, known aneurysm being watched',
      undefined,
      'emergency',
    ],
    // Days after a caesarean, a red wound oozing pus: a wound infection seen the same day.
    [
      'had a c-section 6 days ago, the wound has gone red at one end and is oozing yellowy stuff, temp 37.9',
      31,
      'urgent',
    ],
    // A quinsy: ENT the same day; with no fluids going down, hospital now.
    [
      'sore throat 5 days, worse on the right, can barely open my mouth, voice muffled, can swallow fluids',
      25,
      'urgent',
    ],
    [
      'sore throat 5 days, worse on the right, voice like a hot potato, can hardly swallow even water',
      25,
      'emergency',
    ],
    // Lips and tongue swelling in text-speak after a satay, with a tight throat: anaphylaxis.
    [
      'omg my lips n tongue r swelling up after a satay at a friends, throats tight and i sound weird, got hives',
      16,
      'emergency',
    ],
    // Bowels and wind stopped, a swollen belly and green vomit: bowel obstruction.
    [
      'pt 70s male, 2 days no bowel movement and not passing wind, belly blown up like a balloon, vomiting green stuff',
      undefined,
      'emergency',
    ],
    // A toddler scalded by a kettle, blistering: the emergency department.
    [
      'my 2 year old pulled the kettle down on himself, big burn on his chest and down his arm, skin is peeling and blistering',
      2,
      'emergency',
    ],
    // A battery perhaps swallowed is managed as one swallowed (an X-ray now), however well the child seems.
    [
      'my 2 year old might have swallowed one of those little round flat batteries out of the scales, he seems fine',
      2,
      'emergency',
    ],
    // Mania days after the birth, told by the partner: postpartum psychosis.
    [
      "My partner had our baby 6 days ago. She hasn't slept for 3 nights, talking really fast, says the TV sends her messages. I'm scared.",
      undefined,
      'emergency',
    ],
    // Black tarry motions and postural light-headedness in an older person on aspirin and ibuprofen: a GI bleed.
    [
      "a bit lightheaded when I get up, nearly went over this morning, my motions have been black like tar, taking ibuprofen and aspirin, I'm 79",
      undefined,
      'emergency',
    ],
    // A toddler who will not walk after a fall: an X-ray the same day (a toddler's fracture).
    [
      '2 year old fell off the sofa yesterday, now refusing to walk on his right leg, crawls instead',
      2,
      'urgent',
    ],
    // A back pulled lifting, with no warning sign: home care (NICE NG59).
    [
      'pulled my back lifting boxes yesterday, sore to bend, no pain down my legs, no numbness',
      35,
      'self-care',
    ],
    // A child's nosebleed that stopped with pinching, after an exclamation: first aid at home.
    [
      "Blood everywhere! my son's nose started pouring after he picked it, we pinched it 10 mins and it stopped.",
      8,
      'self-care',
    ],
  ] as const)('%s → %s', (text, ageYears, level) => {
    const result = diagnoser.diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) });
    expect(result.triage.level).toBe(level);
  });
});

describe('a phrase that names an absence, inside a denied list', () => {
  const diagnoser = textDiagnoser();
  it.each([
    'Loose stools since yesterday, no blood, no temp, a bit crampy.',
    'Cough for three days, no vomiting, afebrile.',
  ])('%s → no fever', (text) => {
    const { findings } = diagnoser.diagnose({ text, ageYears: 30 });
    expect(findings.absent).toContain('sx.fever');
    expect(findings.present).not.toContain('sx.fever');
  });
  it('a denial right before it still denies the absence', () => {
    expect(
      diagnoser.diagnose({ text: 'Cough for three days, she is not afebrile.', ageYears: 30 }).findings
        .present,
    ).toContain('sx.fever');
  });
});

describe("a circumstance's scope ends at a comma", () => {
  const diagnoser = textDiagnoser();
  const present = (text: string) => diagnoser.diagnose({ text, ageYears: 25 }).findings.present;
  it('reads the complaint after the comma', () => {
    expect(present('Sore throat worse on the right, can barely open my mouth.')).toContain(
      'sign.quinsy-features',
    );
  });
});

describe('weight borne after an injury (Ottawa ankle rules)', () => {
  const diagnoser = textDiagnoser();
  const findings = (text: string) => diagnoser.diagnose({ text, ageYears: 30 }).findings;
  it.each([
    'Twisted my ankle, can walk on it fine.',
    'Twisted my ankle, no swelling, can walk on it.',
    'Went over on my ankle. No inability to bear weight.',
    'Hurt my ankle playing football, weight bearing ok.',
  ])('%s → able to bear weight', (text) => {
    expect(findings(text).absent).toContain('sign.unable-to-bear-weight');
    expect(findings(text).present).not.toContain('sign.unable-to-bear-weight');
  });
  it.each([
    'Twisted my ankle, not able to walk on it.',
    'Twisted my ankle, can hardly walk on it.',
    "Fell over, can't walk on it.",
  ])('%s → unable to bear weight', (text) => {
    expect(findings(text).present).toContain('sign.unable-to-bear-weight');
  });
});
