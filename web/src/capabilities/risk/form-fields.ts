/**
 * Turns a model's input JSON Schema (from `GET /v1/risk`, made by `z.toJSONSchema`) into form fields, and form
 * values back into a request body. Pure functions, so the panel and the calculator page share them and tests cover
 * them without a browser.
 */

export type FieldKind =
  | 'boolean'
  | 'yes-no-unknown'
  | 'number'
  | 'enum'
  | 'multi-enum'
  | 'list'
  | 'rows'
  | 'json';

export interface FormField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly description: string;
  readonly required: boolean;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly defaultValue?: unknown;
  /** `rows`: the fields of each row (e.g. one test result of the fusion model: name, likelihood ratio, source). */
  readonly itemFields?: readonly FormField[];
}

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly items?: JsonSchema;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly default?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly const?: unknown;
}

function firstType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return typeof schema.type === 'string' ? schema.type : undefined;
}

/** Form fields of a JSON Schema object, in property order. */
export function fieldsOf(schema: unknown): FormField[] {
  const root = schema as JsonSchema;
  const required = new Set(root.required ?? []);
  return Object.entries(root.properties ?? {}).map(([name, raw]) => {
    const property = raw.anyOf?.find((s) => firstType(s) !== 'null') ?? raw;
    // A yes/no input the model accepts as not known (`true | false | "unknown"`): three choices, blank = not known.
    const tri =
      raw.anyOf?.some((s) => firstType(s) === 'boolean') &&
      raw.anyOf.some((s) => s.const === 'unknown' || (s.enum?.length === 1 && s.enum[0] === 'unknown'));
    const base = {
      name,
      description: raw.description ?? property.description ?? '',
      required: required.has(name) && raw.default === undefined,
      ...(raw.default !== undefined ? { defaultValue: raw.default } : {}),
    };
    if (tri) return { ...base, required: false, kind: 'yes-no-unknown' as const };
    if (property.enum) return { ...base, kind: 'enum' as const, options: property.enum.map(String) };
    const type = firstType(property);
    if (type === 'boolean') return { ...base, kind: 'boolean' as const };
    if (type === 'number' || type === 'integer') {
      return {
        ...base,
        kind: 'number' as const,
        integer: type === 'integer',
        ...(property.minimum !== undefined
          ? { min: property.minimum }
          : property.exclusiveMinimum !== undefined
            ? { min: property.exclusiveMinimum }
            : {}),
        ...(property.maximum !== undefined ? { max: property.maximum } : {}),
      };
    }
    if (type === 'array' && property.items?.enum) {
      return { ...base, kind: 'multi-enum' as const, options: property.items.enum.map(String) };
    }
    if (type === 'array' && property.items?.properties) {
      return { ...base, kind: 'rows' as const, itemFields: fieldsOf(property.items) };
    }
    if (type === 'array' && property.items && firstType(property.items) === 'string') {
      return { ...base, kind: 'list' as const };
    }
    return { ...base, kind: 'json' as const };
  });
}

/** Form state: every value as the control holds it (numbers as text, so a half-typed value is not lost). */
export type FormValues = {
  [name: string]: string | boolean | readonly string[] | readonly FormValues[] | undefined;
};

/** Initial form values from a model's example and a case prefill (prefill wins). */
export function initialValues(
  fields: readonly FormField[],
  ...sources: readonly Record<string, unknown>[]
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    let value: unknown;
    for (const source of sources) if (source[field.name] !== undefined) value = source[field.name];
    if (value === undefined) value = field.defaultValue;
    if (value === undefined) {
      values[field.name] =
        field.kind === 'boolean'
          ? false
          : field.kind === 'multi-enum' || field.kind === 'rows'
            ? []
            : undefined;
      continue;
    }
    switch (field.kind) {
      case 'yes-no-unknown':
        values[field.name] = value === true ? 'yes' : value === false ? 'no' : '';
        break;
      case 'rows':
        values[field.name] = Array.isArray(value)
          ? value.map((row) => initialValues(field.itemFields ?? [], row as Record<string, unknown>))
          : [];
        break;
      case 'list':
        values[field.name] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
        break;
      case 'boolean':
        values[field.name] = Boolean(value);
        break;
      case 'multi-enum':
        values[field.name] = Array.isArray(value) ? value.map(String) : [];
        break;
      case 'json':
        values[field.name] = JSON.stringify(value);
        break;
      default:
        values[field.name] = String(value);
    }
  }
  return values;
}

/**
 * The request body for the form values: empty optional fields are left out (the API then says what is missing,
 * rather than the UI guessing); a number field that is not a number is sent as text so the API names it.
 */
export function bodyOf(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === '') continue;
    switch (field.kind) {
      case 'boolean':
        body[field.name] = Boolean(value);
        break;
      case 'yes-no-unknown':
        // Not known is left out: the model then covers both answers.
        if (value === 'yes' || value === 'no') body[field.name] = value === 'yes';
        break;
      case 'number': {
        const text = String(value).trim();
        const number = Number(text);
        body[field.name] = text !== '' && Number.isFinite(number) ? number : text;
        break;
      }
      case 'multi-enum':
        if (Array.isArray(value) && value.length > 0) body[field.name] = [...value];
        break;
      case 'rows': {
        const rows = (Array.isArray(value) ? (value as FormValues[]) : [])
          .map((row) => bodyOf(field.itemFields ?? [], row))
          .filter((row) => Object.keys(row).length > 0);
        if (rows.length > 0) body[field.name] = rows;
        break;
      }
      case 'list': {
        const items = String(value)
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
        if (items.length > 0) body[field.name] = items;
        break;
      }
      case 'json':
        try {
          body[field.name] = JSON.parse(String(value));
        } catch {
          body[field.name] = String(value);
        }
        break;
      default:
        body[field.name] = value;
    }
  }
  return body;
}

/** `noduleDiameterMm` → `Nodule diameter (mm)`: a readable label from a camel-case name with its unit. */
export function labelOf(name: string): string {
  const units: [RegExp, string][] = [
    [/Mm$/, ' (mm)'],
    [/MmolL$/, ' (mmol/L)'],
    [/MgDl$/, ' (mg/dL)'],
    [/NgMl$/, ' (ng/mL)'],
    [/Percent$/, ' (%)'],
  ];
  let unit = '';
  let stem = name;
  for (const [pattern, text] of units) {
    if (pattern.test(stem)) {
      stem = stem.replace(pattern, '');
      unit = text;
      break;
    }
  }
  const acronyms: Record<string, string> = {
    cea: 'CEA',
    bun: 'BUN',
    hba1c: 'HbA1c',
    pet: 'PET',
    dvt: 'DVT',
    pe: 'PE',
    tia: 'TIA',
    ogtt2h: 'OGTT 2-h',
    bp: 'BP',
  };
  const words = stem
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((w) => acronyms[w] ?? w)
    .join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${unit}`;
}
