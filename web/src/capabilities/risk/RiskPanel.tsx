import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { CasePanelProps } from '../types.js';
import { RiskCalculator } from './RiskCalculator.js';
import { fieldLabel } from './RiskForm.js';
import type { RiskModel, RiskPrefill } from './types.js';

/**
 * What the case gives this model, from the same function "Run on this case" uses: ready only when that run would
 * go through; otherwise the inputs still missing or why the model does not apply.
 */
function ReadinessLine(props: { readonly prefill: RiskPrefill }): ReactNode {
  const { prefill } = props;
  const filled = Object.keys(prefill.sources).length;
  const missing = [
    ...new Set(
      (prefill.missing ?? []).map((m) => fieldLabel(m.field.replace(/^\//, '').split('/')[0] ?? '')),
    ),
  ];
  return (
    <p className="muted" data-testid="risk-readiness">
      {filled} input{filled === 1 ? '' : 's'} filled from the case.{' '}
      {prefill.notApplicable ? (
        <strong>Does not apply to this case as recorded: {prefill.notApplicable}.</strong>
      ) : prefill.complete ? (
        <strong>Ready: “Run on this case” uses these values.</strong>
      ) : missing.length > 0 ? (
        <strong>Not ready from the case alone; still needed: {missing.join(', ')}.</strong>
      ) : (
        <strong>Not ready from the case alone.</strong>
      )}{' '}
      Complete or correct the form below; the result updates as you type and can be saved to the case.
    </p>
  );
}

/** Case-page panel: choose a model; its inputs are filled from the case where it can; edit and run. */
export function RiskPanel(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  const models = useApi('risk-models', () => api.get<{ items: RiskModel[] }>('/v1/risk'));
  const [modelId, setModelId] = useState('lung-nodule');
  const prefill = useApi(`risk-prefill:${clinicalCase.id}:${clinicalCase.updatedAt}:${modelId}`, () =>
    api.get<RiskPrefill>(
      `/v1/cases/${encodeURIComponent(clinicalCase.id)}/risk/${encodeURIComponent(modelId)}/prefill`,
    ),
  );
  if (models.result.state === 'loading') return <p className="muted">Loading risk models…</p>;
  if (models.result.state === 'failed')
    return <ProblemView error={models.result.error} heading="Risk models could not be loaded" />;
  const items = models.result.data.items;
  const model = items.find((m) => m.id === modelId) ?? items[0];
  if (!model) return <p className="muted">No risk models.</p>;
  return (
    <div className="risk-panel">
      <label htmlFor="risk-model-select">Model </label>
      <select id="risk-model-select" value={model.id} onChange={(e) => setModelId(e.target.value)}>
        {items.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title}
            {m.readsCase ? ' (reads the case)' : ''}
          </option>
        ))}
      </select>
      {prefill.result.state === 'loading' ? <p className="muted">Reading the case…</p> : null}
      {prefill.result.state === 'failed' ? (
        <ProblemView error={prefill.result.error} heading="The case could not be read" />
      ) : null}
      {prefill.result.state === 'loaded' ? (
        <>
          <ReadinessLine prefill={prefill.result.data} />
          <RiskCalculator
            key={`${model.id}:${clinicalCase.updatedAt}`}
            model={model}
            prefill={prefill.result.data}
            idPrefix="risk-panel"
            caseId={clinicalCase.id}
            onSaved={props.refresh}
          />
        </>
      ) : null}
    </div>
  );
}
