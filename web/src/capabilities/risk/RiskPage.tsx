import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { RiskCalculator } from './RiskCalculator.js';
import type { RiskModel } from './types.js';

/** Stand-alone risk calculator: every model, its worked example, edit and run. */
export function RiskPage(): ReactNode {
  useDocumentTitle('Risk calculators');
  const models = useApi('risk-models', () => api.get<{ items: RiskModel[] }>('/v1/risk'));
  const [modelId, setModelId] = useState<string | undefined>(undefined);
  if (models.result.state === 'loading') return <p className="muted page">Loading risk models…</p>;
  if (models.result.state === 'failed') {
    return (
      <div className="page">
        <ProblemView error={models.result.error} heading="Risk models could not be loaded" />
      </div>
    );
  }
  const items = models.result.data.items;
  const model = items.find((m) => m.id === modelId) ?? items[0];
  return (
    <div className="page risk-page">
      <h1>Risk calculators</h1>
      <p className="muted">
        Published clinical risk models and scores with guideline-based next steps. Decision support for
        clinicians, not a diagnosis.
      </p>
      <div className="risk-page-layout">
        <nav aria-label="Risk models" className="risk-model-list">
          <ul>
            {items.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className={m.id === model?.id ? 'risk-model-current' : ''}
                  aria-current={m.id === model?.id ? 'true' : undefined}
                  onClick={() => setModelId(m.id)}
                >
                  {m.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {model ? (
          <section className="panel" aria-label={model.title}>
            <h2>{model.title}</h2>
            <RiskCalculator key={model.id} model={model} idPrefix="risk-page" />
          </section>
        ) : null}
      </div>
    </div>
  );
}
