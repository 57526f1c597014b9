import type { Command } from 'commander';
import { readJsonFile, readTextFile } from '../../app/text-input.js';
import type { ClinicalCase } from '../../clinical/case.js';
import { HealthGptError } from '../../engine/errors.js';
import { type ImportReport, importBundle } from '../../fhir/import-bundle.js';
import { addNoteToCase, createCaseFromNote, type NoteResult } from '../../intake/case-note.js';
import { createCaseAudited } from '../../store/audited.js';
import type { CliContext } from '../context.js';

function referenceDateOf(date: string | undefined): { referenceDate?: string } {
  if (date === undefined) return {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    throw HealthGptError.invalid(`--date must be a date as YYYY-MM-DD, not '${date}'`);
  return { referenceDate: date };
}

const describeNoteResult = (r: NoteResult) =>
  `${r.added.findings} findings and ${r.added.observations} values added; the note is kept with the case.\n${describeCase(r.case)}`;

/** A case in a few lines, for the terminal. */
/** The import report in lines: per resource type read, kept, named and mapped; the types not imported. */
export function describeReport(report: ImportReport): string {
  const lines = Object.entries(report.byType).map(
    ([type, t]) => `  ${type}: ${t.kept}/${t.resources} kept, ${t.named} named, ${t.mapped} mapped`,
  );
  const ignored = Object.entries(report.ignored).map(([type, n]) => `${type} ${n}`);
  return [
    'Import report:',
    ...lines,
    ...(ignored.length ? [`  not imported: ${ignored.join(', ')}`] : []),
    ...report.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

export function describeCase(c: ClinicalCase): string {
  const patient = [c.patient.ageYears !== undefined ? `${c.patient.ageYears} y` : undefined, c.patient.sex]
    .filter(Boolean)
    .join(', ');
  const lines = [`${c.title}  [${c.id}]`, `Patient: ${patient || 'age and sex not recorded'}`];
  for (const f of c.findings)
    lines.push(
      `  finding  ${f.status.padEnd(8)} ${f.conceptId}${f.value !== undefined ? ` = ${String(f.value)}` : ''}`,
    );
  for (const o of c.observations)
    lines.push(`  observed ${o.code.display ?? o.code.code}: ${o.value.value} ${o.value.unit}`);
  return lines.join('\n');
}

/** `healthgpt case import|show|list|note|from-note`. */
export function registerCaseCommands(program: Command, cli: CliContext) {
  const caseCommand = program.command('case').description('work with stored cases');
  caseCommand
    .command('import <bundle>')
    .description(
      'import a FHIR R4 Bundle (Patient, Observations of every shape, Conditions, allergies, medications, procedures, reports) as a new case; a bundle with an unreadable resource is refused whole',
    )
    .option('--title <title>', 'title for the case')
    .option(
      '--dry-run',
      'read the bundle and print the import report (kept, named, mapped per type) without storing',
    )
    .action((path: string, options: { title?: string; dryRun?: boolean }) => {
      const { case: newCase, report } = importBundle(
        readJsonFile(path),
        options.title ? { title: options.title } : {},
      );
      if (options.dryRun) {
        cli.print(
          { report, findings: newCase.findings.length, observations: newCase.observations.length },
          (r) => describeReport(r.report),
        );
        return;
      }
      const { store } = cli.app();
      const created = createCaseAudited(store, newCase, { actor: 'cli', action: 'fhir.import' });
      cli.print(created, (c) => `Imported case ${c.id}\n${describeCase(c)}\n${describeReport(report)}`);
    });
  caseCommand
    .command('note <id> <file>')
    .description(
      'add a consultation note (a file, or - for standard input) to a case: kept, and read into findings',
    )
    .option('--date <yyyy-mm-dd>', 'date the note was written (for "since Monday")')
    .action((id: string, path: string, options: { date?: string }) => {
      const result = addNoteToCase(
        cli.app().store,
        id,
        { text: readTextFile(path), ...referenceDateOf(options.date) },
        { actor: 'cli' },
      );
      cli.print(result, describeNoteResult);
    });
  caseCommand
    .command('from-note <file>')
    .description('create a case from a consultation note (a file, or - for standard input)')
    .requiredOption('--title <title>', 'title for the case (no names or identifiers)')
    .option('--date <yyyy-mm-dd>', 'date the note was written')
    .action((path: string, options: { title: string; date?: string }) => {
      const result = createCaseFromNote(
        cli.app().store,
        {
          title: options.title,
          text: readTextFile(path),
          ...referenceDateOf(options.date),
        },
        { actor: 'cli' },
      );
      cli.print(result, (r) => `Created case ${r.case.id}\n${describeNoteResult(r)}`);
    });
  caseCommand
    .command('show <id>')
    .description('show a case and its assessments')
    .action((id: string) => {
      const { store } = cli.app();
      const found = store.cases.get(id);
      if (!found) throw HealthGptError.notFound('case', id);
      const assessments = store.assessments.listForCase(id);
      cli.print({ case: found, assessments }, ({ case: c, assessments: list }) =>
        [
          describeCase(c),
          ...list.map((a) => `  assessment ${a.engineId} (${a.provenance.engineVersion}) ${a.createdAt}`),
        ].join('\n'),
      );
    });
  caseCommand
    .command('list')
    .description('list cases, most recently updated first')
    .option('--limit <n>', 'how many', '20')
    .action((options: { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw HealthGptError.invalid('--limit must be a whole number from 1 to 500');
      const page = cli.app().store.cases.list({ limit });
      cli.print(page, (p) =>
        p.items.length === 0
          ? 'No cases.'
          : p.items.map((c) => `${c.id}  ${c.updatedAt}  ${c.title}`).join('\n'),
      );
    });
}
