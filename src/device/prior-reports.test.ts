import { describe, expect, it } from 'vitest';
import { reportedNoduleSizes } from './prior-reports.js';

describe('nodule sizes in a prior report written in the case note', () => {
  it('reads two- and three-dimension sizes in mm and cm, longest first, with the entry date', () => {
    const note = [
      '[2024-03-02 09:15 UTC]',
      'Thyroid US: right lobe nodule 9 x 14 mm, solid, hypoechoic (TR4).',
      '[2025-01-20 10:00 UTC]',
      'Follow-up ultrasound: the right thyroid nodule now measures 1,6 × 1.0 × 1.2 cm.',
    ].join('\n');
    expect(reportedNoduleSizes(note)).toEqual([
      {
        longestMm: 14,
        perpendicularMm: 9,
        examDate: '2024-03-02',
        text: 'Thyroid US: right lobe nodule 9 x 14 mm, solid, hypoechoic (TR4).',
      },
      {
        longestMm: 16,
        perpendicularMm: 12,
        examDate: '2025-01-20',
        text: 'Follow-up ultrasound: the right thyroid nodule now measures 1,6 × 1.0 × 1.2 cm.',
      },
    ]);
  });

  it('a date in the sentence wins over the entry date; a single dimension has no perpendicular', () => {
    const [size] = reportedNoduleSizes(
      '[2025-06-01 08:00 UTC]\nOutside report 2023-11-05: left lobe nodule of 12mm.',
    );
    expect(size).toMatchObject({ longestMm: 12, examDate: '2023-11-05' });
    expect(size?.perpendicularMm).toBeUndefined();
  });

  it('ignores negated, non-thyroid, implausible and unrelated sizes; unknown date stays unknown', () => {
    const note = [
      'No thyroid nodule seen, gland 45 x 20 mm.',
      'Breast nodule 8 x 6 mm.',
      'Thyroid nodule 0.5 mm.',
      'Left lobe measures 48 x 18 mm; no suspicious lymph node 7 mm.',
      'BP 140/90 mmHg, weight 72 kg.',
      'Isthmus nodule 7 by 5 mm.',
    ].join('\n');
    expect(reportedNoduleSizes(note)).toEqual([
      { longestMm: 7, perpendicularMm: 5, text: 'Isthmus nodule 7 by 5 mm.' },
    ]);
    expect(reportedNoduleSizes(undefined)).toEqual([]);
  });
});
