import { HealthGptError } from '../engine/errors.js';

/**
 * RFC 4180 CSV (quoted fields with doubled quotes and line breaks inside quotes). Every row must have the header's
 * number of fields; an unterminated quote or a ragged row is an error naming the line where the record starts.
 */
export function parseCsv(
  text: string,
  what = 'CSV',
): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') {
      cells.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(field);
      if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
      cells = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes)
    throw HealthGptError.invalid(
      `${what}: unterminated quoted field in the record starting on line ${recordLine}`,
    );
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    records.push({ line: recordLine, cells });
  }
  const head = records.shift();
  if (!head) throw HealthGptError.invalid(`${what}: the file is empty (no header row)`);
  const header = head.cells.map((h) => h.trim());
  for (const r of records)
    if (r.cells.length !== header.length)
      throw HealthGptError.invalid(
        `${what}: line ${r.line} has ${r.cells.length} fields; the header has ${header.length}`,
      );
  return { header, rows: records };
}
