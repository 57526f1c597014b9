import type { EditorialCondition, EditorialFinding } from '../editorial.js';

/**
 * A group of conditions' classic features, kept in its own file beside the editorial tables: new findings with the
 * lay phrases that name them, more phrases for SymCat symptoms (by slug), and P(finding | condition) for the
 * conditions' classic features (finding ids with a dot, SymCat slugs without), and conditions the sources lack. Merged into the knowledge by
 * `scripts/build-open-world.ts` exactly like `SIGN_AND_LAB_FINDINGS`, `SYMPTOM_PHRASES` and `CLASSIC_FEATURES`.
 */
export interface FeaturePack {
  /** What the pack covers, for the build log. */
  readonly name: string;
  readonly findings?: readonly EditorialFinding[];
  readonly symptomPhrases?: Readonly<Record<string, readonly string[]>>;
  /** More phrases for findings the editorial tables or an earlier pack define (by finding id). */
  readonly findingPhrases?: Readonly<Record<string, readonly string[]>>;
  readonly classicFeatures?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Conditions the sources lack, added like `EDITORIAL_CONDITIONS`. */
  readonly conditions?: readonly EditorialCondition[];
}
