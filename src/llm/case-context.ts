import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';

/** How a finding reads in text: its label (or concept id), value and status. */
function findingText(f: ClinicalCase['findings'][number]): string {
  const name = f.label ?? f.conceptId;
  const value =
    f.value === undefined ? '' : `: ${Array.isArray(f.value) ? f.value.join(', ') : String(f.value)}`;
  const when = f.durationDays !== undefined ? ` (${f.durationDays} days)` : '';
  const who = f.experiencer === 'other' ? ' [family history]' : '';
  return `${name}${value}${when}${who}`;
}

/** The structured record of a case as plain lines (no free-text note): what a model or a template reads. */
export function caseFacts(c: ClinicalCase): {
  patient: string;
  present: string[];
  absent: string[];
  observations: string[];
} {
  const age = c.patient.ageYears !== undefined ? `${c.patient.ageYears} years` : 'age not recorded';
  const sex = c.patient.sex && c.patient.sex !== 'unknown' ? c.patient.sex : 'sex not recorded';
  return {
    patient: `${age}, ${sex}`,
    present: c.findings.filter((f) => f.status === 'present').map(findingText),
    absent: c.findings.filter((f) => f.status === 'absent').map(findingText),
    observations: c.observations.map(
      (o) =>
        `${o.code.display ?? o.code.code}: ${o.value.value} ${o.value.unit}${o.effectiveDateTime ? ` (${o.effectiveDateTime.slice(0, 10)})` : ''}`,
    ),
  };
}

/** One line per stored assessment: engine, result and first recommendation. */
export function assessmentLines(assessments: readonly Assessment[]): string[] {
  return assessments.map((a) => {
    const parts: string[] = [];
    if (a.risk) {
      if (!a.risk.applicable)
        parts.push(`not applicable (${a.risk.notApplicableReason ?? 'outside its population'})`);
      if (a.risk.score !== undefined) parts.push(`score ${a.risk.score}`);
      if (a.risk.probability !== undefined)
        parts.push(`probability ${(100 * a.risk.probability).toFixed(1)} %`);
      if (a.risk.category) parts.push(`category ${a.risk.category}`);
    }
    if (a.differential) {
      const top = a.differential.entries
        .slice(0, 3)
        .map((e) => `${e.label} ${(100 * e.probability).toFixed(0)} %`);
      if (top.length) parts.push(`differential: ${top.join('; ')}`);
    }
    const rec = a.recommendations?.[0];
    if (rec)
      parts.push(
        `recommends: ${rec.text}${rec.guideline ? ` (${rec.guideline.title} ${rec.guideline.version})` : ''}`,
      );
    return `${a.engineId} ${a.provenance.engineVersion} (${a.createdAt.slice(0, 10)}): ${parts.join(', ') || 'no summary'}`;
  });
}

/** The case as context for a model: the structured record, stored assessments, and the note when asked. */
export function caseContextText(
  c: ClinicalCase,
  assessments: readonly Assessment[],
  withNote: boolean,
): string {
  const f = caseFacts(c);
  const lines = [
    `Case "${c.title}" (${c.id}). Patient: ${f.patient}.`,
    `Findings present: ${f.present.join('; ') || 'none recorded'}.`,
    `Findings absent: ${f.absent.join('; ') || 'none recorded'}.`,
    `Observations: ${f.observations.join('; ') || 'none recorded'}.`,
  ];
  const a = assessmentLines(assessments);
  if (a.length) lines.push(`Assessments by HealthGPT's engines:\n- ${a.join('\n- ')}`);
  if (withNote && c.note) lines.push(`Clinician's note:\n${c.note}`);
  return lines.join('\n');
}
