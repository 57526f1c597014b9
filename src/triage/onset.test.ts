import { describe, expect, it } from 'vitest';
import { durationsIn, onsetCourse, readOnset, storySentences } from './onset.js';

describe('readOnset: the time course of the current story', () => {
  it('reads written durations in days, numbers and words', () => {
    expect(durationsIn('Presented with a 2-day history of cough')).toEqual([2]);
    expect(durationsIn('pain for the past 3 weeks')).toEqual([21]);
    expect(durationsIn('tiredness for a few months')[0]).toBeCloseTo(3 * 30.44);
    expect(durationsIn('burning in the chest after spicy food for months')[0]).toBeCloseTo(3 * 30.44);
    expect(durationsIn('fever for 48h')).toEqual([2]);
    expect(durationsIn('started this morning')).toEqual([1]);
    // A meal named as the time it began dates it to the last day; a habit after meals does not.
    expect(durationsIn('severe pain and vomiting after eating fried chicken for dinner')).toEqual([1]);
    expect(durationsIn('burning after dinner most nights for months')[0]).toBeCloseTo(3 * 30.44);
  });

  it('ages, rates, episode lengths, gestation and words like "and" are not durations', () => {
    expect(durationsIn('45 year old man')).toEqual([]);
    expect(durationsIn('a 45-year-old man')).toEqual([]);
    expect(durationsIn('He smokes 25 cigarettes per day')).toEqual([]);
    expect(durationsIn('attacks lasting 20 minutes')).toEqual([]);
    expect(durationsIn('She is 32 weeks pregnant')).toEqual([]);
    expect(durationsIn('at 10 weeks estimated gestational age')).toEqual([]);
    expect(durationsIn('nausea, vomiting, and fatigue')).toEqual([]);
    expect(durationsIn('using the cream twice a day')).toEqual([]);
    expect(durationsIn('stiff in the mornings for about 10 minutes')).toEqual([]);
    expect(durationsIn('soaking through a pad and a tampon in an hour, for 6 months')).toEqual([6 * 30.44]);
  });

  it('an earlier illness or procedure dated in its own clause is background, not the course', () => {
    expect(durationsIn('chest pain for 1 hour, had a heart attack 10 years ago')).toEqual([1 / 24]);
    expect(durationsIn('chest tight, been going on about 40 mins now')[0]).toBeCloseTo(40 / 1440);
    expect(durationsIn('sudden weakness of my right arm, had a stroke 3 years ago')).toEqual([]);
    expect(durationsIn('she had a stent put in 5 years ago')).toEqual([]);
    expect(durationsIn('had a kidney stone 5 yrs ago')).toEqual([]);
    expect(durationsIn('had a fall 2 days ago')).toEqual([2]);
    // The complaint itself dated with "ago" still counts.
    expect(durationsIn('the cough started 3 days ago')).toEqual([3]);
    expect(onsetCourse(readOnset('chest pain for 1 hour, had a heart attack 10 years ago'))).toBe('new');
    // A baby's age said with "is" is no course; "for weeks" is a course of some weeks.
    expect(durationsIn('My son is 10 months')).toEqual([]);
    // Any age the intake reads is no course: compact, "aged", "… old", "child of 7 years".
    expect(durationsIn('14mo boy, cough for 2 days')).toEqual([2]);
    expect(durationsIn('baby aged 3 months with a cough for 2 days')).toEqual([2]);
    expect(durationsIn('a 6 weeks old baby, vomiting for 1 day')).toEqual([1]);
    expect(durationsIn('a child of 7 years with a limp since 4 days')).toEqual([4]);
    expect(durationsIn('she is 3 days post-op')).toEqual([3]);
    expect(durationsIn('32 weeks pregnant, headache for 2 days')).toEqual([2]);
    expect(durationsIn('pregnancy test positive, 6 weeks, spotting since 1 day')).toEqual([1]);
    expect(durationsIn('been going on for weeks')).toEqual([21]);
    expect(durationsIn('my hand has not worked properly since last year')).toEqual([365.25]);
    expect(durationsIn('stiff since I broke my wrist last year')).toEqual([365.25]);
    expect(durationsIn('stiff for about 10 min in the morning, slowly getting worse over a year')).toEqual([
      365.25,
    ]);
  });

  it('skips denials, the last menstrual period and the background sections', () => {
    const text =
      'Chief complaints: Cough\nCough for 3 days. LMP was 2 weeks ago.\nNo fever for 10 days.\nHistory: asthma for 20 years.\nFamily history: -';
    expect(storySentences(text).join(' | ')).toBe('Chief complaints: Cough | Cough for 3 days.');
    expect(readOnset(text)).toEqual({ shortestDays: 3, longestDays: 3, sudden: false, worsening: false });
  });

  it('reads "sudden" and "worsening" from the story only', () => {
    expect(readOnset('Acute-onset hearing loss in one ear.').sudden).toBe(true);
    expect(readOnset('No sudden weakness.').sudden).toBe(false);
    expect(readOnset('The cough is getting worse.').worsening).toBe(true);
    expect(readOnset('Pain that has worsened over the past day.').worsening).toBe(true);
    // What makes a symptom worse is not a worsening course.
    expect(readOnset('Breathlessness that worsens with exertion.').worsening).toBe(false);
    expect(readOnset('The pain worsens on deep inspiration.').worsening).toBe(false);
  });
});

describe('onsetCourse', () => {
  const o = (shortestDays?: number, longestDays?: number, sudden = false) => ({
    ...(shortestDays !== undefined ? { shortestDays, longestDays: longestDays ?? shortestDays } : {}),
    sudden,
    worsening: false,
  });
  it('new within 7 days (a long-standing complaint that changed this week included)', () => {
    expect(onsetCourse(o(2))).toBe('new');
    expect(onsetCourse(o(2, 730))).toBe('new');
    expect(onsetCourse(o(undefined, undefined, true))).toBe('new');
  });
  it('long-standing from 4 weeks, subacute between, unknown when nothing is written', () => {
    expect(onsetCourse(o(90))).toBe('long-standing');
    expect(onsetCourse(o(14, 21))).toBe('subacute');
    expect(onsetCourse(o(14, 60))).toBe('long-standing');
    expect(onsetCourse(o())).toBe('unknown');
    expect(onsetCourse(undefined)).toBe('unknown');
  });
});

describe('durationsIn: episode lengths', () => {
  it('hours and minutes in a sentence about episodes are not the course', () => {
    expect(durationsIn('The attacks can occur at any time, and last between 2 and 4 hours.')).toEqual([]);
    expect(durationsIn('He sleeps 8 hrs at night.')).toEqual([]);
    expect(durationsIn('Brought in because of 1 hour of severe back pain.')).toEqual([1 / 24]);
    expect(durationsIn('Recurrent episodes for 2 years.')).toEqual([730.5]);
  });

  it('a duration dated by "ago" or "started" is the course even beside earlier episodes', () => {
    const days = durationsIn(
      'The pain started 8 hours ago, similar to previous episodes over the past few months.',
    );
    expect(Math.min(...days)).toBeCloseTo(8 / 24);
    expect(durationsIn('Episodes of palpitations began 3 hours ago.')[0]).toBeCloseTo(3 / 24);
    expect(durationsIn('The attacks last about 2 hours.')).toEqual([]);
    expect(
      durationsIn('For 2 months gets chest tightness on hills, goes within 2 minutes of stopping.'),
    ).toEqual([2 * 30.44]);
    // A range of minutes is one episode's length too ("settles within 3 to 5 minutes of stopping").
    expect(
      durationsIn('For 6 weeks, a tight chest on hills that settles within 3 to 5 minutes of stopping.'),
    ).toEqual([42]);
  });

  it('a clock time dates the complaint to today; a pain-free day does not', () => {
    expect(durationsIn('Woke at 3am with pain in the big toe.')).toEqual([1]);
    expect(durationsIn('Severe pain started at 4am.')).toEqual([1]);
    expect(durationsIn('Pain-free today, LFTs normal.')).toEqual([]);
  });
});

describe('durationsIn: the background next to a duration', () => {
  it('habits, earlier diagnoses and treatments are not the course', () => {
    expect(durationsIn('He smokes 1 pack per day for the past 30 years.')).toEqual([]);
    expect(durationsIn('Crohn disease diagnosed 2 years ago.')).toEqual([]);
    expect(durationsIn('She was treated with amoxicillin for 12 days.')).toEqual([]);
    // A habit further away in the sentence (more than about 30 characters) does not hide the complaint's own course.
    expect(
      durationsIn(
        "He has a chronic smoker's cough, but he reports that in the past 2 days his cough has increased.",
      ),
    ).toEqual([2]);
  });

  it('hours and minutes count only with an onset word', () => {
    expect(durationsIn('Chest discomfort started 10 mins ago.')[0]).toBeCloseTo(10 / 1440);
    expect(durationsIn('The weakness improves after a few hours of rest.')).toEqual([]);
  });
});

describe('durationsIn: times that are not the course', () => {
  it('hours after or before an event time the symptom within the day', () => {
    expect(
      durationsIn('Every night for three weeks, about an hour after he falls asleep, he is woken by pain.'),
    ).toEqual([21]);
    expect(durationsIn('Loose stools an hour or two after a milky coffee, for a month.')[0]).toBeCloseTo(
      30.44,
    );
    // Dated by "started", the same hours are the course.
    expect(durationsIn('Chest pain that started 2 hours after eating.')[0]).toBeCloseTo(2 / 24);
  });

  it('"times a day" is a rate; "for the last" and "over the last month" are the course', () => {
    expect(
      durationsIn('For roughly three months I have had loose stools four to six times a day.')[0],
    ).toBeCloseTo(3 * 30.44);
    expect(durationsIn('Pain for the last 3 hours.')[0]).toBeCloseTo(3 / 24);
    expect(
      durationsIn('Over the last month he gets a tight band across his chest when walking.')[0],
    ).toBeCloseTo(30.44);
    expect(durationsIn('Cough for the past fortnight.')).toEqual([14]);
    // "a" at the end of a word is not the rate's "a" ("formula a month ago").
    expect(durationsIn('Since starting formula a month ago he brings up a lot after feeds.')[0]).toBeCloseTo(
      30.44,
    );
    // How soon an episode goes is not the course.
    expect(
      durationsIn(
        'For the last two months he gets a tight chest walking uphill, which goes after a couple of minutes.',
      ),
    ).toEqual([2 * 30.44]);
  });
});
