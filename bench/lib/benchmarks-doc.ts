import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const DOC_PATH = 'docs/benchmarks.md';

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

/**
 * Replaces one benchmark's section of `docs/benchmarks.md` (between `<!-- bench:ID:start -->` and
 * `<!-- bench:ID:end -->`), adding it at the end if absent, stamped with the command, the machine and the date.
 */
export function updateBenchmarkSection(id: string, title: string, command: string, body: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const section = [
    start,
    `## ${title}`,
    '',
    `Command: \`${command}\`  `,
    `Machine: ${machineDescription()}  `,
    `Run: ${new Date().toISOString().slice(0, 10)}`,
    '',
    body.trim(),
    end,
  ].join('\n');
  const current = existsSync(DOC_PATH)
    ? readFileSync(DOC_PATH, 'utf8')
    : '# Benchmarks\n\nEach section is written by its benchmark command; rerun the command to refresh it.\n';
  const startAt = current.indexOf(start);
  const endAt = current.indexOf(end);
  const next =
    startAt >= 0 && endAt > startAt
      ? current.slice(0, startAt) + section + current.slice(endAt + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC_PATH, next);
}
