import { describe, expect, it } from 'vitest';
import { checkConsultationText, decodeFileText, decodeText, IntakeInputError } from './input.js';

const statusOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof IntakeInputError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('checkConsultationText', () => {
  it('accepts ordinary clinical text', () => {
    expect(statusOf(() => checkConsultationText('Cough for 3 days. T 38.2 °C.'))).toBe('accepted');
  });

  it('rejects empty, oversized, binary and mis-decoded text', () => {
    expect(statusOf(() => checkConsultationText('  \n '))).toBe('unprocessable');
    expect(statusOf(() => checkConsultationText('x'.repeat(101), 100))).toBe('too-large');
    expect(statusOf(() => checkConsultationText('PNG\u0000\u0001\u0002'))).toBe('unsupported-media-type');
    const garbage = String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 37) % 32));
    expect(statusOf(() => checkConsultationText(`note ${garbage}`))).toBe('unsupported-media-type');
    expect(statusOf(() => checkConsultationText('\uFFFD'.repeat(50)))).toBe('unsupported-media-type');
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 strictly, Latin-1 and UTF-16, and rejects unknown charsets', () => {
    expect(decodeText(Buffer.from('Temp 38 °C', 'utf8'))).toBe('Temp 38 °C');
    expect(decodeText(Buffer.from('Temp 38 °C', 'latin1'), 'ISO-8859-1')).toBe('Temp 38 °C');
    expect(decodeText(Buffer.from('fever', 'utf16le'), 'utf-16le')).toBe('fever');
    expect(statusOf(() => decodeText(Buffer.from([0xff, 0xfe, 0xfd]), 'utf-8'))).toBe(
      'unsupported-media-type',
    );
    expect(statusOf(() => decodeText(Buffer.from('x'), 'koi8-r'))).toBe('unsupported-media-type');
  });

  it('reads files as UTF-8, falling back to Latin-1', () => {
    expect(decodeFileText(Buffer.from('Temp 38 °C', 'latin1'))).toEqual({
      text: 'Temp 38 °C',
      encoding: 'latin-1',
    });
    expect(decodeFileText(Buffer.from('\uFEFFcough', 'utf8'))).toEqual({ text: 'cough', encoding: 'utf-8' });
  });
});
