import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifWriter } from 'omggif';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-harness.js';
import { syntheticCineDicom, syntheticFrame } from './synthetic.js';

/** A hand-made DDTI-like folder: synthetic frames as crops, their true ellipses as GIF masks. */
function ddtiLikeFolder(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddti-like-'));
  mkdirSync(join(dir, 'cropped'));
  mkdirSync(join(dir, 'mask'));
  const size = 120;
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const { pixels, centre, semiAxes } = syntheticFrame(i, {
      width: size,
      height: size,
      semiAxes: [34, 22],
      seed: i + 3,
    });
    const png = new PNG({ width: size, height: size });
    for (let k = 0; k < pixels.length; k++)
      png.data.set([pixels[k] as number, pixels[k] as number, pixels[k] as number, 255], 4 * k);
    writeFileSync(join(dir, 'cropped', `${i + 1}_1.png`), PNG.sync.write(png));
    const indexed: number[] = [];
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        indexed.push(
          ((x + 0.5 - centre.x) / semiAxes[0]) ** 2 + ((y + 0.5 - centre.y) / semiAxes[1]) ** 2 <= 1 ? 1 : 0,
        );
    const buf = Buffer.alloc(size * size + 1024);
    const gif = new GifWriter(buf, size, size, { palette: [0x000000, 0xffffff] });
    gif.addFrame(0, 0, size, size, indexed);
    writeFileSync(join(dir, 'mask', `${i + 1}_1.gif`), buf.subarray(0, gif.end()));
    rows.push(`${i + 1}_1,4a,1`);
  }
  writeFileSync(join(dir, 'diagnosis.csv'), `${rows.join('\n')}\n`);
  return dir;
}

describe('healthgpt eval segmentation', () => {
  it('prints the contract keys for a DDTI-like folder, with the baseline beside', async () => {
    const dir = ddtiLikeFolder(3);
    const { code, stdout, stderr } = await run([
      'eval',
      'segmentation',
      '--task',
      'thyroid',
      '--data',
      dir,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as Record<string, unknown> & { baseline: Record<string, number> };
    for (const key of ['n', 'dice', 'iou', 'hd95_px', 'diameter_error_pct', 'ms_per_image'])
      expect(typeof r[key]).toBe('number');
    expect(r.n).toBe(3);
    expect(r.dice as number).toBeGreaterThanOrEqual(0);
    expect(r.dice as number).toBeLessThanOrEqual(1);
    expect(r.iou as number).toBeLessThanOrEqual(r.dice as number);
    expect(r.baseline.n).toBe(3);
  }, 60_000);

  it('refuses another task and a folder that is not DDTI-like, with one line and a non-zero exit', async () => {
    const task = await run(['eval', 'segmentation', '--task', 'breast', '--data', '/tmp', '--json']);
    expect(task.code).toBe(2);
    expect(task.stderr).toMatch(/--task must be thyroid/);
    const folder = await run([
      'eval',
      'segmentation',
      '--task',
      'thyroid',
      '--data',
      mkdtempSync(join(tmpdir(), 'empty-')),
      '--json',
    ]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/cropped\/\*\.png/);
  });

  it('refuses a corrupt crop (naming it) and an image and mask of different sizes with one line and exit 2', async () => {
    const corrupt = ddtiLikeFolder(2);
    writeFileSync(join(corrupt, 'cropped', '2_1.png'), Buffer.from('\x89PNG\r\n\x1a\nnot a png at all'));
    const bad = await run(['eval', 'segmentation', '--task', 'thyroid', '--data', corrupt, '--json']);
    expect(bad.stdout).toBe('');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`healthgpt: ${join(corrupt, 'cropped', '2_1.png')}: cannot decode PNG`);

    const mismatch = ddtiLikeFolder(1);
    writeFileSync(join(mismatch, 'cropped', '1_1.png'), PNG.sync.write(new PNG({ width: 10, height: 10 })));
    const sizes = await run(['eval', 'segmentation', '--task', 'thyroid', '--data', mismatch, '--json']);
    expect(sizes.code).toBe(2);
    expect(sizes.stderr).toMatch(/1_1\.png and .*1_1\.gif: image 10×10 and mask 120×120 differ\n$/);
  });
});

describe('healthgpt device measure', () => {
  it('measures the nodule of a calibrated cine frame in mm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cine-'));
    const file = join(dir, 'clip.dcm');
    writeFileSync(file, syntheticCineDicom({ frames: 2, width: 160, height: 160, mmPerPixel: 0.1 }));
    const { code, stdout } = await run(['device', 'measure', file, '--roi', '20,20,120,120', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as {
      measurement?: { unit: string; calibration: string };
      tirads: { toConfirm: unknown[] };
    };
    expect(r.tirads.toConfirm).toHaveLength(5);
    if (r.measurement) expect(r.measurement).toMatchObject({ unit: 'mm', calibration: 'ultrasound-region' });
  }, 60_000);
  it.each([
    [
      'a 1×1 PNG',
      'tiny.png',
      () => PNG.sync.write(new PNG({ width: 1, height: 1 })),
      /tiny\.png: the image is 1×1 px; the nodule model needs at least 64 px a side/,
    ],
    [
      'a truncated PNG',
      'trunc.png',
      () => PNG.sync.write(new PNG({ width: 100, height: 100 })).subarray(0, 60),
      /trunc\.png: cannot decode PNG/,
    ],
    [
      'a malformed DICOM',
      'fake.dcm',
      () => Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.alloc(40, 7)]),
      /fake\.dcm: not a readable DICOM file/,
    ],
    [
      'a file that is no image',
      'notes.txt',
      () => Buffer.from('just some text'),
      /notes\.txt: not a DICOM, PNG or JPEG image/,
    ],
  ])('refuses %s with one line naming it and exit 2', async (_, name, bytes, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'measure-')), name);
    writeFileSync(file, bytes());
    const { code, stdout, stderr } = await run(['device', 'measure', file, '--json']);
    expect(stdout).toBe('');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^healthgpt: /);
    expect(stderr).toMatch(message);
  });

  it('refuses a --frame that is not a whole number ≥ 0', async () => {
    const { code, stderr } = await run(['device', 'measure', 'package.json', '--frame', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toBe("healthgpt: --frame must be a whole number ≥ 0, not 'abc'\n");
  });

  it('a malformed ROI is one line and exit 2', async () => {
    const { code, stderr } = await run(['device', 'measure', '/nonexistent.png', '--roi', '1,2,3']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--roi must be/);
  });
});
