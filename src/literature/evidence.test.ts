import { describe, expect, it } from 'vitest';
import { classifyEvidence } from './classify.js';
import { designFromIndexing } from './evidence.js';

const base = { id: 'x', title: '', abstract: '', authors: [], publicationTypes: [], mesh: [] };

describe('evidence level', () => {
  it.each([
    [{ publicationTypes: ['Journal Article', 'Meta-Analysis'] }, 'systematic-review', 1],
    [{ publicationTypes: ['Randomized Controlled Trial', 'Review'] }, 'randomised-trial', 2],
    [{ publicationTypes: ['Practice Guideline'] }, 'guideline', null],
    [{ publicationTypes: ['Case Reports'] }, 'case-series', 4],
    [{ publicationTypes: ['Letter'] }, 'editorial-letter', 5],
    [{ publicationTypes: ['Review'] }, 'narrative-review', 5],
    [{ mesh: ['Humans', 'Cohort Studies'] }, 'cohort', 3],
    [{ mesh: ['Double-Blind Method', 'Follow-Up Studies'] }, 'randomised-trial', 2],
    [{ mesh: ['Animals', 'Mice'] }, 'animal-in-vitro', 5],
  ])('%j → %s (CEBM %s) from the indexing', (fields, design, lvl) => {
    const e = designFromIndexing({ ...base, ...fields });
    expect(e).toMatchObject({ design, level: lvl });
  });

  it('does not call a human study with the Animals tag an animal study', () => {
    expect(designFromIndexing({ ...base, mesh: ['Humans', 'Animals'] })).toBeUndefined();
  });

  it('falls back to the abstract model, which says it is a model and how sure it is', () => {
    const e = classifyEvidence({
      ...base,
      title: 'Effect of drug X on blood pressure: a randomised, double-blind, placebo-controlled trial',
      abstract:
        'We randomly assigned 400 patients with hypertension to drug X or placebo in a double-blind trial. The primary outcome was systolic blood pressure at 12 weeks. Patients assigned to drug X had lower pressure than those assigned to placebo.',
    });
    expect(e).toMatchObject({ design: 'randomised-trial', level: 2, source: 'abstract-model' });
    expect(e.probability).toBeGreaterThan(0.9);
    // too short to judge: unknown, not a guess
    expect(classifyEvidence({ ...base, title: 'A trial', abstract: 'Randomised.' })).toMatchObject({
      design: 'unknown',
      level: null,
      source: 'none',
    });
  });
});
