import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deidentifyText } from './deidentify.js';
import { dateShiftDays, openMapping, sealMapping, shiftDateText, surrogateFor } from './surrogates.js';

const opts = { patientKey: 'patient-A', secret: 'test-secret' };

describe('surrogates', () => {
  it('maps one name to one surrogate within a patient, and differently for another patient', () => {
    const a1 = surrogateFor({ category: 'name', text: 'Okafor' }, opts);
    const a2 = surrogateFor({ category: 'name', text: 'OKAFOR' }, opts);
    expect(a1).not.toBe('Okafor');
    expect(a2).toBe(a1.toUpperCase());
    const others = ['B', 'C', 'D', 'E'].map((k) =>
      surrogateFor({ category: 'name', text: 'Okafor' }, { ...opts, patientKey: k }),
    );
    expect(others.some((o) => o !== a1)).toBe(true);
  });

  it('moves every date of a patient by one offset, keeping intervals and the format', () => {
    const days = dateShiftDays(opts);
    expect(days).toBeLessThanOrEqual(-1);
    expect(days).toBeGreaterThanOrEqual(-365);
    const a = shiftDateText('2019-03-14', days)!;
    const b = shiftDateText('2019-03-20', days)!;
    expect((Date.parse(b) - Date.parse(a)) / 86_400_000).toBe(6);
    expect(shiftDateText('3/14/2019', 0)).toBe('3/14/2019');
    expect(shiftDateText('3/14/2019', -14)).toBe('2/28/2019');
    expect(shiftDateText('14-Mar', -14)).toBe('28-Feb');
    expect(shiftDateText('March 14, 2019', 1)).toBe('March 15, 2019');
    expect(shiftDateText('last spring', -3)).toBeUndefined();
  });

  it('groups ages over 89 and keeps notes readable', () => {
    const r = deidentifyText('A 93 yo man seen by Dr. Okafor on 3/14/2019 and 3/20/2019.', {
      mode: 'surrogate',
      ...opts,
    });
    expect(r.text).toMatch(
      /^A 90\+ yo man seen by Dr\. [A-Z][a-z]+ on \d+\/\d+\/\d{4} and \d+\/\d+\/\d{4}\.$/,
    );
    const [d1, d2] = [...r.text.matchAll(/(\d+\/\d+\/\d{4})/g)].map((m) => Date.parse(m[1]!));
    expect((d2! - d1!) / 86_400_000).toBe(6);
  });
});

describe('re-identification mapping', () => {
  const key = randomBytes(32);

  it('is sealed with AES-256-GCM and opens only with its key', () => {
    const r = deidentifyText('Dr. Okafor called.', {
      mode: 'surrogate',
      ...opts,
      keepMapping: true,
      mappingKey: key,
    });
    expect(r.mapping?.alg).toBe('A256GCM');
    expect(JSON.stringify(r.mapping)).not.toContain('Okafor');
    const entries = openMapping(r.mapping!, key);
    expect(entries[0]).toMatchObject({ original: 'Okafor' });
    expect(r.text.slice(entries[0]!.start, entries[0]!.end)).toBe(entries[0]!.replacement);
    expect(() => openMapping(r.mapping!, randomBytes(32))).toThrow(/cannot be opened/);
    const tampered = { ...r.mapping!, ciphertext: Buffer.from('x').toString('base64') };
    expect(() => openMapping(tampered, key)).toThrow();
  });

  it('is not kept without a key', () => {
    const saved = process.env.HEALTHGPT_DEID_KEY;
    delete process.env.HEALTHGPT_DEID_KEY;
    try {
      expect(() => deidentifyText('Dr. Okafor', { mode: 'surrogate', ...opts, keepMapping: true })).toThrow(
        /HEALTHGPT_DEID_KEY/,
      );
      expect(deidentifyText('Dr. Okafor', { mode: 'surrogate', ...opts }).mapping).toBeUndefined();
    } finally {
      if (saved !== undefined) process.env.HEALTHGPT_DEID_KEY = saved;
    }
    expect(sealMapping([], key).alg).toBe('A256GCM');
  });
});
