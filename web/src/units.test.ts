import { describe, expect, it } from 'vitest';
import { displayUnit, formatDuration, withUnit } from './units.js';

describe('human units', () => {
  it('shows UCUM codes as a clinician writes them', () => {
    expect(displayUnit('Cel')).toBe('°C');
    expect(displayUnit('mm[Hg]')).toBe('mmHg');
    expect(displayUnit('10*3/uL')).toBe('×10⁹/L');
    expect(displayUnit('10*9/L')).toBe('×10⁹/L');
    expect(displayUnit('umol/L')).toBe('µmol/L');
    expect(displayUnit('mg/dL')).toBe('mg/dL');
    expect(withUnit('38.6', 'Cel')).toBe('38.6 °C');
    expect(withUnit('7', '1')).toBe('7');
    expect(withUnit('3', '{score}')).toBe('3');
    expect(displayUnit('{cells}/uL')).toBe('/µL');
  });

  it('gives durations in minutes, hours, days, weeks, months or years, never "0.083 d"', () => {
    expect(formatDuration(0.083)).toBe('2 hours');
    expect(formatDuration(1 / 48)).toBe('30 minutes');
    expect(formatDuration(1)).toBe('1 day');
    expect(formatDuration(3)).toBe('3 days');
    expect(formatDuration(21)).toBe('3 weeks');
    expect(formatDuration(90)).toBe('3 months');
    expect(formatDuration(3650)).toBe('10 years');
  });
});
