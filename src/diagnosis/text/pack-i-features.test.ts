import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack I (scripts/open-world/features/pack-i.ts): lay and shorthand wording from the third clinical
// spot-check, read as the findings the triage rules and conditions already use.
describeFeaturePack('pack I', {
  reads: [
    ['Heavy feeling like an elephant sat on my chest.', 'sx.chest-tightness'],
    ['A heaviness in my chest since this morning.', 'sx.chest-tightness'],
    ['Chest pain with the pain going up into my neck.', 'sign.pain-radiating-arm-jaw'],
    ["I feel like I'm gonna be sick.", 'sx.nausea'],
    ["Suddenly can't get my breath.", 'sx.shortness-of-breath'],
    ['Heart pounding since lunchtime.', 'sx.palpitations'],
    ['It hurts in my chest when I breathe in.', 'sx.sharp-chest-pain'],
    ['Her heart has been racing and going irregular.', 'sign.irregular-palpitations'],
    ['Her mouth has gone all lopsided.', 'sign.facial-droop'],
    ['She is talking rubbish all of a sudden.', 'sx.difficulty-speaking'],
    ['Been throwing up blood this morning.', 'sx.vomiting-blood'],
    ['Throwing up coffee grounds.', 'sx.vomiting-blood'],
    ['She has cut her wrists.', 'sign.suicidal-thoughts'],
    ["She says she doesn't want to be here anymore.", 'sign.suicidal-thoughts'],
    ['Distended abdo and vomiting.', 'sx.stomach-bloating'],
    ['Her tummy swollen since yesterday.', 'sx.stomach-bloating'],
    ['Vomiting faeculent since the night.', 'sign.faeculent-vomiting'],
    ['BNO 4/7.', 'sx.constipation'],
    ['Hard to keep awake this evening.', 'sign.altered-consciousness'],
    ['Agony in my left side going down to the groin.', 'sign.loin-to-groin'],
    ["Can't weight bear on the right leg.", 'sign.unable-to-bear-weight'],
    ['Hot swollen R knee.', 'sx.knee-swelling'],
    ['There is a white spot on my eye.', 'sign.corneal-white-spot'],
    ['I wear contacts.', 'sign.contact-lens-history'],
    ['Contact lens wearer.', 'sign.contact-lens-history'],
    ['Smelly vaginal discharge for a week.', 'sx.vaginal-discharge'],
    ['It hurts during sex.', 'sx.pain-during-intercourse'],
    ['My eczema is bad again.', 'sign.eczema-flare'],
    ['Eczema flaring on my hands.', 'sign.eczema-flare'],
    ['Neck stiff and a headache.', 'sign.neck-stiffness'],
    ["Can't look at lights.", 'sign.photophobia'],
    ['Light hurts my eyes.', 'sign.photophobia'],
    ['Her sugars have been high all week.', 'lab.raised-glucose'],
    ['Thirsty and peeing loads.', 'sx.polyuria'],
    ['Her lips are puffy.', 'sx.lip-swelling'],
    ["Can't walk in a straight line.", 'sx.problems-with-movement'],
    ['Stubbed my toe on the bed.', 'sign.trauma'],
    ['Athletes foot between my toes.', 'sign.athletes-foot'],
    ['Asthma getting worse, using her blue inhaler every 4 hours.', 'sign.asthma-attack'],
  ],
  silent: {
    findings:
      /^sign\.(contact-lens-history|corneal-white-spot|faeculent-vomiting|abdominal-surgery-history|irregular-palpitations|eczema-flare|athletes-foot)$/,
    stories: [
      'He has had eczema since childhood and uses emollients.',
      'Vomiting and diarrhoea since last night after a takeaway.',
      'His periods of chest pain have become irregular.',
      'He was in contact with a child who had chickenpox.',
      'A white spot on his tongue for a week.',
      'Heart racing when he runs for the bus, settles in a minute.',
      'Itchy feet after swimming.',
    ],
  },
  topThree: [
    [
      'My eye is really red and painful and there is a white spot on my eye, I wear contacts.',
      27,
      'female',
      'cornea-infection',
    ],
    [
      '76F BNO 4/7, distended abdo, vomiting faeculent, previous laparotomy.',
      76,
      'female',
      'intestinal-obstruction',
    ],
    ['Heart been racing and going irregular since yesterday.', 70, 'male', 'atrial-fibrillation'],
    ['Eczema flaring on my hands for weeks, itchy and dry.', 30, 'female', 'eczema'],
    ['Athletes foot between my toes, itchy and peeling.', 30, 'male', 'athlete-s-foot'],
    ['Struggling to keep an erection for the last few months.', 56, 'male', 'erectile-dysfunction'],
    ['My 7 year old still wets the bed most nights.', 7, 'male', 'nocturnal-enuresis'],
  ],
});

describe('pack I: triage of the spot-check wordings', () => {
  const diagnoser = textDiagnoser();
  it.each([
    [
      'heavy feeling like an elephant sat on my chest and pain going up into my neck, feel like im gonna be sick',
      57,
      'emergency',
    ],
    [
      '3 weeks after my c-section, suddenly cant get my breath and it hurts in my chest when i breath in',
      32,
      'emergency',
    ],
    ['nans mouth has gone all lopsided and shes talking gibberish', 80, 'emergency'],
    ['been throwing up blood, bright red, about a cupful', 52, 'emergency'],
    ['she has cut her wrists and doesnt want to be here anymore', 15, 'urgent'],
    ['tummy swollen, not passed wind for 4 days, being sick', 70, 'emergency'],
    ['distended abdo, not passing wind, vomiting', 76, 'emergency'],
    ['a 3 month old with a temperature of 38.5 and not interested in her bottle', 0.25, 'urgent'],
    ['baby is 5 weeks old, hardly any wet nappies', 0.1, 'urgent'],
    ['on and off agony in my left side going down to the groin', 41, 'urgent'],
    ['fell over, cant weight bear on my ankle', 30, 'urgent'],
    ['fever, neck stiff and cant look at lights', 19, 'emergency'],
    ['pain in my left ball for a few days', 30, 'urgent'],
  ] as const)('%s → %s', (text, ageYears, level) => {
    expect(diagnoser.diagnose({ text, ageYears }).triage.level).toBe(level);
  });

  it('reads infant and male wording as the findings the rules use', () => {
    const present = (text: string, ageYears: number, sex: 'female' | 'male') =>
      diagnoser.diagnose({ text, ageYears, sex }).findings.present;
    expect(present('Not interested in her bottle today.', 0.3, 'female')).toContain(
      'sx.infant-feeding-problem',
    );
    expect(present('Hardly any wet nappies since the morning.', 0.3, 'female')).toContain(
      'sx.low-urine-output',
    );
    expect(present('Pain in my left ball since this morning.', 20, 'male')).toContain('sx.pain-in-testicles');
    expect(present('Struggling to keep an erection.', 50, 'male')).toContain('sx.impotence');
    expect(present('My son still wets the bed.', 7, 'male')).toContain('sx.bedwetting');
    // The ball of the foot is the forefoot, not a testicle.
    expect(present('Pain in the ball of my foot when I walk.', 50, 'male')).not.toContain(
      'sx.pain-in-testicles',
    );
  });
});
