/**
 * A minimal DICOM Part 10 writer (Explicit VR Little Endian) for the synthetic files HealthGPT makes itself: test
 * fixtures and the device page's demo cine. See DICOM PS3.5 §7.1.2 (data elements) and PS3.10 §7.1 (file meta).
 */

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

/** One data element, its value padded to even length (NUL for UIDs, space otherwise). */
export function dicomElement(group: number, elementNo: number, vr: string, value: Uint8Array): Buffer {
  const padded =
    value.length % 2 === 1 ? Buffer.concat([value, Buffer.from([vr === 'UI' ? 0 : 0x20])]) : value;
  const long = LONG_VRS.has(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elementNo, 2);
  head.write(vr, 4, 'ascii');
  if (long) head.writeUInt32LE(padded.length, 8);
  else head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}

export const dicomText = (value: string) => Buffer.from(value, 'ascii');

export function dicomU16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value, 0);
  return b;
}

export function dicomU32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return b;
}

export function dicomF64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value, 0);
  return b;
}

/** One sequence item of defined length. */
export function dicomItem(content: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0xfffe, 0);
  head.writeUInt16LE(0xe000, 2);
  head.writeUInt32LE(content.length, 4);
  return Buffer.concat([head, content]);
}

/** Preamble, `DICM`, the file meta group (with its length) and the data set's elements, in order. */
export function dicomPart10(sopClassUid: string, sopInstanceUid: string, dataSet: readonly Buffer[]): Buffer {
  const meta = Buffer.concat([
    dicomElement(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    dicomElement(0x0002, 0x0002, 'UI', dicomText(sopClassUid)),
    dicomElement(0x0002, 0x0003, 'UI', dicomText(sopInstanceUid)),
    dicomElement(0x0002, 0x0010, 'UI', dicomText('1.2.840.10008.1.2.1')),
  ]);
  return Buffer.concat([
    Buffer.alloc(128),
    dicomText('DICM'),
    dicomElement(0x0002, 0x0000, 'UL', dicomU32(meta.length)),
    meta,
    ...dataSet,
  ]);
}
