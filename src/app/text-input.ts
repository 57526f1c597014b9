import { readFileSync } from 'node:fs';
import { HealthGptError, jsonPointer } from '../engine/errors.js';

/**
 * The one reading of text that comes from outside — HTTP JSON bodies (`src/server/body-parsers.ts`) and the files and
 * standard input the CLI reads — so that bytes that are not UTF-8, or text holding NUL characters (binary data), are a
 * clear error before anything is processed, stored or sent on, never text silently full of U+FFFD.
 */

/** Strict: an invalid sequence throws instead of becoming U+FFFD; a leading byte-order mark is dropped. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Byte offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong forms, surrogates and
 * code points above U+10FFFF are ill-formed, as for `TextDecoder`), or -1 when all of it is well formed.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lower : 0x80) || c > (k === 1 ? upper : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 strictly. Bytes that are not UTF-8 are an `unsupported-media-type` error (HTTP 415, CLI exit 1)
 * naming `what` and the offset of the first bad byte.
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes);
    throw new HealthGptError(
      'unsupported-media-type',
      `${what} is not valid UTF-8 (first invalid byte at offset ${offset}): send text as UTF-8, converting it first if it is in another encoding (e.g. iconv -f latin1 -t utf-8)`,
      { title: 'Text is not UTF-8', details: { invalidByteOffset: offset } },
    );
  }
}

/** JSON pointer (RFC 6901) to the first string — value or key — holding a NUL character, or undefined. */
export function nulStringPointer(value: unknown): string | undefined {
  const path: (string | number)[] = [];
  const visit = (node: unknown): boolean => {
    if (typeof node === 'string') return node.includes('\u0000');
    if (node === null || typeof node !== 'object') return false;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        if (visit(node[i])) return true;
        path.pop();
      }
      return false;
    }
    for (const [key, child] of Object.entries(node)) {
      path.push(key);
      if (key.includes('\u0000') || visit(child)) return true;
      path.pop();
    }
    return false;
  };
  return visit(value) ? jsonPointer(path) || '/' : undefined;
}

/**
 * Refuses parsed JSON with a NUL character in any string: binary data, not text (and what PostgreSQL cannot store).
 * Fast when there is none: only JSON text that spells `\u0000` is searched. `prefix` says where the JSON was
 * (`/body`).
 */
export function rejectNulInJson(jsonText: string, value: unknown, what: string, prefix = ''): void {
  if (!jsonText.includes('\\u0000')) return;
  const at = nulStringPointer(value);
  if (at === undefined) return;
  const field = at === '/' ? prefix || '/' : prefix + at;
  throw new HealthGptError(
    'unsupported-media-type',
    `${what} holds a NUL character at ${field}: binary data, not text`,
    {
      title: 'Binary data in text',
      fieldErrors: [{ field, message: 'contains a NUL character (binary data, not text)' }],
    },
  );
}

/** Reads a file's bytes (`-`: standard input), a missing or unreadable file being a `not-found` error. */
function readBytes(path: string): Buffer {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new HealthGptError(
      'not-found',
      `cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

const nameOf = (path: string) => (path === '-' ? 'standard input' : `'${path}'`);

/**
 * A text file the user named (or standard input for `-`), for the CLI: UTF-8, strictly (a byte-order mark dropped);
 * a file that is not UTF-8 or holds NUL bytes (binary) is a one-line `unsupported-media-type` error.
 */
export function readTextFile(path: string): string {
  const bytes = readBytes(path);
  if (bytes.includes(0))
    throw new HealthGptError('unsupported-media-type', `${nameOf(path)} is binary (NUL bytes), not text`);
  return decodeUtf8(bytes, nameOf(path));
}

/** A JSON file the user named (or standard input for `-`): UTF-8 strictly, JSON, no NUL character in any string. */
export function readJsonFile(path: string): unknown {
  const text = readTextFile(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw HealthGptError.invalid(
      `${nameOf(path)} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  rejectNulInJson(text, value, nameOf(path));
  return value;
}
