import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * Benchmark results and the documents rendered from them.
 *
 * Every benchmark writes its section of `docs/benchmarks.json` (title, command, machine, date, text and tables, as
 * the benchmark produced them); `docs/benchmarks.md` is rendered from that JSON, and so are the numbers other
 * documents quote: a model card or capability doc marks a number or a table as rendered from a benchmark table
 * (markers below), `npm run docs:render` rewrites them, and `bench/lib/benchmarks-doc.test.ts` fails when a document
 * disagrees with the JSON.
 *
 * Markers (HTML comments, invisible in rendered Markdown), with a JSON reference:
 * - a value: `<!-- value {"s":"ddx","t":1,"r":["Naive Bayes + greedy EIG (baseline)","interactive"],"c":"avg questions"} -->4.66<!-- /value -->`
 *   (section `s`, its `t`-th table counting from 1, the row whose leading cells are `r` — a key ending in `…` matches
 *   a cell starting with it — and the column headed `c`);
 * - a number in a section's prose: `<!-- value {"s":"ddx","m":"ECE ([0-9.]+) \\(before"} -->0.0178<!-- /value -->` (first
 *   capture group of the regular expression `m`);
 * - a table: `<!-- table {"s":"ddx","t":1,"rows":[[…], …],"cols":[…],"labels":[…]} -->` … `<!-- /table -->`
 *   (the rows `rows` — all when absent — and columns `cols` — all when absent — of that table; `labels` replaces
 *   the first cell of each row).
 */

export const RESULTS_PATH = 'docs/benchmarks.json';
export const DOC_PATH = 'docs/benchmarks.md';
const DOC_INTRO =
  '# Benchmarks\n\nEach section is written by its benchmark command into `docs/benchmarks.json`, and this page is rendered from that file (`npm run docs:render`); rerun the command to refresh it.\n';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}
export type Block = { readonly text: string } | { readonly table: Table };

export interface BenchmarkSection {
  readonly id: string;
  readonly title: string;
  readonly command: string;
  readonly machine: string;
  readonly run: string;
  readonly blocks: readonly Block[];
}

export interface BenchmarkResults {
  readonly sections: readonly BenchmarkSection[];
}

/** A one-line description of this machine, for the benchmark record. */
export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Renders rows as a Markdown table. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const parseRow = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|\s?/, '')
    .replace(/\s?\|$/, '')
    .split(' | ')
    .map((cell) => cell.trim());

/** Splits a Markdown body into text blocks and tables (tables as `markdownTable` writes them). */
export function parseBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  const lines = body.split('\n');
  let text: string[] = [];
  const flush = () => {
    if (text.length) blocks.push({ text: text.join('\n') });
    text = [];
  };
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.startsWith('|') && lines[i + 1]?.startsWith('| ---')) {
      flush();
      const header = parseRow(lines[i]!);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.startsWith('|')) rows.push(parseRow(lines[i++]!));
      blocks.push({ table: { header, rows } });
    } else text.push(lines[i++]!);
  }
  flush();
  return blocks;
}

export function renderBlocks(blocks: readonly Block[]): string {
  return blocks.map((b) => ('table' in b ? markdownTable(b.table.header, b.table.rows) : b.text)).join('\n');
}

export function renderSection(section: BenchmarkSection): string {
  return [
    `<!-- bench:${section.id}:start -->`,
    `## ${section.title}`,
    '',
    `Command: \`${section.command}\`  `,
    `Machine: ${section.machine}  `,
    `Run: ${section.run}`,
    '',
    renderBlocks(section.blocks).trim(),
    `<!-- bench:${section.id}:end -->`,
  ].join('\n');
}

/** `docs/benchmarks.md` from the results. */
export function renderBenchmarksDoc(results: BenchmarkResults): string {
  return `${DOC_INTRO}\n${results.sections.map(renderSection).join('\n\n')}\n`;
}

export function readResults(path = RESULTS_PATH): BenchmarkResults {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchmarkResults) : { sections: [] };
}

/** A reference to a cell or to part of a table in the results. */
interface TableRef {
  readonly s: string;
  readonly t: number;
}

function tableOf(results: BenchmarkResults, ref: TableRef): Table {
  const section = results.sections.find((x) => x.id === ref.s);
  if (!section) throw new Error(`no benchmark section '${ref.s}' in ${RESULTS_PATH}`);
  const tables = section.blocks.flatMap((b) => ('table' in b ? [b.table] : []));
  const table = tables[ref.t - 1];
  if (!table) throw new Error(`benchmark section '${ref.s}' has no table ${ref.t} (it has ${tables.length})`);
  return table;
}

function rowOf(table: Table, key: readonly string[], where: string): readonly string[] {
  const cellMatches = (cell: string | undefined, k: string) =>
    k.endsWith('…') ? cell?.startsWith(k.slice(0, -1)) === true : cell === k;
  const matches = table.rows.filter((row) => key.every((k, i) => cellMatches(row[i], k)));
  if (matches.length !== 1)
    throw new Error(`${where}: ${matches.length} rows start with ${JSON.stringify(key)} (need exactly 1)`);
  return matches[0]!;
}

function columnOf(table: Table, column: string, where: string): number {
  const index = table.header.indexOf(column);
  if (index < 0) throw new Error(`${where}: no column '${column}' (columns: ${table.header.join(', ')})`);
  return index;
}

/** A value in a section's text: the first capture group of `m` (a regular expression) in the section's prose. */
interface TextRef {
  readonly s: string;
  readonly m: string;
}

/** The text of one referenced cell, or of one number in a section's prose. */
export function resolveValue(
  results: BenchmarkResults,
  ref: (TableRef & { readonly r: readonly string[]; readonly c: string }) | TextRef,
): string {
  const where = `value ${JSON.stringify(ref)}`;
  if ('m' in ref) {
    const section = results.sections.find((x) => x.id === ref.s);
    if (!section) throw new Error(`no benchmark section '${ref.s}' in ${RESULTS_PATH}`);
    const prose = section.blocks.flatMap((b) => ('text' in b ? [b.text] : [])).join('\n');
    const match = new RegExp(ref.m).exec(prose);
    if (!match?.[1]) throw new Error(`${where}: not found in the text of section '${ref.s}'`);
    return match[1];
  }
  const table = tableOf(results, ref);
  return rowOf(table, ref.r, where)[columnOf(table, ref.c, where)]!;
}

/** The Markdown of a referenced part of a table. */
export function resolveTable(
  results: BenchmarkResults,
  ref: TableRef & {
    readonly rows?: readonly (readonly string[])[];
    readonly cols?: readonly string[];
    readonly labels?: readonly string[];
  },
): string {
  const where = `table ${JSON.stringify({ s: ref.s, t: ref.t })}`;
  const table = tableOf(results, ref);
  const columns = (ref.cols ?? table.header).map((c) => columnOf(table, c, where));
  const rows = ref.rows ? ref.rows.map((key) => rowOf(table, key, where)) : table.rows;
  return markdownTable(
    columns.map((c) => table.header[c]!),
    rows.map((row, i) => columns.map((c, j) => (j === 0 && ref.labels?.[i] ? ref.labels[i]! : row[c]!))),
  );
}

const VALUE_MARKER = /<!-- value (\{.*?\}) -->([\s\S]*?)<!-- \/value -->/g;
const TABLE_MARKER = /<!-- table (\{.*?\}) -->\n([\s\S]*?)\n?<!-- \/table -->/g;

/** A document with every marker re-rendered from the results. */
export function renderMarkers(document: string, results: BenchmarkResults): string {
  return document
    .replace(
      VALUE_MARKER,
      (_, json: string) => `<!-- value ${json} -->${resolveValue(results, JSON.parse(json))}<!-- /value -->`,
    )
    .replace(
      TABLE_MARKER,
      (_, json: string) =>
        `<!-- table ${json} -->\n${resolveTable(results, JSON.parse(json))}\n<!-- /table -->`,
    );
}

/** Number of markers in a document. */
export function countMarkers(document: string): number {
  return (document.match(VALUE_MARKER) ?? []).length + (document.match(TABLE_MARKER) ?? []).length;
}

/** Markdown files that may quote benchmark numbers: `docs/*.md` and everything under `models/`. */
export function documentsWithNumbers(root = '.'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) out.push(path);
    }
  };
  for (const entry of readdirSync(join(root, 'docs')))
    if (entry.endsWith('.md')) out.push(join('docs', entry));
  if (existsSync(join(root, 'models'))) walk('models');
  return out.filter((p) => p !== DOC_PATH).sort();
}

/** Rewrites `docs/benchmarks.md` and every marker in the docs and model cards from the results file. */
export function renderAllDocs(results = readResults()): string[] {
  writeFileSync(DOC_PATH, renderBenchmarksDoc(results));
  const changed: string[] = [];
  for (const path of documentsWithNumbers()) {
    const current = readFileSync(path, 'utf8');
    const next = renderMarkers(current, results);
    if (next !== current) {
      writeFileSync(path, next);
      changed.push(path);
    }
  }
  return changed;
}

/**
 * Records one benchmark's section in `docs/benchmarks.json` (replacing it, or adding it at the end), stamped with
 * the command, the machine and the date, then re-renders `docs/benchmarks.md` and the documents' markers.
 */
export function updateBenchmarkSection(id: string, title: string, command: string, body: string): void {
  withResultsLock(() => writeSection(id, title, command, body));
}

/**
 * Benchmarks may finish at the same time (several people or `npm run bench` beside a single one): the read, merge
 * and write of `docs/benchmarks.json` happen under an exclusive lock file so no section is lost.
 */
function withResultsLock(run: () => void): void {
  const lock = `${RESULTS_PATH}.lock`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline)
        throw new Error(`cannot lock ${RESULTS_PATH} (remove ${lock} if no benchmark is running)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    run();
  } finally {
    rmSync(lock, { force: true });
  }
}

function writeSection(id: string, title: string, command: string, body: string): void {
  const results = readResults();
  const section: BenchmarkSection = {
    id,
    title,
    command,
    machine: machineDescription(),
    run: new Date().toISOString().slice(0, 10),
    blocks: parseBlocks(body.trim()),
  };
  const sections = results.sections.some((s) => s.id === id)
    ? results.sections.map((s) => (s.id === id ? section : s))
    : [...results.sections, section];
  const next = { ...results, sections };
  writeFileSync(`${RESULTS_PATH}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(`${RESULTS_PATH}.tmp`, RESULTS_PATH);
  const changed = renderAllDocs(next);
  if (changed.length) console.log(`re-rendered benchmark numbers in ${changed.join(', ')}`);
}
