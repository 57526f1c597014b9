import { HealthGptError } from '../engine/errors.js';
import { deidentifyText } from './deidentify.js';
import { detectPhi } from './detect.js';
import { deidentifyFhir, type FhirDeidResult, type FhirProfile } from './fhir.js';

export interface ExportOptions {
  readonly profile?: FhirProfile;
  readonly mode?: 'redact' | 'surrogate';
  readonly patientKey?: string;
}

/**
 * The one function every path that lets data leave calls (research export, the external language-model gateway):
 * text through the text de-identifier, FHIR resources and Bundles by profile. Throws rather than return anything it
 * could not process.
 */
export function deidentifyForExport(data: string, options?: ExportOptions): { text: string; removed: number };
export function deidentifyForExport(data: object, options?: ExportOptions): FhirDeidResult;
export function deidentifyForExport(
  data: string | object,
  options: ExportOptions = {},
): { text: string; removed: number } | FhirDeidResult {
  if (typeof data === 'string') {
    const r = deidentifyText(data, {
      mode: options.mode ?? 'redact',
      ...(options.patientKey ? { patientKey: options.patientKey } : {}),
    });
    return { text: r.text, removed: r.spans.length };
  }
  return deidentifyFhir(data, options);
}

/** Identifier rules that must never match in anything sent out (formats and checksums: no model needed). */
const STRONG_RULES = new Set([
  'pattern.email',
  'pattern.url',
  'pattern.ip',
  'pattern.ssn',
  'pattern.ssn-context',
  'pattern.credit-card',
  'pattern.iban',
  'pattern.phone',
  'pattern.phone-spaced',
  'pattern.record-number',
  'pattern.date-numeric',
  'pattern.date-iso',
]);

/** Namespaces and code systems (FHIR, XHTML, terminologies) and the surrogate domain: not identifiers. */
const STANDARD_URL =
  /^(?:https?:\/\/)?(?:www\.)?(?:hl7\.org|terminology\.hl7\.org|loinc\.org|snomed\.info|unitsofmeasure\.org|www\.w3\.org|w3\.org|example\.org|www\.nlm\.nih\.gov|healthgpt\.(?:local|org))(?:[/:#?]|$)/i;

/**
 * The guard in front of every outbound request: de-identifies the payload (text, or JSON whose string values are
 * de-identified, FHIR resources by profile) and checks the result once more; a payload that cannot be processed, or
 * still holds a formatted identifier afterwards, is refused with an error — it is never sent unprocessed.
 */
export function guardOutboundPayload(payload: unknown, options: ExportOptions = {}): string {
  let out: string;
  try {
    if (typeof payload === 'string') {
      out = payload.trim() === '' ? payload : deidentifyForExport(payload, options).text;
    } else if (typeof payload === 'object' && payload !== null && 'resourceType' in payload) {
      out = JSON.stringify(deidentifyForExport(payload as Record<string, unknown>, options).resource);
    } else {
      out = JSON.stringify(deidentifyJsonStrings(payload, options));
    }
  } catch (error) {
    throw new HealthGptError(
      'unprocessable',
      `outbound payload refused: it could not be de-identified (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  if (options.mode === 'surrogate') {
    // Surrogates keep the formats of dates, phones and numbers, so the format check cannot tell them from the
    // originals: check instead that no original identifier (found in the payload as sent) is still in it.
    const original = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const kept = detectPhi(original)
      .map((s) => s.text)
      .filter(
        (t) => t.length >= 4 && new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(t)}(?![A-Za-z0-9])`).test(out),
      );
    if (kept.length > 0)
      throw new HealthGptError(
        'unprocessable',
        `outbound payload refused: ${kept.length} original identifier(s) remain after surrogate replacement`,
      );
    return out;
  }
  const left = detectPhi(out, { model: null }).filter(
    (s) => STRONG_RULES.has(s.rule) && !(s.category === 'url' && STANDARD_URL.test(s.text)),
  );
  if (left.length > 0)
    throw new HealthGptError(
      'unprocessable',
      `outbound payload refused: ${left.length} identifier(s) remain after de-identification (${[...new Set(left.map((s) => s.category))].join(', ')})`,
    );
  return out;
}

function deidentifyJsonStrings(value: unknown, options: ExportOptions): unknown {
  if (typeof value === 'string')
    return value.trim() === '' ? value : deidentifyForExport(value, options).text;
  if (Array.isArray(value)) return value.map((v) => deidentifyJsonStrings(v, options));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deidentifyJsonStrings(v, options)]));
  return value;
}

/** A minimal `fetch`-like function. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

/**
 * Wraps a fetch so that every request body passes `guardOutboundPayload` first (JSON bodies stay JSON). The
 * external language-model gateway sends through this and nothing else.
 */
export function guardedFetch(fetchImpl: FetchLike, options: ExportOptions = {}) {
  return async (
    url: string,
    request: { method?: string; headers?: Record<string, string>; json?: unknown; text?: string },
  ) => {
    if ((request.json === undefined) === (request.text === undefined))
      throw HealthGptError.invalid('an outbound request carries exactly one of json or text');
    const body =
      request.json !== undefined
        ? guardOutboundPayload(request.json, options)
        : guardOutboundPayload(request.text!, options);
    return fetchImpl(url, {
      method: request.method ?? 'POST',
      headers: {
        'content-type': request.json !== undefined ? 'application/json' : 'text/plain; charset=utf-8',
        ...(request.headers ?? {}),
      },
      body,
    });
  };
}
