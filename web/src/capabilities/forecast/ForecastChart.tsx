import type { ReactNode } from 'react';
import { type ChartData, layoutChart } from './chart-layout.js';

const BOX = { widthPx: 900, heightPx: 320, marginPx: 32 };

/** History (grey), forecast mean (blue) and its 80 % and 95 % intervals (shaded), as an accessible SVG. */
export function ForecastChart(props: {
  readonly data: ChartData;
  readonly title: string;
  readonly timeZone?: string;
}): ReactNode {
  const layout = layoutChart(props.data, BOX, props.timeZone);
  return (
    <figure className="forecast-chart">
      <svg
        viewBox={`0 0 ${BOX.widthPx} ${BOX.heightPx}`}
        role="img"
        aria-label={`${props.title}: observed arrivals then the forecast with 80 % and 95 % intervals`}
      >
        {layout.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line
              x1={BOX.marginPx}
              x2={BOX.widthPx - BOX.marginPx}
              y1={t.y}
              y2={t.y}
              className="forecast-grid"
            />
            <text x={BOX.marginPx - 6} y={t.y + 4} textAnchor="end" className="forecast-axis">
              {t.value}
            </text>
          </g>
        ))}
        {layout.dayTicks.map((t) => (
          <g key={`d${t.label}${t.x}`}>
            <line
              x1={t.x}
              x2={t.x}
              y1={BOX.marginPx}
              y2={BOX.heightPx - BOX.marginPx}
              className="forecast-grid"
            />
            <text x={t.x + 3} y={BOX.heightPx - BOX.marginPx + 14} className="forecast-axis">
              {t.label}
            </text>
          </g>
        ))}
        <path d={layout.band95Path} className="forecast-band95" />
        <path d={layout.band80Path} className="forecast-band80" />
        <path d={layout.historyPath} className="forecast-history" />
        <path d={layout.meanPath} className="forecast-mean" />
        <line
          x1={layout.originX}
          x2={layout.originX}
          y1={BOX.marginPx}
          y2={BOX.heightPx - BOX.marginPx}
          className="forecast-origin"
        />
      </svg>
      <figcaption className="muted small">
        Grey: observed arrivals per hour. Blue line: forecast mean; dark band: 80 % interval; light band: 95 %
        interval. Red line: forecast origin.
      </figcaption>
    </figure>
  );
}
