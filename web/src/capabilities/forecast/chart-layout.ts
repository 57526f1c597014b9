/** Input of the forecast chart: observed history, then the forecast with its intervals. */
export interface ChartData {
  readonly history: readonly { readonly hour: string; readonly count: number }[];
  readonly forecast: readonly {
    readonly hour: string;
    readonly mean: number;
    readonly lower80: number;
    readonly upper80: number;
    readonly lower95: number;
    readonly upper95: number;
  }[];
}

export interface ChartBox {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly marginPx: number;
}

/** SVG paths and ticks of the chart, computed apart from React so they can be tested. */
export interface ChartLayout {
  readonly historyPath: string;
  readonly meanPath: string;
  readonly band80Path: string;
  readonly band95Path: string;
  readonly originX: number;
  readonly maxCount: number;
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** A tick at each local midnight (hour string ends in T00). */
  readonly dayTicks: readonly { readonly label: string; readonly x: number }[];
}

const f = (v: number) => v.toFixed(1);

function niceStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** `MM-DD` and the hour (`00`…`23`) of an ISO time in `timeZone` (UTC when none is given). */
function localDayHour(iso: string, format: Intl.DateTimeFormat | undefined): { day: string; hour: string } {
  if (!format) return { day: iso.slice(5, 10), hour: iso.slice(11, 13) };
  const parts = format.formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('month')}-${get('day')}`, hour: get('hour') };
}

/** Lays the chart out; day ticks fall on midnight in `timeZone` (UTC by default). */
export function layoutChart(data: ChartData, box: ChartBox, timeZone?: string): ChartLayout {
  const total = data.history.length + data.forecast.length;
  const maxCount = Math.max(1, ...data.history.map((h) => h.count), ...data.forecast.map((h) => h.upper95));
  const top = maxCount * 1.05;
  const x = (i: number) => box.marginPx + (i / Math.max(total - 1, 1)) * (box.widthPx - 2 * box.marginPx);
  const y = (v: number) => box.heightPx - box.marginPx - (v / top) * (box.heightPx - 2 * box.marginPx);
  const line = (points: readonly [number, number][]) =>
    points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${f(px)},${f(py)}`).join(' ');
  const offset = data.history.length;
  const band = (lower: (i: number) => number, upper: (i: number) => number) => {
    if (data.forecast.length === 0) return '';
    const up = data.forecast.map((_, i) => [x(offset + i), y(upper(i))] as [number, number]);
    const down = data.forecast.map((_, i) => [x(offset + i), y(lower(i))] as [number, number]).reverse();
    return `${line([...up, ...down])} Z`;
  };
  const step = niceStep(maxCount);
  const yTicks = [];
  for (let v = 0; v <= top; v += step) yTicks.push({ value: v, y: y(v) });
  const hours = [...data.history.map((h) => h.hour), ...data.forecast.map((h) => h.hour)];
  const format = timeZone
    ? new Intl.DateTimeFormat('en-GB', {
        timeZone,
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      })
    : undefined;
  const dayTicks = hours.flatMap((hour, i) => {
    const local = localDayHour(hour, format);
    return local.hour === '00' ? [{ label: local.day, x: x(i) }] : [];
  });
  return {
    historyPath: line(data.history.map((h, i) => [x(i), y(h.count)])),
    meanPath: line(data.forecast.map((h, i) => [x(offset + i), y(h.mean)])),
    band80Path: band(
      (i) => data.forecast[i]!.lower80,
      (i) => data.forecast[i]!.upper80,
    ),
    band95Path: band(
      (i) => data.forecast[i]!.lower95,
      (i) => data.forecast[i]!.upper95,
    ),
    originX: x(offset),
    maxCount,
    yTicks,
    dayTicks,
  };
}
