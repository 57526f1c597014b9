import type { ReactNode } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { Link, matchPath, useRoutePath } from '../../router.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { humanize } from './labels.js';
import { RiskCalculator } from './RiskCalculator.js';
import type { RiskModel } from './types.js';

/** The page of one calculator: `/risk/<model id>` (so each can be bookmarked and linked). */
export const calculatorPath = (modelId: string) => `/risk/${encodeURIComponent(modelId)}`;

/** Stand-alone risk calculators: a list, and one calculator per URL with a blank form and a live result. */
export function RiskPage(): ReactNode {
  const path = useRoutePath();
  const modelId = matchPath('/risk/:model', path)?.model;
  const models = useApi('risk-models', () => api.get<{ items: RiskModel[] }>('/v1/risk'));
  const items = models.result.state === 'loaded' ? models.result.data.items : [];
  const model = items.find((m) => m.id === modelId || m.id.endsWith(`.${modelId}`));
  useDocumentTitle(model ? model.title : 'Risk calculators');
  if (models.result.state === 'loading') return <p className="muted page">Loading risk models…</p>;
  if (models.result.state === 'failed') {
    return (
      <div className="page">
        <ProblemView error={models.result.error} heading="Risk models could not be loaded" />
      </div>
    );
  }
  return (
    <div className="page risk-page">
      <h1>{model ? model.title : 'Risk calculators'}</h1>
      <p className="muted">
        Published clinical risk models and scores with guideline-based next steps. Decision support for
        clinicians, not a diagnosis.
      </p>
      <div className="risk-page-layout">
        <nav aria-label="Risk models" className="risk-model-list">
          <ul>
            {items.map((m) => (
              <li key={m.id}>
                <Link to={calculatorPath(m.id)}>{m.title}</Link>
              </li>
            ))}
          </ul>
        </nav>
        {model ? (
          <section className="panel" aria-label={model.title}>
            <RiskCalculator key={model.id} model={model} idPrefix="risk-page" />
          </section>
        ) : modelId ? (
          <p role="alert">There is no calculator “{modelId}”. Choose one from the list.</p>
        ) : (
          <section className="panel" aria-label="Choose a calculator">
            <h2>Choose a calculator</h2>
            <ul className="risk-model-summaries">
              {items.map((m) => (
                <li key={m.id}>
                  <Link to={calculatorPath(m.id)}>{m.title}</Link>
                  <span className="muted small"> — {humanize(m.description).split('. ')[0]}.</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
