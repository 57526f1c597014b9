import { z } from 'zod';
import type { Finding } from '../clinical/finding.js';
import { defineEngine } from '../engine/engine.js';
import { createIntakeProcessor } from './default.js';
import { checkConsultationText } from './input.js';
import { diagnosisFindings, processBounded } from './pipeline.js';
import type { IntakeRecord } from './record.js';

export const intakeInputSchema = z
  .object({
    text: z.string().max(10_000_000),
    /** Consultation date for relative onsets ("since last Tuesday"). */
    referenceDate: z.iso.date().optional(),
  })
  .strict();

export type IntakeInput = z.infer<typeof intakeInputSchema>;

export interface IntakeOutput {
  readonly record: IntakeRecord;
  /** The findings list the diagnosis engine takes. */
  readonly findings: readonly Finding[];
}

/** What in the text drove the record: each finding's words and the ConText triggers that decided it, and each value. */
function drivers(record: IntakeRecord, text: string): string[] {
  const quote = (span: { start: number; end: number } | undefined) =>
    span ? `"${text.slice(span.start, span.end).replace(/\s+/g, ' ').slice(0, 80)}"` : 'the text';
  const findings = record.findings.map(
    (f) =>
      `${f.label}: ${f.status}/${f.temporality}/${f.experiencer} from ${quote(f.sourceSpan)}${
        f.triggers && f.triggers.length > 0 ? ` (ConText triggers "${f.triggers.join('", "')}")` : ''
      }`,
  );
  const values = record.observations.map(
    (o) => `${o.code.display ?? o.code.code}: ${o.value.value} ${o.value.unit} from ${quote(o.sourceSpan)}`,
  );
  return [...findings, ...values].slice(0, 100);
}

/** Consultation text → structured record (findings with ConText, values, key questions, summary). */
export const intakeEngine = defineEngine({
  id: 'intake.consultation',
  outputKind: 'record',
  title: 'Consultation intake (text to structured record)',
  version: '0.1.0',
  description:
    'Segments a consultation note, recognises knowledge-base concepts, decides negation, temporality and experiencer with ConText, reads vitals, labs, durations and smoking, and lists key questions not yet asked.',
  source:
    'Harkema H, Dowling JN, Thornblade T, Chapman WW. ConText: an algorithm for determining negation, experiencer, and temporal status from clinical reports. J Biomed Inform 2009;42:839-851. Chapman WW et al. A simple algorithm for identifying negated findings and diseases in discharge summaries (NegEx). J Biomed Inform 2001;34:301-310.',
  validation: {
    // Hand-written consultations, and held-out rounds since used for fixes: not a validation on real notes.
    status: 'experimental',
    metrics: [
      {
        name: 'recognition F1 (concept, value, status, temporality and experiencer all match)',
        value: 0.926,
        dataset:
          '10 hand-written consultations, 55 findings (held out, second round; since used for knowledge-base fixes)',
        evidence: 'benchmark',
        reference: 'docs/benchmarks.md',
        cell: { section: 'intake', table: 3, row: ['second held-out round…'], column: 'F1' },
      },
      {
        name: 'negation F1 (ConText)',
        value: 0.985,
        dataset: 'NegEx annotations_dev.tsv, 1,654 sentences (development set the lexicon was tuned on)',
        evidence: 'benchmark',
        reference: 'docs/benchmarks.md',
        cell: { section: 'intake', table: 1, row: ['HealthGPT intake ConText'], column: 'F1' },
        note: 'development-set number: overestimates performance on new text',
      },
    ],
  },
  inputSchema: intakeInputSchema,
  exampleInput: {
    text: '45-year-old man with cough and fever for 3 days. No chest pain. T 38.4 °C, HR 104.',
    referenceDate: '2026-01-15',
  },
  compute(input) {
    const text = checkConsultationText(input.text);
    const processor = createIntakeProcessor(
      input.referenceDate ? { referenceDate: input.referenceDate } : {},
    );
    const record = processBounded(processor, text);
    const findings = diagnosisFindings(record);
    const summary = record.summary.map((line) => `${line.part}: ${line.text}`).join('\n');
    return {
      output: { record, findings },
      explanation: {
        summary:
          summary ||
          `${record.findings.length} finding(s) and ${record.observations.length} value(s) read from ${text.length} characters.`,
        contributions: [],
        rulesFired: drivers(record, text),
        ...(record.warnings.length > 0 ? { warnings: [...record.warnings] } : {}),
      },
    };
  },
  fromCase(clinicalCase) {
    return clinicalCase.note?.trim() ? { text: clinicalCase.note } : undefined;
  },
});
