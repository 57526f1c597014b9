import type { ReactNode } from 'react';
import type { Observation } from '../../../src/clinical/index.js';
import { formatDateTime, formatQuantity, formatRange, rangeFlag, systemLabel } from '../format.js';
import { withKeys } from '../keys.js';

const FLAG_TEXT = { low: 'L', high: 'H' } as const;

/** Vital signs and laboratory results: value with its UCUM unit, reference range, and an H / L flag outside it. */
export function ObservationsPanel(props: { readonly observations: readonly Observation[] }): ReactNode {
  if (props.observations.length === 0) return <p className="muted">No observations recorded.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Observation</th>
            <th scope="col">Code</th>
            <th scope="col" className="numeric">
              Value
            </th>
            <th scope="col">Reference range</th>
            <th scope="col">Measured</th>
          </tr>
        </thead>
        <tbody>
          {withKeys(
            props.observations,
            (o) => `${o.code.system}|${o.code.code}|${o.effectiveDateTime ?? ''}`,
          ).map(({ item: observation, key }) => {
            const flag = rangeFlag(observation);
            return (
              <tr key={key}>
                <td>{observation.code.display ?? observation.code.code}</td>
                <td className="code">
                  {systemLabel(observation.code.system)} {observation.code.code}
                </td>
                <td className={`numeric value${flag === 'low' || flag === 'high' ? ' out-of-range' : ''}`}>
                  {formatQuantity(observation.value)}
                  {flag === 'low' || flag === 'high' ? (
                    <abbr
                      className="flag"
                      title={flag === 'low' ? 'below reference range' : 'above reference range'}
                    >
                      {' '}
                      {FLAG_TEXT[flag]}
                    </abbr>
                  ) : null}
                </td>
                <td>{formatRange(observation.referenceRange)}</td>
                <td>{observation.effectiveDateTime ? formatDateTime(observation.effectiveDateTime) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
