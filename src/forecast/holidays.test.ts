import { describe, expect, it } from 'vitest';
import { easterSunday, holidayOn, holidaysOf } from './holidays.js';

describe('holiday calendars', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2018)).toEqual([2018, 4, 1]);
    expect(easterSunday(2019)).toEqual([2019, 4, 21]);
    expect(easterSunday(2024)).toEqual([2024, 3, 31]);
  });

  it('lists US federal holidays with observed dates', () => {
    const y2017 = [...holidaysOf('US', 2017).keys()];
    expect(y2017).toEqual([
      '2017-01-02', // New Year's Day (Sunday → Monday)
      '2017-01-16',
      '2017-02-20',
      '2017-05-29',
      '2017-07-04',
      '2017-09-04',
      '2017-10-09',
      '2017-11-10', // Veterans Day (Saturday → Friday)
      '2017-11-23',
      '2017-12-25',
    ]);
    expect(holidayOn('US', 2020, 7, 3)?.name).toBe('Independence Day');
    expect(holidayOn('US', 2021, 6, 18)?.name).toMatch(/Juneteenth/);
    expect(holidayOn('US', 2019, 6, 19)).toBeUndefined();
  });

  it('lists England and Wales bank holidays with substitutes and one-off changes', () => {
    expect([...holidaysOf('GB-EAW', 2018).keys()]).toEqual([
      '2018-01-01',
      '2018-03-30',
      '2018-04-02',
      '2018-05-07',
      '2018-05-28',
      '2018-08-27',
      '2018-12-25',
      '2018-12-26',
    ]);
    // 2021: Christmas Saturday, Boxing Day Sunday → 27 and 28 December.
    expect(holidayOn('GB-EAW', 2021, 12, 27)?.kind).toBe('christmas');
    expect(holidayOn('GB-EAW', 2021, 12, 28)?.name).toMatch(/Boxing/);
    expect(holidayOn('GB-EAW', 2020, 5, 8)?.name).toMatch(/VE Day/);
    expect(holidayOn('GB-EAW', 2020, 5, 4)).toBeUndefined();
    expect(holidayOn('GB-EAW', 2022, 9, 19)).toBeDefined();
    expect(holidayOn('none', 2018, 12, 25)).toBeUndefined();
  });
});
