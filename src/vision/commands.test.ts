import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-harness.js';
import { describeWithDataset } from '../../test/datasets.js';
import { syntheticDicom } from '../../test/fixtures/dicom.js';

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
  it('decodes it, refuses an MR for the X-ray model in one line, and keeps stdout clean of codec log lines', async () => {
    const { code, stdout, stderr } = await run([
      '--json',
      'image',
      'analyze',
      join(dir, 'MR_small_jp2klossless.dcm'),
      '--task',
      'pneumonia',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/modality MR/);
  });
});

describeWithDataset('healthgpt image analyze on a real DICOM', ['images', 'dicom_dicomparser'], (dir) => {
  it('refuses a CT slice for the chest X-ray model', async () => {
    const file = join(dir, 'CT1_UNC.explicit_little_endian.dcm');
    const { code, stderr } = await run(['image', 'analyze', file, '--task', 'pneumonia', '--age', '3']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/modality CT; this model reads only radiograph/);
  });
});

describe('healthgpt image analyze on a chest radiograph', () => {
  it('writes a heatmap PNG and prints the finding with its validation status as JSON', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'healthgpt-heat-'));
    const out = join(folder, 'heat.png');
    const file = join(folder, 'chest.dcm');
    writeFileSync(
      file,
      syntheticDicom({ modality: 'DX', bodyPartExamined: 'CHEST', rows: 160, columns: 128 }),
    );
    const args = ['--json', 'image', 'analyze', file, '--task', 'pneumonia', '--heatmap', out];
    const unknownAge = await run(args);
    expect(unknownAge.code).toBe(1);
    expect(unknownAge.stderr).toMatch(/--confirm.*no age/);
    const { code, stdout } = await run([...args, '--age', '3']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      probability: number;
      validation: { status: string };
      applicability: { verdict: string };
    };
    expect(result.probability).toBeGreaterThanOrEqual(0);
    expect(result.validation.status).toBe('validated');
    expect(result.applicability.verdict).toBe('applicable');
    expect(PNG.sync.read(readFileSync(out)).width).toBe(128);
  });

  it('fails with one line for a non-image (invalid input, exit 2, naming it) and an unknown task', async () => {
    const bad = await run(['image', 'analyze', 'package.json', '--task', 'pneumonia']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'healthgpt: package.json: not a DICOM, PNG or JPEG image (unrecognised file signature)\n',
    );
    expect((await run(['image', 'analyze', 'package.json', '--task', 'kidney'])).code).toBe(2);
    const frame = await run(['image', 'analyze', 'package.json', '--task', 'pneumonia', '--frame', 'abc']);
    expect(frame.code).toBe(2);
    expect(frame.stderr).toMatch(/--frame must be a whole number ≥ 0, not 'abc'/);
  });
});

describe('healthgpt eval vision with data of the wrong kind', () => {
  it.each([
    ['pneumonia', 'a file that is not a .npz', 'package.json', /package\.json: not a \.npz \(ZIP\) archive$/],
    ['pneumonia', 'a folder', 'src', /src: --task pneumonia expects a MedMNIST \.npz file, not a folder$/],
    ['thyroid', 'a file', 'package.json', /package\.json: --task thyroid expects a DDTI folder/],
  ])('--task %s refuses %s with one line and exit 2', async (task, _, data, message) => {
    const { code, stdout, stderr } = await run(['--json', 'eval', 'vision', '--task', task, '--data', data]);
    expect(stdout).toBe('');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
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

describe('healthgpt image labels|consistency outside CT and MR', () => {
  it('refuses a DICOM ultrasound in one line, and reads a CT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hgpt-image-text-'));
    const ultrasound = join(dir, 'us.dcm');
    writeFileSync(ultrasound, syntheticDicom({ modality: 'US', bodyPartExamined: 'NECK' }));
    for (const args of [
      ['image', 'labels', ultrasound],
      ['image', 'consistency', ultrasound, '--text', 'CT of the chest'],
    ]) {
      const { code, stderr } = await run(args);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/CT and MR images only.*Modality is US/);
    }
    const ct = join(dir, 'ct.dcm');
    writeFileSync(ct, syntheticDicom({ modality: 'CT' }));
    const labels = await run(['--json', 'image', 'labels', ct]);
    expect(labels.code).toBe(0);
    expect(JSON.parse(labels.stdout).labels).toHaveLength(3);
  });
});
