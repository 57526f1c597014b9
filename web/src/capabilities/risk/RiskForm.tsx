import type { ReactNode } from 'react';
import { type FormField, type FormValues, labelOf } from './form-fields.js';
import { FIELD_LABELS, humanize, OPTION_LABELS } from './labels.js';

/** The label a clinician reads for a field: the plain clinical label (with unit), else one made from its name. */
export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? labelOf(name);
}

const optionLabel = (option: string) => OPTION_LABELS[option] ?? option;

/**
 * Inputs of one model, generated from its JSON Schema with plain clinical labels; fields filled from the case say
 * where they came from, fields the case lacks say so.
 */
export function RiskForm(props: {
  readonly fields: readonly FormField[];
  readonly values: FormValues;
  readonly onChange: (values: FormValues) => void;
  readonly sources?: Readonly<Record<string, string>>;
  readonly assumedAbsent?: readonly string[];
  readonly unknown?: readonly string[];
  readonly missing?: readonly string[];
  readonly idPrefix: string;
}): ReactNode {
  const {
    fields,
    values,
    onChange,
    sources = {},
    assumedAbsent = [],
    unknown = [],
    missing = [],
    idPrefix,
  } = props;
  const set = (name: string, value: FormValues[string]) => onChange({ ...values, [name]: value });
  return (
    <div className="risk-form">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const note = sources[field.name]
          ? `from the case: ${sources[field.name]}`
          : missing.includes(field.name)
            ? 'needed: not in the case'
            : unknown.includes(field.name)
              ? 'not in the case: left unknown (the result covers both answers)'
              : assumedAbsent.includes(field.name)
                ? 'not recorded in the case: set to no, please check'
                : undefined;
        return (
          <div className={`risk-field${field.kind === 'rows' ? ' risk-field-wide' : ''}`} key={field.name}>
            <label htmlFor={id}>
              {fieldLabel(field.name)}
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
            {field.description ? <small className="muted">{humanize(field.description)}</small> : null}
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
    case 'yes-no-unknown':
      return (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">not known</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
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
              {optionLabel(o)}
            </option>
          ))}
        </select>
      );
    case 'multi-enum': {
      const selected = Array.isArray(value) ? (value as readonly string[]) : [];
      return (
        <fieldset id={id} className="risk-multi">
          <legend className="visually-hidden">{fieldLabel(field.name)}</legend>
          {(field.options ?? []).map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={selected.includes(o)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, o] : selected.filter((x) => x !== o))
                }
              />{' '}
              {optionLabel(o)}
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
    case 'rows':
      return <RowsControl field={field} id={id} value={value} onChange={onChange} />;
    default:
      return (
        <input
          id={id}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          placeholder={field.kind === 'list' ? 'separate with commas' : ''}
        />
      );
  }
}

/** A list of rows (one per test result), each a small form; rows are added and removed with buttons. */
function RowsControl(props: {
  readonly field: FormField;
  readonly id: string;
  readonly value: FormValues[string];
  readonly onChange: (value: FormValues[string]) => void;
}): ReactNode {
  const { field, id, onChange } = props;
  const rows = Array.isArray(props.value) ? (props.value as FormValues[]) : [];
  const itemFields = field.itemFields ?? [];
  const setRow = (index: number, row: FormValues) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <fieldset id={id} className="risk-rows">
      <legend className="visually-hidden">{fieldLabel(field.name)}</legend>
      {rows.length === 0 ? <p className="muted small">None yet.</p> : null}
      {rows.map((row, index) => (
        <fieldset
          className="risk-row"
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional; their content is edited in place.
          key={index}
        >
          <legend className="visually-hidden">{`${fieldLabel(field.name)}, row ${index + 1}`}</legend>
          <RiskForm
            fields={itemFields}
            values={row}
            onChange={(next) => setRow(index, next)}
            idPrefix={`${id}-${index}`}
          />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([
            ...rows,
            Object.fromEntries(itemFields.map((f) => [f.name, f.kind === 'boolean' ? false : undefined])),
          ])
        }
      >
        Add a test result
      </button>
    </fieldset>
  );
}
