import type { TextSpan } from '../clinical/span.js';
import { withUnit } from '../clinical/unit-display.js';
import type { IntakeFinding, IntakeRecord, SummaryLine } from './record.js';
import { describeAge } from './values.js';

function list(findings: readonly IntakeFinding[]): string {
  const labels = [...new Set(findings.map((f) => f.label))];
  return labels.join(', ');
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A duration in plain words: hours, days, weeks, months or years. */
function formatDays(days: number): string {
  if (days < 1) return plural(Math.max(1, Math.round(days * 24)), 'hour');
  if (days < 14) return plural(Math.round(days), 'day');
  if (days < 60) return plural(Math.round(days / 7), 'week');
  if (days < 730) return plural(Math.round(days / 30.4375), 'month');
  return plural(Math.round(days / 365.25), 'year');
}

/**
 * A short SOAP-style summary (Subjective, Objective, Assessment, Plan). HealthGPT does not diagnose: A lists what
 * the text establishes about the complaint, P the key questions still open. Every line carries its source spans.
 */
export function summarize(record: Omit<IntakeRecord, 'summary'>): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const own = record.findings.filter(
    (f) => f.experiencer === 'patient' && f.temporality !== 'hypothetical' && f.impliedBy === undefined,
  );
  const present = own.filter((f) => f.status === 'present' && f.temporality === 'recent');
  const absent = own.filter((f) => f.status === 'absent');
  const possible = own.filter((f) => f.status === 'unknown');
  const history = own.filter((f) => f.status === 'present' && f.temporality === 'historical');
  const family = record.findings.filter((f) => f.experiencer === 'other' && f.status === 'present');
  const spans = (findings: readonly IntakeFinding[]): TextSpan[] => findings.map((f) => f.sourceSpan);

  const who = [
    record.patient.ageYears !== undefined ? describeAge(record.patient.ageYears) : undefined,
    record.patient.sex && record.patient.sex !== 'unknown' ? record.patient.sex : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  if (who || record.chiefComplaint) {
    const cc = record.chiefComplaint;
    const ccFinding = cc ? present.find((f) => f.sourceSpan.start === cc.sourceSpan.start) : undefined;
    const duration =
      ccFinding?.durationDays !== undefined ? ` for ${formatDays(ccFinding.durationDays)}` : '';
    lines.push({
      part: 'S',
      text: `${who || 'Patient'}${cc ? ` presenting with ${cc.sourceSpan.text.toLowerCase()}${duration}` : ''}.`,
      sourceSpans: [
        ...(record.patient.sourceSpan ? [record.patient.sourceSpan] : []),
        ...(cc ? [cc.sourceSpan] : []),
      ],
    });
  }
  if (present.length > 0)
    lines.push({ part: 'S', text: `Reports: ${list(present)}.`, sourceSpans: spans(present) });
  if (absent.length > 0)
    lines.push({ part: 'S', text: `Denies / absent: ${list(absent)}.`, sourceSpans: spans(absent) });
  if (possible.length > 0)
    lines.push({ part: 'S', text: `Uncertain: ${list(possible)}.`, sourceSpans: spans(possible) });
  if (history.length > 0)
    lines.push({ part: 'S', text: `History: ${list(history)}.`, sourceSpans: spans(history) });
  if (family.length > 0)
    lines.push({ part: 'S', text: `Family / others: ${list(family)}.`, sourceSpans: spans(family) });
  if (record.smoking) {
    const { status, packYears } = record.smoking;
    lines.push({
      part: 'S',
      text: `Smoking: ${status ?? 'mentioned'}${packYears !== undefined ? `, ${packYears} pack-years` : ''}.`,
      sourceSpans: record.smoking.sourceSpans,
    });
  }
  const measured = record.observations.filter((o) => o.code.code !== '30525-0');
  if (measured.length > 0) {
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const o of measured) {
      const label = o.code.display ?? o.code.code;
      parts.push(`${label} ${withUnit(String(o.value.value), o.value.unit)}`);
      seen.add(label);
    }
    lines.push({
      part: 'O',
      text: `${parts.join('; ')}.`,
      sourceSpans: measured.flatMap((o) => (o.sourceSpan ? [o.sourceSpan] : [])),
    });
  }
  if (record.chiefComplaint) {
    lines.push({
      part: 'A',
      text: `Complaint: ${record.chiefComplaint.label}; ${present.length} finding(s) present, ${absent.length} pertinent negative(s). Decision support, not a diagnosis.`,
      sourceSpans: [record.chiefComplaint.sourceSpan],
    });
  }
  const missing = record.keyQuestions.filter((q) => !q.answered);
  if (missing.length > 0) {
    lines.push({
      part: 'P',
      text: `Still to establish: ${missing
        .slice(0, 8)
        .map((q) => q.label)
        .join(', ')}.`,
      sourceSpans: [],
    });
  }
  return lines;
}
