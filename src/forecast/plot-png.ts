import { PNG } from 'pngjs';
import type { DepartmentForecast } from './department-forecast.js';

type Rgb = readonly [number, number, number];

/**
 * Renders history, forecast mean and 80 %/95 % intervals as a PNG (pngjs, no native code): grey history, blue mean,
 * light and darker blue bands, a vertical line at the origin, faint lines every 24 hours and every 5 arrivals.
 */
export function renderForecastPng(forecast: DepartmentForecast, width = 900, height = 360): Buffer {
  const png = new PNG({ width, height });
  const set = (x: number, y: number, [r, g, b]: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) set(x, y, [255, 255, 255]);
  const history = forecast.history;
  const total = history.length + forecast.hours.length;
  const maxY = Math.max(1, ...history.map((h) => h.count), ...forecast.hours.map((h) => h.upper95)) * 1.05;
  const margin = 20;
  const px = (i: number) => margin + (i / Math.max(total - 1, 1)) * (width - 2 * margin);
  const py = (v: number) => height - margin - (v / maxY) * (height - 2 * margin);
  for (let v = 0; v <= maxY; v += 5)
    for (let x = margin; x < width - margin; x++) set(x, py(v), [235, 235, 235]);
  for (let i = 0; i < total; i += 24)
    for (let y = margin; y < height - margin; y++) set(px(i), y, [235, 235, 235]);
  const band = (lower: (h: number) => number, upper: (h: number) => number, colour: Rgb) => {
    for (let x = Math.floor(px(history.length)); x <= px(total - 1); x++) {
      const pos = ((x - margin) / (width - 2 * margin)) * (total - 1) - history.length;
      const h0 = Math.max(0, Math.min(forecast.hours.length - 1, Math.floor(pos)));
      const h1 = Math.min(forecast.hours.length - 1, h0 + 1);
      const f = Math.max(0, Math.min(1, pos - h0));
      const lo = lower(h0) * (1 - f) + lower(h1) * f;
      const hi = upper(h0) * (1 - f) + upper(h1) * f;
      for (let y = py(hi); y <= py(lo); y++) set(x, y, colour);
    }
  };
  band(
    (h) => forecast.hours[h]!.lower95,
    (h) => forecast.hours[h]!.upper95,
    [205, 222, 245],
  );
  band(
    (h) => forecast.hours[h]!.lower80,
    (h) => forecast.hours[h]!.upper80,
    [160, 190, 235],
  );
  const line = (x0: number, y0: number, x1: number, y1: number, colour: Rgb) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      set(x, y, colour);
      set(x, y + 1, colour);
    }
  };
  for (let i = 1; i < history.length; i++) {
    line(px(i - 1), py(history[i - 1]!.count), px(i), py(history[i]!.count), [110, 110, 110]);
  }
  forecast.hours.forEach((h, i) => {
    if (i > 0)
      line(
        px(history.length + i - 1),
        py(forecast.hours[i - 1]!.mean),
        px(history.length + i),
        py(h.mean),
        [30, 80, 200],
      );
  });
  for (let y = margin; y < height - margin; y++) set(px(history.length), y, [200, 60, 60]);
  for (const alert of forecast.alerts) {
    const i = forecast.hours.findIndex((h) => h.hour === alert.hour);
    if (i >= 0)
      for (let y = height - margin; y < height - margin + 8; y++)
        set(px(history.length + i), y, [220, 40, 40]);
  }
  return PNG.sync.write(png);
}
