import { z } from 'zod';
import type { Finding } from '../clinical/finding.js';
import { type Engine, provenanceOf } from '../engine/engine.js';
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

/** Consultation text → structured record (findings with ConText, values, key questions, summary). */
export const intakeEngine: Engine<IntakeInput, IntakeOutput> = {
  id: 'intake.consultation',
  kind: 'intake',
  title: 'Consultation intake (text to structured record)',
  version: '0.1.0',
  description:
    'Segments a consultation note, recognises knowledge-base concepts, decides negation, temporality and experiencer with ConText, reads vitals, labs, durations and smoking, and lists key questions not yet asked.',
  source:
    'Harkema H, Dowling JN, Thornblade T, Chapman WW. ConText: an algorithm for determining negation, experiencer, and temporal status from clinical reports. J Biomed Inform 2009;42:839-851. Chapman WW et al. A simple algorithm for identifying negated findings and diseases in discharge summaries (NegEx). J Biomed Inform 2001;34:301-310.',
  inputSchema: intakeInputSchema,
  run(input) {
    const text = checkConsultationText(input.text);
    const processor = createIntakeProcessor(
      input.referenceDate ? { referenceDate: input.referenceDate } : {},
    );
    const record = processBounded(processor, text);
    const findings = diagnosisFindings(record);
    return {
      output: { record, findings },
      explanation: {
        summary: record.summary.map((line) => `${line.part}: ${line.text}`).join('\n'),
        contributions: [],
        rulesFired: record.findings
          .filter((f) => f.triggers && f.triggers.length > 0)
          .slice(0, 50)
          .map(
            (f) =>
              `${f.label}: ${f.status}/${f.temporality}/${f.experiencer} by "${f.triggers!.join('", "')}"`,
          ),
        ...(record.warnings.length > 0 ? { warnings: [...record.warnings] } : {}),
      },
      provenance: provenanceOf(intakeEngine),
    };
  },
  fromCase(clinicalCase) {
    return clinicalCase.note?.trim() ? { text: clinicalCase.note } : undefined;
  },
};
