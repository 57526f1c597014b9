import { HealthGptError } from '../engine/errors.js';
import { checkText, type DeidModel, type DetectOptions, detectPhi, loadDeidModel } from './detect.js';
import {
  type MappingEntry,
  mappingKeyFromEnv,
  placeholderOf,
  type SealedMapping,
  sealMapping,
  surrogateFor,
} from './surrogates.js';
import type { PhiCategory, PhiSpan } from './types.js';

export type DeidMode = 'redact' | 'surrogate';

export interface DeidTextOptions extends DetectOptions {
  /** `redact` (default): `[NAME]`, `[DATE]` …; `surrogate`: consistent fake values (needs `patientKey`). */
  readonly mode?: DeidMode;
  readonly patientKey?: string;
  readonly secret?: string;
  /**
   * Keep the surrogate → original mapping, sealed with AES-256-GCM under `HEALTHGPT_DEID_KEY` (or `mappingKey`).
   * Only where re-identification is allowed; fails when no key is configured.
   */
  readonly keepMapping?: boolean;
  readonly mappingKey?: Buffer;
}

export interface DeidTextResult {
  readonly text: string;
  readonly mode: DeidMode;
  /** Every removal with its layer, rule and score, offsets into the input. */
  readonly spans: readonly PhiSpan[];
  /** Removals by category. */
  readonly counts: Readonly<Partial<Record<PhiCategory, number>>>;
  readonly modelVersion: string | undefined;
  readonly mapping?: SealedMapping;
}

/** De-identifies a note: finds identifiers (explained) and replaces them by placeholders or surrogates. */
export function deidentifyText(text: string, options: DeidTextOptions = {}): DeidTextResult {
  checkText(text);
  const mode = options.mode ?? 'redact';
  if (mode === 'surrogate' && !options.patientKey)
    throw HealthGptError.invalid(
      'surrogates need a patient key (the same key keeps names and date shifts consistent)',
      [{ field: '/patientKey', message: 'required when mode is surrogate' }],
    );
  const model: DeidModel | null = options.model === undefined ? loadDeidModel() : options.model;
  const spans = detectPhi(text, { ...options, model });
  const mapping: MappingEntry[] = [];
  let out = '';
  let at = 0;
  const counts: Partial<Record<PhiCategory, number>> = {};
  for (const span of spans) {
    if (span.start < at) continue;
    const replacement =
      mode === 'surrogate'
        ? surrogateFor(span, {
            patientKey: options.patientKey!,
            ...(options.secret ? { secret: options.secret } : {}),
          })
        : placeholderOf(span.category);
    out += text.slice(at, span.start);
    mapping.push({
      start: out.length,
      end: out.length + replacement.length,
      replacement,
      original: span.text,
    });
    out += replacement;
    at = span.end;
    counts[span.category] = (counts[span.category] ?? 0) + 1;
  }
  out += text.slice(at);
  let sealed: SealedMapping | undefined;
  if (options.keepMapping) {
    const key = options.mappingKey ?? mappingKeyFromEnv();
    if (!key)
      throw new HealthGptError(
        'precondition-failed',
        'keeping a re-identification mapping needs HEALTHGPT_DEID_KEY (32 bytes); without it no mapping is kept',
      );
    sealed = sealMapping(mapping, key);
  }
  return {
    text: out,
    mode,
    spans,
    counts,
    modelVersion: model?.version,
    ...(sealed ? { mapping: sealed } : {}),
  };
}
