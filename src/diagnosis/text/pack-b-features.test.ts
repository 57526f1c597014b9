import { describeFeaturePack } from '../../../test/feature-pack-cases.js';

// Feature pack B (scripts/open-world/features/pack-b.ts).
describeFeaturePack('pack B', {
  reads: [
    [
      'For months crampy tummy pain and bloating that gets better after I open my bowels.',
      'sign.pain-eased-by-bowel-movement',
    ],
    ['Every time I have milk or ice cream I get bloating and diarrhoea.', 'sign.dairy-trigger'],
    [
      'Straight lines look wavy and there is a dark patch in the middle of my vision.',
      'sign.distorted-central-vision',
    ],
    ['When I laugh my knees buckle and I sleep in the day.', 'sign.cataplexy'],
    ['Pain on the outside of my elbow when I grip things or lift a kettle.', 'sign.forearm-grip-pain'],
    [
      'High fever and terrible pain behind my eyes since coming back from Thailand.',
      'sign.retro-orbital-pain',
    ],
    ['I feel electric shocks down my back when I bend my neck.', 'sign.lhermitte'],
    ['It burns when I pee and I keep needing to pee.', 'sx.painful-urination'],
  ],
  silent: {
    findings:
      /^sign\.(pain-eased|dairy|distorted-central|cataplexy|forearm-grip|retro-orbital|lhermitte|unrefreshing|exquisite|cirrhosis|oesophageal|erythema-migrans|painful-eye|sleep-onset)/,
    stories: [
      'My baby vomits after milk feeds and is hungry straight after.',
      'I burnt my hand on the barbecue and it is blistering.',
      'I laughed so hard my side hurt, now a cough and fever for two days.',
      'My knee gave way playing football and swelled up straight away.',
      'Chest pain spreading to my left arm with sweating for 20 minutes.',
    ],
  },
  topThree: [
    [
      'Every time I have milk or ice cream I get bloating, lots of wind and diarrhoea.',
      25,
      'female',
      'lactose-intolerance',
    ],
    [
      'Straight lines look wavy and there is a blurry dark patch in the middle of my vision.',
      78,
      'female',
      'macular-degeneration',
    ],
    [
      'I fall asleep during the day even after a full night, and when I laugh my knees buckle.',
      20,
      'male',
      'narcolepsy',
    ],
  ],
});
