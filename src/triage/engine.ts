import type { Engine } from '../engine/engine.js';
import { provenanceOf } from '../engine/engine.js';
import { assessTriage } from './assess.js';
import { NEWS2_SOURCE } from './news2.js';
import { triageInputSchema } from './schema.js';
import type { TriageInput, TriageResult } from './types.js';

/**
 * Triage as an engine: findings, vitals and (optionally) the open differential → one of four levels, with every
 * reason. Its explanation lists the NEWS2 sub-scores as points and the rules that fired.
 */
export const triageEngine: Engine<TriageInput, TriageResult> = {
  id: 'triage.red-flags',
  kind: 'other',
  title: 'Triage (red flags, NEWS2, must-not-miss conditions)',
  version: '0.1.0',
  description:
    'Four levels (emergency, urgent, routine, self-care) with reasons: red-flag rules written from published triage guidance, NEWS2 from vital signs, and must-not-miss conditions still open in the differential.',
  source: `${NEWS2_SOURCE} Red flags: NICE CG95, NG158, NG128, NG240, NG143, CG141, CG191, NG12, NG126, NG225; NICE CKS; BTS 2017; RCUK 2021; Manchester Triage System (most urgent discriminator sets the priority).`,
  runsOnCases: true,
  inputSchema: triageInputSchema,
  run(input) {
    const result = assessTriage(input);
    return {
      output: result,
      explanation: {
        summary: `${result.level}: ${result.reasons[0]?.text ?? ''}`,
        ...(result.news2?.total !== undefined ? { baseline: 0 } : {}),
        contributions: (result.news2?.total !== undefined ? result.news2.parameters : []).map((p) => ({
          input: p.parameter,
          label: `NEWS2 ${p.parameter}`,
          value: p.value,
          contribution: p.score,
          unit: 'points' as const,
        })),
        rulesFired: result.reasons.map(
          (r) => `[${r.level}] ${r.text}${r.citation ? ` (${r.citation})` : ''}`,
        ),
        ...(result.insufficient
          ? { warnings: ['Not enough to go on: no current symptom and no vital signs.'] }
          : {}),
      },
      provenance: provenanceOf(triageEngine),
    };
  },
  fromCase(clinicalCase) {
    if (clinicalCase.findings.length === 0 && clinicalCase.observations.length === 0) return undefined;
    return {
      patient: clinicalCase.patient,
      findings: clinicalCase.findings,
      observations: clinicalCase.observations,
    };
  },
};
