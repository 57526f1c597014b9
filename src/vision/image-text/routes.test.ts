import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDicom } from '../../../test/fixtures/dicom.js';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';
import { visionCapability } from '../capability.js';

function pngOf(width: number, height: number, grey: (x: number, y: number) => number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const g = grey(x, y);
      png.data[i] = g;
      png.data[i + 1] = g;
      png.data[i + 2] = g;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([visionCapability], { bodyLimitBytes: 1024 * 1024 });
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: object) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function upload(description?: string): Promise<string> {
  const png = pngOf(96, 80, (x, y) => ((x - 48) ** 2 + (y - 40) ** 2 < 900 ? 160 + ((x * y) % 40) : 5));
  const r = await call('POST', '/v1/images', {
    dataBase64: png.toString('base64'),
    contentType: 'image/png',
    ...(description ? { description } : {}),
  });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

describe('image–text routes', () => {
  it('reports the model as experimental with its measured retrieval', async () => {
    const r = await call('GET', '/v1/vision/image-text');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ available: true, status: 'experimental' });
    expect(r.json.caveat).toMatch(/licence is not stated/);
  });

  it('labels a stored image zero-shot and checks it against given text or its own description', async () => {
    const id = await upload('axial MRI of the brain');
    const labels = await call('GET', `/v1/images/${id}/labels`);
    expect(labels.status).toBe(200);
    expect(labels.json.labels.map((l: { id: string }) => l.id)).toEqual(['modality', 'region', 'finding']);
    const own = await call('POST', `/v1/images/${id}/consistency`, {});
    expect(own.status).toBe(200);
    expect(own.json.textMentions).toEqual({ modality: ['MR'], region: ['Head'] });
    const given = await call('POST', `/v1/images/${id}/consistency`, {
      text: 'CT of the abdomen: liver lesion',
    });
    expect(given.json.textMentions).toEqual({ modality: ['CT'], region: ['Abdomen'] });
    for (const w of given.json.warnings as { kind: string; message: string }[])
      expect(w.message.length).toBeGreaterThan(10);
  });

  it('refuses a consistency check without any record text, and a text search the model cannot read', async () => {
    const id = await upload();
    const none = await call('POST', `/v1/images/${id}/consistency`, {});
    expect(none.status).toBe(422);
    expect(none.json.detail).toMatch(/no record text/);
    const unknown = await call('POST', '/v1/vision/image-text/search', {
      text: 'zebra quokka',
      source: 'stored',
    });
    expect(unknown.status).toBe(422);
    const empty = await call('POST', '/v1/vision/image-text/search', { text: '' });
    expect(empty.status).toBe(400);
  });

  it('finds stored images by text and by image, leaving the query image out', async () => {
    const a = await upload('CT chest');
    const b = await upload('MR brain');
    const search = await call('POST', '/v1/vision/image-text/search', {
      text: 'CT chest mass',
      source: 'stored',
      k: 50,
    });
    expect(search.status).toBe(200);
    const ids = search.json.hits.map((h: { id: string }) => h.id);
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    expect(search.json.hits[0].imageUrl).toMatch(/^\/v1\/images\/.+\/render\.png$/);
    const sims = search.json.hits.map((h: { similarity: number }) => h.similarity);
    expect([...sims].sort((x, y) => y - x)).toEqual(sims);
    const similar = await call('GET', `/v1/images/${a}/similar?source=stored&k=50`);
    expect(similar.status).toBe(200);
    const similarIds = similar.json.hits.map((h: { id: string }) => h.id);
    expect(similarIds).not.toContain(a);
    expect(similarIds).toContain(b);
    expect((await call('GET', '/v1/images/nope/similar')).status).toBe(404);
    expect((await call('GET', `/v1/images/${a}/similar?k=0`)).status).toBe(400);
  });

  it('refuses images of a modality the model never saw (DICOM ultrasound, radiograph), and leaves them out of search', async () => {
    const upload = async (modality: string) => {
      const r = await call('POST', '/v1/images', {
        dataBase64: syntheticDicom({ modality, bodyPartExamined: 'CHEST' }).toString('base64'),
        contentType: 'application/dicom',
        description: 'CT chest',
      });
      expect(r.status).toBe(201);
      return r.json.id as string;
    };
    const ultrasound = await upload('US');
    for (const [method, path, body] of [
      ['GET', `/v1/images/${ultrasound}/labels`],
      ['GET', `/v1/images/${ultrasound}/similar`],
      ['POST', `/v1/images/${ultrasound}/consistency`, {}],
    ] as const) {
      const r = await call(method, path, body);
      expect(r.status, path).toBe(422);
      expect(r.json.detail).toMatch(/CT and MR images only.*Modality is US/);
    }
    const radiograph = await upload('DX');
    const ct = await upload('CT');
    expect((await call('GET', `/v1/images/${ct}/labels`)).status).toBe(200);
    const search = await call('POST', '/v1/vision/image-text/search', {
      text: 'CT chest',
      source: 'stored',
      k: 100,
    });
    const ids = search.json.hits.map((h: { id: string }) => h.id);
    expect(ids).toContain(ct);
    expect(ids).not.toContain(ultrasound);
    expect(ids).not.toContain(radiograph);
  });
});
