/** The holiday calendars the forecast and the rota simulation know (`src/forecast/holidays.ts`). */
export type HolidayCountry = 'none' | 'US' | 'GB-EAW';
export type HolidayChoice = HolidayCountry | 'auto';

const COUNTRY_NAMES: Record<HolidayCountry, string> = {
  'GB-EAW': 'England and Wales',
  US: 'United States',
  none: 'None',
};

/** The calendar a choice means: `auto` follows the time zone's country. */
export const holidayCountry = (choice: HolidayChoice, zoneCountry: HolidayCountry): HolidayCountry =>
  choice === 'auto' ? zoneCountry : choice;

/** "Holidays" select: from the time zone (named), or a calendar chosen by hand. */
export function HolidaySelect(props: {
  readonly value: HolidayChoice;
  readonly zoneCountry: HolidayCountry;
  readonly onChange: (choice: HolidayChoice) => void;
}) {
  return (
    <label>
      Holidays
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as HolidayChoice)}>
        <option value="auto">From the time zone ({COUNTRY_NAMES[props.zoneCountry]})</option>
        <option value="GB-EAW">England and Wales</option>
        <option value="US">United States</option>
        <option value="none">None</option>
      </select>
    </label>
  );
}
