import { parseNumber } from '../intake/values/common.js';
import { extractDemographics } from '../intake/values/demographics.js';
import { extractGestationalAge } from '../intake/values/gestation.js';

/**
 * How long the presenting complaint has lasted and how it began, read from the words of a note: the time course is
 * one of the first things every triage system asks (NHS 111 and the Manchester Triage System both separate a new
 * problem from a long-standing one, and "sudden", "abrupt onset" and "worse" are discriminators of their own), and
 * the intake's findings carry a duration only when a number sits next to a symptom it recognised.
 *
 * Read from the current story only: sentences under a history, family, social, medication or allergy heading, and
 * sentences that deny something ("No fever for 3 days"), are skipped; ages ("45 year old"), rates ("10 cigarettes a
 * day", "20 pack years") and frequencies ("twice a day") are not durations.
 */
export interface PresentationOnset {
  /** Shortest time course written for the current story (days): how recent the newest part of it is. */
  readonly shortestDays?: number;
  /** Longest time course written for the current story (days). */
  readonly longestDays?: number;
  /** "Sudden", "suddenly", "abrupt", "acute onset", "all of a sudden". */
  readonly sudden: boolean;
  /** "Worsening", "getting worse", "progressively", "deteriorating". */
  readonly worsening: boolean;
}

const UNIT_DAYS: Readonly<Record<string, number>> = {
  minute: 1 / 1440,
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 30.44,
  year: 365.25,
};

const UNIT = `(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)`;
const SHORT_UNIT = `(h|d|w|wk|mo|y)`;
const COUNT = String.raw`(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple(?: of)?|(?:a )?few|several)`;
/** "3 days", "2-week", "a few months", "x2 weeks", "48h" (a one-letter unit only right after a number). */
const DURATION = new RegExp(
  String.raw`(?:^|[^\w.])(?:x\s*)?(?:${COUNT}\s*-?\s*${UNIT}|(\d+(?:\.\d+)?)\s*${SHORT_UNIT})(?![\w-]*\s*old)\b`,
  'gi',
);
/** Rates and frequencies: a number of units per something is not a course ("10 cigarettes a day", "3 times a week"). */
const RATE_BEFORE =
  /\b(?:times|once|twice|thrice|per|a|an|each|every|cigarettes|packs?|pack|drinks|units|glasses|cups|bottles|coffees|teas|cans|pints|beers)\s*$/i;
const RATE_AFTER = /^\s*(?:old|of age|pack|smok)/i;
/** Pads or tampons soaked through in an hour or two: how heavy the bleeding is, not when it began. */
const SOAKED_IN =
  /\b(?:through|soak(?:s|ed|ing)?|fill(?:s|ed|ing)?|chang(?:e|es|ed|ing))\b[^.;]{0,50}\b(?:in|within|every)\s*(?:an?\s*)?$/i;
const EPISODE_BEFORE =
  /\b(?:(?:goes|go|settles|settle|eases|ease|resolves|subsides|disappears|stops|wears off|improves)(?: away| off)? (?:within|after)|last(?:s|ed|ing)|lasts? for|resolv(?:es|ed|ing)(?: spontaneously)?(?: with(?:in)?| in| after)?|episodes? of|attacks? of|spells? of|up to|every|(?:they|it|these|which|each one|each) last)\s*(?:about |around |from |less than |more than |over |a |<\s*|>\s*)?(?:\d+\s*(?:to|or|-|–)?\s*)?$/i;
const MORNING_EPISODE_BEFORE =
  /\b(?:stiff(?:ness)?|mornings?|waking|first thing) for\s*(?:about |around |up to )?$/i;
const SUB_DAY_ONSET =
  /\b(?:ago|since|started|starting|began|begun|beginning|onset|history|past|last|for|going on|it'?s been|it has been)\b|\d\s*(?:hours?|hrs?|minutes?|mins?)\s+of\b/i;
const BACKGROUND_NEAR =
  /\b(?:smok\w*|cigarettes?|packs?|per day|alcohol|drinks|drinking|diagnosed|treated|prescribed|medications?|vaccin\w*|delivered|born|surgery|operation|married|works|worked|lives|lived|diabetic|asthmatic|epileptic|stopped (?:his|her|my|their|taking))\b/i;
const EPISODE_SENTENCE =
  /\b(?:(?<!\b(?:the|this)\s)last(?:s|ed|ing)?|episodes?|(?<!\b(?:heart|asthma)\s)attacks?|spells?|bouts?|sleeps?|slept|each time|at a time)\b/i;
/**
 * An earlier illness or procedure dated in the same clause ("had a heart attack 10 years ago", "had a stroke 3 years
 * ago", "a stent put in 5 years ago", "hip replaced in 2019"): the background, not the start of the complaint.
 */
const PAST_EVENT =
  /\b(?:(?:had|has had|suffered|previous|prior|old)\s+(?:a |an |my |his |her |two |three )?(?:heart attacks?|strokes?|mini[- ]strokes?|mi|tias?|clots?|dvt|pe|pulmonary embolism|cabg|angioplasty|transplant|miscarriages?|c-?section|caesarean|baby)|stents?|bypass|replace(?:d|ment)|pacemaker|fitted|put in)\b/i;
/** An earlier episode named before "… ago" ("same thing 2 yrs ago", "similar once before, a year ago"). */
const EARLIER_EPISODE =
  /\b(?:same thing|same again|same problem|similar|this before|like this before|it before|last time|previous episode|an episode|once before|last one|last attack)\b/i;
/**
 * Words that date a duration as the start of the complaint: "8 hours ago", "started 2 hours", "began 30 minutes",
 * "since 3 hours" — the course, even in a sentence that also speaks of earlier episodes ("started 8 hours ago, like
 * previous episodes over the past months").
 */
const ANCHOR_AFTER = /^\s*ago\b/i;
/**
 * After hours or minutes: an event or a time of day that the span is measured from ("an hour after he falls asleep",
 * "stiff for 10 min in the morning", "lasts 20 minutes each time"): how long one episode lasts, not the course.
 */
const RELATIVE_TO_EVENT =
  /^\s*(?:or (?:so|two|three)\s+)?(?:after|before|later|into|in (?:the )?mornings?|on (?:waking|getting up)|(?:each|every) (?:morning|night|time|day)|at night|at a time|when (?:I|she|he|they) (?:wakes?|gets? up))\b/i;
/** After a span: an event it is measured back from ("a few days before bleeding", "a week before her period"). */
const BEFORE_EVENT = /^\s*before\b/i;
const ANCHOR_BEFORE =
  /\b(?:started|starting|began|begun|since|onset of)\s*(?:about |around |approximately )?$/i;
const SAME_DAY =
  /\b(?:today|this morning|this afternoon|this evening|tonight|last night|overnight|yesterday|an hour ago|minutes ago|(?:ate|eaten|eating|had) [\w\s-]{1,30} for (?:dinner|lunch|supper|breakfast))\b|\b(?:at|since|woke at|woke up at) \d{1,2}(?:[:.]\d\d)? ?(?:am|pm)\b/i;
/** A habit told with a time of day ("wakes at 4 am and cannot get back to sleep", "every night at 3 am"). */
const HABITUAL =
  /\b(?:wakes|gets up|every (?:night|morning|day|evening)|each (?:night|morning)|usually|most (?:nights|mornings|days))\b/i;

/** The only same-day cue is a clock time in a sentence that tells a habit: no date for the complaint. */
function habitualClockTime(sentence: string): boolean {
  const sameDay = SAME_DAY.exec(sentence)?.[0] ?? '';
  return /\d/.test(sameDay) && HABITUAL.test(sentence);
}

/** "Pain-free today", "symptom-free now": the day named is when the complaint was absent, not when it began. */
const FREE_OF_IT = /\b(?:pain|symptom)[- ]free\b|\bfree of (?:pain|symptoms)\b/i;
/** Long-term conditions whose own length ("diabetic for years") does not date the complaint. */
const KNOWN_CONDITION =
  /\b(?:high blood pressure|hypertension|diabet\w*|asthma\w*|copd|epilep\w*|arthritis|heart failure|cholesterol|thyroid|kidney disease|on (?:tablets|medication|insulin|warfarin))\b/i;
const LONG_STANDING =
  /\b(?:since childhood|for years|for many years|(?:been|over) (?:the )?years|long[- ]standing|long time|long while|lifelong)\b/i;
/** "Over the last month", "for the past week", "since last year", "since I broke it last year": one unit, no number. */
const LAST_UNIT =
  /\b(?:(?:over|in|for|during|throughout) the (?:last|past)|since(?: [\w'’]+){0,6} last) (week|fortnight|month|year)\b/i;
/** "For months", "for several months": a course of some months, no number given. */
const FOR_MONTHS = /\bfor (?:many |several |some )?months\b/i;
/** "For weeks", "been going on for weeks": a course of some weeks, no number given. */
const FOR_WEEKS = /\bfor (?:many |several |some )?weeks\b/i;
const SUDDEN =
  /\b(?:sudden(?:ly)?|abrupt(?:ly)?|acute[- ]onset|onset was acute|all of a sudden|out of the blue)\b/i;
const WORSENING =
  /\b(?:worsen(?:ing|ed|s)?|getting worse|got worse|become worse|becoming worse|progressively|deteriorat\w*|rapidly (?:increasing|spreading|getting))\b/i;
/** What makes a symptom worse ("worse with exertion", "worsens on deep breathing") is not a worsening course. */
const AGGRAVATED_BY =
  /^\s*(?:\w+\s+)?(?:with|on|when|whenever|after|by|during|while|if|at night|in the morning|in the evening|at rest|lying)\b/i;

/** True when the sentence says the illness is getting worse over time, not what makes it worse. */
function worseningIn(sentence: string): boolean {
  for (const m of sentence.matchAll(new RegExp(WORSENING.source, 'gi'))) {
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    if (
      !/^(?:worsen|getting worse|got worse|become worse|becoming worse)/i.test(m[0]) ||
      !AGGRAVATED_BY.test(after)
    )
      return true;
  }
  return false;
}

/** A heading that starts the patient's background rather than the current story. */
const BACKGROUND_HEADING =
  /^\s*(?:past |previous |medical |surgical |drug |obstetric )*(?:history|family history|social history|fh|sh|pmh|psh|medications?|drugs|allergies|family|social)\s*:/i;
const STORY_HEADING =
  /^\s*(?:chief complaints?|presenting complaint|history of (?:the )?presenting (?:complaint|illness)|hpi|hpc|pc|cc|complaint)\s*:/i;
const DENIAL = /^\s*(?:no|not|nor|denies|denied|without|negative for)\b/i;

function countOf(word: string): number {
  const n = parseNumber(word.replace(/\s+of$/i, ''));
  return Number.isFinite(n) ? n : 1;
}

function unitDays(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('mi')) return UNIT_DAYS.minute!;
  if (u.startsWith('h')) return UNIT_DAYS.hour!;
  if (u.startsWith('d')) return UNIT_DAYS.day!;
  if (u.startsWith('w')) return UNIT_DAYS.week!;
  if (u.startsWith('mo')) return UNIT_DAYS.month!;
  return UNIT_DAYS.year!;
}

/** The sentences of the current story: background sections and denials left out. */
export function storySentences(text: string): string[] {
  const out: string[] = [];
  let background = false;
  for (const line of text.split(/\r?\n|\s\/\s/)) {
    if (BACKGROUND_HEADING.test(line)) {
      background = true;
      continue;
    }
    if (STORY_HEADING.test(line) || /^\s*\S[^:]{0,40}:\s*$/.test(line)) background = false;
    if (background) continue;
    for (const sentence of line.split(/(?<=[.;!?])\s+|,\s+(?=(?:no|not|denies)\b)/i)) {
      // The last menstrual period dates the cycle, not the complaint.
      if (sentence.trim() && !DENIAL.test(sentence) && !/\b(?:LMP|last menstrual period)\b/i.test(sentence))
        out.push(sentence);
    }
  }
  return out;
}

/** The clause that ends at `at`: back to the last comma, semicolon, "and" or "but", at most 60 characters. */
function clauseBefore(sentence: string, at: number): string {
  const window = sentence.slice(Math.max(0, at - 60), at);
  const parts = window.split(/[,;]|\b(?:and|but)\b/i);
  return parts[parts.length - 1] ?? window;
}

/** Durations written in one sentence (days). */
export function durationsIn(sentence: string): number[] {
  const days: number[] = [];
  /** Durations dated by their own words ("started 8 hours ago"): kept even in a sentence about episodes. */
  const anchored: number[] = [];
  /** Ages and gestations the intake reads ("my son is 10 months", "14mo boy", "32 weeks pregnant") are no course. */
  const notCourse = [...extractDemographics(sentence), ...extractGestationalAge(sentence)].flatMap((v) =>
    v.sourceSpan ? [v.sourceSpan] : [],
  );
  for (const m of sentence.matchAll(DURATION)) {
    const at = m.index ?? 0;
    const before = sentence.slice(Math.max(0, at - 24), at + (m[0].length - m[0].trimStart().length));
    const after = sentence.slice(at + m[0].length);
    if (RATE_BEFORE.test(before.replace(/\s*\d+(?:\.\d+)?\s*$/, '')) && /^\s*(?:a|per)\b/i.test(after))
      continue;
    // "Four to six times a day", "two packs a day": "a day" after a count of things is a rate.
    if (/^\W*an?\s/i.test(m[0]) && RATE_BEFORE.test(before) && !/\b(?:a|an)\s*$/i.test(before)) continue;
    // Habits, earlier diagnoses and treatments next to the duration date the background, not the complaint
    // ("smoked a pack a day for 30 years", "Crohn disease diagnosed 2 years ago", "treated for 12 days").
    if (BACKGROUND_NEAR.test(sentence.slice(Math.max(0, at - 30), at + m[0].length + 20))) continue;
    if (PAST_EVENT.test(clauseBefore(sentence, at))) continue;
    // "Same thing 2 yrs ago", "had this before, 3 years ago": an earlier episode, not the start of this one.
    if (ANCHOR_AFTER.test(after) && EARLIER_EPISODE.test(clauseBefore(sentence, at))) continue;
    // Anything one "had" years ago ("had a kidney stone 5 yrs ago") is the background, whatever it was.
    if (/^\s*ago\b/i.test(after) && /\bhad\b/i.test(clauseBefore(sentence, at)) && /y(?:ea)?rs?/i.test(m[0]))
      continue;
    if (notCourse.some((span) => span.start < at + m[0].length && span.end > at)) continue;
    if (RATE_AFTER.test(after) || /^\s*(?:a|per)\s+(?:day|week|month)\b/i.test(after)) continue;
    if (/\bx\s*$/i.test(before) && !/^\s*x/i.test(m[0])) continue;
    // What a pad or tampon holds in an hour ("flooding through a pad in an hour") is a rate of bleeding.
    if (SOAKED_IN.test(sentence.slice(Math.max(0, at - 60), at + (m[0].length - m[0].trimStart().length))))
      continue;
    // How long one episode lasts ("lasting 20 minutes", "resolves within 2-30 minutes") is not the course.
    if (EPISODE_BEFORE.test(before)) continue;
    // "The first 2 days" of a period or an illness is a part of it, not how long ago it began.
    if (/\bthe first\s*$/i.test(before)) continue;
    const duration = m[1] ? countOf(m[1]) * unitDays(m[2]!) : Number(m[3]) * unitDays(m[4]!);
    // Minutes of stiffness in the morning ("stiff in the mornings for about 10 minutes") are one episode's length;
    // months "in the morning for 3 months" are the course.
    if (duration < 1 && MORNING_EPISODE_BEFORE.test(before)) continue;
    const anchoredHere = ANCHOR_AFTER.test(after) || ANCHOR_BEFORE.test(before);
    // Hours or minutes after or before an event time the symptom within a day ("woken an hour after he falls
    // asleep", "an hour or two after a milky coffee"), not the start of the complaint.
    if (duration < 1 && !anchoredHere && RELATIVE_TO_EVENT.test(after)) continue;
    // "Starts a few days before bleeding", "2 days before each period": a span measured back from an event that
    // recurs ("starting two days before bleeding"), not the start of the complaint.
    if (BEFORE_EVENT.test(after)) continue;
    if (anchoredHere) anchored.push(duration);
    else days.push(duration);
  }
  // Hours and minutes date the start of the complaint only with an onset word ("started 10 minutes ago", "1 hour of
  // chest pain", "for the past 6 hours"); otherwise they are how long something lasts ("better after a few hours of
  // rest", "unconscious for 3 minutes").
  if (!SUB_DAY_ONSET.test(sentence)) {
    const kept = days.filter((d) => d >= 1);
    days.length = 0;
    days.push(...kept);
  }
  // Hours and minutes in a sentence about episodes ("the attacks last between 2 and 4 hours", "sleeps 8 hrs")
  // are how long one episode lasts, not how long ago the complaint began.
  if (EPISODE_SENTENCE.test(sentence)) {
    const kept = days.filter((d) => d >= 1);
    days.length = 0;
    days.push(...kept);
  }
  days.push(...anchored);
  if (SAME_DAY.test(sentence) && !FREE_OF_IT.test(sentence) && !habitualClockTime(sentence)) days.push(1);
  const lastUnit = LAST_UNIT.exec(sentence)?.[1]?.toLowerCase();
  if (lastUnit) days.push(lastUnit === 'fortnight' ? 2 * UNIT_DAYS.week! : unitDays(lastUnit));
  // "He have high blood pressure long time": how long a known condition has lasted is the background.
  if (LONG_STANDING.test(sentence) && !KNOWN_CONDITION.test(sentence)) days.push(3 * 365.25);
  else if (FOR_MONTHS.test(sentence)) days.push(3 * UNIT_DAYS.month!);
  else if (FOR_WEEKS.test(sentence)) days.push(3 * UNIT_DAYS.week!);
  return days;
}

export function readOnset(text: string): PresentationOnset {
  const sentences = storySentences(text);
  const days = sentences.flatMap(durationsIn);
  return {
    ...(days.length ? { shortestDays: Math.min(...days), longestDays: Math.max(...days) } : {}),
    sudden: sentences.some((s) => SUDDEN.test(s)),
    worsening: sentences.some(worseningIn),
  };
}

/**
 * The course as triage uses it: `new` when some part of the current story began within the last 7 days (a new
 * illness, or a long-standing one that changed this week), else `long-standing` when it has gone on for 4 weeks or
 * more, else `subacute` (1–4 weeks); a story with no time course written is `new` when it began suddenly, else
 * `unknown`.
 */
export type OnsetCourse = 'new' | 'subacute' | 'long-standing' | 'unknown';

export const NEW_WITHIN_DAYS = 7;
export const LONG_STANDING_DAYS = 28;

export function onsetCourse(onset: PresentationOnset | undefined): OnsetCourse {
  if (!onset) return 'unknown';
  const { shortestDays, longestDays } = onset;
  if (shortestDays === undefined || longestDays === undefined) return onset.sudden ? 'new' : 'unknown';
  if (shortestDays <= NEW_WITHIN_DAYS) return 'new';
  return longestDays >= LONG_STANDING_DAYS ? 'long-standing' : 'subacute';
}
