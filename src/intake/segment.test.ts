import { describe, expect, it } from 'vitest';
import { findSections, segment } from './segment.js';

describe('findSections', () => {
  it('recognises headed sections of a consultation note', () => {
    const text =
      'CC: cough.\nHPI: 3 days of cough.\nPMH: asthma.\nFH: mother with asthma.\nSH: never smoker.\nROS: no fever.';
    expect(findSections(text).map((s) => s.kind)).toEqual([
      'chief-complaint',
      'history-present-illness',
      'past-medical-history',
      'family-history',
      'social-history',
      'review-of-systems',
    ]);
  });

  it('finds known headers in reports flattened onto one line, and ignores "BP:" style labels', () => {
    const text = 'Admitted for pneumonia.  PAST MEDICAL HISTORY:  Asthma.  Vitals: BP: 120/80.';
    const kinds = findSections(text).map((s) => s.kind);
    expect(kinds).toContain('past-medical-history');
    expect(kinds).toContain('vitals');
    expect(kinds).not.toContain('other');
  });

  it('keeps a sub-heading straight after a heading in that section', () => {
    const sections = findSections('SOCIAL HISTORY:   TOBACCO: Quit smoking in 1990.');
    expect(sections.at(-1)?.kind).toBe('social-history');
  });

  it('ends a short inline header at the end of its sentence', () => {
    const text = 'Cough for 2 weeks. FH: sister with asthma. No fever.';
    const { sections, sentences } = segment(text);
    const last = sentences.at(-1)!;
    expect(last.text).toBe('No fever.');
    expect(sections[last.sectionIndex]?.kind).not.toBe('family-history');
  });
});

describe('segment', () => {
  it('ends a long list line at its line break, but joins wrapped prose', () => {
    const text =
      'Chief complaints: Not sleeping, Strange behaviour, Hearing voices\nHer husband says the baby was born 9 days ago.\nA long line of prose that wraps onto the next line because the writer pressed return\nin the middle of a sentence.';
    expect(segment(text).sentences.map((s) => s.text)).toEqual([
      'Chief complaints: Not sleeping, Strange behaviour, Hearing voices',
      'Her husband says the baby was born 9 days ago.',
      'A long line of prose that wraps onto the next line because the writer pressed return\nin the middle of a sentence.',
    ]);
  });

  it('does not split after abbreviations, initials or decimals', () => {
    const { sentences } = segment(
      'Seen by Dr. Smith. Amoxicillin 500 mg p.o. t.i.d. started. Temp 38.5 today.',
    );
    expect(sentences.map((s) => s.text)).toEqual([
      'Seen by Dr. Smith.',
      'Amoxicillin 500 mg p.o. t.i.d. started.',
      'Temp 38.5 today.',
    ]);
  });

  it('splits list items and strips their markers', () => {
    const { sentences } = segment('ROS:\n- no fever\n- cough\n1. night sweats');
    expect(sentences.map((s) => s.text)).toEqual(['no fever', 'cough', 'night sweats']);
  });

  it('copes with ALL CAPS text and a hedging "?"', () => {
    const { sentences } = segment('PT C/O SOB. ? PNEUMONIA. NO CP.');
    expect(sentences.map((s) => s.text)).toEqual(['PT C/O SOB.', '? PNEUMONIA.', 'NO CP.']);
  });

  it('gives offsets into the text', () => {
    const text = 'HPI: cough.\n\nPlan: review.';
    for (const s of segment(text).sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
