import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { decodeUtf8 } from '../app/text-input.js';
import { HealthGptError } from '../engine/errors.js';
import { deidentifyText } from './deidentify.js';
import { MAX_TEXT_CHARS } from './detect.js';
import { deidentifyDicom } from './dicom.js';
import { type DeidEvalDetails, type DeidEvalReport, evaluateDeidFiles } from './evaluate-file.js';
import { deidentifyFhir, type FhirProfile } from './fhir.js';

/** Reads a file the user named for de-identification: UTF-8 text or JSON, refusing binary and oversized input. */
export function readUserFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new HealthGptError('not-found', `${path}: no such file`);
  }
  if (size > MAX_TEXT_CHARS * 2)
    throw new HealthGptError('too-large', `${path} is ${size} bytes; the limit is ${MAX_TEXT_CHARS * 2}`);
  const bytes = readFileSync(path);
  if (bytes.includes(0))
    throw new HealthGptError('unsupported-media-type', `${path} is binary (NUL bytes), not text`);
  // Strictly UTF-8 (the shared decoder): a file in another encoding is refused, naming the first bad byte.
  return decodeUtf8(bytes, path);
}

function isDicom(path: string): boolean {
  try {
    const head = readFileSync(path).subarray(128, 132);
    return head.toString('latin1') === 'DICM';
  } catch {
    return false;
  }
}

/** `healthgpt deid FILE` and `healthgpt eval deid --text FILE.text --phi FILE.phrase`. */
export function registerDeidCommands(program: Command, cli: CliContext): void {
  program
    .command('deid')
    .description(
      'de-identify a note (text) or a FHIR resource/Bundle (JSON): identifiers removed or replaced, each removal explained',
    )
    .argument(
      '<file>',
      'a UTF-8 text file, a .json FHIR resource or Bundle, or a .dcm DICOM file (with --out)',
    )
    .option('--out <file>', 'DICOM: where to write the de-identified file')
    .option('--surrogate', 'replace with consistent fake values instead of [NAME], [DATE] …')
    .option('--patient <key>', 'patient key for surrogates (same key: same fake names and date shift)')
    .option('--profile <profile>', 'FHIR profile: safe-harbor (default) or limited-data-set', 'safe-harbor')
    .action(
      (file: string, options: { surrogate?: boolean; patient?: string; profile: string; out?: string }) => {
        if (/\.dcm$/i.test(file) || isDicom(file)) {
          if (!options.out)
            throw HealthGptError.invalid('a DICOM file needs --out FILE for the de-identified copy');
          const r = deidentifyDicom(readFileSync(file));
          writeFileSync(options.out, r.bytes, { mode: 0o600 });
          const report = { out: options.out, changes: r.changes, burnedInText: r.burnedInText };
          cli.print(report, (x) =>
            [
              `wrote ${x.out}: ${x.changes.length} attributes changed (${[...new Set(x.changes.map((c) => c.action))].join(', ')})`,
              `burned-in text: ${x.burnedInText.status}${x.burnedInText.reasons.length ? ` (${x.burnedInText.reasons.join('; ')})` : ''}`,
            ].join('\n'),
          );
          return;
        }
        const content = readUserFile(file);
        const mode = options.surrogate ? 'surrogate' : 'redact';
        if (options.profile !== 'safe-harbor' && options.profile !== 'limited-data-set')
          throw HealthGptError.invalid(
            `--profile must be safe-harbor or limited-data-set, not '${options.profile}'`,
          );
        const patientKey = options.patient ?? (mode === 'surrogate' ? file : undefined);
        if (/\.json$/i.test(file) || /^\s*\{/.test(content)) {
          let json: unknown;
          try {
            json = JSON.parse(content);
          } catch (error) {
            throw HealthGptError.invalid(`${file} is not valid JSON: ${(error as Error).message}`);
          }
          const result = deidentifyFhir(json, {
            profile: options.profile as FhirProfile,
            mode,
            ...(patientKey ? { patientKey } : {}),
          });
          cli.print(
            result,
            (r) => `${JSON.stringify(r.resource, null, 2)}\n${r.removed.length} values removed or changed`,
          );
          return;
        }
        const result = deidentifyText(content, { mode, ...(patientKey ? { patientKey } : {}) });
        cli.print(result, (r) =>
          [
            r.text,
            '',
            `${r.spans.length} removals:`,
            ...r.spans.map(
              (s) => `  ${s.start}-${s.end} ${s.category} '${s.text}' by ${s.rule} (${s.score})`,
            ),
          ].join('\n'),
        );
      },
    );

  cli.evalCommand
    .command('deid')
    .description(
      'de-identification on PhysioNet deid format files (latin-1): token-level precision, recall and F1 against the gold spans',
    )
    .requiredOption('--text <file>', "notes: 'START_OF_RECORD=pid||||note||||' … '||||END_OF_RECORD'")
    .requiredOption('--phi <file>', "gold spans: 'pid note start end Category text' (0-based, end-exclusive)")
    .action((options: { text: string; phi: string }) => {
      const { report, details } = evaluateDeidFiles(options.text, options.phi);
      cli.print(report, (r) => humanReport(r, details));
    });
}

function humanReport(r: DeidEvalReport, d: DeidEvalDetails): string {
  const m = d.counts;
  return [
    `${r.n_notes} notes, ${r.spans.length} predicted spans`,
    `token precision ${m.precision}  recall ${m.recall}  F1 ${m.f1}  (TP ${m.tp}, FP ${m.fp}, FN ${m.fn}; ${d.unit})`,
    `recall by gold category: ${Object.entries(d.recallByCategory)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ].join('\n');
}
