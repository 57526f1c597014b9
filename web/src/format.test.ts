import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/clinical/index.js';
import {
  conceptLabel,
  formatAge,
  formatDurationDays,
  formatFindingValue,
  formatProbability,
  formatQuantity,
  formatRange,
  formatSigned,
  rangeFlag,
} from './format.js';

const heartRate = (value: number, range?: Observation['referenceRange']): Observation => ({
  code: { system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' },
  value: { value, unit: '/min' },
  ...(range ? { referenceRange: range } : {}),
});

describe('quantities and ranges', () => {
  it('writes the UCUM unit after the value, leaving out the dimensionless unit 1', () => {
    expect(formatQuantity({ value: 6.2, unit: 'ng/mL' })).toBe('6.2 ng/mL');
    expect(formatQuantity({ value: 1.23456, unit: '1' })).toBe('1.235');
  });

  it('writes closed and open reference ranges', () => {
    const low = { value: 60, unit: '/min' };
    const high = { value: 100, unit: '/min' };
    expect(formatRange({ low, high })).toBe('60–100 /min');
    expect(formatRange({ low })).toBe('≥ 60 /min');
    expect(formatRange({ high })).toBe('≤ 100 /min');
    expect(formatRange(undefined)).toBe('—');
    expect(formatRange({ low: { value: 1, unit: 'g/L' }, high: { value: 200, unit: 'mg/dL' } })).toBe(
      '1 g/L – 200 mg/dL',
    );
  });

  it('flags values outside the range, inclusive at the limits', () => {
    const range = { low: { value: 60, unit: '/min' }, high: { value: 100, unit: '/min' } };
    expect(rangeFlag(heartRate(112, range))).toBe('high');
    expect(rangeFlag(heartRate(48, range))).toBe('low');
    expect(rangeFlag(heartRate(100, range))).toBe('normal');
    expect(rangeFlag(heartRate(60, range))).toBe('normal');
    expect(rangeFlag(heartRate(60))).toBeUndefined();
  });

  it('does not flag when the range is in another unit (no silent conversion)', () => {
    expect(rangeFlag(heartRate(2, { high: { value: 100, unit: '/h' } }))).toBeUndefined();
  });
});

describe('findings', () => {
  it('labels knowledge-base ids and codes from other terminologies', () => {
    expect(conceptLabel('pain.location.chest')).toBe('Pain location chest');
    expect(conceptLabel('chest-pain')).toBe('Chest pain');
    expect(conceptLabel('E_91')).toBe('E_91');
    expect(conceptLabel('http://snomed.info/sct|38341003')).toBe('SNOMED CT 38341003');
    expect(conceptLabel('urn:other|X1')).toBe('urn:other X1');
  });

  it('writes values and durations', () => {
    expect(formatFindingValue(['left', 'right'])).toBe('left, right');
    expect(formatFindingValue(true)).toBe('yes');
    expect(formatFindingValue(7)).toBe('7');
    expect(formatFindingValue(undefined)).toBeUndefined();
    expect(formatDurationDays(0.083)).toBe('2 hours');
    expect(formatDurationDays(3)).toBe('3 days');
    expect(formatDurationDays(21)).toBe('3 weeks');
    expect(formatDurationDays(91)).toBe('3 months');
    expect(formatDurationDays(1100)).toBe('3 years');
  });
});

describe('numbers', () => {
  it('writes probabilities as percentages with one decimal below 1 %', () => {
    expect(formatProbability(0.23)).toBe('23 %');
    expect(formatProbability(0.004)).toBe('0.4 %');
    expect(formatProbability(0)).toBe('0 %');
    expect(formatProbability(1)).toBe('100 %');
  });

  it('writes ages in years from 2, in months, weeks or days below', () => {
    expect(formatAge(54)).toBe('54 y');
    expect(formatAge(2)).toBe('2 y');
    expect(formatAge(8 / 12)).toBe('8 mo');
    expect(formatAge(18 / 12)).toBe('18 mo');
    expect(formatAge((6 * 7) / 365.25)).toBe('6 wk');
    expect(formatAge(10 / 365.25)).toBe('10 d');
    expect(formatAge(undefined)).toBe('—');
  });

  it('writes signed contributions with a true minus sign', () => {
    expect(formatSigned(0.8)).toBe('+0.8');
    expect(formatSigned(-0.4)).toBe('−0.4');
    expect(formatSigned(0)).toBe('0');
  });
});
