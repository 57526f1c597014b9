import type { ReactNode } from 'react';
import type { Contribution, ContributionUnit } from '../../../src/clinical/index.js';
import { formatSigned } from '../format.js';
import { layoutContributions, rowHeightFor, wrapLabel } from './contribution-layout.js';

const WIDTH_PX = 640;
const LABEL_WIDTH_PX = 220;
const VALUE_WIDTH_PX = 70;
const ROW_HEIGHT_PX = 24;
const MAX_BARS = 15;

const UNIT_LABEL: Record<ContributionUnit, string> = {
  'log-odds': 'log-odds',
  points: 'points',
  probability: 'probability',
  'log-likelihood-ratio': 'log likelihood ratio',
};

/** Characters of a label per line in the label column (about 6.5 px each at the chart's font size). */
const LABEL_CHARS = 32;
const LINE_HEIGHT_PX = 14;

function labelOf(contribution: Contribution): string {
  if (contribution.value === undefined) return contribution.label;
  if (typeof contribution.value === 'boolean')
    return `${contribution.label}: ${contribution.value ? 'yes' : 'no'}`;
  return `${contribution.label} = ${String(contribution.value)}`;
}

/**
 * The signed contributions of an explanation as a horizontal bar chart: bars right of the zero line pushed the
 * result up, bars left of it pushed it down. Sign is written as text too, so colour is never the only cue.
 */
export function ContributionChart(props: { readonly contributions: readonly Contribution[] }): ReactNode {
  const { contributions } = props;
  if (contributions.length === 0) return <p className="muted">No input contributions reported.</p>;
  const rowHeightPx = rowHeightFor(contributions.map(labelOf), LABEL_CHARS, ROW_HEIGHT_PX, LINE_HEIGHT_PX);
  const layout = layoutContributions(contributions, {
    plotLeftPx: LABEL_WIDTH_PX,
    plotWidthPx: WIDTH_PX - LABEL_WIDTH_PX - VALUE_WIDTH_PX - 8,
    rowHeightPx,
    maxBars: MAX_BARS,
  });
  const units = [...new Set(contributions.map((c) => UNIT_LABEL[c.unit] ?? c.unit))].join(', ');
  const heightPx = layout.heightPx + 4;
  const summary = layout.bars
    .map(({ contribution }) => `${contribution.label} ${formatSigned(contribution.contribution)}`)
    .join('; ');
  return (
    <figure className="contribution-chart">
      <svg
        viewBox={`0 0 ${WIDTH_PX} ${heightPx}`}
        width="100%"
        style={{ maxWidth: WIDTH_PX }}
        role="img"
        aria-label={`Contributions in ${units}: ${summary}`}
      >
        <title>{`Contributions (${units})`}</title>
        {layout.bars.map((bar) => {
          const { contribution } = bar;
          const label = labelOf(contribution);
          const lines = wrapLabel(label, LABEL_CHARS);
          const middleY = bar.y + rowHeightPx / 2;
          const firstLineY = middleY - ((lines.length - 1) * LINE_HEIGHT_PX) / 2;
          return (
            <g key={`${contribution.input}-${bar.y}`}>
              <text
                x={LABEL_WIDTH_PX - 8}
                y={firstLineY}
                className="chart-label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                <title>{label}</title>
                {lines.map((line, i) => (
                  <tspan key={line + String(i)} x={LABEL_WIDTH_PX - 8} y={firstLineY + i * LINE_HEIGHT_PX}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect
                x={bar.x}
                y={bar.y + (rowHeightPx - (ROW_HEIGHT_PX - 8)) / 2}
                width={Math.max(bar.widthPx, 1)}
                height={ROW_HEIGHT_PX - 8}
                className={bar.positive ? 'bar-up' : 'bar-down'}
                rx={2}
              />
              <text
                x={WIDTH_PX - 4}
                y={middleY}
                className="chart-value"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {formatSigned(contribution.contribution)}
              </text>
            </g>
          );
        })}
        <line x1={layout.zeroX} x2={layout.zeroX} y1={0} y2={layout.heightPx + 4} className="chart-axis" />
      </svg>
      <figcaption className="muted">
        Right of the line pushed the result up, left pushed it down ({units}).
        {layout.hiddenCount > 0 ? ` ${layout.hiddenCount} smaller contributions not shown.` : ''}
      </figcaption>
    </figure>
  );
}
