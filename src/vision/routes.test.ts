import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { syntheticDicom } from '../../test/fixtures/dicom.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { visionCapability } from './capability.js';
import { medMnistImages } from './datasets.js';

function pngOf(width: number, height: number, grey: (x: number, y: number) => number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const g = grey(x, y);
      png.data[i] = g;
      png.data[i + 1] = g;
      png.data[i + 2] = g;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([visionCapability], { bodyLimitBytes: 1024 * 1024 });
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: Buffer | string | object, contentType?: string) {
  const payload =
    body === undefined
      ? undefined
      : Buffer.isBuffer(body)
        ? new Uint8Array(body)
        : typeof body === 'string'
          ? body
          : JSON.stringify(body);
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: contentType
      ? { 'content-type': contentType }
      : body !== undefined && !Buffer.isBuffer(body)
        ? { 'content-type': 'application/json' }
        : {},
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type,
    bytes,
    json: type.includes('json') && bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined,
  };
}

describe('/v1/images', () => {
  it('uploads a PNG into a case, asks for confirmation, analyses it, and writes the finding only once accepted', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'Cough and fever',
      patient: { ageYears: 4 },
      findings: [],
      observations: [],
      images: [],
    });
    expect(created.status).toBe(201);
    const caseId = created.json.id as string;
    const png = pngOf(128, 128, (x, y) => (x * 3 + y * 2) % 256);
    const upload = await call('POST', `/v1/images?caseId=${caseId}`, png, 'image/png');
    expect(upload.status).toBe(201);
    expect(upload.json).toMatchObject({
      format: 'png',
      widthPx: 128,
      heightPx: 128,
      caseId,
      colourFraction: 0,
    });
    const id = upload.json.id as string;
    // A PNG does not say it is a chest radiograph: the clinician must confirm.
    const unconfirmed = await call('POST', `/v1/images/${id}/analyses`, { task: 'pneumonia' });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.json.details.applicability.verdict).toBe('unconfirmed');
    expect(unconfirmed.json.detail).toMatch(/radiograph/);
    const analysis = await call('POST', `/v1/images/${id}/analyses`, {
      task: 'pneumonia',
      confirmApplicability: true,
    });
    expect(analysis.status).toBe(201);
    expect(analysis.json.finding.probability).toBeGreaterThanOrEqual(0);
    expect(analysis.json.finding.probability).toBeLessThanOrEqual(1);
    expect(analysis.json.finding.likelihoodRatio).toBeGreaterThan(0);
    expect(analysis.json.review.state).toBe('pending');
    expect(analysis.json.applicability.confirmedByClinician).toBe(true);
    expect(analysis.json.validation.status).toBe('validated');
    const heat = await call('GET', analysis.json.heatmapUrl as string);
    expect(heat.status).toBe(200);
    expect(heat.type).toBe('image/png');
    expect(PNG.sync.read(heat.bytes).width).toBe(128);
    const image = await call('GET', `/v1/images/${id}`);
    expect(image.json.analyses).toHaveLength(1);
    const finding = async () =>
      (await call('GET', `/v1/cases/${caseId}`)).json.findings.find(
        (f: { conceptId: string }) => f.conceptId === 'imaging.chest-xray.pneumonia',
      );
    const before = await call('GET', `/v1/cases/${caseId}`);
    expect(before.json.images.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(await finding()).toBeUndefined();
    const accepted = await call('POST', `/v1/images/${id}/analyses/${analysis.json.id}/review`, {
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.review.state).toBe('accepted');
    expect((await finding())?.value).toBeCloseTo(analysis.json.finding.probability, 3);
    const rejected = await call('POST', `/v1/images/${id}/analyses/${analysis.json.id}/review`, {
      decision: 'reject',
    });
    expect(rejected.json.review.state).toBe('rejected');
    expect(await finding()).toBeUndefined();
    const render = await call('GET', `/v1/images/${id}/render.png`);
    expect(render.type).toBe('image/png');
  });

  it('refuses a CT slice, an adult for the paediatric model, and an experimental finding unless asked', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'Adult with a nodule',
      patient: { ageYears: 54, sex: 'female' },
      findings: [],
      observations: [],
      images: [],
    });
    const caseId = created.json.id as string;
    const ct = await call(
      'POST',
      `/v1/images?caseId=${caseId}`,
      syntheticDicom({ modality: 'CT', bodyPartExamined: 'CHEST' }),
      'application/dicom',
    );
    expect(ct.status).toBe(201);
    expect(ct.json).toMatchObject({ modality: 'CT', bodyPartExamined: 'CHEST', window: { center: 127.5 } });
    const own = await call('GET', `/v1/images/${ct.json.id}/render.png`);
    const narrow = await call('GET', `/v1/images/${ct.json.id}/render.png?center=60&width=40`);
    expect(narrow.status).toBe(200);
    expect(Buffer.compare(own.bytes, narrow.bytes)).not.toBe(0);
    expect((await call('GET', `/v1/images/${ct.json.id}/render.png?center=60`)).status).toBe(400);
    for (const task of ['pneumonia', 'breast', 'thyroid']) {
      const refused = await call('POST', `/v1/images/${ct.json.id}/analyses`, {
        task,
        confirmApplicability: true,
      });
      expect(refused.status).toBe(422);
      expect(refused.json.details.applicability.verdict).toBe('refused');
      expect(refused.json.detail).toMatch(/modality CT/);
    }
    const xray = await call(
      'POST',
      `/v1/images?caseId=${caseId}`,
      syntheticDicom({ modality: 'DX', bodyPartExamined: 'CHEST' }),
      'application/dicom',
    );
    const adult = await call('POST', `/v1/images/${xray.json.id}/analyses`, { task: 'pneumonia' });
    expect(adult.status).toBe(422);
    expect(adult.json.detail).toMatch(/54 years old.*children/);
    const thyroidUs = await call(
      'POST',
      `/v1/images?caseId=${caseId}`,
      syntheticDicom({ modality: 'US', bodyPartExamined: 'THYROID' }),
      'application/dicom',
    );
    const thyroid = await call('POST', `/v1/images/${thyroidUs.json.id}/analyses`, { task: 'thyroid' });
    expect(thyroid.status).toBe(201);
    expect(thyroid.json.validation.status).toBe('experimental');
    const path = `/v1/images/${thyroidUs.json.id}/analyses/${thyroid.json.id}/review`;
    const refusedAccept = await call('POST', path, { decision: 'accept' });
    expect(refusedAccept.status).toBe(422);
    expect(refusedAccept.json.detail).toMatch(/experimental/);
    expect((await call('GET', `/v1/cases/${caseId}`)).json.findings).toEqual([]);
    expect((await call('POST', path, { decision: 'accept', includeExperimental: true })).status).toBe(200);
    expect((await call('GET', `/v1/cases/${caseId}`)).json.findings[0].conceptId).toBe(
      'imaging.thyroid-us.tirads-4a-5',
    );
  });

  it('takes the patient’s age from the DICOM header when the case has none', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'Child, age not recorded',
      patient: {},
      findings: [],
      observations: [],
      images: [],
    });
    const xray = await call(
      'POST',
      `/v1/images?caseId=${created.json.id}`,
      syntheticDicom({ modality: 'DX', bodyPartExamined: 'CHEST', patientAge: '004Y' }),
      'application/dicom',
    );
    const analysis = await call('POST', `/v1/images/${xray.json.id}/analyses`, { task: 'pneumonia' });
    expect(analysis.status).toBe(201);
    expect(analysis.json.applicability).toMatchObject({ verdict: 'applicable', confirmedByClinician: false });
    const adult = await call(
      'POST',
      '/v1/images',
      syntheticDicom({ modality: 'DX', bodyPartExamined: 'CHEST', patientAge: '045Y' }),
      'application/dicom',
    );
    const refused = await call('POST', `/v1/images/${adult.json.id}/analyses`, { task: 'pneumonia' });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toMatch(/45 years old/);
  });

  it('lists the models with what they apply to and their validation status', async () => {
    const models = await call('GET', '/v1/vision/models');
    expect(models.status).toBe(200);
    const byTask = Object.fromEntries(
      (models.json.items as { task: string }[]).map((m) => [m.task, m as unknown]),
    ) as Record<string, { population: string; modalities: string[]; validation: { status: string } }>;
    expect(byTask.pneumonia?.population).toMatch(/children/);
    expect(byTask.pneumonia?.modalities).toEqual(['CR', 'DX']);
    expect(byTask.thyroid?.validation.status).toBe('experimental');
  });

  it('accepts JSON base64 uploads and rejects unknown fields', async () => {
    const png = pngOf(8, 8, () => 100);
    const ok = await call('POST', '/v1/images', {
      dataBase64: png.toString('base64'),
      contentType: 'image/png',
    });
    expect(ok.status).toBe(201);
    const bad = await call('POST', '/v1/images', { dataBase64: png.toString('base64'), colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
  });

  it('answers bad input with problem documents: 415 non-image, 422 broken, 413 too large, 404 unknown', async () => {
    expect(
      (await call('POST', '/v1/images', Buffer.from('plain text, not an image'), 'application/octet-stream'))
        .status,
    ).toBe(415);
    const broken = pngOf(8, 8, () => 1).subarray(0, 40);
    const r422 = await call('POST', '/v1/images', broken, 'image/png');
    expect(r422.status).toBe(422);
    expect(r422.json.detail).toMatch(/PNG/i);
    const truncatedDicom = Buffer.concat([
      Buffer.alloc(128),
      Buffer.from('DICM'),
      Buffer.from([2, 0, 0x10, 0, 0x55, 0x49, 40, 0]),
    ]);
    expect((await call('POST', '/v1/images', truncatedDicom, 'application/dicom')).status).toBe(422);
    const huge = pngOf(8, 8, () => 1);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect((await call('POST', '/v1/images', huge, 'image/png')).status).toBe(413);
    expect((await call('GET', '/v1/images/nope')).status).toBe(404);
    expect((await call('POST', '/v1/images/nope/analyses', { task: 'pneumonia' })).status).toBe(404);
    expect((await call('POST', '/v1/images/nope/analyses', { task: 'kidney' })).status).toBe(400);
  });

  it('documents the image routes in the OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/v1/images', '/v1/images/{id}', '/v1/images/{id}/analyses']),
    );
  });

  describeWithDataset('real DICOM files', ['images', 'dicom_pydicom'], (dicomDir) => {
    it('stores a real DICOM with its pixel spacing and renders window presets; refuses an ECG', async () => {
      const ct = readFileSync(join(dicomDir, 'CT_small.dcm'));
      const upload = await call('POST', '/v1/images', ct, 'application/dicom');
      expect(upload.status).toBe(201);
      expect(upload.json.pixelSpacingMm[0]).toBeCloseTo(0.661468, 5);
      const lung = await call('GET', `/v1/images/${upload.json.id}/render.png?window=lung`);
      const bone = await call('GET', `/v1/images/${upload.json.id}/render.png?window=bone`);
      expect(lung.status).toBe(200);
      expect(Buffer.compare(lung.bytes, bone.bytes)).not.toBe(0);
      const ecg = await call(
        'POST',
        '/v1/images',
        readFileSync(join(dicomDir, 'waveform_ecg.dcm')),
        'application/dicom',
      );
      expect(ecg.status).toBe(422);
      expect(ecg.json.detail).toMatch(/no pixel data/);
      const j2k12 = await call(
        'POST',
        '/v1/images',
        readFileSync(join(dicomDir, 'JPGExtended.dcm')),
        'application/dicom',
      );
      expect(j2k12.status).toBe(415);
    });
  });

  describeWithDataset(
    'real PneumoniaMNIST images',
    ['images', 'pneumoniamnist', 'pneumoniamnist_trainval.npz'],
    (pneumonia) => {
      it('gives a real pneumonia X-ray a higher probability than a real normal one', async () => {
        const val = medMnistImages(pneumonia, 'val');
        const probabilityOf = async (label: number) => {
          const i = val.labels.indexOf(label);
          const pixels = val.images[i] as Float32Array;
          // Upscaled 4× (nearest neighbour): area downsampling to 28×28 gives the original pixels back.
          const up = await call(
            'POST',
            '/v1/images',
            pngOf(112, 112, (x, y) => pixels[Math.floor(y / 4) * 28 + Math.floor(x / 4)] as number),
            'image/png',
          );
          const a = await call('POST', `/v1/images/${up.json.id}/analyses`, {
            task: 'pneumonia',
            confirmApplicability: true,
          });
          return a.json.finding.probability as number;
        };
        expect(await probabilityOf(1)).toBeGreaterThan(await probabilityOf(0));
      });
    },
  );
});
