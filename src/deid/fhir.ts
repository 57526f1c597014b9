import { createHmac } from 'node:crypto';
import { HealthGptError } from '../engine/errors.js';
import { deidentifyText } from './deidentify.js';
import { dateShiftDays, surrogateFor } from './surrogates.js';

/**
 * De-identification of FHIR R4 resources and Bundles by profile:
 * - `safe-harbor` (HIPAA 45 CFR 164.514(b)(2)): identifiers, names, telecom, photos, contacts removed; addresses
 *   reduced to the state; every date reduced to its year (ages over 89: birth year removed too); free text and
 *   narratives through the text de-identifier; resource ids replaced by keyed hashes (references kept consistent).
 * - `limited-data-set` (45 CFR 164.514(e)): as above, but dates, city, state and postal code are kept.
 * In `surrogate` mode names get consistent fake names and dates move by the patient's offset instead.
 */
export type FhirProfile = 'safe-harbor' | 'limited-data-set';

export interface FhirDeidOptions {
  readonly profile?: FhirProfile;
  readonly mode?: 'redact' | 'surrogate';
  readonly patientKey?: string;
  /** Secret for the id hashes and surrogates (default `HEALTHGPT_DEID_SECRET`, else per process). */
  readonly secret?: string;
  /** Reference date for ages (default now). */
  readonly today?: Date;
}

export interface FhirRemoval {
  /** JSON pointer into the input. */
  readonly path: string;
  readonly action: 'removed' | 'generalised' | 'shifted' | 'replaced' | 'text-deidentified';
  readonly reason: string;
}

export interface FhirDeidResult {
  readonly resource: unknown;
  readonly profile: FhirProfile;
  readonly removed: readonly FhirRemoval[];
}

const PERSON_TYPES = new Set(['Patient', 'Practitioner', 'RelatedPerson', 'Person']);
const ALWAYS_REMOVE = new Set(['identifier', 'telecom', 'photo', 'contact', 'link']);
const TEXT_KEYS = new Set([
  'text',
  'display',
  'valueString',
  'comment',
  'description',
  'conclusion',
  'div',
  'note',
]);
const DATE = /^(\d{4})(-\d{2}(-\d{2})?)?(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;
const INSTANT_KEYS = new Set(['issued', 'lastUpdated', 'recorded']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let fallbackSecret: string | undefined;

/**
 * The secret of the id hashes and surrogates in this thread (`HEALTHGPT_DEID_SECRET`, else this process's own). Work
 * handed to a worker thread carries it, so ids and surrogates are the same whichever thread makes them.
 */
export function fhirDeidSecret(): string {
  fallbackSecret ??= Math.random().toString(36).slice(2) + Date.now();
  return process.env.HEALTHGPT_DEID_SECRET ?? fallbackSecret;
}

/** De-identifies a FHIR resource or Bundle; refuses what is not a FHIR resource (no `resourceType`). */
export function deidentifyFhir(input: unknown, options: FhirDeidOptions = {}): FhirDeidResult {
  if (!isRecord(input) || typeof input.resourceType !== 'string')
    throw HealthGptError.invalid('not a FHIR resource: an object with a resourceType is expected', [
      { field: '/resourceType', message: 'required' },
    ]);
  const profile = options.profile ?? 'safe-harbor';
  const mode = options.mode ?? 'redact';
  const secret = options.secret ?? fhirDeidSecret();
  const removed: FhirRemoval[] = [];
  const patientKey = options.patientKey ?? findPatientId(input) ?? 'bundle';
  const surrogateOptions = { patientKey, secret };
  const today = options.today ?? new Date();
  const hashId = (id: string) =>
    createHmac('sha256', secret).update(`fhir-id\u0000${id}`).digest('hex').slice(0, 32);
  const over89 = birthOver89(input, today);

  const textOf = (value: string, path: string): string => {
    if (value.trim() === '') return value;
    const isDiv = value.trimStart().startsWith('<div');
    const plain = isDiv
      ? value
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      : value;
    if (plain === '') return value;
    const result = deidentifyText(plain, { mode, ...(mode === 'surrogate' ? { patientKey, secret } : {}) });
    if (result.spans.length > 0 || isDiv)
      removed.push({
        path,
        action: 'text-deidentified',
        reason: `${result.spans.length} identifiers in free text`,
      });
    const escaped = result.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return isDiv ? `<div xmlns="http://www.w3.org/1999/xhtml">${escaped}</div>` : result.text;
  };

  const dateOf = (value: string, path: string, key: string): string | undefined => {
    const m = DATE.exec(value);
    if (!m) return value;
    if (profile === 'limited-data-set' && mode === 'redact') return value;
    if (mode === 'surrogate' && m[3]) {
      const d = new Date(Date.UTC(Number(m[1]), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
      d.setUTCDate(d.getUTCDate() + dateShiftDays(surrogateOptions));
      removed.push({ path, action: 'shifted', reason: 'date moved by the patient offset (intervals kept)' });
      const shifted = d.toISOString().slice(0, 10);
      return m[4] ? `${shifted}${m[4]}` : shifted;
    }
    if (INSTANT_KEYS.has(key)) {
      removed.push({
        path,
        action: 'removed',
        reason: 'instant (full timestamp) cannot be reduced to a year',
      });
      return undefined;
    }
    if (key === 'birthDate' && over89) {
      removed.push({ path, action: 'removed', reason: 'age over 89: birth year removed (Safe Harbor)' });
      return undefined;
    }
    if (!m[2]) return value;
    removed.push({ path, action: 'generalised', reason: 'date reduced to its year (Safe Harbor)' });
    return m[1];
  };

  const walk = (value: unknown, path: string, key: string, owner: string | undefined): unknown => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [i, v] of value.entries()) {
        const w = walk(v, `${path}/${i}`, key, owner);
        if (w !== undefined) out.push(w);
      }
      return out;
    }
    if (isRecord(value)) return walkRecord(value, path, owner);
    return value;
  };
  const walkRecord = (input: Record<string, unknown>, path: string, owner: string | undefined): unknown => {
    let value = input;
    {
      if (profile === 'safe-harbor' && value.resourceType === 'Observation' && isAgeOver89(value)) {
        removed.push({
          path: `${path}/valueQuantity`,
          action: 'generalised',
          reason: 'age over 89 given as 90 or more',
        });
        value = {
          ...value,
          valueQuantity: { ...(value.valueQuantity as object), value: 90, comparator: '>=' },
        };
      }
      const type = typeof value.resourceType === 'string' ? value.resourceType : owner;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (ALWAYS_REMOVE.has(k) && !(k === 'link' && type === 'Bundle')) {
          removed.push({ path: p, action: 'removed', reason: `${k} is a direct identifier` });
          continue;
        }
        if (k === 'meta') {
          removed.push({ path: p, action: 'removed', reason: 'metadata (sources, timestamps)' });
          continue;
        }
        if (k === 'name' && type && PERSON_TYPES.has(type) && Array.isArray(v)) {
          if (mode === 'surrogate' && type === 'Patient') {
            out[k] = v.filter(isRecord).map((n) => {
              const family =
                typeof n.family === 'string'
                  ? surrogateFor({ category: 'name', text: n.family }, surrogateOptions)
                  : undefined;
              const given = Array.isArray(n.given)
                ? n.given.map((g) => surrogateFor({ category: 'name', text: String(g) }, surrogateOptions))
                : undefined;
              return { ...(family ? { family } : {}), ...(given ? { given } : {}) };
            });
            removed.push({ path: p, action: 'replaced', reason: 'name replaced by a consistent surrogate' });
          } else removed.push({ path: p, action: 'removed', reason: `name of a ${type}` });
          continue;
        }
        if (k === 'address' && isRecord(v) === false && Array.isArray(v)) {
          out[k] = v.filter(isRecord).map((a, i) => {
            const kept: Record<string, unknown> = {};
            if (typeof a.state === 'string') kept.state = a.state;
            if (typeof a.country === 'string') kept.country = a.country;
            if (profile === 'limited-data-set') {
              if (typeof a.city === 'string') kept.city = a.city;
              if (typeof a.postalCode === 'string') kept.postalCode = a.postalCode;
            }
            removed.push({
              path: `${p}/${i}`,
              action: 'generalised',
              reason:
                profile === 'limited-data-set'
                  ? 'street lines removed'
                  : 'address reduced to state and country',
            });
            return kept;
          });
          continue;
        }
        if (k === 'attachment' || (k === 'content' && type === 'DocumentReference')) {
          removed.push({ path: p, action: 'removed', reason: 'attachments may carry identifiers' });
          continue;
        }
        if ((k === 'id' && typeof v === 'string' && value.resourceType) || k === 'fullUrl') {
          out[k] =
            k === 'fullUrl'
              ? `urn:uuid:${uuidLike(hashId(String(v).replace(/^.*\//, '')))}`
              : hashId(v as string);
          continue;
        }
        if (k === 'display' && typeof value.reference === 'string') {
          removed.push({ path: p, action: 'removed', reason: 'display of a reference (often a name)' });
          continue;
        }
        if (k === 'reference' && typeof v === 'string') {
          const m = /^(?:urn:uuid:|(?:.*\/)?([A-Z][A-Za-z]+)\/)([^/]+)$/.exec(v);
          out[k] = m ? (m[1] ? `${m[1]}/${hashId(m[2]!)}` : `urn:uuid:${uuidLike(hashId(m[2]!))}`) : v;
          continue;
        }
        if (
          typeof v === 'string' &&
          DATE.test(v) &&
          /date|time|period|start|end|issued|recorded|authored|onset|abatement|lastUpdated|^date$/i.test(k)
        ) {
          const d = dateOf(v, p, k);
          if (d !== undefined) out[k] = d;
          continue;
        }
        if (typeof v === 'string' && TEXT_KEYS.has(k) && k !== 'note') {
          out[k] = textOf(v, p);
          continue;
        }
        const w = walk(v, p, k, type);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
  };
  const resource = walk(input, '', '', undefined);
  return { resource, profile, removed };
}

/** LOINC codes of a patient's age: 30525-0 Age, 21612-7 Age (reported), 29553-5 Age (calculated). */
const AGE_CODES = new Set(['30525-0', '21612-7', '29553-5']);

function isAgeOver89(observation: Record<string, unknown>): boolean {
  const code = observation.code;
  const codings = isRecord(code) && Array.isArray(code.coding) ? code.coding : [];
  const isAge = codings.some((c) => isRecord(c) && typeof c.code === 'string' && AGE_CODES.has(c.code));
  const q = observation.valueQuantity;
  if (!isAge || !isRecord(q) || typeof q.value !== 'number') return false;
  const unit = String(q.code ?? q.unit ?? 'a');
  const years =
    unit === 'mo' ? q.value / 12 : unit === 'wk' ? q.value / 52 : unit === 'd' ? q.value / 365.25 : q.value;
  return years > 89;
}

function uuidLike(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function findPatientId(input: Record<string, unknown>): string | undefined {
  if (input.resourceType === 'Patient' && typeof input.id === 'string') return input.id;
  if (input.resourceType === 'Bundle' && Array.isArray(input.entry))
    for (const e of input.entry)
      if (
        isRecord(e) &&
        isRecord(e.resource) &&
        e.resource.resourceType === 'Patient' &&
        typeof e.resource.id === 'string'
      )
        return e.resource.id;
  return undefined;
}

function birthOver89(input: Record<string, unknown>, today: Date): boolean {
  const patients: Record<string, unknown>[] = [];
  if (input.resourceType === 'Patient') patients.push(input);
  if (input.resourceType === 'Bundle' && Array.isArray(input.entry))
    for (const e of input.entry)
      if (isRecord(e) && isRecord(e.resource) && e.resource.resourceType === 'Patient')
        patients.push(e.resource);
  return patients.some((p) => {
    if (typeof p.birthDate !== 'string') return false;
    const year = Number(p.birthDate.slice(0, 4));
    return today.getUTCFullYear() - year > 89;
  });
}
