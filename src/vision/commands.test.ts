import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-harness.js';
import { describeWithDataset } from '../../test/datasets.js';

describeWithDataset(
  'healthgpt eval vision / image analyze',
  ['images', 'pneumoniamnist', 'pneumoniamnist_trainval.npz'],
  (npz) => {
    it('evaluates pneumonia on the val split (no test split in this file) with the exact JSON contract', async () => {
      const { code, stdout } = await run(['eval', 'vision', '--task', 'pneumonia', '--data', npz, '--json']);
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as { n: number; auc: number; accuracy: number; split: string };
      expect(result.split).toBe('val');
      expect(result.n).toBe(524);
      expect(result.auc).toBeGreaterThan(0.96);
      expect(result.accuracy).toBeGreaterThan(0.88);
    });

    it('refuses a split the file does not have', async () => {
      const { code, stderr } = await run([
        'eval',
        'vision',
        '--task',
        'pneumonia',
        '--data',
        npz,
        '--split',
        'test',
        '--json',
      ]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/no 'test' split/);
    });
  },
);

describeWithDataset('healthgpt image analyze on a JPEG 2000 DICOM', ['images', 'dicom_pydicom'], (dir) => {
  it('keeps --json output clean of codec log lines', async () => {
    const { code, stdout } = await run([
      '--json',
      'image',
      'analyze',
      join(dir, 'MR_small_jp2klossless.dcm'),
      '--task',
      'pneumonia',
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { format: string }).format).toBe('dicom');
  });
});

describeWithDataset('healthgpt image analyze on a real DICOM', ['images', 'dicom_dicomparser'], (dir) => {
  it('writes a heatmap PNG and prints the finding as JSON', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'healthgpt-heat-')), 'heat.png');
    const file = join(dir, 'CT1_UNC.explicit_little_endian.dcm');
    const { code, stdout } = await run([
      '--json',
      'image',
      'analyze',
      file,
      '--task',
      'pneumonia',
      '--heatmap',
      out,
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      probability: number;
      likelihoodRatio: number;
      pixelSpacingMm: number[];
    };
    expect(result.probability).toBeGreaterThanOrEqual(0);
    expect(result.pixelSpacingMm[0]).toBeCloseTo(0.661468, 5);
    expect(existsSync(out)).toBe(true);
    expect(PNG.sync.read(readFileSync(out)).width).toBe(512);
  });

  it('fails with one line for a non-image and an unknown task', async () => {
    const bad = await run(['image', 'analyze', 'package.json', '--task', 'pneumonia']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a DICOM, PNG or JPEG/);
    expect((await run(['image', 'analyze', 'package.json', '--task', 'kidney'])).code).toBe(2);
  });
});

describeWithDataset('healthgpt eval vision --task thyroid', ['images', 'ddti_thyroid'], (dir) => {
  it('scores every TI-RADS-rated crop of a DDTI folder', async () => {
    const { code, stdout } = await run(['--json', 'eval', 'vision', '--task', 'thyroid', '--data', dir]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { n: number; auc: number; accuracy: number };
    expect(result.n).toBe(316);
    expect(result.auc).toBeGreaterThan(0.5);
    expect(result.accuracy).toBeGreaterThan(0);
  });
});
