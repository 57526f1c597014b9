import { describe, expect, it } from 'vitest';
import { textDiagnoser } from '../src/diagnosis/text/diagnose-text.js';

type Sex = 'female' | 'male';

/** What a feature pack's test checks (`scripts/open-world/features/pack-*.ts`). */
export interface FeaturePackCases {
  /** Lay wordings and the finding each must be read as (read for a 40-year-old woman). */
  readonly reads: readonly (readonly [text: string, findingId: string])[];
  /** The pack's new findings, and unrelated stories in which none of them may be read (a 30-year-old man). */
  readonly silent: { readonly findings: RegExp; readonly stories: readonly string[] };
  /** Classic stories, the patient's age and sex, and the condition that must reach the top three. */
  readonly topThree: readonly (readonly [text: string, ageYears: number, sex: Sex, conditionId: string])[];
}

/**
 * The shared test of a feature pack: its lay wordings reach the findings, its new phrases stay silent in unrelated
 * stories, and each classic story ranks its condition in the top three.
 */
export function describeFeaturePack(name: string, cases: FeaturePackCases): void {
  describe(`${name}: classic features in lay words`, () => {
    const diagnoser = textDiagnoser();
    const read = (text: string, ageYears: number, sex: Sex) => diagnoser.diagnose({ text, ageYears, sex });

    it.each(cases.reads)('reads %j', (text, finding) => {
      expect(read(text, 40, 'female').findings.present).toContain(finding);
    });

    it('does not read the new findings in unrelated stories', () => {
      for (const text of cases.silent.stories) {
        const present = read(text, 30, 'male').findings.present;
        expect(
          present.filter((f) => cases.silent.findings.test(f)),
          text,
        ).toEqual([]);
      }
    });

    it('ranks the classic story of each condition in the top three', () => {
      for (const [text, age, sex, conditionId] of cases.topThree) {
        const top3 = read(text, age, sex)
          .differential.slice(0, 3)
          .map((e) => e.conditionId);
        expect(top3, text).toContain(conditionId);
      }
    });
  });
}
