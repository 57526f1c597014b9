import { defineEngine } from '../engine/engine.js';
import { assessTriage } from './assess.js';
import { hasSomethingToTriage, triageInputFromCase } from './case-input.js';
import { triageCard } from './cds-card.js';
import { news2ParameterList } from './labels.js';
import { NEWS2_SOURCE } from './news2.js';
import { triageInputSchema } from './schema.js';
import type { TriageResult } from './types.js';

/**
 * Triage as an engine: findings, vitals and (optionally) the open differential → one of four levels, with every
 * reason. Its explanation lists the NEWS2 sub-scores as points (adding up to the NEWS2 total) and the rules that
 * fired.
 */
export const triageEngine = defineEngine({
  id: 'triage.red-flags',
  outputKind: 'triage',
  title: 'Triage (red flags, NEWS2, must-not-miss conditions)',
  version: '0.1.0',
  description:
    'Four levels (emergency, urgent, routine, self-care) with reasons: red-flag rules written from published triage guidance, NEWS2 from vital signs, and must-not-miss conditions still open in the differential.',
  source: `${NEWS2_SOURCE} Red flags: NICE CG95, NG158, NG128, NG240, NG143, CG141, CG191, NG12, NG126, NG225; NICE CKS; BTS 2017; RCUK 2021; Manchester Triage System (most urgent discriminator sets the priority).`,
  validation: {
    status: 'experimental',
    metrics: [
      {
        name: 'triage accuracy',
        dataset: 'realistic vignettes (healthgpt eval vignettes); not yet measured for this engine alone',
        evidence: 'none',
        reference: 'docs/triage.md',
        note: 'The red-flag rules follow published guidance but their combination has not been validated against outcomes.',
      },
      {
        name: 'NEWS2 (component): discrimination of death, cardiac arrest or ICU admission within 24 h',
        dataset: 'published NEWS/NEWS2 validation cohorts (adult inpatients)',
        evidence: 'publication',
        reference:
          'Smith GB et al. Resuscitation 2013;84:465–470 (NEWS); RCP 2017 NEWS2 report. Implemented exactly; tested at every band edge.',
      },
    ],
  },
  inputSchema: triageInputSchema,
  exampleInput: {
    patient: { ageYears: 67, sex: 'male' },
    findings: [
      { conceptId: 'cough', status: 'present', durationDays: 3 },
      { conceptId: 'fever', status: 'present' },
    ],
    vitals: {
      respiratoryRate: 24,
      spo2Percent: 93,
      onOxygen: false,
      systolicBp: 104,
      pulse: 108,
      consciousness: 'alert',
      temperatureC: 38.7,
    },
  },
  additiveTotal: (output: TriageResult) => output.news2?.total,
  compute(input) {
    const result = assessTriage(input);
    const scored = result.news2?.total !== undefined ? result.news2.parameters : [];
    return {
      output: result,
      explanation: {
        summary: `${result.level}: ${result.reasons[0]?.text ?? ''}`,
        ...(result.news2?.total !== undefined ? { baseline: 0 } : {}),
        contributions: scored.map((p) => ({
          input: p.parameter,
          label: `NEWS2 ${news2ParameterList([p.parameter])}`,
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
    };
  },
  fromCase(clinicalCase) {
    // The case's patient, findings and observations, as `GET /v1/cases/{id}/triage` reads them (without the
    // differential, which needs another engine's run); none when it holds no current finding and no vital sign.
    const input = triageInputFromCase(clinicalCase);
    return hasSomethingToTriage(input) ? input : undefined;
  },
  toCard: triageCard,
});
