import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReportTable } from './FairnessPage.js';
import { describeFeedback } from './FeedbackPanel.js';

const base = {
  id: '1',
  at: '2026-01-01T00:00:00Z',
  by: { name: 'Dr A', role: 'clinician' },
  modelVersion: 'm1',
};

describe('describeFeedback', () => {
  it('says what each kind of feedback recorded', () => {
    expect(
      describeFeedback({
        ...base,
        kind: 'diagnosis',
        icd10: 'J18',
        label: 'Pneumonia',
        agreesWithModel: false,
      }),
    ).toBe('Final diagnosis J18 Pneumonia — differs from the model’s first');
    expect(describeFeedback({ ...base, kind: 'diagnosis', icd10: 'J18', supersededBy: '2' })).toBe(
      'Final diagnosis J18 (replaced)',
    );
    expect(describeFeedback({ ...base, kind: 'finding', conceptId: 'cough', status: 'absent' })).toBe(
      'Finding cough corrected to absent',
    );
    expect(describeFeedback({ ...base, kind: 'output', verdict: 'unhelpful', reason: 'too long' })).toBe(
      'Output marked unhelpful: too long',
    );
  });
});

describe('ReportTable', () => {
  it('marks flagged groups and shows every interval', () => {
    const html = renderToStaticMarkup(
      createElement(ReportTable, {
        report: {
          n: 100,
          model_version: 'v-test',
          overall: { gtpa_at_1: 0.9, ci_low: 0.84, ci_high: 0.95 },
          groups: [
            {
              attribute: 'sex_x_age_band',
              value: 'F 65+',
              n: 20,
              gtpa_at_1: 0.6,
              ci_low: 0.4,
              ci_high: 0.8,
              rest: 0.975,
              p_adjusted: 0.001,
              flagged: true,
            },
            {
              attribute: 'sex',
              value: 'M',
              n: 50,
              gtpa_at_1: 0.96,
              ci_low: 0.9,
              ci_high: 1,
              rest: 0.84,
              p_adjusted: 1,
              flagged: false,
            },
          ],
        },
      }),
    );
    expect(html).toContain('model v-test');
    expect(html).toContain('sex × age band F 65+');
    expect(html).toContain('60.0 % (40.0 %–80.0 %)');
    expect(html.match(/fairness-flagged/g)).toHaveLength(1);
    expect(html).toContain('significantly below the rest');
  });
});
