import { HealthGptError } from '../engine/errors.js';

/** Checks on consultation text before it reaches the pipeline: clear errors instead of garbage records. */

/** Largest text the API and CLI accept (characters). */
export const MAX_TEXT_CHARS = 10_000_000;

/** A rejected input: too large, not text (or in an unsupported encoding), or empty. */
export class IntakeInputError extends HealthGptError {
  constructor(code: 'too-large' | 'unsupported-media-type' | 'unprocessable', message: string) {
    super(code, message);
    this.name = 'IntakeInputError';
  }
}

/**
 * Rejects text that cannot be a consultation: empty, larger than `MAX_TEXT_CHARS`, or binary / badly decoded (NUL
 * characters, or more than 2 % control or replacement characters — what bytes of another encoding or a binary file
 * look like once decoded).
 */
export function checkConsultationText(text: string, maxChars = MAX_TEXT_CHARS): string {
  if (text.length > maxChars) {
    throw new IntakeInputError('too-large', `text is ${text.length} characters; the limit is ${maxChars}`);
  }
  if (text.trim().length === 0) throw new IntakeInputError('unprocessable', 'text is empty');
  if (text.includes('\u0000')) {
    throw new IntakeInputError(
      'unsupported-media-type',
      'text contains NUL characters: binary data, not text',
    );
  }
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) suspicious++;
  }
  if (suspicious > Math.max(2, text.length * 0.02)) {
    throw new IntakeInputError(
      'unsupported-media-type',
      `text has ${suspicious} control or replacement characters: binary data or a wrong character encoding`,
    );
  }
  return text;
}

const LATIN1 = [
  'iso-8859-1',
  'latin1',
  'latin-1',
  'l1',
  'iso8859-1',
  'windows-1252',
  'cp1252',
  'us-ascii',
  'ascii',
];

/**
 * Decodes bytes in the declared charset (UTF-8 when none): UTF-8 strictly (invalid sequences are an error, not
 * silently replaced), ISO-8859-1 / Windows-1252, UTF-16. Any other charset is an error.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase().replace(/^"|"$/g, '');
  let encoding: string;
  if (label === 'utf-8' || label === 'utf8') encoding = 'utf-8';
  else if (LATIN1.includes(label)) encoding = 'windows-1252';
  else if (label === 'utf-16' || label === 'utf-16le' || label === 'utf-16be') encoding = label;
  else
    throw new IntakeInputError(
      'unsupported-media-type',
      `charset '${label}' is not supported (use UTF-8, ISO-8859-1 or UTF-16)`,
    );
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new IntakeInputError('unsupported-media-type', `the text is not valid ${encoding}`);
  }
}

/** A file's text: UTF-8 when it decodes as UTF-8, else Latin-1 (with a note), as clinical exports often are. */
export function decodeFileText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'latin-1' } {
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''),
      encoding: 'utf-8',
    };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'latin-1' };
  }
}
