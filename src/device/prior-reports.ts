/**
 * Earlier thyroid nodule sizes written as free text in a case's note (a pasted prior ultrasound report: "right lobe
 * nodule 14 x 9 mm", "nodule measuring 1.4 × 0.9 × 1.1 cm", "thyroid nodule of 12 mm"). Only sentences that speak of
 * a thyroid nodule and are not negated count; the exam date is an ISO date in the sentence, else the date of the
 * dated note entry it sits in (`[YYYY-MM-DD HH:MM UTC]`, as `appendNote` writes), else unknown. Sizes outside
 * 1–100 mm are ignored rather than guessed.
 */

/** A size read from a note, with the words it came from. */
export interface ReportedSize {
  readonly longestMm: number;
  readonly perpendicularMm?: number;
  readonly examDate?: string;
  /** The sentence the size was read from, as written. */
  readonly text: string;
}

const NUMBER = String.raw`(\d{1,3}(?:[.,]\d{1,2})?)`;
const BY = String.raw`\s*(?:x|×|\*|by)\s*`;
/** 1 to 3 dimensions followed by a unit, e.g. "14 x 9 mm", "1,4 × 0,9 × 1,1 cm", "12mm". */
const SIZE = new RegExp(String.raw`${NUMBER}(?:${BY}${NUMBER})?(?:${BY}${NUMBER})?\s*(mm|cm)\b`, 'giu');
const ENTRY_DATE = /^\[(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?: UTC)?\]\s*$/u;
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/u;
const NODULE = /\bnodul(?:e|es|ar)\b|\bTR\s?[1-5]\b|\bTI-?RADS\b/iu;
const THYROID = /\bthyroid|\blobe\b|\bisthmus\b|\bTI-?RADS\b|\bTR\s?[1-5]\b/iu;
const NEGATED = /\b(?:no|without|negative for|absence of|not seen)\b[^.;]{0,40}\bnodul/iu;
/** Other structures whose sizes a thyroid report also gives. */
const OTHER = /\b(?:lymph node|parathyroid|lobe measures|isthmus measures|gland measures)\b/iu;

const toMm = (value: string, unit: string) => Number(value.replace(',', '.')) * (unit === 'cm' ? 10 : 1);
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Sizes of thyroid nodules mentioned in free text, in the order written. */
export function reportedNoduleSizes(note: string | undefined): ReportedSize[] {
  if (!note) return [];
  const out: ReportedSize[] = [];
  let entryDate: string | undefined;
  for (const line of note.split(/\r?\n/u)) {
    const dated = ENTRY_DATE.exec(line.trim());
    if (dated) {
      entryDate = dated[1];
      continue;
    }
    for (const sentence of line.split(/(?<=[.;])\s+/u)) {
      if (!NODULE.test(sentence) || !THYROID.test(sentence) || NEGATED.test(sentence)) continue;
      if (OTHER.test(sentence) && !/\bnodul/iu.test(sentence.split(OTHER)[0] ?? '')) continue;
      const date = ISO_DATE.exec(sentence)?.[1] ?? entryDate;
      for (const m of sentence.matchAll(SIZE)) {
        const unit = (m[4] ?? 'mm').toLowerCase();
        const dims = [m[1], m[2], m[3]]
          .filter((d): d is string => d !== undefined)
          .map((d) => toMm(d, unit))
          .sort((a, b) => b - a);
        const longest = dims[0];
        if (longest === undefined || longest < 1 || longest > 100) continue;
        const perpendicular = dims[1];
        out.push({
          longestMm: round1(longest),
          ...(perpendicular !== undefined && perpendicular >= 0.5
            ? { perpendicularMm: round1(perpendicular) }
            : {}),
          ...(date ? { examDate: date } : {}),
          text: sentence.trim(),
        });
        break; // one size per sentence: the first written is the nodule's
      }
    }
  }
  return out;
}
