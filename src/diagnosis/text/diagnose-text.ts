import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../clinical/finding.js';
import type { Observation } from '../../clinical/observation.js';
import type { PatientContext } from '../../clinical/patient.js';
import { HealthGptError } from '../../engine/errors.js';
import { createIntakeProcessor } from '../../intake/default.js';
import { OPEN_WORLD_LEXICON_ADDITIONS } from '../../intake/intake-lexicon.js';
import { lexiconFromKnowledgeBase } from '../../intake/kb-adapter.js';
import { createLexicon, type Lexicon, mergeLexicons } from '../../intake/lexicon.js';
import { diagnosisFindings } from '../../intake/pipeline.js';
import { RAISED_SYSTOLIC_MMHG } from '../../intake/signs.js';
import {
  loadOpenWorldKnowledge,
  OPEN_WORLD_PATH,
  type OpenWorldKnowledge,
  openWorldConcepts,
} from '../../knowledge/open-world.js';
import { committedModelsDir, readModelJson } from '../../ml/model-file.js';
import {
  assessTriage,
  DIFFERENTIAL_THRESHOLDS,
  firedRedFlags,
  notAssessedTriage,
  onsetCourse,
  type PresentationOnset,
  readOnset,
  TRIAGE_LOINC,
  type TriageInput,
  type TriageLevel,
  type TriageReason,
  type TriageResult,
  vitalsFromObservations,
} from '../../triage/index.js';
import { emergencyWordingReason, raiseByWording } from '../../triage/wording/index.js';
import { type DdxEngine, ddxEngine } from '../ddx-engine.js';
import { careLevelFor, selfCareAnyCourse } from '../open-world/care-level.js';
import {
  type CombinedDifferential,
  type CombinedEntry,
  combineDifferentials,
  type DdxPosterior,
  ddxCounterparts,
  ddxSupport,
} from '../open-world/combine.js';
import { weighChronicByCourse } from '../open-world/course.js';
import {
  DEFAULT_OPEN_WORLD_PARAMS,
  type OpenWorldEvidence,
  OpenWorldModel,
  type OpenWorldParams,
  openWorldEvidence,
} from '../open-world/model.js';
import { nameBySite } from '../open-world/site.js';
import { SYNDROME_LIKELIHOOD_RATIO, weighBySyndromes } from '../open-world/syndromes.js';
import { sexFromFindings } from './sex-from-findings.js';

/**
 * Free text to differential and triage — the whole path a clinician's note or a patient's story takes: the intake
 * reads the text twice (once with the knowledge base's concepts for the DDXPlus model and triage's red flags, once
 * with the open-world findings), the DDXPlus model and the open-world model are combined (`combine.ts`) with an
 * explicit "something else" share, and triage (`src/triage`) sets the level from red flags, NEWS2 when vitals are in
 * the text, and the must-not-miss conditions still open. It abstains — no ranked list — when the text gives no
 * symptom or sign, when it does not read as English clinical text, or when its findings contradict each other or do
 * not fit the patient's age. Decision support for a clinician, not a diagnosis.
 */

/** Longest text accepted (characters): a long consultation note is ~10,000. */
export const MAX_VIGNETTE_CHARS = 20_000;

export interface TextDiagnosisInput {
  readonly text: string;
  readonly ageYears?: number;
  readonly sex?: PatientContext['sex'];
}

export interface TextDifferentialEntry {
  readonly conditionId: string;
  readonly name: string;
  readonly icd10: string;
  readonly probability: number;
  readonly mustNotMiss: boolean;
  /** Findings in the text that the knowledge links to this condition. */
  readonly supportingFindings: number;
  readonly sources: readonly string[];
  /** Red-flag rules whose pattern raised this condition (a likelihood ratio, `../open-world/syndromes.ts`). */
  readonly raisedBy?: readonly string[];
}

export type AbstainReason = 'no-findings' | 'not-english' | 'contradictory' | 'implausible-for-age';

export interface TextDiagnosis {
  /** Ranked, up to 10; empty when abstained. */
  readonly differential: readonly TextDifferentialEntry[];
  /** Probability that the cause is none of the conditions the knowledge describes. */
  readonly notCovered: number;
  readonly abstained: boolean;
  readonly abstainReason?: AbstainReason;
  /** What to do instead of reading a list (e.g. ask for the chief complaint). */
  readonly message: string;
  /** Four-level triage; undefined only when nothing in the text can be assessed. */
  readonly triage: TriageResult;
  readonly findings: {
    readonly present: readonly string[];
    readonly absent: readonly string[];
  };
  readonly warnings: readonly string[];
  /** The models that made it: the DDXPlus model version and the open-world knowledge version. */
  readonly modelVersion?: string;
}

/** Parameters of the open-world model and of the combination, calibrated on the tuning split. */
export interface TextDiagnosisParams {
  readonly openWorld: OpenWorldParams;
  /** Weight of the DDXPlus model within the mass the open-world model gives its conditions. */
  readonly ddxWeight: number;
  /**
   * Confidence earned by evidence: with n findings present, the named conditions share at most n / (n + k) and the
   * rest stays "not covered / not settled" (0 or absent: no ceiling).
   */
  readonly evidenceK?: number;
  /** Likelihood ratio of a fired red-flag pattern for the conditions it names (`../open-world/syndromes.ts`). */
  readonly syndromeLikelihoodRatio?: number;
}

export const DEFAULT_TEXT_PARAMS: TextDiagnosisParams = {
  openWorld: DEFAULT_OPEN_WORLD_PARAMS,
  ddxWeight: 0.5,
};

export const CALIBRATION_PATH = join(committedModelsDir('open-world'), 'calibration.json');

/** The committed calibration (`scripts/tune-open-world.ts`), else the defaults. */
export function loadTextParams(path = CALIBRATION_PATH): TextDiagnosisParams {
  if (!existsSync(path)) return DEFAULT_TEXT_PARAMS;
  const json = readModelJson<{ params: TextDiagnosisParams }>(path);
  return json.params;
}

/**
 * The age to use: the one given, else the note's. A whole-years age the note refines ("age 0" beside "7-month-old
 * girl") takes the note's months: infant rules turn on months (a fever under 3 months), which whole years cannot tell.
 */
export function refinedAge(
  givenYears: number | undefined,
  noteYears: number | undefined,
): number | undefined {
  if (givenYears === undefined) return noteYears;
  if (noteYears !== undefined && Number.isInteger(givenYears) && Math.floor(noteYears) === givenYears)
    return noteYears;
  return givenYears;
}

/**
 * Systolic pressures written for the right and the left arm that differ by 20 mmHg or more ("BP R arm 196/110, L arm
 * 150/85"): a pulse deficit, an aortic dissection's sign (NICE CKS Chest pain; ESC 2014 aortic diseases).
 */
export function armPressuresDiffer(observations: Parameters<typeof vitalsFromObservations>[0]): boolean {
  const bySide = new Map<string, number>();
  for (const o of observations) {
    if (o.code.code !== '8480-6') continue;
    const side = /\b(left|right|l|r)\.?\s+arm\b/i
      .exec(o.sourceSpan?.text ?? '')?.[1]
      ?.charAt(0)
      .toLowerCase();
    if (side) bySide.set(side, o.value.value);
  }
  const left = bySide.get('l');
  const right = bySide.get('r');
  return left !== undefined && right !== undefined && Math.abs(left - right) >= 20;
}

/**
 * The text with quotation marks blanked (one space each, so every offset stays): "took 'about 20' paracetamol" reads
 * as "took about 20 paracetamol". An apostrophe between letters ("don't", "mum's") is kept.
 */
export function withoutQuotationMarks(text: string): string {
  return text.replace(/['‘’"“”]/g, (mark, at: number) =>
    /\p{L}/u.test(text[at - 1] ?? '') && /\p{L}/u.test(text[at + 1] ?? '') ? mark : ' ',
  );
}

/**
 * The text with a narrator's label at the start of a line blanked ("Parent: my 3 year old…", "Mum: he has…"), offsets
 * kept: the label names who is writing, not whose findings follow.
 */
export function withoutNarratorLabels(text: string): string {
  return text.replace(
    /^(\s*)(?:parent|parents|mum|mom|mother|dad|father|carer|caller|guardian)(\s*:)/gim,
    (label) => ' '.repeat(label.length),
  );
}

/** Findings only adults have; in a young child they are read as a mistake, never as evidence. */
const ADULT_ONLY_FINDINGS = new Set([
  'sx.problems-during-pregnancy',
  'sx.spotting-or-bleeding-during-pregnancy',
  'sx.uterine-contractions',
  'sx.vaginal-bleeding-after-menopause',
  'sx.hot-flashes',
  'sx.impotence',
  'sx.premature-ejaculation',
  'sx.loss-of-sex-drive',
  'sx.pain-during-intercourse',
  'sx.infertility',
  'sx.abusing-alcohol',
  'sx.heavy-menstrual-flow',
  'sx.intermenstrual-bleeding',
  'sx.absence-of-menstruation',
  'sign.smoker',
  'sign.unsafe-sex',
  'sign.postpartum-breastfeeding',
  'lab.positive-pregnancy-test',
  // A child's "dribbling" is drool, not a weak urine stream.
  'sx.hesitancy',
]);
const YOUNG_CHILD_MAX_AGE = 10;

/**
 * Readings that describe a baby or young child: from an adult's story the same words mean something else
 * ("low and irritable" is mood, not an irritable infant), so from this age they are not evidence.
 */
const CHILDHOOD_FINDINGS = new Set([
  'sx.irritable-infant',
  'sx.infant-feeding-problem',
  'sx.infant-spitting-up',
  'sx.symptoms-of-infants',
  'sign.floppy-child',
  'sign.wheeze-child-viral',
]);
const CHILDHOOD_FINDINGS_MAX_AGE = 16;

const ENGLISH_WORDS = new Set(
  'the and of to in on with for no not is was has have had he she his her they pain since days weeks ago years old year patient reports denies history fever cough at by from after before day week month months hours this that there but also my i me it its are were be been can cant im like very just now so up'.split(
    ' ',
  ),
);
/** Frequent function words of other languages written in Latin letters (French, Spanish, Portuguese, Italian, German, Dutch). */
const OTHER_WORDS = new Set(
  'le la les de des et est il elle une du pour que qui dans avec depuis jours il y el los las es con por una del para tiene dolor desde dias der die das und ist mit ein eine nicht seit tagen che di sono per non della het een niet van uma com não dor há seus sua'.split(
    ' ',
  ),
);

/**
 * How much the text reads as English, judged by its function words: 0 when most letters are not Latin; otherwise the
 * English share of the frequent function words found (English, and French, Spanish, Portuguese, Italian, German or
 * Dutch), 1 when fewer than two words of another language are found. A text is never judged foreign for lacking
 * English function words: telegraphic notes ("Sudden severe headache, worst ever"), nurses' shorthand ("Pt c/o
 * rigors, L flank pain & dysuria x3/7") and a teenager's text ("cant breathe properly its not working") have few.
 */
export function englishShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  const latin = letters.filter((c) => /[a-zA-Z\u00C0-\u024F]/.test(c)).length;
  if (latin / letters.length < 0.5) return 0;
  const words = text.toLowerCase().match(/[a-z\u00C0-\u024F]+/g) ?? [];
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  const other = words.filter((w) => OTHER_WORDS.has(w)).length;
  if (other < 2) return 1;
  return english / (english + other);
}

/** Below this English share of the function words, the text is read as written in another language. */
export const MIN_ENGLISH_SHARE = 0.5;

/** Words that may stand right before a negated finding ("no fever", "fever or chills", "denies any cough"). */
const NEGATION_NEIGHBOURS = new Set(
  'no not nor or and any denies denied deny without never negative free of a an the some'.split(' '),
);

/**
 * True when an absent finding was read inside a longer negated phrase that names a more specific kind of it ("no
 * heliotrope erythema" is not "no erythema"): the word before its span is neither a negation cue nor a list
 * joiner. Such a negation does not contradict the general finding reported present.
 */
function negatesSubtype(text: string, finding: Finding): boolean {
  const span = finding.sourceSpan;
  if (!span) return false;
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  const word = before.match(/([A-Za-z-]+)[ \t]*$/)?.[1];
  return (word !== undefined && !NEGATION_NEIGHBOURS.has(word.toLowerCase())) || limitsExtent(text, span);
}

/** Words that bound where a finding is, not whether it is ("no spots beyond the nappy area"). */
const EXTENT_LIMIT = /\b(?:beyond|outside|elsewhere|apart from|other than|except|anywhere else)\b/i;

/**
 * True when the negated clause holding the span only limits the finding's extent ("No spots beyond the nappy area",
 * "no rash anywhere else"): it denies the finding elsewhere, not where it was reported.
 */
function limitsExtent(text: string, span: { readonly start: number; readonly end: number }): boolean {
  const from = Math.max(
    text.lastIndexOf(',', span.start),
    text.lastIndexOf('.', span.start),
    text.lastIndexOf('\n', span.start),
  );
  const ends = [',', '.', '\n'].map((c) => text.indexOf(c, span.end)).filter((i) => i >= 0);
  const clause = text.slice(from + 1, ends.length ? Math.min(...ends) : text.length);
  return EXTENT_LIMIT.test(clause);
}

/** What the intake read from one text. */
export interface TextReading {
  /** The text read (the emergency-wording model reads its words). */
  readonly text: string;
  readonly englishShare: number;
  /** Open-world findings the text reports both present and absent (current, the patient's own). */
  readonly contradictions: readonly string[];
  readonly patient: PatientContext;
  /** Knowledge-base findings (DDXPlus model, triage red flags). */
  readonly kbFindings: readonly Finding[];
  /** Open-world findings, vital signs in the text included. */
  readonly openWorldFindings: readonly Finding[];
  readonly observations: readonly Observation[];
  /** The complaint's time course read from the text (triage weighs the differential by it). */
  readonly onset?: PresentationOnset;
}

export class TextDiagnoser {
  readonly #model: OpenWorldModel;
  readonly #counterparts: Map<string, number>;
  readonly #owLexicon: Lexicon;

  constructor(
    readonly params: TextDiagnosisParams = loadTextParams(),
    readonly knowledge: OpenWorldKnowledge = loadOpenWorldKnowledge(),
    readonly ddx: DdxEngine = ddxEngine(),
  ) {
    this.#model = new OpenWorldModel(knowledge, params.openWorld);
    const ddxConditions = ddx.model.index.spec.conditions.map((_, c) => ddx.bridge.condition(c));
    this.#counterparts = ddxCounterparts(ddxConditions, knowledge.conditions);
    const concepts = openWorldConcepts(knowledge);
    const known = new Set(concepts.map((c) => c.id));
    this.#owLexicon = mergeLexicons(
      createLexicon(OPEN_WORLD_LEXICON_ADDITIONS.filter((entry) => known.has(entry.conceptId))),
      lexiconFromKnowledgeBase({ concepts, conditions: [] }),
    );
  }

  withParams(params: TextDiagnosisParams): TextDiagnoser {
    return new TextDiagnoser(params, this.knowledge, this.ddx);
  }

  /** Validates the input (throws `HealthGptError` 'invalid' / 'too-large'). */
  static check(input: TextDiagnosisInput): void {
    if (typeof input.text !== 'string' || input.text.trim().length === 0)
      throw new HealthGptError('invalid', 'text is empty: give the presenting complaint in words', {
        fieldErrors: [{ field: '/text', message: 'must not be empty' }],
      });
    if (input.text.length > MAX_VIGNETTE_CHARS)
      throw new HealthGptError(
        'too-large',
        `text has ${input.text.length} characters; at most ${MAX_VIGNETTE_CHARS} are read (one consultation)`,
        { fieldErrors: [{ field: '/text', message: `at most ${MAX_VIGNETTE_CHARS} characters` }] },
      );
    if (
      input.ageYears !== undefined &&
      !(Number.isFinite(input.ageYears) && input.ageYears >= 0 && input.ageYears <= 120)
    )
      throw new HealthGptError('invalid', 'age must be 0–120 years', {
        fieldErrors: [{ field: '/age', message: 'must be a number from 0 to 120' }],
      });
  }

  diagnose(input: TextDiagnosisInput): TextDiagnosis {
    TextDiagnoser.check(input);
    return this.assess(this.read(input));
  }

  /** The intake's two readings of the text (the slow part; `assess` reuses a reading under other parameters). */
  read(given: TextDiagnosisInput): TextReading {
    const input = { ...given, text: withoutNarratorLabels(withoutQuotationMarks(given.text)) };
    const record = createIntakeProcessor({ questionRanker: undefined }).process(input.text);
    const owRecord = createIntakeProcessor({ lexicon: this.#owLexicon, questionRanker: undefined }).process(
      input.text,
    );
    const ageYears = refinedAge(input.ageYears, record.patient.ageYears);
    let patient: PatientContext = ageYears !== undefined ? { ageYears } : {};
    const sex = input.sex ?? record.patient.sex ?? sexFromFindings(owRecord.findings);
    if (sex) patient = { ...patient, sex };
    // Findings the text reports both present and absent about the patient now ("fever … no fever").
    const current = owRecord.findings.filter(
      (f) => f.experiencer !== 'other' && (f.temporality === undefined || f.temporality === 'recent'),
    );
    const contradictions = [
      ...new Set(current.filter((f) => f.status === 'present').map((f) => f.conceptId)),
    ].filter((id) =>
      current.some((f) => f.conceptId === id && f.status === 'absent' && !negatesSubtype(input.text, f)),
    );
    return {
      text: input.text,
      englishShare: englishShare(input.text),
      contradictions,
      patient,
      kbFindings: diagnosisFindings(record),
      openWorldFindings: withReadingAsComplaint(
        [...diagnosisFindings(owRecord), ...this.#vitalFindings(record.observations)],
        record.observations,
      ),
      observations: record.observations,
      onset: readOnset(input.text),
    };
  }

  /** Differential and triage of a reading. */
  assess(reading: TextReading): TextDiagnosis {
    const warnings: string[] = [];
    const { patient, kbFindings, observations } = reading;
    const allOw = reading.openWorldFindings;
    const { contradictions } = reading;
    if (contradictions.length > 0)
      warnings.push(
        `reported both present and absent (kept present): ${contradictions.map((id) => this.knowledge.finding(id)?.label ?? id).join(', ')}`,
      );
    const { evidence, implausible } = this.#evidence(reading);
    if (implausible.length > 0)
      warnings.push(
        `not plausible at ${patient.ageYears} years, left out: ${implausible.map((id) => this.knowledge.finding(id)?.label ?? id).join(', ')}`,
      );

    // The learned wording signal (`src/triage/wording`): it can only add an emergency reason beside the rules, and
    // never to a note the rules judge self-care.
    const wordingReason = emergencyWordingReason({
      text: reading.text,
      course: onsetCourse(reading.onset),
      ...(patient.ageYears !== undefined ? { ageYears: patient.ageYears } : {}),
      kbFindings,
      openWorldFindings: allOw,
    });
    const triage = raiseByWording(
      // The time course counts on this path too: a deficit of a year is no stroke's story, also when no
      // differential is ranked.
      assessTriage({
        patient,
        findings: [...kbFindings, ...allOw],
        observations,
        ...(reading.onset ? { onset: reading.onset } : {}),
      }),
      wordingReason,
    );
    const findings = {
      present: [...evidence.present].sort(),
      absent: [...evidence.absent].sort(),
    };
    // A warning sign read from the words the differential could not use still decides the triage: say so, so the
    // result never reads "nothing recognised" beside an emergency.
    const warningSigns = triage.reasons.filter((r) => r.source !== 'default' && r.level === triage.level);
    const abstain = (reason: AbstainReason, message: string): TextDiagnosis => ({
      differential: [],
      notCovered: 1,
      abstained: true,
      abstainReason: reason,
      message: warningSigns.length
        ? `The triage rests on the warning sign read (${warningSigns.map((r) => r.text).join(' ')}); no differential is ranked. ${message}`
        : message,
      triage: notAssessed(triage, message),
      findings,
      warnings,
      modelVersion: this.#modelVersion(),
    });

    if (reading.englishShare < MIN_ENGLISH_SHARE)
      return abstain(
        'not-english',
        'The text does not read as English clinical text: not enough to go on. Give the complaint in English.',
      );
    const present = evidence.present.size;
    if (implausible.length > 0 && implausible.length * 2 >= implausible.length + present)
      return abstain(
        'implausible-for-age',
        `The findings do not fit a patient of ${patient.ageYears} years: not enough to go on. Check the age and the findings.`,
      );
    if (present === 0)
      return abstain(
        'no-findings',
        'No symptom or sign was recognised: not enough to go on. Ask for the chief complaint (what, since when, how severe).',
      );
    if ([...evidence.present].every((id) => BACKGROUND_ONLY.test(id)))
      return abstain(
        'no-findings',
        'Only background was recognised (known conditions, habits, medicines), no current complaint: not enough to go on. Ask for the chief complaint.',
      );
    if (contradictions.length >= 3 || (contradictions.length >= 2 && contradictions.length * 2 >= present))
      return abstain(
        'contradictory',
        'The text reports several findings both present and absent: not enough to go on. Clarify them first.',
      );

    const { combined, triageInput, redFlags } = this.#differential(reading, evidence, warnings);
    const entries = combined.entries.slice(0, 10).map((e) => toEntry(e, present));
    const withTriage = raiseByWording(
      assessTriage(triageInput, DIFFERENTIAL_THRESHOLDS, redFlags),
      wordingReason,
    );
    const top = entries[0]!;
    return {
      differential: entries,
      notCovered: combined.somethingElse,
      abstained: false,
      message: `${top.name} leads at ${(top.probability * 100).toFixed(0)} % on ${top.supportingFindings} supporting finding(s) of ${present} present; something else: ${(combined.somethingElse * 100).toFixed(0)} %.`,
      triage: withTriage,
      findings,
      warnings,
      modelVersion: this.#modelVersion(),
    };
  }

  /**
   * The triage input of a reading (findings, observations and the open differential with each condition's care
   * level), as `assess` builds it: for tuning the differential's thresholds without rerunning the models.
   */
  triageInput(reading: TextReading): TriageInput {
    return this.#differential(reading, this.#evidence(reading).evidence, []).triageInput;
  }

  /** The open-world evidence of a reading; in a young child, adult-only findings are left out (`implausible`). */
  #evidence(reading: TextReading): { evidence: OpenWorldEvidence; implausible: string[] } {
    const read = openWorldEvidence(reading.openWorldFindings, this.knowledge);
    const age = reading.patient.ageYears;
    const evidence =
      age !== undefined && age >= CHILDHOOD_FINDINGS_MAX_AGE
        ? {
            present: new Set([...read.present].filter((id) => !CHILDHOOD_FINDINGS.has(id))),
            absent: read.absent,
          }
        : read;
    if (age === undefined || age >= YOUNG_CHILD_MAX_AGE) return { evidence, implausible: [] };
    const implausible = [...evidence.present].filter((id) => ADULT_ONLY_FINDINGS.has(id));
    if (implausible.length === 0) return { evidence, implausible };
    return {
      evidence: {
        present: new Set([...evidence.present].filter((id) => !ADULT_ONLY_FINDINGS.has(id))),
        absent: evidence.absent,
      },
      implausible,
    };
  }

  #differential(
    reading: TextReading,
    evidence: OpenWorldEvidence,
    warnings: string[],
  ): { combined: CombinedDifferential; triageInput: TriageInput; redFlags: readonly TriageReason[] } {
    const { patient, kbFindings, observations } = reading;
    const ddx = this.#ddxPosterior(patient, kbFindings, warnings);
    // Fired once: the diagnosis weighs them, and triage reuses them (the rules do not read the differential).
    const redFlags = firedRedFlags({
      patient,
      findings: [...kbFindings, ...reading.openWorldFindings],
      observations,
      ...(reading.onset ? { onset: reading.onset } : {}),
    });
    const raw = weighBySyndromes(
      combineDifferentials(
        this.#model.posterior(patient, evidence),
        ddx,
        this.#counterparts,
        this.params.ddxWeight,
      ),
      redFlags,
      this.params.syndromeLikelihoodRatio ?? SYNDROME_LIKELIHOOD_RATIO,
    );
    const earned = earnedByEvidence(
      weighChronicByCourse(raw, onsetCourse(reading.onset)),
      evidence.present.size,
      this.params.evidenceK ?? 0,
    );
    // A condition named without its body site takes the one site the findings point to ("Ankle sprain", S93.4).
    const combined = {
      ...earned,
      entries: earned.entries.map((e) => {
        const bySite = nameBySite(e.conditionId, evidence.present);
        return bySite ? { ...e, label: bySite.label, icd10: bySite.icd10 } : e;
      }),
    };
    return {
      combined,
      redFlags,
      triageInput: {
        patient,
        findings: [...kbFindings, ...reading.openWorldFindings],
        observations,
        ...(reading.onset ? { onset: reading.onset } : {}),
        differential: earned.entries.slice(0, 20).map((e, i) => ({
          conditionId: e.conditionId,
          label: combined.entries[i]!.label,
          icd10: combined.entries[i]!.icd10,
          probability: e.probability,
          mustNotMiss: e.mustNotMiss,
          // The care level of the condition as the knowledge base codes it (a site does not change it); a condition
          // no finding in the text supports (the flat tail of thin evidence) calls for none.
          ...(e.supportingFindings > 0 ? { careLevel: careLevelFor(e) } : {}),
          ...(e.supportingFindings > 0 && selfCareAnyCourse(e.icd10) ? { selfCareAnyCourse: true } : {}),
        })),
      },
    };
  }

  #modelVersion(): string {
    return `${this.ddx.modelVersion} + open-world ${this.knowledge.version}`;
  }

  /** Vital signs in the text as open-world signs (thresholds of NEWS2 scoring 2 or more, or fever ≥ 38 °C). */
  #vitalFindings(observations: Parameters<typeof vitalsFromObservations>[0]): Finding[] {
    const v = vitalsFromObservations(observations);
    const out: Finding[] = [];
    const add = (conceptId: string, present: boolean | undefined) => {
      if (present !== undefined) out.push({ conceptId, status: present ? 'present' : 'absent' });
    };
    add(
      'sign.raised-respiratory-rate',
      v.respiratoryRate === undefined ? undefined : v.respiratoryRate >= 21,
    );
    add('sign.low-oxygen-saturation', v.spo2Percent === undefined ? undefined : v.spo2Percent <= 93);
    add('sign.tachycardia', v.pulse === undefined ? undefined : v.pulse >= 111);
    add('sign.bradycardia', v.pulse === undefined || v.pulse >= 51 ? undefined : true);
    add('sign.unequal-pulses', armPressuresDiffer(observations) ? true : undefined);
    add('sign.hypotension', v.systolicBp === undefined ? undefined : v.systolicBp <= 100);
    // A blood pressure of stage 2 hypertension or more (NICE NG136: 160/100), as `signsFromObservations` reads it:
    // a single mildly raised reading in an acute illness is pain or stress as often as hypertension.
    add(
      'sign.hypertension',
      v.systolicBp === undefined || v.systolicBp < RAISED_SYSTOLIC_MMHG ? undefined : true,
    );
    add('sx.fever', v.temperatureC === undefined || v.temperatureC < 38 ? undefined : true);
    return out;
  }

  #ddxPosterior(
    patient: PatientContext,
    findings: readonly Finding[],
    warnings: string[],
  ): DdxPosterior | undefined {
    const notes: string[] = [];
    const state = this.ddx.stateOf(patient, findings, '/findings', { reconcile: true, notes });
    if (notes.length > 0)
      warnings.push(`${notes.length} finding(s) reconciled or left out for the DDXPlus model`);
    const anyPresent = [...state.answers.entries()].some(
      ([code, answer]) =>
        answer !== 'unknown' && this.ddx.model.index.isPresent(this.ddx.model.index.question(code), answer),
    );
    if (!anyPresent) return undefined;
    // The same real-world prevalence weighting as the engine's hedged differential (`../hedge.ts`): the model's
    // closed world hands a finding linked to one rare condition (confusion → Ebola) most of its mass.
    const weights = this.ddx.prevalenceWeights(patient);
    const weighted = Array.from(this.ddx.model.predict(state), (p, c) => p * weights[c]!);
    const total = weighted.reduce((a, b) => a + b, 0);
    const probabilities = weighted.map((p) => (total > 0 ? p / total : 0));
    const conditions = Array.from(probabilities, (_, c) => this.ddx.bridge.condition(c));
    const presentIds = new Set(
      findings.filter((f) => f.status === 'present').map((f) => f.conceptId.split('.').slice(0, 2).join('.')),
    );
    for (const f of findings) if (f.status === 'present') presentIds.add(f.conceptId);
    return {
      conditions,
      probabilities,
      supporting: ddxSupport(this.ddx.bridge.kb, conditions, presentIds),
    };
  }
}

/** Scales the named conditions down to the ceiling n / (n + k) that n present findings earn; the rest is "not covered". */
export function earnedByEvidence(
  combined: CombinedDifferential,
  present: number,
  k: number,
): CombinedDifferential {
  if (k <= 0) return combined;
  const ceiling = present / (present + k);
  const named = 1 - combined.somethingElse;
  if (named <= ceiling) return combined;
  const factor = ceiling / named;
  return {
    ...combined,
    entries: combined.entries.map((e) => ({ ...e, probability: e.probability * factor })),
    somethingElse: 1 - ceiling,
  };
}

function toEntry(e: CombinedEntry, present: number): TextDifferentialEntry {
  return {
    conditionId: e.conditionId,
    name: e.label,
    icd10: e.icd10,
    probability: e.probability,
    mustNotMiss: e.mustNotMiss,
    supportingFindings: Math.min(e.supportingFindings, present),
    sources: e.sources,
    ...(e.raisedBy?.length ? { raisedBy: e.raisedBy } : {}),
  };
}

let shared: TextDiagnoser | undefined;

/** The text-to-differential path over the committed models and knowledge, built on first use. */
/**
 * Background findings that are no complaint (a known diabetes, a smoker, a family history): a note holding only these
 * — a medication list, a past history — gets no differential of its own (it would rank the known condition first).
 */
const BACKGROUND_ONLY = /-history$|^sign\.(?:smoker|known-[\w-]+|family-[\w-]+)$/;

/** NICE NG136 (2019, updated 2023): a clinic reading of 140/90 or more calls for ambulatory monitoring. */
const STAGE_1_SYSTOLIC_MMHG = 140;
const STAGE_1_DIASTOLIC_MMHG = 90;

/**
 * A note that reports a blood pressure of 140/90 or more and no symptom (a pharmacy or home reading) is about that
 * reading: it is read as raised blood pressure. Beside a complaint, only stage 2 (160) counts (`#vitalFindings`): a
 * mildly raised reading in an acute illness is pain or stress as often as hypertension.
 */
export function withReadingAsComplaint(findings: Finding[], observations: readonly Observation[]): Finding[] {
  const complaint = findings.some(
    (f) => f.status === 'present' && f.experiencer !== 'other' && !BACKGROUND_ONLY.test(f.conceptId),
  );
  if (complaint) return findings;
  const highest = (code: string) =>
    Math.max(-Infinity, ...observations.filter((o) => o.code.code === code).map((o) => o.value.value));
  const raised =
    highest(TRIAGE_LOINC.systolicBp) >= STAGE_1_SYSTOLIC_MMHG ||
    highest(TRIAGE_LOINC.diastolicBp) >= STAGE_1_DIASTOLIC_MMHG;
  return raised ? [...findings, { conceptId: 'sign.hypertension', status: 'present' }] : findings;
}

/**
 * The triage of a note the engine could not read (another language, contradictory, implausible for the age, no
 * finding): when nothing but the default spoke — no red flag, NEWS2 or learned signal —, its level is no assessment,
 * so the result says so (`insufficient`, advice to read the note) instead of passing a default `routine` or
 * `self-care` off as a triage. A red flag read from the same note still stands.
 */
export function notAssessed(triage: TriageResult, why: string): TriageResult {
  if (triage.reasons.some((r) => r.source !== 'default')) return triage;
  return notAssessedTriage(
    {
      ruleId: 'default.not-assessed',
      text: `Not assessed: ${why} A clinician must read the note and ask about the complaint; the level shown is no triage.`,
    },
    'a clinician must read the note and ask about the complaint.',
    // A note nothing could be read from is never left to home care.
    triage.level === 'self-care' ? 'routine' : triage.level,
  );
}

export function textDiagnoser(): TextDiagnoser {
  shared ??= new TextDiagnoser();
  return shared;
}

/** Free text (with optional age and sex) to a hedged differential and four-level triage. */
export function diagnoseText(input: TextDiagnosisInput): TextDiagnosis {
  return textDiagnoser().diagnose(input);
}

export type { OpenWorldEvidence, TriageLevel };
export { OPEN_WORLD_PATH };
