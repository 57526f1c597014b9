import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ddxEngine } from '../../../../src/diagnosis/ddx-engine.js';
import { DifferentialList } from './DifferentialList.js';

const findings = [
  { conceptId: 'cough', status: 'present' as const },
  { conceptId: 'fever', status: 'present' as const },
];
const render = (input: Parameters<ReturnType<typeof ddxEngine>['run']>[0]) =>
  renderToStaticMarkup(
    createElement(DifferentialList, { entries: ddxEngine().run(input).output.differential.entries }),
  );

describe('DifferentialList', () => {
  it('shows the image model as its own signed contribution on the condition it is about', () => {
    const html = render({
      findings,
      imagingEvidence: [
        { conditionId: 'pneumonia', likelihoodRatio: 4, source: 'chest X-ray model, P = 0.93' },
      ],
    });
    expect(html).toContain('Image: chest X-ray model, P = 0.93 → LR 4.00 (+1.39)');
    expect(html.match(/ddx-imaging/g)).toHaveLength(1);
  });

  it('shows no imaging line without imaging evidence', () => {
    expect(render({ findings })).not.toContain('ddx-imaging');
  });

  it('with the hedged differential: shares earned by one finding, the model in brackets, the rest not settled', () => {
    const { output } = ddxEngine().run({
      patient: { ageYears: 40, sex: 'male' },
      findings: [{ conceptId: 'confusion', status: 'present' }],
    });
    const html = renderToStaticMarkup(
      createElement(DifferentialList, { entries: output.differential.entries, hedged: output.hedged }),
    );
    expect(html).toContain('Not settled yet / something else');
    expect(html).toContain('86 %');
    expect(html).toContain('(model ');
    // The closed-world model's "Ebola 71 %" is not what the panel shows.
    expect(html).not.toContain('Ebola');
  });
});
