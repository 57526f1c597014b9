import type { ReactNode } from 'react';
import { RiskWaterfall } from './RiskWaterfall.js';
import type { RiskResult } from './types.js';

function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}

/** A model's answer: the number or category (or why it does not apply), next steps with their guideline, why. */
export function RiskResultView(props: { readonly result: RiskResult }): ReactNode {
  const { output, explanation, provenance } = props.result;
  // An answer over unknown inputs (src/risk/unknowns.ts): a range instead of one number, the categories they lead to.
  const probabilityRange = output.probabilityRange as readonly [number, number] | undefined;
  const scoreRange = output.scoreRange as readonly [number, number] | undefined;
  const possibleCategories = output.possibleCategories as readonly string[] | undefined;
  const missingInputs = output.missingInputs as readonly string[] | undefined;
  const afterEvidence = output.probabilityAfterEvidence as number | undefined;
  const ranges = (
    <>
      {probabilityRange ? (
        <strong>
          {percent(probabilityRange[0])} – {percent(probabilityRange[1])}
        </strong>
      ) : null}
      {scoreRange ? (
        <strong>
          {' '}
          score {scoreRange[0]} – {scoreRange[1]}
        </strong>
      ) : null}
      {possibleCategories && possibleCategories.length > 0 ? (
        <span className="risk-category">{possibleCategories.join(' or ')}</span>
      ) : null}
    </>
  );
  return (
    <div className="risk-result" data-testid="risk-result">
      {output.applicable ? (
        <p className="risk-headline">
          {output.probability !== undefined ? <strong>{percent(output.probability)}</strong> : null}
          {output.score !== undefined ? <strong> score {output.score}</strong> : null}
          {output.category !== undefined ? <span className="risk-category">{output.category}</span> : null}
          {ranges}
          {afterEvidence !== undefined ? (
            <span className="risk-after-evidence"> · after further evidence {percent(afterEvidence)}</span>
          ) : null}
        </p>
      ) : (
        <p className="risk-not-applicable" role="status">
          <strong>Not applicable.</strong> {output.notApplicableReason} {ranges}
        </p>
      )}
      {missingInputs && missingInputs.length > 0 ? (
        <p className="risk-missing" role="note">
          Not known: {missingInputs.join(', ')}. They were not taken as “no”: the result covers every value
          they can take. Record them for a single answer.
        </p>
      ) : null}
      {explanation.summary ? <p>{explanation.summary}</p> : null}
      {output.steps && output.steps.length > 0 ? (
        <table className="risk-steps">
          <caption>Evidence, step by step (odds × likelihood ratio)</caption>
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              <th scope="col">Before</th>
              <th scope="col">LR</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {output.steps.map((s) => (
              <tr key={s.label}>
                <td>
                  {s.label}
                  {s.evidenceId?.startsWith('image:') ? (
                    <span
                      className="risk-image-tag"
                      title="Likelihood ratio from an image model's finding on the case"
                    >
                      {' '}
                      image model
                    </span>
                  ) : null}
                </td>
                <td>
                  {percent(s.probabilityBefore)} (odds {s.oddsBefore.toFixed(3)})
                </td>
                <td>× {s.likelihoodRatio.toFixed(3)}</td>
                <td>
                  {percent(s.probabilityAfter)} (odds {s.oddsAfter.toFixed(3)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {output.recommendations.length > 0 ? (
        <>
          <h3>Next step</h3>
          <ul className="risk-recommendations">
            {output.recommendations.map((r) => (
              <li key={`${r.action}-${r.text}`}>
                {r.text}{' '}
                {r.guideline ? (
                  <span
                    className={r.guideline.current ? 'risk-guideline' : 'risk-guideline risk-guideline-old'}
                  >
                    {r.guideline.title} {r.guideline.version} ({r.guideline.year})
                    {r.guideline.current ? '' : ' — not current'}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {(explanation.warnings ?? []).length > 0 ? (
        <ul className="risk-warnings">
          {(explanation.warnings ?? []).map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
      <RiskWaterfall explanation={explanation} />
      {(explanation.rulesFired ?? []).length > 0 ? (
        <details>
          <summary>Rules that fired</summary>
          <ul>
            {(explanation.rulesFired ?? []).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="muted risk-provenance">
        {provenance.engineId} v{provenance.engineVersion}
        {provenance.source ? ` · ${provenance.source}` : ''} · decision support for clinicians, not a
        diagnosis.
      </p>
    </div>
  );
}
