import { describe, expect, it } from 'vitest';
import type { Finding } from '../../clinical/finding.js';
import { sexFromFindings } from './sex-from-findings.js';

const present = (conceptId: string, extra: Partial<Finding> = {}): Finding => ({
  conceptId,
  status: 'present',
  ...extra,
});

describe('sexFromFindings', () => {
  it('reads the sex from anatomy only one sex has', () => {
    expect(sexFromFindings([present('sx.pain-in-testicles')])).toBe('male');
    expect(sexFromFindings([present('sx.heavy-menstrual-flow'), present('sx.fever')])).toBe('female');
  });

  it('says nothing when none, both, absent or a relative’s findings name it', () => {
    expect(sexFromFindings([present('sx.fever')])).toBeUndefined();
    expect(
      sexFromFindings([present('sx.pain-in-testicles'), present('sx.vaginal-discharge')]),
    ).toBeUndefined();
    expect(sexFromFindings([{ conceptId: 'sx.pain-in-testicles', status: 'absent' }])).toBeUndefined();
    expect(sexFromFindings([present('sx.recent-pregnancy', { experiencer: 'other' })])).toBeUndefined();
  });
});
