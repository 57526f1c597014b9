import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { readDicom } from '../vision/dicom/read-dicom.js';
import { deidentifyDicom } from './dicom.js';

const LONG = new Set(['OB', 'OW', 'SQ', 'UT', 'UN']);
function el(group: number, element: number, vr: string, value: Uint8Array | string): Buffer {
  let v = typeof value === 'string' ? Buffer.from(value, 'ascii') : Buffer.from(value);
  if (v.length % 2) v = Buffer.concat([v, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
  const head = Buffer.alloc(LONG.has(vr) ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(element, 2);
  head.write(vr, 4, 'ascii');
  if (LONG.has(vr)) head.writeUInt32LE(v.length, 8);
  else head.writeUInt16LE(v.length, 6);
  return Buffer.concat([head, v]);
}
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n, 0);
  return b;
};

/** A hand-made Explicit VR Little Endian file with identifiers in its header and a 4 × 4 ramp image. */
function fixture(extra: Buffer[] = []): Buffer {
  const meta = Buffer.concat([
    el(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    el(0x0002, 0x0002, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    el(0x0002, 0x0003, 'UI', '1.2.826.0.1.3680043.8.498.1'),
    el(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1'),
  ]);
  const body = Buffer.concat([
    el(0x0008, 0x0016, 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    el(0x0008, 0x0018, 'UI', '1.2.826.0.1.3680043.8.498.1'),
    el(0x0008, 0x0020, 'DA', '20190314'),
    el(0x0008, 0x0050, 'SH', 'ACC123456'),
    el(0x0008, 0x0060, 'CS', 'CT'),
    el(0x0008, 0x0080, 'LO', 'Sacred Heart Hospital'),
    el(0x0008, 0x0090, 'PN', 'Okafor^Jane'),
    el(0x0009, 0x0010, 'LO', 'VENDOR PRIVATE'),
    el(0x0010, 0x0010, 'PN', 'Doe^John'),
    el(0x0010, 0x0020, 'LO', 'MRN00123456'),
    el(0x0010, 0x0030, 'DA', '19310203'),
    el(0x0010, 0x1010, 'AS', '093Y'),
    el(0x0010, 0x1040, 'LO', '1 Main Street, Springfield'),
    el(0x0018, 0x0015, 'CS', 'CHEST'),
    el(0x0020, 0x000d, 'UI', '1.2.826.0.1.3680043.8.498.2'),
    el(0x0020, 0x000e, 'UI', '1.2.826.0.1.3680043.8.498.3'),
    ...extra,
    el(0x0028, 0x0002, 'US', us(1)),
    el(0x0028, 0x0004, 'CS', 'MONOCHROME2'),
    el(0x0028, 0x0010, 'US', us(4)),
    el(0x0028, 0x0011, 'US', us(4)),
    el(0x0028, 0x0100, 'US', us(8)),
    el(0x0028, 0x0101, 'US', us(8)),
    el(0x0028, 0x0102, 'US', us(7)),
    el(0x0028, 0x0103, 'US', us(0)),
    el(
      0x7fe0,
      0x0010,
      'OW',
      Uint8Array.from({ length: 16 }, (_, i) => i * 10),
    ),
  ]);
  const groupLength = el(
    0x0002,
    0x0000,
    'UL',
    (() => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(meta.length, 0);
      return b;
    })(),
  );
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'ascii'), groupLength, meta, body]);
}

describe('deidentifyDicom', () => {
  it('applies Z, X and U actions, removes private attributes and keeps the pixels', async () => {
    const input = fixture();
    const r = deidentifyDicom(input, { secret: 's' });
    const ds = dicomParser.parseDicom(r.bytes);
    expect(ds.string('x00100010') ?? '').toBe('');
    expect(ds.string('x00100020') ?? '').toBe('');
    expect(ds.string('x00100030') ?? '').toBe('');
    expect(ds.string('x00080050') ?? '').toBe('');
    expect(ds.string('x00080090') ?? '').toBe('');
    expect(ds.elements.x00080080).toBeUndefined();
    expect(ds.elements.x00101010).toBeUndefined();
    expect(ds.elements.x00101040).toBeUndefined();
    expect(ds.elements.x00090010).toBeUndefined();
    expect(ds.string('x00120062')).toBe('YES');
    const study = ds.string('x0020000d')!;
    expect(study).toMatch(/^2\.25\.\d+$/);
    expect(study).not.toBe('1.2.826.0.1.3680043.8.498.2');
    // SOP Instance UID in the header and in the file meta stay equal.
    expect(ds.string('x00080018')).toBe(ds.string('x00020003'));
    // Kept: what analysis needs.
    expect(ds.string('x00080060')).toBe('CT');
    expect(ds.string('x00180015')).toBe('CHEST');
    const text = Buffer.from(r.bytes).toString('latin1');
    for (const id of [
      'Doe',
      'Okafor',
      'MRN00123456',
      '19310203',
      'Sacred Heart',
      'Springfield',
      'ACC123456',
      'VENDOR',
    ])
      expect(text).not.toContain(id);
    const before = await readDicom(input);
    const after = await readDicom(r.bytes);
    expect(Array.from(after.storedFrames[0]!)).toEqual(Array.from(before.storedFrames[0]!));
    expect(r.changes.map((c) => c.keyword)).toEqual(
      expect.arrayContaining(['PatientName', 'PatientAge', '(private)']),
    );
  });

  it('gives the same replacement UIDs with the same secret (a study stays one study)', () => {
    const a = dicomParser.parseDicom(deidentifyDicom(fixture(), { secret: 's' }).bytes);
    const b = dicomParser.parseDicom(deidentifyDicom(fixture(), { secret: 's' }).bytes);
    expect(a.string('x0020000d')).toBe(b.string('x0020000d'));
  });

  it('flags burned-in text', () => {
    expect(deidentifyDicom(fixture()).burnedInText.status).toBe('not-indicated');
    const yes = fixture([el(0x0028, 0x0301, 'CS', 'YES')]);
    expect(deidentifyDicom(yes).burnedInText.status).toBe('yes');
  });

  it('refuses what is not DICOM', () => {
    expect(() => deidentifyDicom(Buffer.from('not a dicom file at all'))).toThrow(/DICOM/);
  });
});

describeWithDataset('deidentifyDicom on pydicom test files', ['images', 'dicom_pydicom'], (dir) => {
  it.each(['CT_small.dcm', 'MR_small_implicit.dcm'])(
    '%s: identifiers gone, pixels unchanged',
    async (name) => {
      const input = readFileSync(join(dir, name));
      const r = deidentifyDicom(input);
      const ds = dicomParser.parseDicom(r.bytes);
      expect((ds.string('x00100010') ?? '').trim()).toBe('');
      expect(ds.string('x00120062')).toBe('YES');
      const before = await readDicom(input);
      const after = await readDicom(r.bytes);
      expect(after.storedFrames[0]!.length).toBe(before.storedFrames[0]!.length);
      expect(Array.from(after.storedFrames[0]!.slice(0, 50))).toEqual(
        Array.from(before.storedFrames[0]!.slice(0, 50)),
      );
    },
  );

  it('refuses big-endian files rather than guess', () => {
    expect(() => deidentifyDicom(readFileSync(join(dir, 'MR_small_bigendian.dcm')))).toThrow(/not supported/);
  });
});
