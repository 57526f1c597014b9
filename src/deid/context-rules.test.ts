import { describe, expect, it } from 'vitest';
import { ORDINAL_AFTER } from './context-rules.js';
import { detectPhi, inClinicalPhrase, isClinicalFraction } from './detect.js';
import { englishLevel } from './features.js';
import { isAllowed, loadDictionaries } from './lexicon.js';
import { tokenize } from './tokens.js';

// Hand-written sentences (no text from any data set); rules only (no classifier), so each test checks one rule.
const rules = (text: string) => detectPhi(text, { model: null });
const found = (text: string) => rules(text).map((s) => `${s.category}:${s.text}`);

describe('English-word and clinical lexicons', () => {
  const dict = loadDictionaries();
  it('knows English words, their plurals and possessives, and not made-up surnames', () => {
    expect(englishLevel('heart', dict)).toBe('C');
    expect(englishLevel('nurses', dict)).toBe('C');
    expect(englishLevel('zorbalinsky', dict)).toBe('N');
  });
  it('holds clinical words from the knowledge base', () => {
    expect(dict.clinical.has('pneumonia')).toBe(true);
  });
});

describe('context rules added for out-of-fold misses', () => {
  it('an initial and a word that is no English word, in any case, after a pause or a conjunction', () => {
    expect(found('verified by nsg (k. zorbalinsky and t. quennivar) today')).toEqual([
      'name:k. zorbalinsky',
      'name:t. quennivar',
    ]);
    // an English word after an initial is not a name; a letter glued to a number is no initial
    expect(found('labs sent. c. diff negative, rr 40s with vols in 2h. ENT called')).toEqual([]);
  });

  it('a hyphenated double surname after a title keeps both parts', () => {
    expect(found('weaned per dr zorbal-quennivar this am')).toEqual(['name:zorbal-quennivar']);
  });

  it('a surname that is no English word after a role and a first name', () => {
    expect(found('spoke with nurse karen zorbalinsky about sleep')).toEqual(['name:karen zorbalinsky']);
  });

  it('a month with a two-digit year, but not a ventilator setting or a value over 12', () => {
    expect(found('breast ca (11/87) s/p lumpectomy')).toEqual(['date:11/87']);
    expect(found('on psv 10/40 overnight')).toEqual([]);
  });

  it('an ordinal day after "on the", not "5th ICS"', () => {
    expect(found('cultures drawn on the 14th. chest tube at 5th ICS')).toEqual(['date:14th']);
  });

  it('a day range after "on", not a flow rate', () => {
    expect(found('returned to OR on 4-9 for a washout; on 2-4 L nc')).toEqual(['date:4-9']);
  });

  it('a two-digit year with a trailing apostrophe in a history list, not feet walked', () => {
    expect(found("PMH: MI 88', AMBULATED 30' WITH ASSIST")).toEqual(['date:88']);
  });

  it('an institution after a preposition in any case, with its head when the name ends with it', () => {
    expect(found('to go to quennivar valley hospital today')).toEqual(['location:quennivar valley']);
    expect(found('TAKEN TO ZORBAL REGIONAL FOR CATH')).toEqual(['location:ZORBAL REGIONAL']);
    expect(found('will go to cardiac rehab, wants to leave hospital')).toEqual([]);
  });

  it('a university named by its state, a saint before a name after a preposition', () => {
    expect(found('insulin per U Maryland scale')).toEqual(['location:U Maryland']);
    expect(found('accepted at St. Quennivar for rehab')).toEqual(['location:St. Quennivar']);
    expect(found('HR 110 ST. BP STABLE; ST CHGS IN V1-V3')).toEqual([]);
  });
});

describe('title rule', () => {
  it('a name after a title does not run on over a full stop or a comma', () => {
    expect(found('reported to Dr. Quennivar. Thermodilution CO 5')).toEqual(['name:Quennivar']);
    expect(found('seen by Dr. Ana Quennivar today')).toEqual(['name:Ana Quennivar']);
  });
});

describe('names in any case', () => {
  it('a first name followed by words that are no English words', () => {
    expect(found('CASE MANAGEMENT CONTACTS KAREN ANN QUENNIVAR')).toEqual(['name:KAREN ANN QUENNIVAR']);
    expect(found('jean zorbalinsky is a 70 yr old female')).toEqual(['name:jean zorbalinsky']);
    // a first name that is a common English word ("grace", "will") starts no pair
    expect(found('with grace zorbalinsky')).toEqual([]);
  });
  it('a lower-case surname after a title and a first name', () => {
    expect(found('pt of dr. ana quennivar. allergies: nkda')).toEqual(['name:ana quennivar']);
  });
});

describe('clinical words stay', () => {
  it('languages and a misspelt relation are never removed by the classifier', () => {
    for (const w of ['Spanish', 'RUSSIAN', 'English', 'NEICE']) expect(isAllowed(w)).toBe(true);
  });
  it('eponyms and laterality initials are not names', () => {
    expect(found('endoscopy showed mallory weiss tear; tube close to R. mainstem')).toEqual([]);
  });
});

describe('numbers the classifier may not take for dates', () => {
  // The veto the classifier's date decisions go through (patterns and context rules are not vetoed).
  const vetoed = (text: string, token: string) => {
    const tokens = tokenize(text);
    return isClinicalFraction(
      tokens,
      tokens.findIndex((t) => t.text === token),
    );
  };
  it('ages under 90, ranges without a month, settings ending in %, portions, pairs over 12, ventilator pairs', () => {
    expect(vetoed('79 YO FEMALE', '79')).toBe(true);
    expect(vetoed('RR in 22-25 on 4L', '22-25')).toBe(true);
    expect(vetoed('currently on 10/5/50%. tolerating', '10/5/50')).toBe(true);
    expect(vetoed('formula changed to 3/4 str', '3/4')).toBe(true);
    expect(vetoed('crackles 1/3 up', '1/3')).toBe(true);
    expect(vetoed('packed for 1 1/2 h', '1/2')).toBe(true);
    expect(vetoed('PT/PTT 14/32 this am', '14/32')).toBe(true);
    expect(vetoed('tolerated PSV 8/5 30% today', '8/5')).toBe(true);
    expect(vetoed('chest pressure 6/10 now', '6/10')).toBe(true);
    expect(vetoed('ABG 7.45/40/101 on AC', '7.45/40/101')).toBe(true);
    expect(vetoed('insulin on 24/06/12/18 schedule', '24/06/12/18')).toBe(true);
  });
  it('keeps dates', () => {
    expect(vetoed('seen in clinic 7/16 for follow up', '7/16')).toBe(false);
    expect(vetoed('admitted on 4-9 from home', '4-9')).toBe(false);
    expect(vetoed('pt is 79 today', '79')).toBe(false);
  });
});

describe('context rules of the second out-of-fold pass', () => {
  it('a month/day beside a clock time is a date; a ratio without one is not', () => {
    expect(found('ARRIVED TO UNIT AT 0330 4/7. ALERT')).toEqual(['date:4/7']);
    expect(found('hct 29 from 31 4/9 am, stable')).toEqual(['date:4/9']);
    expect(found('gait 4/5 strength in legs')).toEqual([]);
  });

  it('a town that is no English word after from or in, and before a state code', () => {
    expect(found('DAUGHTER FLYING IN FROM ROME TOMORROW')).toEqual(['location:ROME']);
    expect(found('old records from Annapolis, MD are pending')).toContain('location:Annapolis');
    expect(found('returned to new haven today')).toEqual(['location:new haven']);
    // "from home", "in bed": English words, not towns
    expect(found('came in from home, resting in bed')).toEqual([]);
  });

  it('a surname before "family", an initial without a full stop after a cue, titles in capitals', () => {
    expect(found('KEEP OKAFOR FAMILY AWARE')).toEqual(['name:OKAFOR']);
    expect(found('bp goal per d okafor overnight')).toEqual(['name:d okafor']);
    expect(found('ASKED FOR RABBI- RABBI ZORBALINSKY CAME')).toEqual(['name:ZORBALINSKY']);
    // "MR." in capitals may close a sentence about mitral regurgitation
    // (with the model's common-word list, in which "arrived" is)
    expect(detectPhi('severe MR. Arrived to CCU at night', { classifier: false })).toEqual([]);
  });

  it('signature initials and a two-digit year after an apostrophe', () => {
    expect(found('resting well.\nGERHARDT N. QUILLENBROOK, RRT\n')).toEqual([
      'name:GERHARDT N. QUILLENBROOK',
    ]);
    expect(found("PMH: CVA, '09 PTCA to LAD")).toEqual(['date:09']);
    expect(found("walked 30' with PT")).toEqual([]);
  });
});

describe('span merging', () => {
  it('extends a name to a neighbouring surname from the name lists that is no common English word', () => {
    expect(found('pt of dr. gerhardt bowman. allergies: nkda')).toEqual(['name:gerhardt bowman']);
  });
});

describe('context rules added in the fourth round (out-of-fold misses of development patients)', () => {
  it('a lower-case word that is no English word right after a relation and before a full stop', () => {
    expect(found('talked with husband zorbalinsky. he will call back')).toEqual(['name:zorbalinsky']);
    // an English word there is no name
    expect(found('talked with husband today. he will call back')).toEqual([]);
  });

  it('a surname that is also a clinical word when a first name stands before it in a signature', () => {
    expect(found('No changes overnight.\nBernard Foley CRT')).toEqual(['name:Bernard Foley']);
    // without a first name before it, the allow-list keeps the catheter
    expect(found('urine draining to the Foley CRT')).toEqual([]);
  });

  it('the words before "is a NN yr old" at the start of a line', () => {
    expect(rules('gomez is a 70 yr old man admitted with chest pain').map((s) => s.rule)).toEqual([
      'context.age-intro',
    ]);
    // not mid-sentence, not common words
    expect(found('spoke with gomez is a 70 yr old man')).toEqual([]);
    expect(found('he is a 70 yr old man')).toEqual([]);
  });

  it('a place of capitalised words after a verb of moving the patient, not a generic destination', () => {
    expect(found('Pt is ready to go to Oak Grove tomorrow')).toEqual(['location:Oak Grove']);
    expect(found('Offered a bed @ St B. pending insurance')).toEqual(['location:St B']);
    expect(found('Offered a bed @ St A. pending insurance')).toEqual(['location:St A']);
    expect(found('Pt transferred to Step Down at noon')).toEqual([]);
    expect(found('PT TRANSFERRED TO OAK GROVE')).toEqual([]);
  });

  it('"Nursing" before "Progress Note" is a heading, before "Home" an institution', () => {
    expect(found('Pmicu Nursing Progress Note\nPt resting')).toEqual([]);
    expect(found('Discharged to Oakvale Nursing Home today')).toEqual(['location:Oakvale']);
  });

  it('a listed first name opening a clause before a verb of visiting', () => {
    expect(found('social: dolly visited after lunch')).toEqual(['name:dolly']);
    expect(found('social: son visited after lunch')).toEqual([]);
  });

  it('a range of days after "from", but not a dose, a flow or a duration', () => {
    expect(found('cultures from 3-5 grew cocci')).toEqual(['date:3-5']);
    for (const text of ['weaned from 2-4 L today', 'febrile from 3-5 days']) expect(found(text)).toEqual([]);
  });

  it('two-digit years after "in" in a history, not values after a measurement', () => {
    expect(found('hx CVA in 94 and 01, no deficits')).toEqual(['date:94', 'date:01']);
    expect(found('sats in 94, on 2L')).toEqual([]);
  });

  it('a name before "Memorial" in brackets', () => {
    expect(found('plan rehab (oak grove Memorial) when stable')).toEqual(['location:oak grove Memorial']);
  });

  it('a year that cannot be a clock time, but not an amount', () => {
    expect(found('s/p lobectomy 1987, stable since')).toEqual(['date:1987']);
    for (const text of ['intake 1987 cc today', 'balance -1975 since midnight', 'given at 1930 tonight'])
      expect(found(text)).toEqual([]);
  });
});

describe('clinical phrases whose first word is also a name', () => {
  it('are recognised by their second word', () => {
    const tokens = tokenize('TED stockings on, funeral home called, Ted visited');
    expect(inClinicalPhrase(tokens, 0)).toBe(true);
    expect(inClinicalPhrase(tokens, 4)).toBe(true);
    expect(inClinicalPhrase(tokens, 8)).toBe(false);
  });
});

describe('numbers that are times or ranges, not dates', () => {
  it('clock times, shift ranges, hour ranges before am/pm and ranges of decimals', () => {
    const tokens = tokenize('off at 13:00, shift 0330-0700, seen 7-10am, temps 101.5-101.8, on 7-8 for cath');
    const at = (t: string) => tokens.findIndex((x) => x.text === t);
    for (const t of ['13:00', '0330-0700', '7-10', '101.5-101.8'])
      expect(isClinicalFraction(tokens, at(t))).toBe(true);
    expect(isClinicalFraction(tokens, at('7-8'))).toBe(false);
  });

  it('culture counts two words before "cultures", but not a date "on" them', () => {
    const counts = tokenize('1/4 blood cultures positive');
    expect(isClinicalFraction(counts, 0)).toBe(true);
    const dated = tokenize('sent 3/4 on cultures');
    expect(isClinicalFraction(dated, 1)).toBe(false);
  });
});

describe('date, age and place forms the development notes lack (sixth round: coverage, not fitted to errors)', () => {
  it('an ordinal day followed by a joining word, not by a noun', () => {
    expect(found('seen in clinic on the 5th for follow up')).toEqual(['date:5th']);
    expect(found('moved on the 4th floor. placed on the 2nd attempt')).toEqual([]);
  });

  it('holidays, a month with a four-digit year, and ages over 89 in words', () => {
    expect(found("fell on New Year's Day, seen again Christmas Eve and on Memorial Day")).toEqual([
      "date:New Year's Day",
      'date:Christmas Eve',
      'date:Memorial Day',
    ]);
    expect(found('last cath 2/2019, echo 11/1998; epi 1/1000 and 1/2000 units')).toEqual([
      'date:2/2019',
      'date:11/1998',
    ]);
    expect(found('a ninety-two year old man; one hundred and one yo; ninety minutes later')).toEqual([
      'age:ninety-two',
      'age:one hundred and one',
    ]);
  });

  it('a town before a comma and a US state written out, one or two words', () => {
    expect(found('daughter from Quennivar Falls, Oregon and a son in Eugene, New York')).toEqual(
      expect.arrayContaining(['location:Eugene']),
    );
    expect(found('sister visiting from Kansas City, Missouri today')).toEqual(
      expect.arrayContaining(['location:Kansas City']),
    );
  });

  it('leaves every clinical and allow-listed word before a state, and after "on the 5th", alone', () => {
    const dict = loadDictionaries();
    // The joining words that may follow a day ("for", "with") are in the clinical list too (from its phrases).
    const words = [...dict.clinical, ...'salem foley swan parkinson heparin'.split(' ')].filter(
      (w) => /^[a-z]{3,}$/.test(w) && !ORDINAL_AFTER.has(w),
    );
    const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    const text = words.map((w) => `${cap(w)}, Oregon. on the 5th ${w}.`).join('\n');
    // A clinical word after the ordinal makes it a noun's ordinal ("the 5th dose"), not a day.
    const hits = rules(text).filter((s) => ['context.town-state', 'context.ordinal-day'].includes(s.rule));
    expect(hits).toEqual([]);
    expect(rules(words.join(' ')).filter((s) => s.rule.startsWith('pattern.'))).toEqual([]);
  });
});

describe('context rules of the eighth round (out-of-fold misses)', () => {
  it('a listed name that is no English word after a relation, on an upper-case line', () => {
    expect(found('CALLED AS WELL AS A BROTHER VINNY; PLAN TO VISIT')).toEqual(['name:VINNY']);
    // an English word after a relation stays
    expect(found('A BROTHER BROUGHT CLOTHES')).toEqual([]);
  });

  it("a surname's particle written apart after a title, and no second title taken for a name", () => {
    expect(found('Dr. o rourke and Dr. Zorbalinsky in room')).toEqual(['name:o rourke', 'name:Zorbalinsky']);
    expect(found('Drs Okafor and Quennivar aware')).toEqual(['name:Okafor', 'name:Quennivar']);
  });

  it("a pager's number after its label, not a page of a form", () => {
    expect(found('Pager #54321 Time 3:00pm. pgr: 4-1234.')).toEqual(['phone:54321', 'phone:4-1234']);
    expect(found('see page 2 of 3')).toEqual([]);
  });
});
