import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { assessTriage } from '../../../../src/triage/assess.js';
import { TriageView } from './TriageView.js';

describe('TriageView', () => {
  const result = assessTriage({
    patient: { ageYears: 70 },
    findings: [{ conceptId: 'hematemesis', status: 'present' }],
    vitals: {
      respiratoryRate: 22,
      spo2Percent: 95,
      onOxygen: false,
      systolicBp: 98,
      pulse: 118,
      consciousness: 'alert',
      temperatureC: 36.8,
    },
  });

  it('shows the level, its advice, every reason with its source, and the NEWS2 sub-scores', () => {
    const html = renderToStaticMarkup(createElement(TriageView, { result }));
    expect(html).toContain('triage-emergency');
    expect(html).toContain('Emergency');
    expect(html).toContain('NICE CG141');
    expect(html).toContain('NEWS2 7 (high response, SpO2 scale 1)');
    expect(html).toContain('Systolic blood pressure');
    // Plain labels with units, never the API's field names.
    expect(html).toContain('Respiration rate');
    expect(html).toContain('22 breaths/min');
    expect(html).toContain('98 mmHg');
    expect(html).toContain('36.8 °C');
    expect(html).toContain('room air');
    for (const code of ['respiratoryRate', 'spo2', 'airOrOxygen', 'systolicBp', '>air<'])
      expect(html).not.toContain(code);
  });

  it('compact: the first reasons only, no table', () => {
    const html = renderToStaticMarkup(createElement(TriageView, { result, compact: true }));
    expect(html).not.toContain('<table');
    expect(html).not.toContain('NICE CG141');
  });

  it('marks a reason from the learned wording model as a learned signal, not a rule', () => {
    const learned = {
      ...result,
      reasons: [
        {
          ruleId: 'learned.emergency-wording',
          level: 'emergency' as const,
          source: 'learned' as const,
          text: 'reads like',
        },
        ...result.reasons,
      ],
    };
    const html = renderToStaticMarkup(createElement(TriageView, { result: learned }));
    expect(html).toContain('triage-chip-learned');
    expect(html).toContain('learned signal');
    expect(renderToStaticMarkup(createElement(TriageView, { result }))).not.toContain('learned signal');
  });

  it('says when there is not enough to go on', () => {
    const html = renderToStaticMarkup(createElement(TriageView, { result: assessTriage({ findings: [] }) }));
    expect(html).toContain('Not enough to go on');
    // No level title is shown for it: the default level is no triage.
    expect(html).toContain('Not assessed');
    expect(html).not.toContain('<strong>Routine');
  });

  it('an incomplete NEWS2 names what is missing in words (caption and reason)', () => {
    const partial = assessTriage({
      patient: { ageYears: 50 },
      findings: [],
      vitals: { pulse: 135, temperatureC: 37 },
    });
    const html = renderToStaticMarkup(createElement(TriageView, { result: partial }));
    expect(html).toContain(
      'not complete: respiration rate, oxygen saturation (SpO2), air or supplemental oxygen',
    );
    expect(html).toContain('135 beats/min');
    for (const code of ['respiratoryRate', 'spo2,', 'airOrOxygen', 'systolicBp', 'consciousness,'])
      expect(html).not.toContain(code);
  });
});
