import type { ReactNode } from 'react';
import { type FormField, type FormValues, labelOf } from './form-fields.js';

/** Inputs of one model, generated from its JSON Schema; fields filled from the case show where they came from. */
export function RiskForm(props: {
  readonly fields: readonly FormField[];
  readonly values: FormValues;
  readonly onChange: (values: FormValues) => void;
  readonly sources?: Record<string, string>;
  readonly assumedAbsent?: readonly string[];
  readonly idPrefix: string;
}): ReactNode {
  const { fields, values, onChange, sources = {}, assumedAbsent = [], idPrefix } = props;
  const set = (name: string, value: FormValues[string]) => onChange({ ...values, [name]: value });
  return (
    <div className="risk-form">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const note = sources[field.name]
          ? `from the case: ${sources[field.name]}`
          : assumedAbsent.includes(field.name)
            ? 'not in the case: taken as no'
            : undefined;
        return (
          <div className="risk-field" key={field.name}>
            <label htmlFor={id} title={field.description}>
              {labelOf(field.name)}
              {field.required ? <span aria-hidden="true"> *</span> : null}
            </label>
            <FieldControl
              field={field}
              id={id}
              value={values[field.name]}
              onChange={(v) => set(field.name, v)}
            />
            {note ? (
              <span className={sources[field.name] ? 'risk-source' : 'risk-assumed'}>{note}</span>
            ) : null}
            {field.description ? <small className="muted">{field.description}</small> : null}
          </div>
        );
      })}
    </div>
  );
}

function FieldControl(props: {
  readonly field: FormField;
  readonly id: string;
  readonly value: FormValues[string];
  readonly onChange: (value: FormValues[string]) => void;
}): ReactNode {
  const { field, id, value, onChange } = props;
  switch (field.kind) {
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          checked={Boolean(value)}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'enum':
      return (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">—</option>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'multi-enum': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <fieldset id={id} className="risk-multi">
          {(field.options ?? []).map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={selected.includes(o)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, o] : selected.filter((x) => x !== o))
                }
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'number':
      return (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step={field.integer ? 1 : 'any'}
          {...(field.min !== undefined ? { min: field.min } : {})}
          {...(field.max !== undefined ? { max: field.max } : {})}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <textarea
          id={id}
          rows={2}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          placeholder="JSON"
        />
      );
  }
}
