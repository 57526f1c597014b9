import type { Finding } from '../clinical/finding.js';
import type { PatientContext } from '../clinical/patient.js';
import { type FieldError, HealthGptError } from '../engine/errors.js';
import type { Concept, Condition, KnowledgeBase } from '../knowledge/index.js';
import { questionFor } from '../knowledge/index.js';
import type { Answer, ConditionSpec, QuestionSpec, SpecIndex } from './model/spec.js';

/** Prefix of the fallback concept ids used for DDXPlus evidences the knowledge base does not (yet) describe. */
export const DDXPLUS_CONCEPT_PREFIX = 'ddxplus:';

/**
 * Diagnosis input the engine cannot use (code `unprocessable`): every field at fault as a JSON pointer into the
 * input, and — structurally, for callers that drop what the model refuses — the indices of the rejected findings
 * (`details.rejectedFindings`).
 */
export class DdxInputError extends HealthGptError {
  readonly rejectedFindings: readonly number[];

  constructor(fieldErrors: readonly FieldError[], rejectedFindings: readonly number[] = []) {
    super('unprocessable', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      fieldErrors,
      title: 'Invalid diagnosis input',
      ...(rejectedFindings.length > 0 ? { details: { rejectedFindings } } : {}),
    });
    this.name = 'DdxInputError';
    this.rejectedFindings = rejectedFindings;
  }
}

/** A condition as the public API names it. */
export interface ConditionInfo {
  readonly conditionId: string;
  readonly label: string;
  readonly icd10: string;
  readonly severity: number;
  readonly mustNotMiss: boolean;
}

/** A question as the public API asks it. */
export interface QuestionInfo {
  readonly conceptId: string;
  readonly label: string;
  readonly text: string;
  readonly type: 'binary' | 'categorical' | 'multi-choice' | 'scale-0-10';
  readonly values?: readonly { readonly id: string; readonly label: string }[];
  readonly parentConceptId?: string;
}

/**
 * Translates between the public vocabulary (the knowledge base's readable concept and condition ids) and the DDXPlus
 * codes the model works in. Evidences or conditions the knowledge base does not describe keep a fallback id
 * (`ddxplus:E_nn`, a slug of the DDXPlus condition name) so the model stays usable while the knowledge base grows.
 */
export class KnowledgeBridge {
  private readonly conceptByCode = new Map<string, Concept>();
  private readonly conditionInfos: readonly ConditionInfo[];
  private readonly conditionByPublicId = new Map<string, number>();

  constructor(
    readonly kb: KnowledgeBase,
    readonly index: SpecIndex,
  ) {
    for (const concept of kb.concepts) {
      if (!concept.extension) this.conceptByCode.set(concept.ddxplusCode, concept);
    }
    this.conditionInfos = index.spec.conditions.map((spec) =>
      this.describeCondition(spec, kb.fromDdxplusCondition(spec.name)),
    );
    this.conditionInfos.forEach((info, c) => {
      this.conditionByPublicId.set(info.conditionId, c);
    });
  }

  private describeCondition(spec: ConditionSpec, condition: Condition | undefined): ConditionInfo {
    if (condition) {
      return {
        conditionId: condition.id,
        label: condition.label,
        icd10: condition.icd10,
        severity: condition.severity,
        mustNotMiss: condition.mustNotMiss,
      };
    }
    return {
      conditionId: spec.name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      label: spec.name,
      icd10: spec.icd10,
      severity: spec.severity,
      mustNotMiss: spec.severity <= 2,
    };
  }

  condition(c: number): ConditionInfo {
    return this.conditionInfos[c]!;
  }

  conditionIndexOf(conditionId: string): number | undefined {
    return this.conditionByPublicId.get(conditionId);
  }

  /** The public concept id of a DDXPlus evidence code. */
  conceptIdOf(code: string): string {
    return this.conceptByCode.get(code)?.id ?? `${DDXPLUS_CONCEPT_PREFIX}${code}`;
  }

  /** A value's public id (the knowledge base's value id, a scale point, or the DDXPlus value code). */
  valueIdOf(code: string, value: string): string {
    const concept = this.conceptByCode.get(code);
    if (!concept || concept.type === 'scale-0-10') return value;
    return concept.values?.find((v) => v.ddxplusCode === value)?.id ?? value;
  }

  /** The question to ask for `code`, worded for the patient (age register, caregiver). */
  question(code: string, patient: PatientContext): QuestionInfo {
    const spec = this.index.question(code);
    const concept = this.conceptByCode.get(code);
    const type = spec.type === 'multi' ? 'multi-choice' : spec.type === 'scale' ? 'scale-0-10' : spec.type;
    const values =
      spec.type === 'categorical' || spec.type === 'multi'
        ? spec.values!.map((value) => {
            const kbValue = concept?.values?.find((v) => v.ddxplusCode === value);
            return { id: kbValue?.id ?? value, label: kbValue?.label ?? value };
          })
        : undefined;
    return {
      conceptId: this.conceptIdOf(code),
      label: concept?.label ?? code,
      text: concept
        ? questionFor(concept, patient)
        : `DDXPlus evidence ${code} (no wording in the knowledge base yet)`,
      type,
      ...(values ? { values } : {}),
      ...(spec.parent ? { parentConceptId: this.conceptIdOf(spec.parent) } : {}),
    };
  }

  /**
   * Resolves one finding to a DDXPlus question and answer. `field` names the finding in error messages
   * (e.g. `/findings/2`). A value concept id (`pain.location.upper-chest`) present reports that value; absent, it
   * says nothing the model can use (undefined). Extension concepts present imply their parent evidence is present;
   * absent, they say nothing (undefined).
   */
  resolveFinding(
    finding: Finding,
    field: string,
  ): { code: string; answer: Answer; partial?: boolean } | undefined {
    const fail = (suffix: string, message: string): never => {
      throw new DdxInputError([{ field: `${field}${suffix}`, message }]);
    };
    let code: string | undefined;
    let concept: Concept | undefined;
    if (finding.conceptId.startsWith(DDXPLUS_CONCEPT_PREFIX)) {
      code = finding.conceptId.slice(DDXPLUS_CONCEPT_PREFIX.length);
      if (!this.index.questionByCode.has(code))
        fail('/conceptId', `unknown concept id '${finding.conceptId}'`);
    } else {
      const reference = this.kb.resolve(finding.conceptId);
      if (!reference) return fail('/conceptId', `unknown concept id '${finding.conceptId}'`);
      concept = reference.concept;
      code = concept.ddxplusCode;
      if (!this.index.questionByCode.has(code)) {
        fail('/conceptId', `concept '${finding.conceptId}' is not used by the diagnostic model`);
      }
      if (reference.value) {
        if (finding.value !== undefined) fail('/value', 'a value concept takes no value');
        const question = this.index.question(code!);
        const valueCode = reference.value.ddxplusCode;
        if (finding.status !== 'present' || !valueCode || !question.values?.includes(valueCode))
          return undefined;
        return { code: code!, answer: [valueCode], partial: question.type === 'multi' };
      }
    }
    const question = this.index.question(code!);
    if (concept?.extension) {
      if (finding.status !== 'present' || question.type !== 'binary') return undefined;
      return { code: code!, answer: ['yes'] };
    }
    if (finding.status === 'unknown') {
      if (finding.value !== undefined) fail('/value', 'an unknown finding takes no value');
      return { code: code!, answer: 'unknown' };
    }
    const value = finding.value;
    if (question.type === 'binary') {
      if (value !== undefined && typeof value !== 'boolean')
        fail('/value', 'a yes/no finding takes no value (or a boolean)');
      const present = finding.status === 'present' && value !== false;
      return { code: code!, answer: present ? ['yes'] : [] };
    }
    if (finding.status === 'absent') {
      if (value !== undefined) fail('/value', 'an absent finding takes no value');
      return { code: code!, answer: [question.defaultValue!] };
    }
    if (value === undefined) fail('/value', `'${finding.conceptId}' needs a value when present`);
    if (question.type === 'scale') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 10) {
        fail('/value', 'expected an integer from 0 to 10');
      }
      return { code: code!, answer: [String(value)] };
    }
    if (question.type === 'categorical' && typeof value !== 'string')
      fail('/value', 'expected one value id (a string)');
    const raw = Array.isArray(value) ? value : [value];
    if (raw.length === 0) fail('/value', 'expected at least one value id');
    const codes = raw.map((item, i) => {
      const suffix = Array.isArray(value) ? `/value/${i}` : '/value';
      if (typeof item !== 'string') return fail(suffix, 'expected a value id (a string)');
      const valueCode = this.valueCodeOf(question, concept, item);
      if (!valueCode) fail(suffix, `unknown value '${item}' for '${finding.conceptId}'`);
      return valueCode!;
    });
    return { code: code!, answer: this.index.normalise(question, codes) };
  }

  private valueCodeOf(
    question: QuestionSpec,
    concept: Concept | undefined,
    value: string,
  ): string | undefined {
    const fromKb = concept?.values?.find((v) => v.id === value)?.ddxplusCode;
    if (fromKb && question.values?.includes(fromKb)) return fromKb;
    return question.values?.includes(value) ? value : undefined;
  }

  /** An answer as a public finding (concept id, status, value ids). */
  toFinding(code: string, answer: Answer): Finding {
    const question = this.index.question(code);
    const conceptId = this.conceptIdOf(code);
    if (answer === 'unknown') return { conceptId, status: 'unknown' };
    if (question.type === 'binary') return { conceptId, status: answer.length > 0 ? 'present' : 'absent' };
    if (!this.index.isPresent(question, answer)) return { conceptId, status: 'absent' };
    if (question.type === 'scale') return { conceptId, status: 'present', value: Number(answer[0]) };
    if (question.type === 'categorical')
      return { conceptId, status: 'present', value: this.valueIdOf(code, answer[0]!) };
    return { conceptId, status: 'present', value: answer.map((v) => this.valueIdOf(code, v)) };
  }
}
