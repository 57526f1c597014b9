import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import type { PatientContext } from '../clinical/patient.js';
import type { TextSpan } from '../clinical/span.js';
import type { SectionKind } from './segment.js';
import type { DurationMention, SmokingStatus } from './values.js';

/** A finding read from the text: always with its source span, the section it came from, and its label. */
export interface IntakeFinding extends Finding {
  readonly sourceSpan: TextSpan;
  readonly label: string;
  readonly section: SectionKind;
  /** Text of the ConText triggers that decided negation, temporality and experiencer. */
  readonly triggers?: readonly string[];
  /** Set when the finding was not written but implied by a present refinement (its concept id). */
  readonly impliedBy?: string;
  /** The label says more than the concept id (a degree written in the text): it travels with the finding. */
  readonly labelAsWritten?: boolean;
}

export interface IntakeSmoking {
  readonly status?: SmokingStatus;
  readonly packYears?: number;
  readonly sourceSpans: readonly TextSpan[];
}

/** One finding a careful clinician would establish for the chief complaint, and whether the text answers it. */
export interface KeyQuestion {
  readonly conceptId: string;
  readonly label: string;
  /** Conditions linked to the complaint that involve this finding. */
  readonly conditionIds: readonly string[];
  /** Higher first: how many linked conditions involve it, must-not-miss conditions counting double. */
  readonly weight: number;
  /** The diagnosis model's ranking score when it proposes this question now (higher first). */
  readonly modelScore?: number;
  /** The model's expected information gain of the question (nats), when it proposes it. */
  readonly expectedGainNats?: number;
  readonly answered: boolean;
  readonly status?: Finding['status'];
  readonly sourceSpan?: TextSpan;
}

/** One line of the SOAP-style summary with the spans it was written from. */
export interface SummaryLine {
  readonly part: 'S' | 'O' | 'A' | 'P';
  readonly text: string;
  readonly sourceSpans: readonly TextSpan[];
}

/** Why a record is incomplete (input truncated, text that looked binary …). */
export interface PartialMarker {
  readonly reason: string;
  /** Characters of the input that were read. */
  readonly charactersRead: number;
}

/** The structured record of one consultation. */
export interface IntakeRecord {
  readonly textLength: number;
  /** Reference date (YYYY-MM-DD) used for relative onsets such as "since last Tuesday". */
  readonly referenceDate?: string;
  readonly patient: PatientContext & { readonly sourceSpan?: TextSpan };
  readonly sections: readonly {
    readonly kind: SectionKind;
    readonly title?: string;
    readonly start: number;
    readonly end: number;
  }[];
  /** Every concept mention with its context (absent, historical and relatives' findings included). */
  readonly findings: readonly IntakeFinding[];
  /** Vital signs and laboratory values (UCUM), age and pack-years. */
  readonly observations: readonly Observation[];
  readonly durations: readonly DurationMention[];
  /**
   * Exam signs and laboratory patterns derived from the values (`signs.ts`), as findings with the open-world
   * knowledge base's ids (`sign.*`, `lab.*`, `sx.fever`): for the open-world differential and triage. Kept apart
   * from `findings`, which hold the DDXPlus knowledge base's concepts only.
   */
  readonly signs: readonly Finding[];
  readonly smoking?: IntakeSmoking;
  readonly chiefComplaint?: {
    readonly conceptId: string;
    readonly label: string;
    readonly sourceSpan: TextSpan;
  };
  readonly keyQuestions: readonly KeyQuestion[];
  readonly summary: readonly SummaryLine[];
  readonly partial?: PartialMarker;
  readonly warnings: readonly string[];
}
