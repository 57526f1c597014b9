import type { ReactNode } from 'react';
import { ApiError } from '../api.js';
import { humanize } from '../capabilities/risk/labels.js';

/**
 * Shows an error clearly: for a problem document (RFC 9457) its title, detail and every field error; for anything
 * else its message. Announced to screen readers as an alert.
 */
export function ProblemView(props: { readonly error: unknown; readonly heading?: string }): ReactNode {
  const { error } = props;
  let title: string;
  let detail: string | undefined;
  let errors: readonly { field: string; message: string }[] = [];
  let status: number | undefined;
  if (error instanceof ApiError) {
    title = error.problem.title ?? `Request failed (HTTP ${error.status})`;
    // Field names in messages become the labels the clinician saw on the form (`bunMgDl` → "BUN (mg/dL)").
    detail = error.problem.detail === undefined ? undefined : humanize(error.problem.detail);
    errors = Array.isArray(error.problem.errors) ? error.problem.errors : [];
    status = error.status || undefined;
  } else if (error instanceof Error) {
    title = error.message;
  } else {
    title = String(error);
  }
  return (
    <div className="problem" role="alert">
      <p className="problem-title">
        {props.heading ? `${props.heading}: ` : ''}
        {title}
        {status ? <span className="problem-status"> (HTTP {status})</span> : null}
      </p>
      {detail && detail !== title ? <p className="problem-detail">{detail}</p> : null}
      {errors.length > 0 ? (
        <ul className="problem-errors">
          {errors.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`}>
              {fieldLabelOf(fieldError.field)} {humanize(fieldError.message)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A field pointer as the clinician saw the field (`/body/input/systolicBp` → its label), else the pointer in code. */
function fieldLabelOf(field: string): ReactNode {
  const text = humanize(field);
  return text !== field ? <strong>{text}</strong> : <code>{field || '(body)'}</code>;
}
