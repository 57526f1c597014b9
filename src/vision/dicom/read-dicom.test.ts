import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../../test/datasets.js';
import { UnsupportedTransferSyntaxError } from './codecs.js';
import { DicomError, modalityFrame, readDicom } from './read-dicom.js';
import { applyWindow, distanceMm, renderFrame, WINDOW_PRESETS } from './windowing.js';

function stats(values: ArrayLike<number>) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return { min, max, mean: Number((sum / values.length).toFixed(3)) };
}

// Reference statistics: the data set's SOURCE.txt (parsed upstream) and, for deflate, multi-frame, 1-bit and
// 32-bit files, a separate NumPy + zlib decoding of the raw pixel bytes done while writing these tests.
describeWithDataset('readDicom on pydicom test files', ['images', 'dicom_pydicom'], (dir) => {
  const read = (name: string) => readDicom(readFileSync(join(dir, name)));
  const MR = { min: 127, max: 2145, mean: 518.881 };
  const MR_FIRST = [905, 1019, 1227, 1259, 761];

  it('reads CT_small (explicit LE, signed 16-bit) with rescale and spacing', async () => {
    const image = await read('CT_small.dcm');
    expect(image.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect([image.columns, image.rows, image.pixelRepresentation]).toEqual([128, 128, 1]);
    expect(stats(image.storedFrames[0] as Int32Array)).toEqual({ min: 128, max: 2191, mean: 904.926 });
    expect(Array.from((image.storedFrames[0] as Int32Array).slice(0, 5))).toEqual([175, 180, 166, 143, 139]);
    expect(image.rescaleIntercept).toBe(-1024);
    expect(modalityFrame(image)[0]).toBe(175 - 1024);
    expect(image.pixelSpacingMm?.[0]).toBeCloseTo(0.661468, 6);
  });

  it.each([
    'MR_small.dcm',
    'MR_small_implicit.dcm',
    'MR_small_bigendian.dcm',
    'MR_small_expb.dcm',
    'MR_small_padded.dcm',
    'MR_small_RLE.dcm',
    'MR_small_jpeg_ls_lossless.dcm',
    'MR_small_jp2klossless.dcm',
  ])('decodes %s to the same MR pixels', async (name) => {
    const image = await read(name);
    expect(stats(image.storedFrames[0] as Int32Array)).toEqual(MR);
    expect(Array.from((image.storedFrames[0] as Int32Array).slice(0, 5))).toEqual(MR_FIRST);
  });

  it('inflates deflated explicit LE (image_dfl)', async () => {
    const image = await read('image_dfl.dcm');
    expect(image.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
    expect(stats(image.storedFrames[0] as Int32Array)).toEqual({ min: 0, max: 255, mean: 127.116 });
  });

  it('reads colour: RGB big endian, RGB RLE, odd-length RGB and YBR_FULL JPEG baseline', async () => {
    const odd = await read('SC_rgb_small_odd.dcm');
    expect(Array.from(odd.storedFrames[0] as Int32Array)).toEqual([
      166, 141, 52, 166, 141, 52, 166, 141, 52, 63, 87, 176, 63, 87, 176, 63, 87, 176, 158, 158, 158, 158,
      158, 158, 158, 158, 158,
    ]);
    const rle = await read('SC_rgb_rle.dcm');
    const jpegFrame = (await read('SC_rgb_jpeg_dcmtk.dcm')).storedFrames[0] as Int32Array;
    // Same test pattern; JPEG is lossy, so compare within a tolerance: first pixel is red in both.
    expect(Array.from((rle.storedFrames[0] as Int32Array).slice(0, 3))).toEqual([255, 0, 0]);
    expect(jpegFrame[0]).toBeGreaterThan(240);
    expect(jpegFrame[1]).toBeLessThan(15);
    const be = await read('ExplVR_BigEnd.dcm');
    expect([be.columns, be.rows, be.samplesPerPixel]).toEqual([80, 60, 3]);
    expect(renderFrame(be).length).toBe(60 * 80);
  });

  it('reads 1-bit segmentation and 32-bit multi-frame dose', async () => {
    const seg = await read('liver_1frame.dcm');
    expect(seg.bitsAllocated).toBe(1);
    expect((seg.storedFrames[0] as Int32Array).reduce((a, b) => a + b, 0)).toBe(36233);
    const dose = await read('rtdose.dcm');
    expect(dose.frames).toBe(15);
    const all = dose.storedFrames.flatMap((f) => Array.from(f));
    expect(stats(all)).toEqual({ min: 795000, max: 1254000, mean: 1013273.333 });
  });

  it('inverts MONOCHROME1 and refuses a photometric interpretation that contradicts the samples', async () => {
    const original = readFileSync(join(dir, 'CT_small.dcm'));
    const at = original.indexOf('MONOCHROME2 ');
    expect(at).toBeGreaterThan(0);
    const relabel = (text: string) => {
      const copy = Buffer.from(original);
      copy.write(text, at, 'latin1');
      return readDicom(copy);
    };
    const mono2 = renderFrame(await readDicom(original), { window: 'bone' });
    const mono1 = renderFrame(await relabel('MONOCHROME1 '), { window: 'bone' });
    expect(mono1[500]).toBeCloseTo(255 - (mono2[500] as number), 6);
    await expect(relabel('RGB         ')).rejects.toThrow(/does not fit 1 sample/);
  });

  it('decodes lossy JPEG 2000 within the stored bit range', async () => {
    const image = await read('JPEG2000.dcm');
    expect([image.columns, image.rows]).toEqual([256, 1024]);
    const s = stats(image.storedFrames[0] as Int32Array);
    expect(s.max).toBeGreaterThan(s.min);
  });

  it('rejects 12-bit JPEG Extended with a clear unsupported-transfer-syntax error', async () => {
    await expect(read('JPGExtended.dcm')).rejects.toThrow(UnsupportedTransferSyntaxError);
    await expect(read('JPGExtended.dcm')).rejects.toThrow(
      /unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.4\.51/,
    );
  });

  it.each([
    ['MR_truncated.dcm', /truncated/],
    ['no_meta.dcm', /not a DICOM file/],
    ['rtstruct.dcm', /no pixel data/],
    ['waveform_ecg.dcm', /no pixel data .*ECG/],
  ])('gives %s a clear error', async (name, message) => {
    await expect(read(name)).rejects.toThrow(DicomError);
    await expect(read(name)).rejects.toThrow(message);
  });
});

describeWithDataset('readDicom on dicomParser CT test files', ['images', 'dicom_dicomparser'], (dir) => {
  const read = (name: string) => readDicom(readFileSync(join(dir, name)));
  const CT1 = { min: -2000, max: 2278, mean: 152.696 };

  it.each([
    'CT1_UNC.explicit_little_endian.dcm',
    'CT1_UNC.implicit_little_endian.dcm',
    'CT1_UNC.explicit_big_endian.dcm',
    'single-frame/CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm',
    'single-frame/CT1_UNC.fragmented_no_bot_jpeg_ls.80.dcm',
  ])('decodes %s (512×512 signed CT)', async (name) => {
    const image = await read(name);
    expect(stats(image.storedFrames[0] as Int32Array)).toEqual(CT1);
    const row = (image.storedFrames[0] as Int32Array).slice(256 * 512 + 250, 256 * 512 + 255);
    expect(Array.from(row)).toEqual([1141, 1084, 1050, 1037, 999]);
  });

  it.each([
    'multi-frame/CT0012.explicit_little_endian.dcm',
    'multi-frame/CT0012.not_fragmented_bot_rle.dcm',
    'multi-frame/CT0012.not_fragmented_no_bot_rle.dcm',
    'multi-frame/CT0012.fragmented_no_bot_jpeg_ls.80.dcm',
    'multi-frame/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm',
  ])('decodes both frames of enhanced CT %s', async (name) => {
    const image = await read(name);
    expect(image.frames).toBe(2);
    const all = image.storedFrames.flatMap((f) => Array.from(f));
    // NumPy on the raw explicit-LE pixel bytes: min 0, max 1196, mean 380.038 over both frames.
    expect(stats(all)).toEqual({ min: 0, max: 1196, mean: 380.038 });
    expect(image.pixelSpacingMm?.[0]).toBeCloseTo(0.388672, 5);
  });

  it('refuses 12-bit JPEG extended multi-frame with a clear error', async () => {
    await expect(read('multi-frame/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm')).rejects.toThrow(
      /unsupported transfer syntax/,
    );
  });

  it('windows CT in HU: lung, mediastinum, bone presets', async () => {
    const image = await read('CT1_UNC.explicit_little_endian.dcm');
    const hu = modalityFrame(image);
    const lung = renderFrame(image, { window: 'lung' });
    const bone = renderFrame(image, { window: 'bone' });
    const i = hu.findIndex((v) => v > 0 && v < 100);
    expect(lung[i]).toBeCloseTo(applyWindow(hu[i] as number, WINDOW_PRESETS.lung), 5);
    expect(bone[i]).toBeCloseTo(applyWindow(hu[i] as number, WINDOW_PRESETS.bone), 5);
  });
});

it('implements the PS3.3 linear VOI function and MONOCHROME1 inversion', async () => {
  expect(applyWindow(50, { center: 50, width: 350 })).toBeCloseTo(((50 - 49.5) / 349 + 0.5) * 255, 6);
  expect(applyWindow(-1000, { center: 50, width: 350 })).toBe(0);
  expect(applyWindow(1000, { center: 50, width: 350 })).toBe(255);
  expect(distanceMm([0.5, 0.25], { x: 0, y: 0 }, { x: 40, y: 30 })).toBeCloseTo(Math.hypot(10, 15), 9);
});

describeWithDataset('readDicom on damaged copies of real files', ['images', 'dicom_pydicom'], (dir) => {
  it('answers every truncation and byte corruption with a clear DICOM error or a decoded image', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const name of [
      'CT_small.dcm',
      'MR_small_RLE.dcm',
      'MR_small_jp2klossless.dcm',
      'SC_rgb_jpeg_dcmtk.dcm',
      'image_dfl.dcm',
    ]) {
      const original = readFileSync(join(dir, name));
      for (let k = 0; k < 12; k++) {
        const copy = Buffer.from(original);
        let input: Buffer = copy;
        if (k % 2 === 0) input = copy.subarray(0, Math.floor(random() * copy.length));
        else
          for (let j = 0; j < 8; j++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
        try {
          await readDicom(new Uint8Array(input));
        } catch (error) {
          expect(error instanceof DicomError || error instanceof UnsupportedTransferSyntaxError).toBe(true);
          expect((error as Error).message).not.toMatch(/Cannot (read|set) properties|undefined/);
        }
      }
    }
  });
});

it('rejects non-DICOM and cut-short input without crashing', async () => {
  await expect(readDicom(new TextEncoder().encode('hello, not an image'))).rejects.toThrow(DicomError);
  await expect(readDicom(new Uint8Array(200))).rejects.toThrow(DicomError);
});
