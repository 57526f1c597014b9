/**
 * Types of HealthGPT's clinical knowledge base: the findings (concepts) a patient interview can ask about and the
 * conditions a differential ranks. The concept and condition inventory follows DDXPlus (Fansi Tchango et al.,
 * "DDXPlus: A New Dataset For Automatic Medical Diagnosis", NeurIPS 2022 Datasets and Benchmarks, CC-BY 4.0); every
 * label, question, synonym and description is the project's own wording.
 */

/** How a concept is answered: yes/no, one value of a list, any values of a list, or a 0–10 rating. */
export type ConceptType = 'binary' | 'categorical' | 'multi-choice' | 'scale-0-10';

/** A symptom (what the patient feels now) or an antecedent (history, exposure or risk factor). */
export type ConceptKind = 'symptom' | 'antecedent';

/** One question, worded for three audiences. */
export interface QuestionRegisters {
  /** Adult patient (16–64 years). */
  readonly adult: string;
  /** Older adult (65 years and over): plain, short words, one idea per sentence. */
  readonly olderAdult: string;
  /** A child, or the caregiver answering for them: simple and reassuring. */
  readonly child: string;
}

/** One allowed answer of a categorical or multi-choice concept. */
export interface ConceptValue {
  /** Stable id, unique within its concept (e.g. `upper-chest`); a finding's `value` holds this id. */
  readonly id: string;
  /** Clinician-facing label. */
  readonly label: string;
  /** Other ways clinicians and patients name this value (lower case), for text matching. */
  readonly synonyms: readonly string[];
  /** The DDXPlus value code (`V_nn`) this value stands for. */
  readonly ddxplusCode?: string;
}

/** One finding the interview can ask about. */
export interface Concept {
  /** Stable, readable id (e.g. `fever`, `pain.character`, `history.dvt`). */
  readonly id: string;
  /** Clinician-facing label. */
  readonly label: string;
  readonly type: ConceptType;
  readonly kind: ConceptKind;
  /** The question to put to the patient, per register (see `questionFor`). */
  readonly questions: QuestionRegisters;
  /** Other names, lay phrasings and misspellings-free variants (lower case), for the intake text matcher. */
  readonly synonyms: readonly string[];
  /** Clinical abbreviations (e.g. `SOB`, `CP`), as written in notes. */
  readonly abbreviations: readonly string[];
  /** A follow-up question is asked only after its parent has been answered present. */
  readonly parentId?: string;
  /** Allowed answers of a categorical or multi-choice concept. */
  readonly values?: readonly ConceptValue[];
  /**
   * The DDXPlus evidence this concept stands for (`E_nn`). An extension concept (`extension: true`) carries its
   * parent's code: being present implies the parent is present; being absent says nothing about the parent.
   */
  readonly ddxplusCode: string;
  /** The answer that means "nothing to report" (a value id, or `'0'` on a scale); absent for binary concepts. */
  readonly defaultValue?: string;
  /** True for concepts the project adds beyond DDXPlus (e.g. fever patterns); they refine their parent. */
  readonly extension?: boolean;
  /**
   * For a family-history concept (`family.asthma`): the patient-history concepts (`history.asthma`) whose presence in
   * a blood relative this concept records. The intake uses it to turn "mother has asthma" into `family.asthma`
   * rather than the patient's own history; a concept may be the family concept of at most one.
   */
  readonly familyHistoryOf?: readonly string[];
}

/** Severity on DDXPlus's scale: 1 is the most severe, 5 the least. */
export type Severity = 1 | 2 | 3 | 4 | 5;

/** One condition the differential ranks. */
export interface Condition {
  /** Stable, readable id (e.g. `pulmonary-embolism`). */
  readonly id: string;
  /** Clinician-facing label. */
  readonly label: string;
  /** ICD-10 code (upper case), as given for the condition by DDXPlus. */
  readonly icd10: string;
  /** DDXPlus severity: 1 = most severe … 5 = least severe. */
  readonly severity: Severity;
  /** True for conditions that must be ruled in or out early (severity ≤ 2). */
  readonly mustNotMiss: boolean;
  /** Short clinician-facing description, in the project's own words. */
  readonly description: string;
  /** The condition's name as written in DDXPlus files (`PATHOLOGY`, `DIFFERENTIAL_DIAGNOSIS`), quirks included. */
  readonly ddxplusName: string;
  /** Concepts the condition is known to involve (DDXPlus's linked symptoms and antecedents). */
  readonly typicalConceptIds: readonly string[];
}

/** A DDXPlus evidence code resolved to a concept and, for categorical / multi-choice / scale concepts, a value. */
export interface DdxplusEvidenceMapping {
  readonly conceptId: string;
  /** A value id of the concept, or the scale point `'0'`…`'10'`. */
  readonly value?: string;
}

/** A concept, or one value of a categorical / multi-choice concept, named by a single id. */
export interface ConceptReference {
  readonly concept: Concept;
  readonly value?: ConceptValue;
}

/** The loaded, validated knowledge base with its look-ups. */
export interface KnowledgeBase {
  readonly version: string;
  readonly concepts: readonly Concept[];
  readonly conditions: readonly Condition[];
  concept(id: string): Concept | undefined;
  condition(id: string): Condition | undefined;
  /** `E_91` → `{ conceptId: 'fever' }`; `E_55_@_V_101` → `{ conceptId: 'pain.location', value: 'upper-chest' }`. */
  fromDdxplusEvidence(code: string): DdxplusEvidenceMapping | undefined;
  /** A DDXPlus pathology name (e.g. `Larygospasm`, as spelled in the data) → the condition. */
  fromDdxplusCondition(name: string): Condition | undefined;
  /**
   * A concept id → its DDXPlus evidence code (`E_nn`); with a value, the coded evidence (`E_55_@_V_101`,
   * `E_56_@_7`). Undefined for unknown concepts or values.
   */
  toDdxplus(conceptId: string, value?: string): string | undefined;
  /**
   * A concept id (`pain.character`) or a value concept id, the concept id and value id joined by a dot
   * (`pain.character.burning`, `pain.location.upper-chest`) → the concept and, for a value concept id, the value.
   */
  resolve(id: string): ConceptReference | undefined;
}
