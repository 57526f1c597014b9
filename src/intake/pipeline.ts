import type { Finding } from '../clinical/finding.js';
import { LOINC, type Observation } from '../clinical/observation.js';
import type { TextSpan } from '../clinical/span.js';
import { assertContext, type ContextAssertion, type FoundTrigger, findTriggers } from './context/context.js';
import { narratorsChild } from './context/narrators-child.js';
import { attachDurations } from './durations.js';
import { isFamilyHistoryConcept } from './family-history.js';
import type { KnowledgeBaseLike } from './kb-adapter.js';
import { ConceptMatcher, type ConceptMention, type Lexicon } from './lexicon.js';
import { findChiefComplaint, keyQuestions, type QuestionRanker } from './questions.js';
import type { IntakeFinding, IntakeRecord, IntakeSmoking, PartialMarker } from './record.js';
import { type SectionKind, type Sentence, sectionDefaults, segment } from './segment.js';
import { signsFromObservations } from './signs.js';
import { summarize } from './summary.js';
import { type Token, tokenize } from './tokens.js';
import {
  type Demographics,
  type DurationMention,
  extractDemographics,
  extractDurations,
  extractMeasurements,
  extractSmoking,
  GESTATIONAL_AGE_LOINC,
  PACK_YEARS_LOINC,
  RELATIVE_SEX,
  type SmokingMention,
} from './values.js';

export interface IntakeOptions {
  readonly lexicon: Lexicon;
  /** Conditions and concepts for the key questions (the diagnosis knowledge base, or a fixture). */
  readonly knowledgeBase?: KnowledgeBaseLike;
  /** Consultation date (YYYY-MM-DD) for relative onsets; none → onsets are not dated. */
  readonly referenceDate?: string;
  /** The diagnosis model's most informative questions, when available (undefined: the knowledge-base order). */
  readonly questionRanker?: QuestionRanker | undefined;
}

/** What one sentence yields; cached by sentence so that streaming only analyses what changed. */
interface SentenceAnalysis {
  readonly findings: readonly IntakeFinding[];
  readonly observations: readonly Observation[];
  readonly durations: readonly DurationMention[];
  readonly smoking: readonly SmokingMention[];
  readonly demographics: readonly Demographics[];
}

/** Body temperature from which a measured value counts as fever (°C). */
export const FEVER_THRESHOLD_CEL = 38;

const PATIENT_WORDS = new Set(['patient', 'pt', 'himself', 'herself']);

/** Compiled matchers, shared by every processor of the same lexicon. */
const compiled = new WeakMap<Lexicon, ConceptMatcher>();

function toStatus(negation: 'affirmed' | 'negated' | 'possible'): Finding['status'] {
  return negation === 'negated' ? 'absent' : negation === 'possible' ? 'unknown' : 'present';
}

/**
 * The intake pipeline: segmentation → concept recognition → ConText → values → record. `process` may be called on
 * a growing text (a transcript arriving in chunks): sentences already analysed are reused from a cache, so an update
 * costs the segmentation of the text plus the analysis of new or changed sentences.
 */
/** A degree of breathlessness written right after it (up to two words between: "even", "now"). */
const BREATHLESS_DEGREE =
  /^[\s,]*(?:[a-z]+\s+){0,2}?(at rest|when (?:lying|sitting) still|on minimal (?:exertion|effort)|with minimal (?:exertion|effort)|after a few steps|walking across (?:a|the) room)\b|^[^.;]{0,70}?\bnow\b(?:\s+[a-z]+){0,3}?\s+(?:even\s+)?(at rest)\b/i;

const PAIN_WORDS = /pain|ache|aching|hurt|sore|discomfort|tender|cramp|colic|angina/i;
/** The pain character that says how bad a pain is ("severe", "excruciating"). */
const SEVERE = 'violent';
const COMPARATIVE = new Set(['more', 'less', 'not', 'no', 'never']);
const COPULA = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'became',
  'become',
  'get',
  'got',
  'gets',
  'remain',
  'remains',
  'feel',
  'feels',
  'felt',
]);
/**
 * Whether a phrase that names an absence ("afebrile", "temp normal", "can walk on it") is itself denied: only by a
 * denial right before it ("not afebrile", "can't walk on it"), not by a list's "no" further back ("no vomiting,
 * afebrile" is two absences, not a fever).
 */
function deniesAbsence(context: ContextAssertion, mentionFirst: number): boolean {
  return (
    context.negation === 'negated' &&
    context.triggers.some((t) => t.category === 'negated' && t.last >= mentionFirst - 1)
  );
}

/** How many words a severity word may stand from the pain it qualifies. */
const SEVERITY_REACH = 3;

/**
 * Whether a severity word qualifies a pain in its sentence: the pain follows within a few words ("severe right knee
 * pain", or after a coordination: "severe dyspnoea and right-sided chest pain"), or went before with a linking verb or directly ("the pain is severe", "pain severe") — not another
 * complaint in the same sentence ("abdominal cramps and severe vomiting"), and not a comparison ("more severe in the
 * front of the head" says where, not how bad).
 */
function severityQualifiesPain(tokens: readonly Token[], mention: { first: number; last: number }): boolean {
  const word = (k: number) => tokens[k]?.text.toLowerCase() ?? '';
  const isPain = (k: number) => k >= 0 && k < tokens.length && PAIN_WORDS.test(word(k));
  if (COMPARATIVE.has(word(mention.first - 1))) return false;
  // Forward: the pain it names, also across a coordination ("severe dyspnoea and right-sided chest pain").
  let reach = mention.last + SEVERITY_REACH;
  for (let k = mention.last + 1; k <= reach && k < tokens.length; k++) {
    if (tokens[k]!.punct) break;
    if (isPain(k)) return true;
    if (word(k) === 'and' || word(k) === 'or') reach = k + SEVERITY_REACH + 1;
  }
  if (isPain(mention.first - 1)) return true;
  for (let k = mention.first - 1; k >= mention.first - SEVERITY_REACH && k >= 0; k--) {
    if (tokens[k]!.punct) break;
    if (COPULA.has(word(k))) {
      // The subject of the linking verb, back to the start of the clause ("the pain in her belly has become severe").
      for (let j = k - 1; j >= 0 && !tokens[j]!.punct; j--) if (isPain(j)) return true;
      return false;
    }
  }
  return false;
}

/** What "heavy" may be said of when it describes a pain ("heavy chest", "a heavy feeling", "heavy, like a weight"). */
const HEAVY_PAIN_NOUNS = new Set([
  'chest',
  'pain',
  'ache',
  'aching',
  'feeling',
  'feel',
  'pressure',
  'sensation',
  'weight',
  'tightness',
  'discomfort',
  'and',
  'in',
  'on',
  'across',
  'over',
  'like',
]);

/** Whether "heavy" names something other than the pain ("heavy bench press session", "heavy lifting", "heavy periods"). */
function heavyQualifiesSomethingElse(
  tokens: readonly Token[],
  mention: { first: number; last: number },
): boolean {
  if (tokens[mention.first]?.text.toLowerCase() !== 'heavy' || mention.first !== mention.last) return false;
  const next = tokens[mention.last + 1];
  return next !== undefined && !next.punct && !HEAVY_PAIN_NOUNS.has(next.text.toLowerCase());
}

/** Words of degree or pace a concept's label may carry that the text must say before the record repeats them. */
const LABEL_QUALIFIERS =
  /^(significant|severe|marked|minimal|sudden|intense|heavy|mild|moderate|acute)\b\s*/i;

/**
 * The finding's label without a qualifier the text does not state: the knowledge base calls its breathlessness
 * concept "Significant shortness of breath" (the DDXPlus question), and the record must not say "significant" when
 * the note says "some breathlessness".
 */
export function honestLabel(label: string, sentenceText: string): string {
  const m = LABEL_QUALIFIERS.exec(label);
  if (!m) return label;
  if (new RegExp(`\\b${m[1]}`, 'i').test(sentenceText)) return label;
  const rest = label.slice(m[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** A baby the narrator feeds ("breastfeeding my 6 wk old, left breast …"): the mother is the patient. */
const FED_BY_NARRATOR = /\b(?:breast ?feeding|breastfeed|nursing|expressing for)\s+(?:my|our|a|the)\s*$/i;

/** The relatives a narrator speaks for who are grown up: an age in weeks or days beside them is a baby's. */
const ADULT_RELATIVES: ReadonlySet<string> = new Set(
  Object.keys(RELATIVE_SEX)
    .filter((w) => !/^(son|daughter|brother|sister)$/.test(w))
    .concat('partner'),
);

export class IntakeProcessor {
  readonly #matcher: ConceptMatcher;
  #cache = new Map<string, SentenceAnalysis>();

  constructor(readonly options: IntakeOptions) {
    let matcher = compiled.get(options.lexicon);
    if (!matcher) {
      matcher = new ConceptMatcher(options.lexicon);
      compiled.set(options.lexicon, matcher);
    }
    this.#matcher = matcher;
    this.#knowsFever = options.lexicon.entries.some((e) => e.conceptId === 'fever');
    this.#knowsMinimalExertion = options.lexicon.entries.some(
      (e) => e.conceptId === 'dyspnea.minimal-exertion',
    );
  }

  readonly #knowsFever: boolean;
  readonly #knowsMinimalExertion: boolean;

  #analyse(text: string, sentence: Sentence, kind: SectionKind, child: string | undefined): SentenceAnalysis {
    const key = `${sentence.start}\u0000${kind}\u0000${child ?? ''}\u0000${sentence.text}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const tokens = tokenize(sentence.text, sentence.start);
    const mentions = [...mentionsInside(this.#matcher, tokens)];
    const triggers = withoutComplaintNegations(findTriggers(tokens, undefined, child), mentions);
    const observations = extractMeasurements(sentence.text, sentence.start);
    const durations = extractDurations(sentence.text, sentence.start, this.options.referenceDate);
    const smoking = extractSmoking(sentence.text, sentence.start);
    const demographics = extractDemographics(sentence.text, sentence.start);
    // A gestational age ("34 weeks pregnant") leaves its words to the findings: the pregnancy is one.
    const valueSpans = observations
      .filter((o) => o.code.code !== GESTATIONAL_AGE_LOINC)
      .map((o) => o.sourceSpan!)
      .concat(demographics.map((d) => d.sourceSpan));
    // A sentence that names the patient ("Patient himself has no diabetes") is about the patient even in a family
    // history section.
    const namesPatient = tokens.some((t) => PATIENT_WORDS.has(t.norm));
    const defaults = namesPatient ? {} : sectionDefaults(kind);
    const findings: IntakeFinding[] = [];
    for (const mention of mentions) {
      if (valueSpans.some((s) => mention.start < s.end && mention.end > s.start)) continue;
      // A pain attribute ("severe" as the pain's character) needs a pain in the sentence: "severe breathlessness"
      // says nothing about pain.
      if (mention.conceptId.startsWith('pain.') && !PAIN_WORDS.test(sentence.text)) continue;
      if (
        mention.conceptId === 'pain.character' &&
        mention.value === SEVERE &&
        !severityQualifiesPain(tokens, mention)
      )
        continue;
      if (mention.conceptId === 'pain.character' && heavyQualifiesSomethingElse(tokens, mention)) continue;
      const context = assertContext(tokens, mention.first, mention.last, triggers, defaults);
      // A blood relative's condition is the patient's family history: the knowledge base's family concept for it
      // ("mother has asthma" → family.asthma), still marked as another person's.
      const conceptId =
        mention.relativeConceptId && context.familyHistory ? mention.relativeConceptId : mention.conceptId;
      const familyConcept = isFamilyHistoryConcept(conceptId);
      const label = this.options.lexicon.label(
        mention.value !== undefined ? `${conceptId}=${mention.value}` : conceptId,
      );
      findings.push({
        conceptId,
        ...(mention.value !== undefined ? { value: mention.value } : {}),
        status: mention.namesAbsence
          ? deniesAbsence(context, mention.first)
            ? 'present'
            : 'absent'
          : toStatus(context.negation),
        temporality:
          (familyConcept && context.temporality === 'recent') ||
          countedPregnancies(text.slice(mention.start, mention.end))
            ? 'historical'
            : context.temporality,
        experiencer: familyConcept ? 'other' : context.experiencer,
        certainty: context.negation === 'possible' ? 'possible' : 'definite',
        sourceSpan: { start: mention.start, end: mention.end, text: text.slice(mention.start, mention.end) },
        label: honestLabel(
          label === `${conceptId}=${mention.value}`
            ? `${this.options.lexicon.label(conceptId)}: ${String(mention.value)}`
            : label,
          sentence.text,
        ),
        section: kind,
        ...(context.triggers.length > 0
          ? {
              triggers: context.triggers.map((t) => text.slice(tokens[t.first]!.start, tokens[t.last]!.end)),
            }
          : {}),
      });
    }
    // Breathlessness with a degree written after it ("dyspnoeic even at rest", "short of breath on minimal
    // exertion"): the degree is a finding of its own.
    if (this.#knowsMinimalExertion)
      for (const finding of [...findings]) {
        if (
          finding.conceptId !== 'dyspnea' ||
          findings.some((f) => f.conceptId === 'dyspnea.minimal-exertion')
        )
          continue;
        const after = text.slice(finding.sourceSpan.end, sentence.start + sentence.text.length);
        const degree = BREATHLESS_DEGREE.exec(after);
        if (!degree) continue;
        const end = finding.sourceSpan.end + degree[0].length;
        findings.push({
          ...finding,
          conceptId: 'dyspnea.minimal-exertion',
          label: /rest|still/i.test(degree[1] ?? degree[2]!)
            ? 'Breathless at rest'
            : 'Breathless on minimal exertion',
          labelAsWritten: true,
          sourceSpan: {
            start: finding.sourceSpan.start,
            end,
            text: text.slice(finding.sourceSpan.start, end),
          },
        });
      }
    // A measured temperature of 38.0 °C or more is a fever, even when the word is not written; read before the
    // durations, so that "a temperature of 39 on and off for 5 days" gives the fever its 5 days.
    const fever = observations.find((o) => o.code.code === '8310-5' && o.value.value >= FEVER_THRESHOLD_CEL);
    if (
      fever?.sourceSpan &&
      this.#knowsFever &&
      !findings.some((f) => f.conceptId === 'fever' || f.conceptId.startsWith('fever.'))
    ) {
      findings.push({
        conceptId: 'fever',
        status: 'present',
        temporality: 'recent',
        experiencer: 'patient',
        certainty: 'definite',
        sourceSpan: fever.sourceSpan,
        label: this.options.lexicon.label('fever'),
        section: kind,
        triggers: [`temperature ≥ ${FEVER_THRESHOLD_CEL} °C`],
      });
    }
    // A duration belongs to the complaint written beside it (see `attachDurations`).
    const withDurations = attachDurations(sentence.text, sentence.start, findings, durations);
    // A present refinement implies its parent ("productive cough" is a cough; "crushing" pain is pain), unless
    // the parent is written in the same sentence.
    for (const finding of [...withDurations]) {
      if (finding.status !== 'present' || finding.certainty !== 'definite') continue;
      const parent = this.options.lexicon.impliedParent?.(finding.conceptId);
      if (
        !parent ||
        withDurations.some((f) => f.conceptId === parent && f.experiencer === finding.experiencer)
      )
        continue;
      const { value: _value, triggers: _triggers, ...rest } = finding;
      withDurations.push({
        ...rest,
        conceptId: parent,
        label: honestLabel(this.options.lexicon.label(parent), sentence.text),
        impliedBy: finding.conceptId,
      });
    }
    const analysis: SentenceAnalysis = {
      findings: withDurations,
      observations,
      durations,
      smoking,
      demographics,
    };
    this.#cache.set(key, analysis);
    return analysis;
  }

  /** The record of `text`; `partial` marks a record built from part of the input. */
  process(text: string, partial?: PartialMarker): IntakeRecord {
    const { sections, sentences } = segment(text);
    const nextCache = new Map<string, SentenceAnalysis>();
    const findings: IntakeFinding[] = [];
    const observations: Observation[] = [];
    const durations: DurationMention[] = [];
    const smoking: SmokingMention[] = [];
    const demographics: Demographics[] = [];
    const child = narratorsChild(text);
    for (const sentence of sentences) {
      const kind = sections[sentence.sectionIndex]?.kind ?? 'preamble';
      const analysis = this.#analyse(text, sentence, kind, child);
      nextCache.set(`${sentence.start}\u0000${kind}\u0000${child ?? ''}\u0000${sentence.text}`, analysis);
      findings.push(...analysis.findings);
      observations.push(...analysis.observations);
      durations.push(...analysis.durations);
      smoking.push(...analysis.smoking);
      demographics.push(...analysis.demographics);
    }
    this.#cache = nextCache;
    // In a parent's story about their child, the speaker's own age ("I'm 32") is not the patient's.
    // In a story about an adult ("my wife … our baby is 10 days old"), a baby's age is the baby's.
    const adultSubject = child !== undefined && ADULT_RELATIVES.has(child);
    const first = demographics.find(
      (d) =>
        !(child && d.firstPerson) &&
        !(adultSubject && d.writtenAge !== undefined) &&
        !FED_BY_NARRATOR.test(text.slice(Math.max(0, d.sourceSpan.start - 30), d.sourceSpan.start)),
    );
    // The relative the narrator speaks for names the sex when no written age-and-sex does ("my husband is …").
    const sex =
      demographics.find((d) => d.sex && d.sex !== 'unknown')?.sex ??
      (child ? RELATIVE_SEX[child] : undefined);
    const patient = {
      ...(first?.ageYears !== undefined ? { ageYears: first.ageYears } : {}),
      ...(sex ? { sex } : {}),
      ...(first ? { sourceSpan: first.sourceSpan } : {}),
    };
    if (first?.ageYears !== undefined) {
      observations.unshift({
        code: { system: LOINC, code: '30525-0', display: 'Age' },
        value: first.writtenAge ?? { value: first.ageYears, unit: 'a' },
        sourceSpan: first.sourceSpan,
      });
    }
    const smokingRecord = mergeSmoking(smoking);
    if (smokingRecord?.packYears !== undefined) {
      const at = smoking.find((s) => s.packYears !== undefined)!;
      observations.push({
        code: { system: LOINC, code: PACK_YEARS_LOINC, display: 'Cigarette pack-years' },
        value: { value: smokingRecord.packYears, unit: '{pack-years}' },
        sourceSpan: at.sourceSpan,
      });
    }
    const chiefComplaint = findChiefComplaint(findings, sentences, sections, text);
    const questions = keyQuestions({
      chiefComplaintIds: chiefComplaint ? [chiefComplaint.conceptId] : [],
      findings,
      lexicon: this.options.lexicon,
      ...(this.options.knowledgeBase ? { knowledgeBase: this.options.knowledgeBase } : {}),
      ...(this.options.questionRanker ? { ranker: this.options.questionRanker } : {}),
      patient: {
        ...(patient.ageYears !== undefined ? { ageYears: patient.ageYears } : {}),
        ...(patient.sex ? { sex: patient.sex } : {}),
      },
    });
    const warnings: string[] = [];
    if (text.trim().length === 0) warnings.push('empty text');
    if (partial) warnings.push(`partial record: ${partial.reason}`);
    const base = {
      textLength: text.length,
      ...(this.options.referenceDate ? { referenceDate: this.options.referenceDate } : {}),
      patient,
      sections: sections.map((s) => ({
        kind: s.kind,
        ...(s.title ? { title: s.title } : {}),
        start: s.headerStart ?? s.start,
        end: s.end,
      })),
      findings,
      observations,
      durations,
      signs: signsFromObservations(observations, patient),
      ...(smokingRecord ? { smoking: smokingRecord } : {}),
      ...(chiefComplaint ? { chiefComplaint } : {}),
      keyQuestions: questions,
      ...(partial ? { partial } : {}),
      warnings,
    };
    return { ...base, summary: summarize(base) };
  }
}

/**
 * The sentence's concept mentions, plus, for a mention that an attached "non-" denies ("non-bloody diarrhoea",
 * "non-productive cough"), the mentions within its remaining words ("diarrhoea", "cough"): the prefix denies only
 * the word it is attached to, so the head of the phrase is still affirmed.
 */
function mentionsInside(matcher: ConceptMatcher, tokens: readonly Token[]): ConceptMention[] {
  const mentions = matcher.match(tokens);
  const heads: ConceptMention[] = [];
  for (const mention of mentions) {
    if (mention.last === mention.first || tokens[mention.first - 1]?.norm !== 'non') continue;
    const from = mention.first + 1;
    for (const inner of matcher.match(tokens.slice(from, mention.last + 1)))
      heads.push({ ...inner, first: inner.first + from, last: inner.last + from });
  }
  return heads.length > 0 ? [...mentions, ...heads] : mentions;
}

function mergeSmoking(mentions: readonly SmokingMention[]): IntakeSmoking | undefined {
  if (mentions.length === 0) return undefined;
  const status =
    mentions.find((m) => m.status === 'current')?.status ??
    mentions.find((m) => m.status === 'former')?.status ??
    mentions.find((m) => m.status === 'never')?.status;
  const packYears = mentions.find((m) => m.packYears !== undefined)?.packYears;
  // Pack-years with no other word mean the patient smoked: at least a former smoker.
  const inferred = status ?? (packYears !== undefined ? 'former' : undefined);
  return {
    ...(inferred ? { status: inferred } : {}),
    ...(packYears !== undefined ? { packYears } : {}),
    sourceSpans: mentions.map((m) => m.sourceSpan),
  };
}

/**
 * The findings list the diagnosis engine takes: the patient's own, non-hypothetical findings, one per concept
 * (and value): present beats absent beats unknown, the first mention's span kept. A family-history concept
 * (`family.*`, read with experiencer `other`) is the patient's antecedent, so it is passed on as the patient's.
 */
/**
 * Exposures a household shares: said of others ("they have an old gas boiler", "the children have headaches too
 * from the heater", "his friend had similar symptoms"), they are the patient's exposure as well, so they are kept as
 * the patient's.
 */
const SHARED_EXPOSURES: ReadonlySet<string> = new Set([
  'sign.carbon-monoxide-exposure',
  'sign.smoke-inhalation',
  // Someone else ill or itchy is, by its nature, said of others ("his friend had similar symptoms").
  'sign.sick-contacts',
  'sign.household-itch',
  // A meal shared with someone now ill ("a friend who ate the same food has it too").
  'sign.suspect-food',
]);

export function diagnosisFindings(record: Pick<IntakeRecord, 'findings'>): Finding[] {
  const rank = { present: 2, absent: 1, unknown: 0 } as const;
  const byKey = new Map<string, Finding>();
  for (const recorded of record.findings) {
    if (recorded.temporality === 'hypothetical') continue;
    const familyConcept = isFamilyHistoryConcept(recorded.conceptId);
    const shared = SHARED_EXPOSURES.has(recorded.conceptId);
    if (recorded.experiencer === 'other' && !familyConcept && !shared) continue;
    const finding: IntakeFinding =
      familyConcept || shared ? { ...recorded, experiencer: 'patient' } : recorded;
    const key = `${finding.conceptId}\u0000${String(finding.value ?? '')}`;
    const current = byKey.get(key);
    // A finding named both in the past and now is current ("pre-eclampsia in her previous pregnancy … now 30
    // weeks pregnant"): at equal status a current mention replaces a historical one.
    const newerMention =
      current?.status === finding.status &&
      current.temporality === 'historical' &&
      finding.temporality !== 'historical';
    if (current && rank[current.status] >= rank[finding.status] && !newerMention) continue;
    const {
      label,
      section: _section,
      triggers: _triggers,
      impliedBy: _impliedBy,
      labelAsWritten,
      ...plain
    } = finding;
    byKey.set(key, labelAsWritten ? { ...plain, label } : plain);
  }
  return [...byKey.values()];
}

/** Spans of everything extracted, for highlighting. */
export function recordSpans(record: IntakeRecord): TextSpan[] {
  return [
    ...record.findings.map((f) => f.sourceSpan),
    ...record.observations.flatMap((o) => (o.sourceSpan ? [o.sourceSpan] : [])),
    ...record.durations.map((d) => d.sourceSpan),
  ];
}

/**
 * Largest text analysed in one request (characters, ≈ 30,000 words, about one second of work): longer input is
 * read up to the last line or word break before it and the record is marked partial, so one huge request cannot
 * hold the server for long.
 */
export const MAX_PROCESSED_CHARS = 200_000;

/** `processor.process(text)`, on at most `maxChars` characters of it (the record then marked partial). */
export function processBounded(
  processor: IntakeProcessor,
  text: string,
  maxChars = MAX_PROCESSED_CHARS,
): IntakeRecord {
  if (text.length <= maxChars) return processor.process(text);
  const head = text.slice(0, maxChars);
  const lineBreak = head.lastIndexOf('\n');
  const space = head.search(/\s\S*$/);
  const cut = lineBreak > maxChars * 0.9 ? lineBreak : space > 0 ? space : maxChars;
  return processor.process(text.slice(0, cut), {
    reason: `text is ${text.length} characters; the first ${cut} were read (limit ${maxChars} per request)`,
    charactersRead: cut,
  });
}

/**
 * The negation triggers left once those inside a complaint's own words are dropped: the "no" of "no energy" or "no
 * appetite" names a complaint, so it denies nothing after it ("Low mood, No energy, Poor sleep"). A phrase that names
 * an absence ("no fever") keeps its trigger.
 */
function withoutComplaintNegations(
  triggers: readonly FoundTrigger[],
  mentions: readonly ConceptMention[],
): FoundTrigger[] {
  return triggers.filter(
    (t) =>
      t.rule.category !== 'negated' ||
      !mentions.some((m) => !m.namesAbsence && m.first <= t.first && t.last <= m.last),
  );
}

/** Pregnancies counted in the plural ("three pregnancies", "both pregnancies were normal"): the obstetric history. */
function countedPregnancies(mentionText: string): boolean {
  return /\bpregnancies\b/i.test(mentionText);
}
