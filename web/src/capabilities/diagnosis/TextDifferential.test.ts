import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../../../src/diagnosis/text/diagnose-text.js';
import { TextDifferential } from './TextDifferential.js';
import type { TextDiagnosis } from './types.js';

const render = (text: string, ageYears?: number) =>
  renderToStaticMarkup(
    createElement(TextDifferential, {
      result: diagnoseText({
        text,
        ...(ageYears !== undefined ? { ageYears } : {}),
      }) as unknown as TextDiagnosis,
    }),
  );

describe('TextDifferential', () => {
  it('shows ICD-10 codes, supporting-finding counts, the "not covered" share and triage', () => {
    const html = render('3 year old with fever, a barking cough and stridor since last night.', 3);
    expect(html).toContain('J05.0');
    expect(html).toMatch(/\d+ supporting findings?/);
    expect(html).toContain('Something else (not covered by the knowledge)');
    expect(html).toMatch(/Triage: /);
    expect(html).not.toContain('ddx-abstained');
  });

  it('names the red-flag pattern that raised a condition', () => {
    const html = render(
      "I am 33 weeks pregnant and since yesterday I've got a bad headache that paracetamol won't shift, my vision has gone blurry and my ankles and face have swollen up suddenly.",
      30,
    );
    expect(html).toContain('raised by the red-flag pattern pre-eclampsia-severe');
    // Stridor's rule names no diagnosis, so nothing is marked as raised by a pattern.
    expect(render('3 year old with fever, a barking cough and stridor since last night.', 3)).not.toContain(
      'ddx-raised-by',
    );
  });

  it('shows the abstention message instead of a list', () => {
    const html = render('45 year old man, here today.', 45);
    expect(html).toContain('ddx-abstained');
    expect(html).toContain('chief complaint');
    expect(html).not.toContain('ddx-bar');
  });
});
