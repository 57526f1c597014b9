/**
 * The structure the diagnostic model is built on, in DDXPlus codes: questions (evidences) with their type, values,
 * default ("nothing to report") value and parent question, and conditions with ICD-10, severity and the evidences
 * linked to them. Derived from the DDXPlus release files (Fansi Tchango et al. 2022, App. A.8.1) by
 * `readDdxplusSpec`, and stored beside the model weights so the engine runs without the data set.
 */
export type QuestionType = 'binary' | 'categorical' | 'scale' | 'multi';

export interface QuestionSpec {
  /** DDXPlus evidence code, `E_nn`. */
  readonly code: string;
  readonly type: QuestionType;
  /** The question that must be answered present before this follow-up is asked (`code_question`). */
  readonly parent?: string;
  /** Value meaning "nothing to report" (categorical, scale, multi-choice). */
  readonly defaultValue?: string;
  /** Allowed values (`V_nn` codes, or `0`…`10` for scales). */
  readonly values?: readonly string[];
  readonly antecedent: boolean;
}

export interface ConditionSpec {
  /** DDXPlus English condition name, as in `PATHOLOGY`. */
  readonly name: string;
  readonly icd10: string;
  /** 1 = most severe … 5 = least severe. */
  readonly severity: number;
  /** Evidence codes the condition is known to involve. */
  readonly linked: readonly string[];
}

export interface DdxSpec {
  readonly questions: readonly QuestionSpec[];
  readonly conditions: readonly ConditionSpec[];
}

/**
 * One answered question: the values present (`[]` = "no" for a yes/no question; categorical, scale and
 * multi-choice questions always hold at least one value, the default meaning "nothing"), or `'unknown'` when the
 * patient does not know.
 */
export type Answer = readonly string[] | 'unknown';

/** Yes / no answers of binary questions, as values. */
export const YES: readonly string[] = ['yes'];
export const NO: readonly string[] = [];

/** Indexed look-ups over a spec. */
export class SpecIndex {
  readonly questionByCode: ReadonlyMap<string, QuestionSpec>;
  readonly childrenOf: ReadonlyMap<string, readonly QuestionSpec[]>;
  readonly conditionIndex: ReadonlyMap<string, number>;
  /** Must-not-miss: severity ≤ 2 (the definition, after DDXPlus severity). */
  readonly mustNotMiss: readonly boolean[];

  readonly spec: DdxSpec;

  constructor(spec: DdxSpec) {
    // Five DDXPlus follow-ups (E_37, E_69, E_87, E_118, E_123) name a parent question the release does not define;
    // they are top-level questions here, or they could never be asked.
    const codes = new Set(spec.questions.map((q) => q.code));
    const questions: QuestionSpec[] = spec.questions.map((q) => {
      if (!q.parent || codes.has(q.parent)) return q;
      const { parent: _undefinedParent, ...topLevel } = q;
      return topLevel;
    });
    this.spec = { ...spec, questions };
    this.questionByCode = new Map(questions.map((q) => [q.code, q]));
    const children = new Map<string, QuestionSpec[]>();
    for (const question of questions) {
      if (!question.parent) continue;
      const list = children.get(question.parent) ?? [];
      list.push(question);
      children.set(question.parent, list);
    }
    this.childrenOf = children;
    this.conditionIndex = new Map(spec.conditions.map((c, i) => [c.name, i]));
    this.mustNotMiss = spec.conditions.map((c) => c.severity <= 2);
  }

  question(code: string): QuestionSpec {
    const question = this.questionByCode.get(code);
    if (!question) throw new Error(`unknown DDXPlus evidence '${code}'`);
    return question;
  }

  /** Normalises values: binary → `[]`/`['yes']`; others → sorted unique values, the default when empty. */
  normalise(question: QuestionSpec, values: readonly string[]): readonly string[] {
    if (question.type === 'binary') return values.length > 0 ? YES : NO;
    const unique = [...new Set(values)];
    if (unique.length === 0) return [question.defaultValue!];
    if (question.type === 'multi' && unique.length > 1) {
      const withoutDefault = unique.filter((v) => v !== question.defaultValue);
      return withoutDefault.sort();
    }
    return unique.sort();
  }

  /** True when the answer reports something (yes, or any value other than the default). */
  isPresent(question: QuestionSpec, answer: Answer): boolean {
    if (answer === 'unknown') return false;
    if (question.type === 'binary') return answer.length > 0;
    return answer.some((v) => v !== question.defaultValue);
  }

  /** The answer that a "no" to a parent question implies for a follow-up: nothing to report. */
  impliedByAbsentParent(question: QuestionSpec): readonly string[] {
    return question.type === 'binary' ? NO : [question.defaultValue!];
  }
}
