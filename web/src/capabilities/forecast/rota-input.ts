/**
 * Reads a department's current rota as a person types or pastes it: clinicians per hour of day (one row of 24
 * numbers, every day alike) or per hour of week (seven rows of 24, Monday first, or 168 numbers in a row). Numbers
 * may be separated by commas, semicolons, tabs or spaces; a leading label per row (`Mon`, `Monday,`) and header
 * rows without numbers are ignored, so a spreadsheet's CSV pastes as it is.
 */
export type RotaParse =
  | {
      readonly ok: true;
      readonly rota: number[];
      readonly kind: 'day' | 'week';
      readonly staffHoursPerWeek: number;
    }
  | { readonly ok: false; readonly error: string };

export function parseRota(text: string): RotaParse {
  const values: number[] = [];
  const rows = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  for (const [r, line] of rows.entries()) {
    const cells = line
      .split(/[,;\t ]+/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const numeric = cells.filter((c) => /^[-+]?\d*\.?\d+$/.test(c));
    if (numeric.length === 0) continue; // a header or a blank label row
    // A label may lead the row; anything else non-numeric is an error.
    const start = /^[-+]?\d*\.?\d+$/.test(cells[0]!) ? 0 : 1;
    for (const [i, cell] of cells.slice(start).entries()) {
      if (!/^[-+]?\d*\.?\d+$/.test(cell))
        return { ok: false, error: `row ${r + 1}, value ${i + 1}: '${cell}' is not a number` };
      const v = Number(cell);
      if (!Number.isInteger(v) || v < 0)
        return {
          ok: false,
          error: `row ${r + 1}, value ${i + 1}: ${cell} is not a whole number of clinicians ≥ 0`,
        };
      values.push(v);
    }
  }
  if (values.length !== 24 && values.length !== 168)
    return {
      ok: false,
      error: `expected 24 values (one day, every day alike) or 168 (seven days of 24, Monday first); got ${values.length}`,
    };
  if (values.every((v) => v === 0)) return { ok: false, error: 'the rota has no clinician at any hour' };
  const total = values.reduce((s, v) => s + v, 0);
  return {
    ok: true,
    rota: values,
    kind: values.length === 24 ? 'day' : 'week',
    staffHoursPerWeek: values.length === 24 ? total * 7 : total,
  };
}

/** A rota as one editable text (one row of 24, or seven labelled rows). */
export function rotaText(rota: readonly number[]): string {
  if (rota.length !== 168) return rota.join(',');
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return days.map((d, i) => `${d},${rota.slice(i * 24, i * 24 + 24).join(',')}`).join('\n');
}
