import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConditionSpec, DdxSpec, QuestionSpec } from '../model/spec.js';

/** One entry of DDXPlus `release_evidences.json` (fields the project uses; question text is never copied). */
export interface DdxplusReleaseEvidence {
  readonly name: string;
  readonly code_question: string;
  readonly is_antecedent: boolean;
  readonly data_type: 'B' | 'C' | 'M';
  readonly default_value: string | number;
  readonly 'possible-values': readonly (string | number)[];
  readonly value_meaning: Record<string, unknown>;
}

/** One entry of DDXPlus `release_conditions.json`. */
export interface DdxplusReleaseCondition {
  readonly condition_name: string;
  readonly 'icd10-id': string;
  readonly severity: number;
  readonly symptoms: Record<string, unknown>;
  readonly antecedents: Record<string, unknown>;
}

/**
 * The question and condition structure of DDXPlus (types, values, defaults, parent questions, linked evidences,
 * ICD-10, severity) read from the release JSON files in `dir`. No wording is kept: only codes and structure, which
 * the model stores beside its weights so that it runs without the data set.
 */
export function readDdxplusSpec(dir: string): DdxSpec {
  const evidences = JSON.parse(readFileSync(join(dir, 'release_evidences.json'), 'utf8')) as Record<
    string,
    DdxplusReleaseEvidence
  >;
  const conditions = JSON.parse(readFileSync(join(dir, 'release_conditions.json'), 'utf8')) as Record<
    string,
    DdxplusReleaseCondition
  >;
  return specFromRelease(evidences, conditions);
}

/** Builds the spec from parsed release files (see `readDdxplusSpec`). */
export function specFromRelease(
  evidences: Record<string, DdxplusReleaseEvidence>,
  conditions: Record<string, DdxplusReleaseCondition>,
): DdxSpec {
  const questions: QuestionSpec[] = Object.values(evidences)
    .map((evidence): QuestionSpec => {
      const values = evidence['possible-values'].map(String);
      const isScale =
        evidence.data_type === 'C' &&
        Object.keys(evidence.value_meaning).length === 0 &&
        values.every((v) => /^\d+$/.test(v));
      const parent = evidence.code_question !== evidence.name ? evidence.code_question : undefined;
      const type =
        evidence.data_type === 'B'
          ? 'binary'
          : isScale
            ? 'scale'
            : evidence.data_type === 'C'
              ? 'categorical'
              : 'multi';
      return {
        code: evidence.name,
        type,
        ...(parent ? { parent } : {}),
        ...(type === 'binary' ? {} : { defaultValue: String(evidence.default_value), values }),
        antecedent: evidence.is_antecedent,
      };
    })
    .sort((a, b) => codeOrder(a.code) - codeOrder(b.code));
  const conditionSpecs: ConditionSpec[] = Object.values(conditions)
    .map((condition) => ({
      name: condition.condition_name,
      icd10: condition['icd10-id'].toUpperCase(),
      severity: condition.severity,
      linked: [...Object.keys(condition.symptoms), ...Object.keys(condition.antecedents)].sort(
        (a, b) => codeOrder(a) - codeOrder(b),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { questions, conditions: conditionSpecs };
}

function codeOrder(code: string): number {
  return Number(code.replace(/^E_/, ''));
}
