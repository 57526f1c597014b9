import type { ReactNode } from 'react';
import type { Explanation } from '../../../../src/clinical/index.js';
import { rowHeightFor, wrapLabel } from '../../components/contribution-layout.js';
import { layoutWaterfall } from './waterfall-layout.js';

const WIDTH_PX = 680;
const LABEL_WIDTH_PX = 260;
const VALUE_WIDTH_PX = 70;
const ROW_HEIGHT_PX = 24;
/** Characters per label line in the 260 px label column. */
const LABEL_CHARS = 38;
const LINE_HEIGHT_PX = 14;

function signed(value: number, unit: string): string {
  const digits = unit === 'points' ? 1 : 3;
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
}

/**
 * The explanation as a waterfall (plain SVG): the baseline, each input's signed contribution as a step from the
 * running total, then the total (log-odds or points). Direction is written as text too, never colour alone.
 */
export function RiskWaterfall(props: { readonly explanation: Explanation }): ReactNode {
  const { explanation } = props;
  if (explanation.contributions.length === 0) {
    return <p className="muted">This model is a rule table: no additive terms (see the rules that fired).</p>;
  }
  const unit = explanation.contributions[0]?.unit ?? 'points';
  const rowHeightPx = rowHeightFor(
    explanation.contributions.map((c) => c.label),
    LABEL_CHARS,
    ROW_HEIGHT_PX,
    LINE_HEIGHT_PX,
  );
  const layout = layoutWaterfall(explanation.baseline, explanation.contributions, {
    plotLeftPx: LABEL_WIDTH_PX,
    plotWidthPx: WIDTH_PX - LABEL_WIDTH_PX - VALUE_WIDTH_PX - 8,
    rowHeightPx,
  });
  const height = layout.heightPx + 20;
  const summary = layout.steps.map((s) => `${s.label} ${signed(s.value, unit)}`).join('; ');
  return (
    <figure className="risk-waterfall">
      <svg
        viewBox={`0 0 ${WIDTH_PX} ${height}`}
        width="100%"
        style={{ maxWidth: WIDTH_PX }}
        role="img"
        aria-label={`Waterfall in ${unit}: ${summary}`}
      >
        <title>{`Contributions (${unit})`}</title>
        <line
          x1={layout.zeroX}
          x2={layout.zeroX}
          y1={0}
          y2={layout.heightPx}
          className="risk-waterfall-zero"
        />
        {layout.steps.map((step, index) => {
          const middleY = step.y + rowHeightPx / 2;
          const lines = wrapLabel(step.label, LABEL_CHARS);
          const firstLineY = middleY - ((lines.length - 1) * LINE_HEIGHT_PX) / 2;
          const className =
            step.kind === 'total'
              ? 'risk-bar-total'
              : step.kind === 'baseline'
                ? 'risk-bar-baseline'
                : step.value >= 0
                  ? 'risk-bar-up'
                  : 'risk-bar-down';
          const next = layout.steps[index + 1];
          return (
            <g key={`${step.label}-${step.y}`}>
              <text
                x={LABEL_WIDTH_PX - 6}
                y={firstLineY}
                textAnchor="end"
                dominantBaseline="middle"
                className="risk-waterfall-label"
              >
                {lines.map((line, i) => (
                  <tspan key={line + String(i)} x={LABEL_WIDTH_PX - 6} y={firstLineY + i * LINE_HEIGHT_PX}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect
                x={step.x}
                y={step.y + (rowHeightPx - (ROW_HEIGHT_PX - 8)) / 2}
                width={step.widthPx}
                height={ROW_HEIGHT_PX - 8}
                className={className}
              />
              {next && step.kind !== 'total' ? (
                <line
                  x1={step.to >= step.from ? step.x + step.widthPx : step.x}
                  x2={step.to >= step.from ? step.x + step.widthPx : step.x}
                  y1={step.y + (rowHeightPx + ROW_HEIGHT_PX - 8) / 2}
                  y2={step.y + rowHeightPx + (rowHeightPx - (ROW_HEIGHT_PX - 8)) / 2}
                  className="risk-waterfall-connector"
                />
              ) : null}
              <text
                x={WIDTH_PX - VALUE_WIDTH_PX + 4}
                y={middleY}
                dominantBaseline="middle"
                className="risk-waterfall-value"
              >
                {step.kind === 'step'
                  ? signed(step.value, unit)
                  : step.value.toFixed(unit === 'points' ? 1 : 3)}
              </text>
            </g>
          );
        })}
        <text x={layout.zeroX} y={layout.heightPx + 14} textAnchor="middle" className="risk-waterfall-axis">
          0 {unit}
        </text>
      </svg>
      <figcaption className="muted">
        Each bar starts where the previous one ended; right = raises the{' '}
        {unit === 'points' ? 'score' : 'risk'}, left = lowers it.
      </figcaption>
    </figure>
  );
}
