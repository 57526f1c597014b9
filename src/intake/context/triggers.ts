/**
 * HealthGPT's own ConText trigger lexicon (after the method of Harkema et al. 2009, "ConText: an algorithm for
 * determining negation, experiencer, and temporal status from clinical reports", J Biomed Inform 42:839–851, and
 * Chapman et al. 2001, NegEx). Written for this project from clinical usage; the published NegEx/ConText lists in
 * the shared data folder were read to understand the method and are used only to measure, never copied.
 *
 * Each entry is a phrase (matched on normalised tokens, see `tokens.ts`), what it asserts, and which way its scope
 * runs from the trigger: `forward` (pre-trigger: "denies ▸ chest pain"), `backward` (post-trigger: "chest pain ◂
 * was ruled out") or `both`.
 */

/** What a trigger asserts about the conditions in its scope. */
export type TriggerCategory =
  | 'negated'
  | 'possible'
  | 'historical'
  | 'hypothetical'
  | 'other-experiencer'
  /** Looks like a trigger but is not one ("no change", "gram negative"): blocks the shorter trigger inside it. */
  | 'pseudo'
  /** Ends the scope of triggers of the categories in `ends` ("but", "however", "presents with"). */
  | 'terminate';

export type TriggerDirection = 'forward' | 'backward' | 'both';

export interface TriggerRule {
  readonly phrase: string;
  readonly category: TriggerCategory;
  readonly direction: TriggerDirection;
  /** For `terminate`: the categories whose scope it ends. */
  readonly ends?: readonly TriggerCategory[];
  /** For `other-experiencer`: a family-history trigger, which also makes the condition historical. */
  readonly impliesHistorical?: boolean;
  /** For `other-experiencer`: names a blood relative or the family (family history), not a spouse or friend. */
  readonly familyHistory?: boolean;
  /** Largest distance, in word tokens, between the trigger and the condition it reaches. */
  readonly maxDistance?: number;
  /** The scope is the phrase the trigger modifies: it ends at the first punctuation mark or clause boundary. */
  readonly phraseScope?: boolean;
  /** For `phraseScope`: extra words that end the phrase (e.g. "for" after "status post"). */
  readonly phraseEnds?: readonly string[];
  /**
   * The scope ends at a comma unless the sentence goes on as a list ("or"/"nor" after the comma): "not herself at
   * all, very drowsy" affirms the drowsiness; "not eating, drinking or passing urine" denies all three.
   */
  readonly commaEndsUnlessList?: boolean;
}

const ALL_SCOPED: readonly TriggerCategory[] = [
  'negated',
  'possible',
  'historical',
  'hypothetical',
  'other-experiencer',
];

function rules(
  category: TriggerCategory,
  direction: TriggerDirection,
  phrases: readonly string[],
  extra: Partial<TriggerRule> = {},
): TriggerRule[] {
  return phrases.map((phrase) => ({ phrase, category, direction, ...extra }));
}

/** Words and phrases that deny a condition, written before it. */
const NEGATION_BEFORE = [
  'no',
  'nor',
  'neither',
  'never',
  'without',
  'denies',
  'denied',
  'deny',
  'denying',
  'negative for',
  'neg for',
  'free of',
  'absence of',
  'absent',
  'no evidence of',
  'no evidence for',
  'no sign of',
  'no signs of',
  'no symptoms of',
  'no signs or symptoms of',
  'no complaints of',
  'no complaint of',
  'no history of',
  'no hx of',
  'no h/o',
  'no further',
  'no longer',
  // "No chance I'm pregnant", "no way it's broken" (with the speaker's "I'm", which otherwise ends every scope).
  ...['no chance', 'no way'].flatMap((cue) =>
    ['', " i'm", ' im', " she's", ' she is', " he's", ' he is', ' that', ' of'].map(
      (subject) => `${cue}${subject}`,
    ),
  ),
  'not consistent with',
  'inconsistent with',
  've for',
  'neg for',
  'no new',
  'no known',
  'no definite',
  'no acute',
  'no obvious',
  'no significant',
  'no apparent',
  'no focal',
  'not have',
  'did not have',
  'does not have',
  'has not had',
  'have not had',
  'did not experience',
  'has no',
  'had no',
  'with no',
  'without any',
  'without evidence of',
  'ruled out for',
  'fails to reveal',
  'failed to reveal',
  'did not reveal',
  'does not reveal',
  'not demonstrate',
  'did not demonstrate',
  'did not show',
  'does not show',
  'no findings of',
  'resolution of',
  'resolved',
  'unremarkable for',
  'clear of',
  'free from',
  'never had',
  'not complain of',
  'not complaining of',
  'negative',
  'neg',
  'nil',
  'denial of',
  'no residual',
];

/** Spoken and typed contractions of denial ("I haven't had any fever"). */
const NEGATION_CONTRACTIONS = [
  "haven't",
  "haven't had",
  "hasn't",
  "hasn't had",
  "hadn't",
  "didn't",
  "didn't have",
  "doesn't",
  "doesn't have",
  "don't",
  "don't have",
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  'hasnt',
  'havent',
  'didnt',
  'doesnt',
  'dont',
  'have not',
  'has not',
  'did not',
  'does not',
  'do not',
  'is not',
  'was not',
];

/** Words and phrases that deny a condition, written after it ("… was ruled out", "… absent"). */
const NEGATION_AFTER = [
  'was ruled out',
  'were ruled out',
  'is ruled out',
  'are ruled out',
  'has been ruled out',
  'have been ruled out',
  'ruled out',
  'r/o',
  'was negative',
  'were negative',
  'is negative',
  'are negative',
  'negative',
  'absent',
  'is absent',
  'was absent',
  'not seen',
  'not present',
  'not identified',
  'not appreciated',
  'not noted',
  'not detected',
  'not found',
  'not visualized',
  'not demonstrated',
  'not evident',
  'not elicited',
  'not observed',
  'resolved',
  'has resolved',
  'have resolved',
  'free',
  'denied',
  'none',
  'no longer present',
  'unlikely',
];

/** Hedges: the condition is considered, not established. */
const POSSIBLE_BEFORE = [
  'possible',
  'possibly',
  'probable',
  'probably',
  'may',
  'may be',
  'might',
  'could',
  'could be',
  'suspect',
  'suspected',
  'suspicious for',
  'suspicion of',
  'suspicion for',
  'concern for',
  'concerning for',
  'question of',
  'questionable',
  'rule out',
  'r/o',
  'to rule out',
  'rule out for',
  'cannot exclude',
  'can not exclude',
  'cannot rule out',
  'cannot be excluded',
  'not excluded',
  'differential',
  'differential diagnosis',
  'ddx',
  'versus',
  'vs',
  'evaluate for',
  'evaluation for',
  'to evaluate for',
  'assess for',
  'worrisome for',
  'presumed',
  'likely',
  'may represent',
  'might represent',
  'cannot be ruled out',
  'equivocal',
  'borderline',
  'doubtful',
  'uncertain',
  'perhaps',
  'maybe',
  '?',
  'query',
  'apparent',
  // A patient's fear names a possibility, not a finding ("seriously worried its a brain tumour", "is this a stroke??").
  ...['worried', 'scared', 'afraid', 'terrified', 'convinced'].flatMap((fear) => [
    `${fear} its`,
    `${fear} it's`,
    `${fear} it is`,
    `${fear} it might be`,
    `${fear} it could be`,
    `${fear} i have`,
    `${fear} i've got`,
  ]),
  'is this a',
  'is it a',
  'could this be',
  'could it be',
  'think im having',
  "think i'm having",
  'think i am having',
];

const POSSIBLE_AFTER = [
  'is possible',
  'was possible',
  'not excluded',
  'cannot be excluded',
  'cannot be ruled out',
  'can not be ruled out',
  'is suspected',
  'was suspected',
  'is likely',
  'was likely',
  'is questionable',
  'was questioned',
  'suspected',
  'possible',
  'probable',
  '?',
];

/** Phrases that place a condition in the past (before this episode of care). */
const HISTORICAL_BEFORE = [
  'history of',
  'hx of',
  'h/o',
  'hx',
  'past history',
  'past history of',
  'past medical history',
  'past medical history of',
  'medical history',
  'medical history of',
  'pmh',
  'pmhx',
  'past surgical history',
  'surgical history',
  'psh',
  'social history',
  'personal history of',
  'prior history of',
  'known',
  'know',
  'remote history of',
  'was diagnosed with',
  'diagnosed with',
  'previous diagnosis of',
  'prior diagnosis of',
  'allergies',
  'allergic to',
  'allergy to',
  'since childhood',
  'childhood',
];

/**
 * Pre-modifiers that make the noun phrase they modify past ("previous MI", "ex-smoker", "old stroke"): their scope
 * is that phrase only — a few words, ending at the first comma or clause boundary — not the rest of the sentence
 * ("ex-smoker, haemoptysis x2 weeks": the haemoptysis is current). "Chronic" is not a historical trigger at all: a
 * chronic condition is ongoing, not past.
 */
const HISTORICAL_MODIFIERS = [
  'previous',
  'previously',
  'prior',
  'old',
  'formerly',
  'former',
  'remote',
  'quit',
  'ex',
  'longstanding',
  'long standing',
  'long-standing',
];

/**
 * "Status post" names a past procedure or event; its scope is that phrase, up to the first comma, and not the
 * indication after "for" ("s/p coiling for an aneurysm": the aneurysm may well be the current problem).
 */
const AFTER_PROCEDURE = ['status post', 's/p'];

/** An earlier pregnancy or episode named by its place in the past ("raised sugar in her last pregnancy"). */
const EARLIER_OCCASION = [
  'in her last',
  'during her last',
  'in my last',
  'during my last',
  'in her previous',
  'during her previous',
  'in a previous',
  'during a previous',
  'in an earlier',
];

const HISTORICAL_AFTER = [
  'in the past',
  'years ago',
  'year ago',
  'in childhood',
  'as a child',
  'history',
  'the last time',
  'last time',
];

/** Phrases that make a condition a possibility in the future, not a finding. */
const HYPOTHETICAL_BEFORE = [
  'if',
  'should',
  'should he',
  'should she',
  'return if',
  'call if',
  'come back if',
  'in case of',
  'in case',
  'as needed',
  'prn',
  'would',
  'will',
  'watch for',
  'monitor for',
  'to prevent',
  'prevention of',
  'prophylaxis',
  'prophylaxis for',
  'risk of',
  'at risk for',
  'advised to',
  'instructed to',
  'plan to',
  'planned',
  'scheduled for',
  'warning signs',
  'in the event of',
  'expected',
  'for possible',
];

/** Someone other than the patient: family history and relatives. */
const FAMILY_HISTORY = ['family history', 'family history of', 'family hx', 'fh', 'fhx', 'fh is', 'fh of'];

/** Relatives (their conditions are family history: historical as well as other). */
const OTHER_EXPERIENCER_BEFORE = [
  // A relative's own past ("her mother used to have asthma"): longer than the informant's "mother used", so it wins.
  ...['mother', 'mum', 'mom', 'father', 'dad', 'wife', 'husband', 'partner', 'daughter', 'son'].map(
    (who) => `${who} used to`,
  ),
  'family member',
  'family members',
  'in the family',
  'relative',
  'relatives',
  'mother',
  'father',
  'mom',
  'dad',
  'brother',
  'sister',
  'sibling',
  'siblings',
  'son',
  'daughter',
  'parent',
  'parents',
  'grandmother',
  'grandfather',
  'grandparent',
  'aunt',
  'uncle',
  'cousin',
  'nephew',
  'niece',
  'maternal',
  'paternal',
  'twin',
  'grandson',
  'granddaughter',
  'children',
  'kids',
  'child',
];

/** People around the patient who are not blood relatives (a spouse's cold is recent). */
const OTHER_PEOPLE_BEFORE = [
  'wife',
  'husband',
  'partner',
  'spouse',
  'friend',
  'colleague',
  'roommate',
  'flatmate',
];

/**
 * A relative who reports, not experiences ("mother reports fever", "brought by his mum"): the informant, a
 * pseudo-trigger for experiencer.
 */
const INFORMANTS = [
  'mother',
  'mum',
  'mom',
  'father',
  'dad',
  'wife',
  'husband',
  'partner',
  'parents',
  'daughter',
  'son',
  'family',
]
  .flatMap((who) =>
    [
      'reports',
      'reported',
      'says',
      'said',
      'states',
      'stated',
      'notes',
      'noted',
      'describes',
      'thinks',
      'feels',
      // What an observer saw is the patient's finding: "wife noticed his face drooping", "daughter found him on the
      // floor" (a stroke is most often told this way).
      'noticed',
      'notices',
      'has noticed',
      'found',
      'finds',
      'saw',
      'observed',
      'witnessed',
      'heard',
      'pointed out',
      'spotted',
      // Looking for it: "her mother used a nit comb and found …", "mum checked and saw …".
      'used',
      'checked',
      'looked',
      'combed',
    ].map((verb) => `${who} ${verb}`),
  )
  .concat([
    'brought by his mum',
    'brought by her mum',
    'brought by his mother',
    'brought by her mother',
    'brought by his mom',
    'brought by her mom',
    'brought by his parents',
    'brought by her parents',
    'brought in by his wife',
    'brought in by her husband',
    'according to his wife',
    'according to her husband',
    'according to the family',
    'per family',
    'per wife',
    'per husband',
  ]);

/**
 * Definite references to the patient in a child's note ("this child has been refusing feeds"): "child" is an
 * experiencer trigger ("her child has a cold"), "this child" is the patient. ("The child …" is handled in
 * `findTriggers`: a phrase never starts with an article.)
 */
const PATIENT_REFERENCES = [
  'this child',
  'this infant',
  'this baby',
  'this toddler',
  'child of',
  'boy of',
  'girl of',
  // The patient together with someone else ("he and his wife both have headaches"): the patient's too.
  'he and his wife',
  'he and his partner',
  'she and her husband',
  'she and her partner',
  'my wife and i',
  'my husband and i',
  'my partner and i',
  'me and my wife',
  'me and my husband',
  'me and my partner',
];

const OTHER_EXPERIENCER_AFTER = [
  'in the family',
  'in his family',
  'in her family',
  'in family',
  'runs in the family',
];

/** Pets and things named after their owner ("his brothers lego", "a bite of his friends peanut butter sandwich"). */
const OWNED_THINGS = [
  'dog',
  'cat',
  'horse',
  'hamster',
  'rabbit',
  'lego',
  'toys',
  'toy',
  'tablets',
  'pills',
  'medicine',
  'room',
  'bike',
  'trampoline',
  'sandwich',
  'peanut',
  'food',
  'lunch',
  'dinner',
  'snack',
  'sweets',
  'cake',
  'drink',
  'party',
  'birthday',
  'house',
  'car',
  'garden',
];

/** Look like triggers, are not. */
const PSEUDO = [
  // A place named after a person is not that person's experience ("had a satay at a friends, throat's tight").
  ...[
    'friend',
    'friends',
    "friend's",
    'mum',
    'mums',
    "mum's",
    'dad',
    'dads',
    "dad's",
    'nan',
    'nans',
    "nan's",
    'parents',
    "parents'",
  ].flatMap((whose) => [`at a ${whose}`, `at my ${whose}`, `round a ${whose}`, `round my ${whose}`]),
  // A pet or a thing named after its owner is not the owner's experience ("Friend's dog bit my hand", "playing with
  // his brothers lego … started choking").
  ...[
    'friend',
    'neighbour',
    'neighbor',
    'mum',
    'dad',
    'sister',
    'brother',
    'nan',
    'grandad',
    'cousin',
    'aunt',
    'uncle',
  ]
    .flatMap((owner) => [`${owner}'s`, `${owner}s`])
    .flatMap((owner) => OWNED_THINGS.map((thing) => `${owner} ${thing}`)),
  // "Maybe" before a time is an estimate of the time, not a hedge on the story ("ate a satay maybe 15 min ago, lips
  // swelling up").
  ...['an hour', 'half an hour', 'a day', 'a week', 'a couple of hours', 'a few hours', 'a few days'].map(
    (time) => `maybe ${time}`,
  ),
  ...Array.from({ length: 72 }, (_, i) => i + 1).flatMap((count) =>
    ['min', 'mins', 'minutes', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks'].map(
      (unit) => `maybe ${count} ${unit}`,
    ),
  ),
  // A wish not to be here is no condition ("everyone would be better off if I wasn't here").
  'better off if',
  'would be better off',
  'would all be better off',
  'would be happier without me',
  // A comparison with an earlier episode dates nothing now ("itchy with white discharge like last time").
  'like last time',
  'like the last time',
  'same as last time',
  'as last time',
  'like before',
  // The month of May is no hedge ("every year around May my eyes itch").
  ...[
    'in',
    'around',
    'since',
    'until',
    'till',
    'from',
    'during',
    'by',
    'early',
    'late',
    'mid',
    'each',
    'every',
    'last',
    'end of',
    'start of',
  ].map((before) => `${before} may`),
  // Bowels not opened is a complaint, not a denial of what follows ("2 days no bowel movement, belly blown up").
  'no bowel movement',
  'no bowel movements',
  'no bowel motion',
  'no bowel motions',
  // A treatment that fails is no denial of what follows ("blue inhaler not working, struggling to breathe").
  'not working',
  "isn't working",
  'isnt working',
  "aren't working",
  'not helping',
  "isn't helping",
  'isnt helping',
  "doesn't help",
  'doesnt help',
  "didn't help",
  'didnt help',
  'not help',
  'no help',
  'not touching',
  'not easing',
  'not settling',
  // The history of this episode, not past history ("ambulance hx: sudden tearing pain through to back").
  ...['ambulance', 'ambo', 'paramedic', 'paramedics', 'crew', 'brief', 'collateral'].map(
    (source) => `${source} hx`,
  ),
  'hx from',
  'hx of presenting complaint',
  // Not improved is no denial of what follows ("10 puffs no better, cant finish sentences").
  'no better',
  'not any better',
  'no improvement',
  'not improving',
  // A habit told in the past ("she would easily bruise", "he would often wake at night"), not a possibility. (Not
  // "she would": the pronoun must stay free to end a relative's scope — "her mother noticed that she would …".)
  'would easily',
  'would often',
  'would always',
  'would sometimes',
  'no change',
  'no changes',
  'no interval change',
  'no significant change',
  'no significant interval change',
  // "No increase in size": unchanged, not absent ("no increased thirst" stays a denial).
  'no increase in',
  'no decrease in',
  'not only',
  'not necessarily',
  'not certain if',
  'not certain whether',
  'not ruled out',
  'not been ruled out',
  'not be ruled out',
  'gram negative',
  'gram-negative',
  'not cause',
  'not drain',
  'not extend',
  'without difficulty',
  // "Collapsed without warning": says how it began, not that a finding is absent.
  'without warning',
  'without any warning',
  'without a warning',
  // "Welding without a mask", "riding without a helmet": the circumstances, not an absent finding.
  'without a mask',
  'without goggles',
  'without eye protection',
  'without protection',
  'without a helmet',
  'without a seatbelt',
  'without a seat belt',
  'no suspicious change',
  'not appear to have changed',
  'history of present illness',
  'history of the present illness',
  'hx of present illness',
  'present illness',
  'family history negative',
  'sure',
  'not able',
  'unable',
  'known allergies',
  'no known allergies',
  'negative pressure',
  'could not',
  'can not',
  'cannot',
  'previous study',
  'prior study',
  'prior exam',
  'prior examination',
  'previous exam',
  'compared to prior',
  'compared with prior',
  'not clear',
  'not well',
  'without further',
  '+ve for',
  '+ ve for',
  'if any',
  'if needed',
  'vs.',
  'patient is known',
  'well known',
  'if possible',
  'pmhx of',
  'no other',
  'year old',
  'years old',
  'yr old',
  'month old',
  'week old',
  'day old',
  'day history of',
  'days history of',
  'hour history of',
  'week history of',
  'weeks history of',
  'day hx of',
  'previous hospital',
  'prior hospital',
  'outside hospital',
  'prior to admission',
  'prior to arrival',
  // Where something came from is no experiencer ("co-codamol from a friend, estimates 14 g in total").
  ...['friend', 'mate', 'neighbour', 'neighbor', 'sister', 'brother', 'mum', 'dad'].flatMap((who) => [
    `from a ${who}`,
    `from his ${who}`,
    `from her ${who}`,
    `from my ${who}`,
    `borrowed from a ${who}`,
  ]),
  // Who is writing or calling, named as a heading ("Parent message: 7-month-old boy, red sore skin…", "Mum calling re
  // her son"): the narrator, not the person whose findings follow.
  ...[
    'parent',
    'parents',
    'mum',
    'mom',
    'dad',
    'mother',
    'father',
    'carer',
    'wife',
    'husband',
    'daughter',
    'son',
  ].flatMap((who) => [
    `${who} message`,
    `${who}'s message`,
    `${who} calling`,
    `${who} phoning`,
    `${who} phoned`,
    `${who} rang`,
    `message from ${who}`,
    `call from ${who}`,
  ]),
  // A referral's courtesy is no hypothesis ("I would be grateful if you could see Mrs Shah with heel pain").
  'grateful if',
  'would be grateful',
  'would be very grateful',
  'would appreciate',
  'if you could',
  'if you would',
  'if you can',
];

/** Ends every scope. */
const TERMINATE_ALL = [
  // A new clause with the speaker as its subject ("No fever and I have a cough", "No vomiting, I've got
  // diarrhoea", "My mother had asthma and I get wheezy"): nothing said before it reaches past it.
  'i',
  "i'm",
  "i've",
  "i'd",
  // The longest trigger wins its words: "and I have" must end every scope too, as "I" alone does ("Dad has
  // diabetes and I have had a cough").
  'and i have',
  "and i've",
  'and i',
  'but',
  'however',
  'although',
  'though',
  'yet',
  'except',
  'except for',
  'apart from',
  'aside from',
  'nevertheless',
  'nonetheless',
  'still',
  'whereas',
  'which',
  'secondary to',
  'due to',
  'because of',
  'cause of',
  'causes of',
  'cause for',
  'source of',
  'reason for',
  'reason of',
  'etiology of',
  'origin of',
  'consistent with',
  'complicated by',
  'resulting in',
  'with complication of',
  ';',
];

/** Phrases that bring the story back to the current episode: they end historical scope. */
const TERMINATE_HISTORICAL = [
  'presents',
  'presented',
  'presenting',
  'presents with',
  'now',
  'currently',
  'today',
  'tonight',
  'this morning',
  'admitted',
  'who is',
  'who was',
  'came in',
  'comes in',
  'brought in',
  'complains of',
  'complaining of',
  'c/o',
  'with a chief complaint',
  'chief complaint',
  'recently',
  'recent',
  'new',
  'present',
  'who',
  'and is',
  'for evaluation',
  'on exam',
  'here for',
];

/** Words that return the sentence to the patient. */
const TERMINATE_EXPERIENCER = [
  'patient',
  'pt',
  'he',
  'she',
  'the patient',
  'himself',
  'herself',
  'who',
  // The longest trigger wins a word: "and she" is also a denial's terminator, and must end the other's scope too
  // ("her flatmate found empty packets and she admits taking 32 tablets").
  'and he',
  'and she',
];

/** Words that end the scope of a denial listing ("denies X but has Y" is covered by `but`). */
const TERMINATE_NEGATION = [
  // A new clause about the patient in the third person ("No fever, she is coughing"); not for experiencer scope,
  // where "she" may be the relative just named.
  'he',
  'she',
  'presents',
  'presented',
  'who',
  'and has',
  // The same in the first person ("I don't want to live and have been thinking about how to end my life").
  'and have',
  'has',
  'had',
  'reports',
  'noted',
  'positive',
  'positive for',
  'and he',
  'and she',
  // A new verb phrase about the patient after "and" ("has not passed urine and is now floppy", "no fever and is
  // coughing a lot"): the denial stays with its own clause.
  'and is',
  'and was',
  'is now',
  'and now',
  'and then',
  'and it',
  'and they',
  'and keeps',
  'and started',
  'and feels',
  'and looks',
  'and seems',
  'and became',
  'and developed',
  'and gets',
  'and got',
  'showed',
  'shows',
  'revealed',
  'reveals',
];

/**
 * What makes a complaint worse or better ("worse when he coughs", "bumps in the car, coughing or walking make it
 * worse"): the activity named is a circumstance of the complaint, not a symptom the patient has.
 */
const CIRCUMSTANCE_BEFORE = [
  'worse with',
  'worse on',
  'worse when',
  'worse if',
  'worsened by',
  'aggravated by',
  'exacerbated by',
  'made worse by',
  'better with',
  'eased by',
  'relieved by',
  'brought on by',
  'triggered by',
];
const CIRCUMSTANCE_AFTER = [
  'make it worse',
  'makes it worse',
  'make it much worse',
  'makes it much worse',
  'make it better',
  'makes it better',
  'make the pain worse',
  'makes the pain worse',
  'brings it on',
  'bring it on',
  'sets it off',
  'set it off',
];

/** The full trigger lexicon. */
export const CONTEXT_TRIGGERS: readonly TriggerRule[] = [
  ...rules('pseudo', 'both', PSEUDO),
  ...rules('negated', 'forward', NEGATION_BEFORE),
  // "Not" denies the verb phrase it opens; "no" and "denies" head lists that run across commas.
  ...rules('negated', 'forward', ['not'], { commaEndsUnlessList: true }),
  ...rules('negated', 'forward', NEGATION_CONTRACTIONS, { commaEndsUnlessList: true }),
  // The prefix "non-" denies only the word it is attached to: "non-bloody diarrhoea" is diarrhoea without blood,
  // "non-productive cough" a cough (a mention that starts one word later is out of reach).
  ...rules('negated', 'forward', ['non'], { maxDistance: 0 }),
  ...rules('pseudo', 'both', INFORMANTS),
  ...rules('pseudo', 'both', PATIENT_REFERENCES),
  ...rules('negated', 'backward', NEGATION_AFTER, { maxDistance: 5 }),
  ...rules('possible', 'forward', POSSIBLE_BEFORE),
  ...rules('possible', 'backward', POSSIBLE_AFTER, { maxDistance: 5 }),
  ...rules('historical', 'forward', HISTORICAL_BEFORE),
  ...rules('historical', 'forward', HISTORICAL_MODIFIERS, { maxDistance: 4, phraseScope: true }),
  ...rules('historical', 'forward', EARLIER_OCCASION, { maxDistance: 1 }),
  ...rules('historical', 'forward', AFTER_PROCEDURE, {
    maxDistance: 6,
    phraseScope: true,
    phraseEnds: ['for'],
  }),
  ...rules('historical', 'backward', HISTORICAL_AFTER, { maxDistance: 6 }),
  ...rules('hypothetical', 'forward', HYPOTHETICAL_BEFORE),
  ...rules('hypothetical', 'forward', CIRCUMSTANCE_BEFORE, { maxDistance: 3, commaEndsUnlessList: true }),
  ...rules('hypothetical', 'backward', CIRCUMSTANCE_AFTER, { maxDistance: 6 }),
  // A simile names what the pain is like, not what happened: "like being stabbed", "as if being crushed".
  ...rules(
    'hypothetical',
    'forward',
    [
      'like being',
      'as if being',
      'like i was being',
      'like i am being',
      // "Swells up like I'm pregnant" (the trigger runs into the mention; "like I'm going to faint" is kept).
      "like i'm pregnant",
      'like i am pregnant',
      "as if i'm pregnant",
      "like she's pregnant",
      'look pregnant',
      'looks pregnant',
    ],
    { maxDistance: 0 },
  ),
  ...rules('other-experiencer', 'forward', OTHER_EXPERIENCER_BEFORE, {
    impliesHistorical: true,
    familyHistory: true,
  }),
  ...rules('other-experiencer', 'forward', OTHER_PEOPLE_BEFORE),
  ...rules('other-experiencer', 'forward', FAMILY_HISTORY, { impliesHistorical: true, familyHistory: true }),
  ...rules('other-experiencer', 'backward', OTHER_EXPERIENCER_AFTER, { maxDistance: 8, familyHistory: true }),
  ...rules('terminate', 'both', TERMINATE_ALL, { ends: ALL_SCOPED }),
  ...rules('terminate', 'both', TERMINATE_HISTORICAL, { ends: ['historical'] }),
  ...rules('terminate', 'both', TERMINATE_EXPERIENCER, { ends: ['other-experiencer'] }),
  ...rules('terminate', 'both', TERMINATE_NEGATION, { ends: ['negated'] }),
];
