import { describe, expect, it } from 'vitest';
import { extractGestationalAge, GESTATIONAL_AGE_LOINC } from './gestation.js';

const weeks = (text: string) => extractGestationalAge(text).map((o) => o.value.value);

describe('extractGestationalAge (LOINC 49051-6, weeks)', () => {
  it.each([
    ['She is 8 weeks pregnant.', 8],
    ["I'm about nine weeks pregnant by my dates", 9],
    ["presents at 32 weeks' gestation", 32],
    ['at 28 weeks of gestation', 28],
    ['She is 34 weeks into her first pregnancy.', 34],
    ['27F, 9/40 by dates', 9],
    ['She is 32-weeks pregnant.', 32],
    ['at 10 weeks estimated gestational age', 10],
    ["I'm 7 weeks along", 7],
    ['pregnancy test positive, 6 weeks, some spotting', 6],
    ['pregnant (about 8 wks) with bleeding', 8],
  ])('"%s" → %d weeks', (text, expected) => {
    expect(weeks(text)).toEqual([expected]);
    expect(extractGestationalAge(text)[0]!.code.code).toBe(GESTATIONAL_AGE_LOINC);
    expect(extractGestationalAge(text)[0]!.value.unit).toBe('wk');
  });

  it('a time since an event or a course is not a gestational age', () => {
    expect(weeks('Cough for two weeks.')).toEqual([]);
    expect(weeks('She gave birth 6 weeks ago.')).toEqual([]);
    expect(weeks('A 3-week history of pain.')).toEqual([]);
    expect(weeks('pregnant, bleeding for 2 weeks')).toEqual([]);
    expect(weeks('positive pregnancy test 3 weeks ago')).toEqual([]);
  });
});
