import { HealthGptError } from '../engine/errors.js';
import { parseCsv } from './csv.js';
import type { ScreeningRecordInput } from './screening.js';

/**
 * Screening records in the Cohen 2006 / ASReview CSV layout: `title`, `abstract` (required), `record_id` or `id`,
 * `keywords` (`;`-separated MeSH), and a label column (`label_included` by default; 0/1).
 */
export function parseScreeningCsv(
  text: string,
  what = 'records',
  labelColumn = 'label_included',
): { records: ScreeningRecordInput[]; labels: (number | undefined)[] } {
  const { header, rows } = parseCsv(text, what);
  const lower = header.map((h) => h.toLowerCase());
  const iTitle = lower.indexOf('title');
  const iAbstract = lower.indexOf('abstract');
  if (iTitle < 0 || iAbstract < 0)
    throw HealthGptError.invalid(`${what}: the header needs "title" and "abstract" columns`);
  const iId = ['record_id', 'id', 'pubmedid'].map((c) => lower.indexOf(c)).find((i) => i >= 0) ?? -1;
  const iKw = lower.indexOf('keywords');
  const iLabel = lower.indexOf(labelColumn.toLowerCase());
  const seen = new Map<string, number>();
  const records: ScreeningRecordInput[] = [];
  const labels: (number | undefined)[] = [];
  rows.forEach(({ line, cells }, n) => {
    const id = iId >= 0 ? cells[iId]!.trim() || `row-${n + 1}` : `row-${n + 1}`;
    const first = seen.get(id);
    if (first !== undefined)
      throw HealthGptError.invalid(
        `${what}: duplicate record id '${id}' on line ${line} (first on line ${first})`,
      );
    seen.set(id, line);
    const title = cells[iTitle]!.trim();
    const abstract = cells[iAbstract]!.trim();
    if (!title && !abstract)
      throw HealthGptError.invalid(`${what}: line ${line} has neither title nor abstract`);
    let label: number | undefined;
    if (iLabel >= 0) {
      const v = cells[iLabel]!.trim();
      if (v === '1' || v === '1.0') label = 1;
      else if (v === '0' || v === '0.0') label = 0;
      else if (v !== '')
        throw HealthGptError.invalid(`${what}: line ${line} has ${labelColumn} '${v}' (want 0 or 1)`);
    }
    records.push({
      id,
      title,
      abstract,
      keywords:
        iKw >= 0
          ? cells[iKw]!.split(';')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
    });
    labels.push(label);
  });
  if (records.length === 0) throw HealthGptError.invalid(`${what}: no records`);
  return { records, labels };
}
