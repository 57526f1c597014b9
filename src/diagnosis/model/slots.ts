import type { Answer, QuestionSpec, SpecIndex } from './spec.js';
import type { DdxState } from './state.js';

/** Age bands (years, lower bounds) the models use as indicator features. */
export const AGE_BAND_LOWER_YEARS = [0, 1, 5, 15, 30, 45, 60, 75] as const;

/**
 * The model's input vocabulary. Each question contributes slots: one for a yes/no question, one per value for a
 * categorical or multi-choice question, and cumulative `≥ k` slots (k = 1…10) for a 0–10 scale. A known answer sets
 * each of its question's slots present or absent; an unknown answer sets none, so "not asked" and "don't know" are
 * never read as "no". Age bands and sex are present-only slots. Slot `s` has weight rows `2s` (present) and
 * `2s + 1` (absent).
 */
export class SlotVocabulary {
  readonly slotNames: readonly string[];
  private readonly questionSlots = new Map<
    string,
    { first: number; count: number; values?: readonly string[] }
  >();
  private readonly ageSlot0: number;
  private readonly sexSlot0: number;

  constructor(
    readonly index: SpecIndex,
    /** Values of multi-choice questions to keep (others are ignored); all values when omitted. */
    keptValues?: ReadonlyMap<string, readonly string[]>,
  ) {
    const names: string[] = [];
    for (const question of index.spec.questions) {
      const first = names.length;
      if (question.type === 'binary') {
        names.push(question.code);
        this.questionSlots.set(question.code, { first, count: 1 });
      } else if (question.type === 'scale') {
        for (let k = 1; k <= 10; k++) names.push(`${question.code}>=${k}`);
        this.questionSlots.set(question.code, { first, count: 10 });
      } else {
        const values =
          question.type === 'multi' && keptValues?.get(question.code)
            ? keptValues.get(question.code)!
            : question.values!;
        for (const value of values) names.push(`${question.code}=${value}`);
        this.questionSlots.set(question.code, { first, count: values.length, values });
      }
    }
    this.ageSlot0 = names.length;
    for (const lower of AGE_BAND_LOWER_YEARS) names.push(`age>=${lower}`);
    this.sexSlot0 = names.length;
    names.push('sex=M', 'sex=F');
    this.slotNames = names;
  }

  get rowCount(): number {
    return this.slotNames.length * 2;
  }

  /** Weight rows set by a known answer to `question` (unknown → none). */
  rowsForAnswer(question: QuestionSpec, answer: Answer, out: number[] = []): number[] {
    if (answer === 'unknown') return out;
    const slots = this.questionSlots.get(question.code)!;
    if (question.type === 'binary') {
      out.push(2 * slots.first + (answer.length > 0 ? 0 : 1));
    } else if (question.type === 'scale') {
      const value = Number(answer[0] ?? 0);
      for (let k = 1; k <= 10; k++) out.push(2 * (slots.first + k - 1) + (value >= k ? 0 : 1));
    } else {
      const present = new Set(answer);
      slots.values!.forEach((value, i) => {
        out.push(2 * (slots.first + i) + (present.has(value) ? 0 : 1));
      });
    }
    return out;
  }

  /** Rows of the patient's age band and sex. */
  demographicRows(state: Pick<DdxState, 'ageYears' | 'sex'>, out: number[] = []): number[] {
    if (state.ageYears !== undefined) {
      let band = 0;
      AGE_BAND_LOWER_YEARS.forEach((lower, i) => {
        if (state.ageYears! >= lower) band = i;
      });
      out.push(2 * (this.ageSlot0 + band));
    }
    if (state.sex !== undefined) out.push(2 * (this.sexSlot0 + (state.sex === 'M' ? 0 : 1)));
    return out;
  }

  /** All rows of a state. */
  rowsForState(state: DdxState): number[] {
    const rows = this.demographicRows(state);
    for (const [code, answer] of state.answers) this.rowsForAnswer(this.index.question(code), answer, rows);
    return rows;
  }

  /** Human-readable name of a row: `E_91 present`, `E_56>=7 absent`, `age>=45`. */
  rowName(row: number): string {
    const slot = this.slotNames[row >> 1]!;
    if (slot.startsWith('age') || slot.startsWith('sex')) return slot;
    return `${slot} ${row & 1 ? 'absent' : 'present'}`;
  }
}
