import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lungNoduleEngine } from '../../../../src/risk/lung-nodule.js';
import { lungRadsEngine } from '../../../../src/risk/lung-rads.js';
import { mayoEngine } from '../../../../src/risk/mayo.js';
import { RiskResultView } from './RiskResultView.js';
import type { RiskResult } from './types.js';

const render = (result: unknown) =>
  renderToStaticMarkup(createElement(RiskResultView, { result: result as RiskResult }));

describe('RiskResultView', () => {
  it('shows the seed case: probability, evidence step, next steps with their guideline, and a waterfall', () => {
    const html = render(lungNoduleEngine.run({ ...lungNoduleEngine.example, ceaNgMl: 6.2 }));
    // The validated model's number leads; the CEA-updated one follows in the evidence step.
    expect(html).toContain('31.1 %');
    expect(html).toContain('64.1 %');
    expect(html).toContain('× 3.960');
    expect(html).toContain('Consider PET/CT');
    expect(html).toContain('Fleischner Society guidelines for incidental pulmonary nodules 2017');
    expect(html).toContain('<svg');
    expect(html).toContain('Baseline (intercept)');
  });

  it('marks evidence from an image model in the fusion steps', () => {
    const { ceaNgMl: _cea, ...seed } = lungNoduleEngine.example;
    const imaged = render(
      lungNoduleEngine.run({
        ...seed,
        evidence: [
          { id: 'image:imaging.chest-ct.nodule-malignant', label: 'CT nodule model', likelihoodRatio: 4 },
        ],
      }),
    );
    expect(imaged).toContain('CT nodule model');
    expect(imaged).toContain('image model</span>');
    expect(render(lungNoduleEngine.run({ ...seed, ceaNgMl: 6.2 }))).not.toContain('image model</span>');
  });

  it('an answer over unknown inputs shows the range, the possible categories and what is not known', () => {
    const { smoker: _s, ...unknownSmoking } = lungNoduleEngine.example;
    const html = render(lungNoduleEngine.run(unknownSmoking));
    expect(html).toMatch(/\d+\.\d % – \d+\.\d %/);
    expect(html).toContain('Not known: smoker');
    expect(html).toContain('not taken as “no”');
  });

  it('marks advice from a superseded guideline as not current', () => {
    const html = render(
      lungRadsEngine.run({ version: 'v1.1', scan: 'baseline', finding: 'solid', meanDiameterMm: 9 }),
    );
    expect(html).toContain('ACR Lung-RADS v1.1 (2019) — not current');
    expect(html).toContain('superseded by v2022');
  });

  it('says why a model does not apply, with no number', () => {
    const html = render(
      mayoEngine.run({
        age: 58,
        smoker: true,
        extrathoracicCancerOver5y: false,
        noduleDiameterMm: 3,
        spiculation: false,
        upperLobe: false,
      }),
    );
    expect(html).toContain('Not applicable.');
    expect(html).toContain('4–30 mm');
    expect(html).not.toContain(' %</strong>');
  });
});
