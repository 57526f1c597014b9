import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { bodyOf, type FormValues, fieldsOf, initialValues } from './form-fields.js';
import { RiskForm } from './RiskForm.js';
import { RiskResultView } from './RiskResultView.js';
import type { RiskModel, RiskPrefill, RiskResult } from './types.js';

/**
 * One model's form and answer. With a prefill (from a case), its values replace the example's and each shows where
 * it came from; the clinician edits and runs.
 */
export function RiskCalculator(props: {
  readonly model: RiskModel;
  readonly prefill?: RiskPrefill;
  readonly idPrefix: string;
}): ReactNode {
  const { model, prefill, idPrefix } = props;
  const fields = useMemo(() => fieldsOf(model.inputSchema), [model]);
  const start = useMemo(
    () => (prefill ? initialValues(fields, prefill.values) : initialValues(fields, model.example)),
    [fields, model, prefill],
  );
  const [values, setValues] = useState<FormValues>(start);
  const [result, setResult] = useState<RiskResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    setValues(start);
    setResult(undefined);
    setError(undefined);
  }, [start]);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(
        await api.post<RiskResult>(`/v1/risk/${encodeURIComponent(model.id)}`, bodyOf(fields, values)),
      );
    } catch (e) {
      setResult(undefined);
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="risk-calculator">
      <p className="muted">
        {model.description} <em>{model.source}</em>
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <RiskForm
          fields={fields}
          values={values}
          onChange={setValues}
          idPrefix={idPrefix}
          {...(prefill ? { sources: prefill.sources, assumedAbsent: prefill.assumedAbsent } : {})}
        />
        <div className="risk-actions">
          <button type="submit" className="button" disabled={running}>
            {running ? 'Running…' : 'Run'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setValues(initialValues(fields, model.example))}
          >
            Worked example
          </button>
        </div>
      </form>
      {error ? <ProblemView error={error} heading="The model could not run" /> : null}
      {result ? <RiskResultView result={result} /> : null}
    </div>
  );
}
