import { z } from 'zod';
import type { Concept, Condition } from './types.js';

/**
 * Zod schemas of the knowledge-base files and `validateKnowledgeBase`, which checks the shape of every item and the
 * references between items (unique ids, parents, values, typical concepts) so that a broken knowledge base fails at
 * load with a message naming the item, rather than later inside an interview.
 */

const ID_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)*$/;
const id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by "-", "_" or "."');
const text = z.string().trim().min(1, 'must not be empty');
const term = z.string().trim().min(1, 'must not be empty');

export const conceptValueSchema = z
  .object({
    id,
    label: text,
    synonyms: z.array(term),
    ddxplusCode: z
      .string()
      .regex(/^V_\d+$/)
      .optional(),
  })
  .strict();

export const questionRegistersSchema = z.object({ adult: text, olderAdult: text, child: text }).strict();

export const conceptSchema = z
  .object({
    id,
    label: text,
    type: z.enum(['binary', 'categorical', 'multi-choice', 'scale-0-10']),
    kind: z.enum(['symptom', 'antecedent']),
    questions: questionRegistersSchema,
    synonyms: z.array(term),
    abbreviations: z.array(term),
    parentId: id.optional(),
    values: z.array(conceptValueSchema).min(2).optional(),
    ddxplusCode: z.string().regex(/^E_\d+$/),
    defaultValue: z.string().optional(),
    extension: z.boolean().optional(),
    familyHistoryOf: z.array(id).min(1).optional(),
  })
  .strict();

export const conditionSchema = z
  .object({
    id,
    label: text,
    icd10: z
      .string()
      .regex(/^[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?$/, 'must be an upper-case ICD-10 code such as I26 or J45.9'),
    severity: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    mustNotMiss: z.boolean(),
    description: text,
    ddxplusName: text,
    typicalConceptIds: z.array(id).min(1),
  })
  .strict();

export const knowledgeBaseDataSchema = z
  .object({
    version: text,
    concepts: z.array(conceptSchema).min(1),
    conditions: z.array(conditionSchema).min(1),
  })
  .strict();

/** The validated contents of a knowledge base, before look-ups are built. */
export interface KnowledgeBaseData {
  readonly version: string;
  readonly concepts: readonly Concept[];
  readonly conditions: readonly Condition[];
}

/** A knowledge base that does not validate; `problems` lists every problem found, each naming its item. */
export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `invalid knowledge base (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems
        .slice(0, 20)
        .join('\n- ')}${problems.length > 20 ? `\n- … and ${problems.length - 20} more` : ''}`,
    );
    this.name = 'KnowledgeBaseError';
  }
}

/** Names an item by its position and, where readable, its id: `concepts[3] (fever)`. */
function itemName(raw: unknown, path: readonly PropertyKey[]): string {
  const [collection, index, ...rest] = path;
  if (typeof collection !== 'string' || typeof index !== 'number')
    return path.map(String).join('.') || '(root)';
  const list = (raw as Record<string, unknown> | null)?.[collection];
  const item = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
  const label = typeof item?.id === 'string' ? ` (${item.id})` : '';
  return `${collection}[${index}]${label}${rest.length ? `.${rest.map(String).join('.')}` : ''}`;
}

/**
 * Validates raw knowledge-base data (as read from the data files) and returns it typed, or throws a
 * `KnowledgeBaseError` listing every problem: shape errors (a missing question register, a bad id, an unknown
 * type), duplicate concept / condition / value ids and DDXPlus codes, dangling `parentId`, `defaultValue` and
 * `typicalConceptIds`, dangling or ambiguous `familyHistoryOf`, values on the wrong type of concept, and a severe
 * condition not flagged must-not-miss.
 */
export function validateKnowledgeBase(raw: unknown): KnowledgeBaseData {
  const parsed = knowledgeBaseDataSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeBaseError(
      parsed.error.issues.map((issue) => `${itemName(raw, issue.path)}: ${issue.message}`),
    );
  }
  const data = parsed.data;
  const problems: string[] = [];
  const conceptIds = new Set<string>();
  const evidenceCodes = new Map<string, string>();
  for (const concept of data.concepts) {
    const name = `concept '${concept.id}'`;
    if (conceptIds.has(concept.id)) problems.push(`${name}: duplicate concept id`);
    conceptIds.add(concept.id);
    if (!concept.extension) {
      const other = evidenceCodes.get(concept.ddxplusCode);
      if (other)
        problems.push(`${name}: DDXPlus code ${concept.ddxplusCode} already used by concept '${other}'`);
      else evidenceCodes.set(concept.ddxplusCode, concept.id);
    }
    const hasValues = concept.type === 'categorical' || concept.type === 'multi-choice';
    if (hasValues && !concept.values) problems.push(`${name}: a ${concept.type} concept needs values`);
    if (!hasValues && concept.values)
      problems.push(`${name}: a ${concept.type} concept must not list values`);
    if (concept.type === 'binary' && concept.defaultValue !== undefined) {
      problems.push(`${name}: a binary concept has no defaultValue`);
    }
    if (
      concept.type === 'scale-0-10' &&
      concept.defaultValue !== undefined &&
      !/^(?:\d|10)$/.test(concept.defaultValue)
    ) {
      problems.push(`${name}: defaultValue '${concept.defaultValue}' is not a point of the 0–10 scale`);
    }
    const valueIds = new Set<string>();
    const valueCodes = new Set<string>();
    for (const value of concept.values ?? []) {
      if (valueIds.has(value.id)) problems.push(`${name}: duplicate value id '${value.id}'`);
      valueIds.add(value.id);
      if (value.ddxplusCode) {
        if (valueCodes.has(value.ddxplusCode))
          problems.push(`${name}: duplicate value code ${value.ddxplusCode}`);
        valueCodes.add(value.ddxplusCode);
      }
    }
    if (hasValues && concept.defaultValue !== undefined && !valueIds.has(concept.defaultValue)) {
      problems.push(`${name}: defaultValue '${concept.defaultValue}' is not one of its values`);
    }
    if (concept.extension && !concept.parentId)
      problems.push(`${name}: an extension concept needs a parentId`);
  }
  const byId = new Map(data.concepts.map((concept) => [concept.id, concept]));
  for (const concept of data.concepts) {
    for (const value of concept.values ?? []) {
      const qualified = `${concept.id}.${value.id}`;
      if (byId.has(qualified))
        problems.push(`concept '${concept.id}': value id '${qualified}' collides with a concept id`);
    }
  }
  for (const concept of data.concepts) {
    if (concept.parentId === undefined) continue;
    const name = `concept '${concept.id}'`;
    if (!byId.has(concept.parentId)) {
      problems.push(`${name}: parentId '${concept.parentId}' is not a concept`);
      continue;
    }
    // Walk up the parents: a cycle would make the follow-up order undefined.
    const seen = new Set([concept.id]);
    for (
      let parent = byId.get(concept.parentId);
      parent;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined
    ) {
      if (seen.has(parent.id)) {
        problems.push(`${name}: parentId chain loops back through '${parent.id}'`);
        break;
      }
      seen.add(parent.id);
    }
    const parent = byId.get(concept.parentId);
    if (concept.extension && parent && parent.ddxplusCode !== concept.ddxplusCode) {
      problems.push(`${name}: an extension concept carries its parent's DDXPlus code ${parent.ddxplusCode}`);
    }
  }
  // A relative's condition names one family concept: two family concepts of one history concept would be ambiguous.
  const familyOf = new Map<string, string>();
  for (const concept of data.concepts) {
    for (const historyId of concept.familyHistoryOf ?? []) {
      const name = `concept '${concept.id}'`;
      const history = byId.get(historyId);
      if (!history) problems.push(`${name}: familyHistoryOf '${historyId}' is not a concept`);
      else if (historyId === concept.id) problems.push(`${name}: familyHistoryOf names itself`);
      else if (history.type !== 'binary' || concept.type !== 'binary')
        problems.push(`${name}: familyHistoryOf links yes/no concepts only ('${historyId}')`);
      const other = familyOf.get(historyId);
      if (other) problems.push(`${name}: '${historyId}' is already the family history of '${other}'`);
      else familyOf.set(historyId, concept.id);
    }
  }
  const conditionIds = new Set<string>();
  const conditionNames = new Set<string>();
  for (const condition of data.conditions) {
    const name = `condition '${condition.id}'`;
    if (conditionIds.has(condition.id)) problems.push(`${name}: duplicate condition id`);
    conditionIds.add(condition.id);
    if (conditionNames.has(condition.ddxplusName))
      problems.push(`${name}: duplicate ddxplusName '${condition.ddxplusName}'`);
    conditionNames.add(condition.ddxplusName);
    if (condition.severity <= 2 && !condition.mustNotMiss) {
      problems.push(`${name}: severity ${condition.severity} must be flagged mustNotMiss`);
    }
    for (const conceptId of condition.typicalConceptIds) {
      if (!conceptIds.has(conceptId))
        problems.push(`${name}: typicalConceptId '${conceptId}' is not a concept`);
    }
  }
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  return data;
}
