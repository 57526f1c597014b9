import type { ReactNode } from 'react';
import type {
  Assessment,
  Differential,
  Explanation,
  Provenance,
  RiskEstimate,
} from '../../../src/clinical/index.js';
import type { EngineInfo } from '../../../src/engine/engine.js';
import { formatDateTime, formatProbability, formatSigned } from '../format.js';
import { withKeys } from '../keys.js';
import { ContributionChart } from './ContributionChart.js';

/** One stored engine result: what it says, why (signed contributions), and who said it (provenance). */
export function AssessmentCard(props: {
  readonly assessment: Assessment;
  readonly engine?: EngineInfo;
}): ReactNode {
  const { assessment, engine } = props;
  const { explanation } = assessment;
  return (
    <article className="assessment" aria-label={`Assessment by ${engine?.title ?? assessment.engineId}`}>
      <header className="assessment-header">
        <h3>{engine?.title ?? assessment.engineId}</h3>
        <span className="muted">{formatDateTime(assessment.createdAt)}</span>
      </header>
      {assessment.risk ? <RiskSummary risk={assessment.risk} /> : null}
      {assessment.differential ? <DifferentialList differential={assessment.differential} /> : null}
      {assessment.recommendations && assessment.recommendations.length > 0 ? (
        <div>
          <h4>Recommendations</h4>
          <ul className="recommendations">
            {withKeys(assessment.recommendations, (r) => `${r.action ?? ''}:${r.text}`).map(
              ({ item: recommendation, key }) => (
                <li key={key}>
                  {recommendation.text}
                  {recommendation.guideline ? (
                    <span className="muted">
                      {' '}
                      ({recommendation.guideline.title} {recommendation.guideline.version})
                    </span>
                  ) : null}
                  {recommendation.guideline && !recommendation.guideline.current ? (
                    <span className="badge badge-warning">guideline superseded</span>
                  ) : null}
                  {recommendation.rule ? (
                    <div className="muted small">Rule: {recommendation.rule}</div>
                  ) : null}
                </li>
              ),
            )}
          </ul>
        </div>
      ) : null}
      {explanation.warnings && explanation.warnings.length > 0 ? (
        <ul className="warnings">
          {withKeys(explanation.warnings, (warning) => warning).map(({ item: warning, key }) => (
            <li key={key}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <h4>Explanation</h4>
      {explanation.summary ? <p>{explanation.summary}</p> : null}
      <ContributionChart contributions={explanation.contributions} />
      {explanation.baseline !== undefined ? (
        <p className="muted small">Baseline before contributions: {baselineText(explanation)}</p>
      ) : null}
      {explanation.rulesFired && explanation.rulesFired.length > 0 ? (
        <details>
          <summary>Rules that fired ({explanation.rulesFired.length})</summary>
          <ul>
            {withKeys(explanation.rulesFired, (rule) => rule).map(({ item: rule, key }) => (
              <li key={key}>{rule}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <ProvenanceList provenance={assessment.provenance} />
    </article>
  );
}

/** The baseline with the unit its contributions add up in (`−2 log-odds`). */
function baselineText(explanation: Explanation): string {
  const unit = explanation.contributions[0]?.unit;
  return `${formatSigned(explanation.baseline ?? 0)}${unit ? ` ${unit}` : ''}`;
}

function RiskSummary(props: { readonly risk: RiskEstimate }): ReactNode {
  const { risk } = props;
  if (!risk.applicable) {
    return (
      <p className="risk not-applicable">
        <strong>Not applicable</strong> ({risk.modelId})
        {risk.notApplicableReason ? `: ${risk.notApplicableReason}` : ''}
      </p>
    );
  }
  return (
    <dl className="risk">
      {risk.probability !== undefined ? (
        <div>
          <dt>Probability</dt>
          <dd className="big-number">{formatProbability(risk.probability)}</dd>
        </div>
      ) : null}
      {risk.score !== undefined ? (
        <div>
          <dt>Score</dt>
          <dd className="big-number">{risk.score}</dd>
        </div>
      ) : null}
      {risk.category ? (
        <div>
          <dt>Category</dt>
          <dd className="big-number">{risk.category}</dd>
        </div>
      ) : null}
      <div>
        <dt>Model</dt>
        <dd>{risk.modelId}</dd>
      </div>
    </dl>
  );
}

function DifferentialList(props: { readonly differential: Differential }): ReactNode {
  const entries = [...props.differential.entries].sort((a, b) => b.probability - a.probability).slice(0, 10);
  if (entries.length === 0) return <p className="muted">Empty differential.</p>;
  return (
    <div>
      <h4>Differential</h4>
      <ol className="differential">
        {entries.map((entry) => (
          <li key={entry.conditionId}>
            <span className="ddx-label">
              {entry.label}
              {entry.icd10 ? <span className="muted small"> {entry.icd10}</span> : null}
              {entry.mustNotMiss ? <span className="badge badge-warning">must not miss</span> : null}
            </span>
            <span className="ddx-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0, Math.min(1, entry.probability)) * 100}%` }} />
            </span>
            <span className="ddx-probability">{formatProbability(entry.probability)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ProvenanceList(props: { readonly provenance: Provenance }): ReactNode {
  const { provenance } = props;
  return (
    <dl className="provenance" aria-label="Provenance">
      <div>
        <dt>Engine</dt>
        <dd>
          <code>{provenance.engineId}</code> v{provenance.engineVersion}
        </dd>
      </div>
      {provenance.modelVersion ? (
        <div>
          <dt>Model</dt>
          <dd>{provenance.modelVersion}</dd>
        </div>
      ) : null}
      {provenance.guideline ? (
        <div>
          <dt>Guideline</dt>
          <dd>
            {provenance.guideline.title} {provenance.guideline.version} ({provenance.guideline.year})
            {provenance.guideline.current ? null : <span className="badge badge-warning">superseded</span>}
          </dd>
        </div>
      ) : null}
      {provenance.source ? (
        <div>
          <dt>Source</dt>
          <dd>{provenance.source}</dd>
        </div>
      ) : null}
      <div>
        <dt>Generated</dt>
        <dd>
          <time dateTime={provenance.generatedAt}>{formatDateTime(provenance.generatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
