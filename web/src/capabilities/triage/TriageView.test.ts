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
    expect(html).toContain('Systolic BP');
  });

  it('compact: the first reasons only, no table', () => {
    const html = renderToStaticMarkup(createElement(TriageView, { result, compact: true }));
    expect(html).not.toContain('<table');
    expect(html).not.toContain('NICE CG141');
  });

  it('says when there is not enough to go on', () => {
    const html = renderToStaticMarkup(createElement(TriageView, { result: assessTriage({ findings: [] }) }));
    expect(html).toContain('Not enough to go on');
  });
});
