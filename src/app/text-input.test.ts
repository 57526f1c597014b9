import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import {
  decodeUtf8,
  invalidUtf8Offset,
  nulStringPointer,
  readJsonFile,
  readTextFile,
  rejectNulInJson,
} from './text-input.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof HealthGptError ? error.code : 'other';
  }
  return 'none';
};

describe('decodeUtf8', () => {
  it('decodes UTF-8 (accents, CJK, emoji), dropping a byte-order mark', () => {
    expect(decodeUtf8(Buffer.from('T 38.6 °C, Müller, 字, 🙂'), 'x')).toBe('T 38.6 °C, Müller, 字, 🙂');
    expect(decodeUtf8(Buffer.from('\uFEFFcough'), 'x')).toBe('cough');
    expect(decodeUtf8(Buffer.from('a\uFFFDb'), 'x')).toBe('a\uFFFDb');
  });

  it('refuses bytes that are not UTF-8 with unsupported-media-type, naming the first bad byte', () => {
    const latin1 = Buffer.from('Temp 38 °C', 'latin1');
    try {
      decodeUtf8(latin1, 'the note');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HealthGptError);
      const e = error as HealthGptError;
      expect(e.code).toBe('unsupported-media-type');
      expect(e.message).toMatch(/^the note is not valid UTF-8 \(first invalid byte at offset 8\): /);
      expect(e.details).toEqual({ invalidByteOffset: 8 });
    }
  });
});

describe('invalidUtf8Offset', () => {
  it('agrees with the strict TextDecoder on well-formed and ill-formed sequences', () => {
    const cases: [number[], number][] = [
      [[0x61, 0x62], -1],
      [[0xc3, 0xa9], -1], // é
      [[0xe2, 0x82, 0xac], -1], // €
      [[0xf0, 0x9f, 0x99, 0x82], -1], // 🙂
      [[0x61, 0xc3, 0x28], 1], // truncated two-byte sequence
      [[0xc0, 0xaf], 0], // overlong '/'
      [[0xe0, 0x80, 0xaf], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0x62, 0xff], 2],
      [[0x61, 0xe2, 0x82], 1], // cut off at the end
      [[0x80], 0], // a lone continuation byte
    ];
    for (const [bytes, offset] of cases) {
      const data = Uint8Array.from(bytes);
      expect(invalidUtf8Offset(data), bytes.join(',')).toBe(offset);
      expect(codeOf(() => new TextDecoder('utf-8', { fatal: true }).decode(data)) === 'other').toBe(
        offset >= 0,
      );
    }
  });
});

describe('NUL characters in JSON', () => {
  it('points at the first string or key holding one', () => {
    expect(nulStringPointer({ a: ['x', 'y\u0000'] })).toBe('/a/1');
    expect(nulStringPointer({ 'k\u0000': 1 })).toBe('/k\u0000');
    expect(nulStringPointer('\u0000')).toBe('/');
    expect(nulStringPointer({ a: 1, b: [null, true, 'ok'] })).toBeUndefined();
  });

  it('rejectNulInJson refuses one as binary data with a field pointer, and lets an escaped backslash through', () => {
    const text = '{"text":"a\\u0000b"}';
    try {
      rejectNulInJson(text, JSON.parse(text), 'the request body', '/body');
      expect.unreachable();
    } catch (error) {
      const e = error as HealthGptError;
      expect(e.code).toBe('unsupported-media-type');
      expect(e.fieldErrors).toEqual([
        { field: '/body/text', message: 'contains a NUL character (binary data, not text)' },
      ]);
    }
    const literal = '{"text":"a\\\\u0000b"}'; // the six characters \u0000, not a NUL
    expect(() => rejectNulInJson(literal, JSON.parse(literal), 'x')).not.toThrow();
  });
});

describe('readTextFile and readJsonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'healthgpt-text-'));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('read UTF-8 text and JSON (a byte-order mark dropped)', () => {
    expect(readTextFile(file('note.txt', 'Fever 38.6 °C'))).toBe('Fever 38.6 °C');
    expect(readJsonFile(file('in.json', '\uFEFF{"a":"°"}'))).toEqual({ a: '°' });
  });

  it('refuse what is not UTF-8, binary files, NUL in JSON strings, and missing files, each with its code', () => {
    const latin1 = file('latin1.txt', Buffer.from('Fever 38.6 °C', 'latin1'));
    expect(() => readTextFile(latin1)).toThrow(
      new RegExp(`^'${latin1}' is not valid UTF-8 \\(first invalid byte at offset 11\\)`),
    );
    expect(codeOf(() => readJsonFile(file('latin1.json', Buffer.from('{"a":"°"}', 'latin1'))))).toBe(
      'unsupported-media-type',
    );
    expect(() => readTextFile(file('bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1])))).toThrow(
      /is binary \(NUL bytes\), not text/,
    );
    expect(() => readJsonFile(file('nul.json', '{"text":"a\\u0000b"}'))).toThrow(/NUL character at \/text/);
    expect(codeOf(() => readJsonFile(file('bad.json', '{ nope')))).toBe('invalid');
    expect(codeOf(() => readTextFile(join(dir, 'missing.txt')))).toBe('not-found');
  });
});
