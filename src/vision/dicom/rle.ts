/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits-style segment per byte
 * plane (most significant byte first, per sample). Returns the frame as little-endian interleaved bytes.
 */
export function decodeRleFrame(
  frame: Uint8Array,
  rows: number,
  columns: number,
  samplesPerPixel: number,
  bitsAllocated: number,
): Uint8Array {
  if (frame.length < 64) throw new Error('RLE frame is shorter than its 64-byte header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPerSample = bitsAllocated / 8;
  if (segments !== samplesPerPixel * bytesPerSample) {
    throw new Error(`RLE frame has ${segments} segments; expected ${samplesPerPixel * bytesPerSample}`);
  }
  const pixels = rows * columns;
  const out = new Uint8Array(pixels * samplesPerPixel * bytesPerSample);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || start > frame.length || end > frame.length || end < start)
      throw new Error('RLE segment offset outside the frame');
    const sample = Math.floor(s / bytesPerSample);
    // Segment order is most significant byte first; output is little endian.
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const stride = samplesPerPixel * bytesPerSample;
    let outIndex = 0;
    let i = start;
    const put = (value: number) => {
      if (outIndex < pixels) out[outIndex * stride + sample * bytesPerSample + byteInSample] = value;
      outIndex++;
    };
    while (i < end && outIndex < pixels) {
      const n = ((frame[i++] as number) << 24) >> 24;
      if (n >= 0) {
        for (let k = 0; k <= n && i < end; k++) put(frame[i++] as number);
      } else if (n !== -128) {
        const value = frame[i++] as number;
        for (let k = 0; k < 1 - n; k++) put(value);
      }
    }
    if (outIndex < pixels)
      throw new Error(`RLE segment ${s} ends after ${outIndex} of ${pixels} pixels (truncated)`);
  }
  return out;
}
