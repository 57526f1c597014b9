/**
 * Minimal RFC 4180 CSV reading (quoted fields, doubled quotes, CRLF or LF); enough for the series, visit and covariate
 * files ingest accepts. Returns the header and rows; blank lines are skipped but still counted for row numbers.
 */
export interface CsvTable {
  readonly header: readonly string[];
  /** Each row with its 1-based line number in the file (header = 1). */
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export function parseCsv(text: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').map((h) => h.trim());
  const rows: { line: number; cells: string[] }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    rows.push({ line: i + 1, cells: splitLine(line).map((c) => c.trim()) });
  }
  return { header, rows };
}
