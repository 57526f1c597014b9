import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { bodyOf, type FormValues, fieldsOf, initialValues } from './form-fields.js';
import { humanize } from './labels.js';
import { fieldLabel, RiskForm } from './RiskForm.js';
import { RiskResultView } from './RiskResultView.js';
import type { RiskModel, RiskPrefill, RiskResult } from './types.js';

/** How long typing may pause before the result is recalculated. */
const RECALCULATE_AFTER_MS = 250;

type Answer =
  | { readonly state: 'empty' }
  | { readonly state: 'calculating' }
  | { readonly state: 'incomplete'; readonly messages: readonly string[] }
  | { readonly state: 'result'; readonly result: RiskResult }
  | { readonly state: 'failed'; readonly error: unknown };

/** The required fields still empty, by label. */
function emptyRequired(fields: ReturnType<typeof fieldsOf>, values: FormValues): string[] {
  return fields
    .filter((f) => f.required && f.kind !== 'boolean')
    .filter((f) => {
      const v = values[f.name];
      return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    })
    .map((f) => fieldLabel(f.name));
}

/**
 * One model's form and live answer, as MDCalc does it: the form starts blank (or filled from the case, each value
 * saying where it came from); the answer is recalculated as inputs change and is never left standing for inputs that
 * changed; a worked example is loaded only on request and labelled as such. On a case page, the answer can be saved
 * as an assessment with exactly the inputs shown.
 */
export function RiskCalculator(props: {
  readonly model: RiskModel;
  readonly prefill?: RiskPrefill;
  readonly idPrefix: string;
  /** On a case page: the case to save the answer to. */
  readonly caseId?: string;
  readonly onSaved?: () => void;
}): ReactNode {
  const { model, prefill, idPrefix, caseId } = props;
  const fields = useMemo(() => fieldsOf(model.inputSchema), [model]);
  const start = useMemo(
    () => (prefill ? initialValues(fields, prefill.values) : initialValues(fields)),
    [fields, prefill],
  );
  const [values, setValues] = useState<FormValues>(start);
  const [example, setExample] = useState(false);
  const [answer, setAnswer] = useState<Answer>({ state: 'empty' });
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const sequence = useRef(0);
  useEffect(() => {
    setValues(start);
    setExample(false);
  }, [start]);

  // Live recalculation: every change invalidates the answer at once; the new one follows a short pause.
  useEffect(() => {
    const seq = ++sequence.current;
    setSaved(undefined);
    const missing = emptyRequired(fields, values);
    if (missing.length > 0) {
      setAnswer({ state: 'incomplete', messages: [`Still needed: ${missing.join(', ')}.`] });
      return;
    }
    setAnswer({ state: 'calculating' });
    const timer = setTimeout(() => {
      api
        .post<RiskResult>(`/v1/risk/${encodeURIComponent(model.id)}`, bodyOf(fields, values))
        .then((result) => seq === sequence.current && setAnswer({ state: 'result', result }))
        .catch((error: unknown) => {
          if (seq !== sequence.current) return;
          if (error instanceof ApiError && error.status === 400) {
            const errors = error.problem.errors ?? [];
            setAnswer({
              state: 'incomplete',
              messages:
                errors.length > 0
                  ? errors.map((e) => humanize(`${e.field}: ${e.message}`))
                  : [humanize(error.problem.detail ?? error.message)],
            });
          } else setAnswer({ state: 'failed', error });
        });
    }, RECALCULATE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [fields, values, model.id]);

  const save = async () => {
    if (!caseId) return;
    setSaveError(undefined);
    try {
      await api.post(`/v1/cases/${encodeURIComponent(caseId)}/assessments`, {
        engineId: model.engineId,
        input: bodyOf(fields, values),
      });
      setSaved('Saved to the case as an assessment, with the inputs shown.');
      props.onSaved?.();
    } catch (error) {
      setSaveError(error);
    }
  };

  return (
    <div className="risk-calculator">
      <p className="muted">
        {humanize(model.description)} <em>{model.source}</em>
      </p>
      {example ? (
        <p className="risk-example-banner" role="status">
          <strong>Worked example</strong>: these values are a made-up patient from the model’s publication,
          not your patient.{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setValues(start);
              setExample(false);
            }}
          >
            Clear the example
          </button>
        </p>
      ) : null}
      <form noValidate onSubmit={(e) => e.preventDefault()} aria-label={`${model.title} inputs`}>
        <RiskForm
          fields={fields}
          values={values}
          onChange={setValues}
          idPrefix={idPrefix}
          {...(prefill
            ? {
                sources: prefill.sources,
                assumedAbsent: prefill.assumedAbsent,
                ...(prefill.unknown ? { unknown: prefill.unknown } : {}),
                missing: (prefill.missing ?? []).map((m) => m.field.replace(/^\//, '').split('/')[0] ?? ''),
              }
            : {})}
        />
        <div className="risk-actions">
          {!example ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setValues(initialValues(fields, model.example));
                setExample(true);
              }}
            >
              Load a worked example
            </button>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setValues(initialValues(fields))}
          >
            Clear all
          </button>
        </div>
      </form>
      <section className="risk-answer" aria-live="polite" aria-label="Result">
        {answer.state === 'empty' || answer.state === 'calculating' ? (
          <p className="muted">Calculating…</p>
        ) : answer.state === 'incomplete' ? (
          <div className="risk-incomplete">
            <p>
              <strong>No result yet.</strong>
            </p>
            <ul>
              {answer.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : answer.state === 'failed' ? (
          <ProblemView error={answer.error} heading="The model could not run" />
        ) : (
          <>
            {example ? (
              <p className="risk-example-banner">Result for the worked example, not your patient.</p>
            ) : null}
            <RiskResultView result={answer.result} />
            {caseId && !example ? (
              <p className="risk-actions">
                <button type="button" className="button" onClick={() => void save()}>
                  Save as an assessment of this case
                </button>{' '}
                {saved ? <span role="status">{saved}</span> : null}
              </p>
            ) : null}
            {saveError ? <ProblemView error={saveError} heading="Not saved" /> : null}
          </>
        )}
      </section>
    </div>
  );
}
