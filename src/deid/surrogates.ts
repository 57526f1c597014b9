import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { HealthGptError } from '../engine/errors.js';
import { loadDictionaries } from './lexicon.js';
import type { PhiCategory, PhiSpan } from './types.js';

/**
 * Surrogates: readable replacements, consistent within one patient. A name maps to the same fake name every time it
 * appears for that patient; every date of a patient moves by one offset (1–365 days back), so intervals are kept;
 * ages over 89 become "90+" (Safe Harbor groups them). The offset and the choices come from an HMAC of the patient
 * key with a secret, so they cannot be undone without it.
 */
export interface SurrogateOptions {
  /** Identifies the patient (a record number, a case id): same key, same surrogates. */
  readonly patientKey: string;
  /** The HMAC secret; defaults to `HEALTHGPT_DEID_SECRET`, else a per-process random one (no consistency across runs). */
  readonly secret?: string;
}

let processSecret: string | undefined;
function secretOf(options: Pick<SurrogateOptions, 'secret'>): string {
  if (options.secret) return options.secret;
  if (process.env.HEALTHGPT_DEID_SECRET) return process.env.HEALTHGPT_DEID_SECRET;
  processSecret ??= randomBytes(32).toString('hex');
  return processSecret;
}

/**
 * The HMAC secret surrogates use in this thread (`HEALTHGPT_DEID_SECRET`, else this process's random one). Work
 * handed to a worker thread carries it, so a patient's surrogates are the same whichever thread makes them.
 */
export function surrogateSecret(): string {
  return secretOf({});
}

function hmacInt(secret: string, ...parts: string[]): number {
  return createHmac('sha256', secret).update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** The patient's date offset in days (negative: moved back), 1–365. */
export function dateShiftDays(options: SurrogateOptions): number {
  return -(1 + (hmacInt(secretOf(options), 'date-shift', options.patientKey) % 365));
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_INDEX = new Map<string, number>(
  MONTH_NAMES.flatMap((m, i) => [
    [m.toLowerCase(), i],
    [m.slice(0, 3).toLowerCase(), i],
  ]),
);
MONTH_INDEX.set('sept', 8);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function shifted(year: number, month: number, day: number, days: number): Date | undefined {
  const d = new Date(Date.UTC(year, month, day));
  if (d.getUTCMonth() !== month || d.getUTCDate() !== day) return undefined;
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

/** Shifts a date written in a common format, keeping the format; undefined when it cannot be read. */
export function shiftDateText(text: string, days: number): string | undefined {
  const t = text.trim();
  // Year alone (or 'yy): shifted only when the offset crosses a year boundary is unknowable; keep year granularity.
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const d = shifted(Number(m[1]), Number(m[2]) - 1, Number(m[3]), days);
    return d && `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  }
  m = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(t);
  if (m) {
    const yearText = m[4];
    const year =
      yearText === undefined
        ? 2001
        : yearText.length === 2
          ? 1900 + Number(yearText) + (Number(yearText) < 30 ? 100 : 0)
          : Number(yearText);
    const d = shifted(year, Number(m[1]) - 1, Number(m[3]), days);
    if (!d) return undefined;
    const month = m[1]!.length === 2 ? pad(d.getUTCMonth() + 1, 2) : String(d.getUTCMonth() + 1);
    const day = m[3]!.length === 2 ? pad(d.getUTCDate(), 2) : String(d.getUTCDate());
    const y =
      yearText === undefined
        ? ''
        : `${m[2]}${yearText.length === 2 ? pad(d.getUTCFullYear() % 100, 2) : d.getUTCFullYear()}`;
    return `${month}${m[2]}${day}${y}`;
  }
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/.exec(t);
  if (m && MONTH_INDEX.has(m[1]!.toLowerCase())) {
    const d = shifted(m[3] ? Number(m[3]) : 2001, MONTH_INDEX.get(m[1]!.toLowerCase())!, Number(m[2]), days);
    if (!d) return undefined;
    const name = MONTH_NAMES[d.getUTCMonth()]!;
    return `${m[1]!.length <= 4 ? name.slice(0, 3) : name} ${d.getUTCDate()}${m[3] ? `, ${d.getUTCFullYear()}` : ''}`;
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]([A-Za-z]+)\.?(?:[\s,-]+(\d{4}))?$/.exec(t);
  if (m && MONTH_INDEX.has(m[2]!.toLowerCase())) {
    const d = shifted(m[3] ? Number(m[3]) : 2001, MONTH_INDEX.get(m[2]!.toLowerCase())!, Number(m[1]), days);
    if (!d) return undefined;
    const name = MONTH_NAMES[d.getUTCMonth()]!;
    return `${d.getUTCDate()}-${m[2]!.length <= 4 ? name.slice(0, 3) : name}${m[3] ? `-${d.getUTCFullYear()}` : ''}`;
  }
  return undefined;
}

function matchCase(surrogate: string, original: string): string {
  if (original === original.toUpperCase() && original !== original.toLowerCase())
    return surrogate.toUpperCase();
  if (original === original.toLowerCase() && original !== original.toUpperCase())
    return surrogate.toLowerCase();
  return surrogate;
}

function scrambleDigits(secret: string, key: string, text: string): string {
  let k = 0;
  return text
    .replace(/[0-9]/g, () => String(hmacInt(secret, 'digit', key, text, String(k++)) % 10))
    .replace(/[A-Za-z]/g, (ch) => {
      const c = String.fromCharCode(97 + (hmacInt(secret, 'letter', key, text, String(k++)) % 26));
      return ch === ch.toUpperCase() ? c.toUpperCase() : c;
    });
}

const PLACEHOLDER: Record<PhiCategory, string> = {
  name: '[NAME]',
  date: '[DATE]',
  age: '[AGE 90+]',
  location: '[LOCATION]',
  phone: '[PHONE]',
  email: '[EMAIL]',
  url: '[URL]',
  ip: '[IP]',
  ssn: '[SSN]',
  id: '[ID]',
  other: '[REDACTED]',
};

export function placeholderOf(category: PhiCategory): string {
  return PLACEHOLDER[category];
}

/** The surrogate of one span, consistent for the patient (same original text → same surrogate). */
export function surrogateFor(span: Pick<PhiSpan, 'category' | 'text'>, options: SurrogateOptions): string {
  const secret = secretOf(options);
  const key = options.patientKey;
  const original = span.text;
  switch (span.category) {
    case 'name': {
      const dict = loadDictionaries();
      const first = [...dict.firstNames];
      const last = [...dict.lastNames];
      const words = original.split(/(\s+|[.,'-])/);
      return words
        .map((w, i) => {
          if (!/^[A-Za-z\u00C0-\u024F]{2,}$/.test(w))
            return /^[A-Za-z]$/.test(w)
              ? matchCase(
                  String.fromCharCode(65 + (hmacInt(secret, 'initial', key, w.toLowerCase()) % 26)),
                  w,
                )
              : w;
          const lw = w.toLowerCase();
          const asFirst =
            (i === 0 && words.length > 1) ||
            (words.length === 1 && dict.firstNames.has(lw) && !dict.lastNames.has(lw));
          const pool = asFirst ? first : last;
          const pick = pool[hmacInt(secret, 'name', key, w.toLowerCase()) % pool.length]!;
          return matchCase(pick.charAt(0).toUpperCase() + pick.slice(1), w);
        })
        .join('');
    }
    case 'location': {
      if (/^[\d-]+$/.test(original)) return scrambleDigits(secret, key, original);
      const places = [...loadDictionaries().places].filter((p) => !p.includes(' '));
      const pick = places[hmacInt(secret, 'place', key, original.toLowerCase()) % places.length]!;
      return matchCase(pick.charAt(0).toUpperCase() + pick.slice(1), original);
    }
    case 'date':
      return shiftDateText(original, dateShiftDays(options)) ?? '[DATE]';
    case 'age':
      return '90+';
    case 'phone':
    case 'id':
    case 'ssn':
    case 'ip':
      return scrambleDigits(secret, key, original);
    case 'email':
      return `${scrambleDigits(secret, key, original.split('@')[0]!)}@example.org`;
    case 'url':
      return 'https://example.org/';
    default:
      return PLACEHOLDER[span.category];
  }
}

/** One replacement: where it is in the output, what it replaced. */
export interface MappingEntry {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly original: string;
}

/** An AES-256-GCM sealed re-identification map (surrogate → original). */
export interface SealedMapping {
  readonly alg: 'A256GCM';
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

/** The mapping key from `HEALTHGPT_DEID_KEY` (32 bytes, base64 or hex); undefined when unset. */
export function mappingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const raw = env.HEALTHGPT_DEID_KEY;
  if (!raw) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32)
    throw new HealthGptError('unavailable', 'HEALTHGPT_DEID_KEY must be 32 bytes (64 hex digits or base64)');
  return key;
}

export function sealMapping(mapping: readonly MappingEntry[], key: Buffer): SealedMapping {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(mapping), 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

export function openMapping(sealed: SealedMapping, key: Buffer): MappingEntry[] {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as MappingEntry[];
  } catch {
    throw new HealthGptError('forbidden', 're-identification mapping cannot be opened with this key');
  }
}
