import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { deviceCapability } from './capability.js';
import { encodeFrameMessage } from './frames.js';
import { syntheticCineDicom, syntheticFrame } from './synthetic.js';

let server: RunningServer;
let caseId: string;
beforeAll(async () => {
  server = await startTestServer([deviceCapability]);
  caseId = server.context.store.cases.create({
    title: 'thyroid follow-up',
    patient: { ageYears: 52, sex: 'female' },
    findings: [],
    observations: [],
    images: [],
  }).id;
}, 60_000);
afterAll(async () => server?.close());

type Message = Record<string, unknown> & { type: string };
function collector(ws: { on(event: 'message', listener: (data: Buffer) => void): unknown }) {
  const messages: Message[] = [];
  const waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as Message;
    const w = waiters.find((x) => x.test(m));
    if (w) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    } else messages.push(m);
  });
  return {
    messages,
    next(test: (m: Message) => boolean): Promise<Message> {
      const found = messages.find(test);
      if (found) {
        messages.splice(messages.indexOf(found), 1);
        return Promise.resolve(found);
      }
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

const frame = (seq: number, spacing = true) =>
  Buffer.from(
    encodeFrameMessage(
      {
        format: 'grey8',
        width: 160,
        height: 160,
        seq,
        ...(spacing ? { spacingMm: { x: 0.1, y: 0.1 } } : {}),
      },
      syntheticFrame(seq, { width: 160, height: 160, semiAxes: [40, 26] }).pixels,
    ),
  );

const features = {
  composition: 'solid',
  echogenicity: 'hypoechoic',
  shape: 'wider-than-tall',
  margin: 'smooth',
  echogenicFoci: ['none'],
};

describe('device stream', () => {
  it('streams frames: outline, measurement in mm, advice; bad input gets errors and the stream goes on', async () => {
    const ws = await server.app.injectWS(`/v1/device/stream?caseId=${caseId}`);
    const c = collector(ws);
    ws.send(JSON.stringify({ type: 'roi', roi: { x: 20, y: 20, width: 120, height: 120 } }));
    ws.send(frame(1));
    const result = await c.next((m) => m.type === 'result');
    const analysis = result.analysis as {
      measurement?: { unit: string; longest: number };
      tirads: { levels: unknown };
    };
    expect(result.deviceSeq).toBe(1);
    expect(analysis.measurement?.unit).toBe('mm');
    expect(analysis.tirads.levels).toBeDefined();
    expect(typeof result.latencyMs).toBe('number');
    ws.send(Buffer.from([1, 2, 3]));
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ title: 'Bad frame' });
    ws.send(JSON.stringify({ type: 'roi', roi: { x: 900, y: 900, width: 40, height: 40 } }));
    expect((await c.next((m) => m.type === 'error')).detail).toMatch(/outside/);
    ws.send(frame(2));
    expect(await c.next((m) => m.type === 'result')).toMatchObject({ deviceSeq: 2 });
    ws.terminate();
  });

  it('a flood of frames is dropped, not queued', async () => {
    const ws = await server.app.injectWS('/v1/device/stream');
    const c = collector(ws);
    for (let i = 1; i <= 40; i++) ws.send(frame(i));
    let last: Message | undefined;
    while (!last || (last.deviceSeq as number) < 40) last = await c.next((m) => m.type === 'result');
    ws.send(JSON.stringify({ type: 'ping' }));
    const pong = await c.next((m) => m.type === 'pong');
    const stats = pong.stats as { received: number; analysed: number; dropped: number };
    expect(stats.received).toBe(40);
    expect(stats.analysed + stats.dropped).toBe(40);
    expect(stats.dropped).toBeGreaterThan(0);
    ws.terminate();
  });

  it('a device may stream but not read or write the case', async () => {
    const token = server.tokenFor('device');
    const ws = await server.app.injectWS(`/v1/device/stream?caseId=${caseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const c = collector(ws);
    ws.send(JSON.stringify({ type: 'ping' }));
    expect((await c.next((m) => m.type === 'pong')).notices).toEqual([
      expect.stringMatching(/clinicians only/),
    ]);
    ws.terminate();
    const write = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/thyroid-nodules`,
      headers: { authorization: `Bearer ${token}` },
      payload: { features, longestMm: 12, perpendicularMm: 8, calibration: 'frame-header' },
    });
    expect(write.statusCode).toBe(403);
    const researcher = await server.app
      .injectWS('/v1/device/stream', {
        headers: { authorization: `Bearer ${server.tokenFor('researcher')}` },
      })
      .catch((e: Error) => e);
    expect(String(researcher)).toMatch(/403/);
  });
});

describe('accepting a nodule', () => {
  it('writes nothing until accepted; then the features and size, and growth against the prior', async () => {
    const before = server.context.store.cases.get(caseId);
    expect(before?.findings).toHaveLength(0);
    const first = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/thyroid-nodules`,
      payload: {
        features,
        longestMm: 12,
        perpendicularMm: 8,
        calibration: 'frame-header',
        examDate: '2025-06-01',
      },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      tirads: { level: 'TR4', points: 4, recommendation: 'follow-up' },
      growth: null,
    });
    const second = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/thyroid-nodules`,
      payload: {
        features,
        longestMm: 16,
        perpendicularMm: 11,
        calibration: 'frame-header',
        examDate: '2026-06-01',
      },
    });
    expect(second.json()).toMatchObject({
      tirads: { level: 'TR4', recommendation: 'fna' },
      growth: { longestChangeMm: 4, significant: true },
    });
    const stored = server.context.store.cases.get(caseId);
    expect(stored?.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conceptId: 'thyroid-nodule.max-diameter-mm', value: 16 }),
        expect.objectContaining({ conceptId: 'thyroid-nodule.composition', value: 'solid' }),
      ]),
    );
    const list = await server.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/thyroid-nodules` });
    expect(list.json().items).toHaveLength(2);
    expect(list.json().priors[0]).toMatchObject({ longestMm: 16 });
  });
  it('lists sizes from a prior ultrasound report in the case note as priors, newest first', async () => {
    const noted = server.context.store.cases.create({
      title: 'thyroid, outside reports',
      patient: { ageYears: 61, sex: 'male' },
      findings: [],
      observations: [],
      images: [],
      note: '[2024-02-10 09:00 UTC]\nOutside US: left lobe thyroid nodule 11 x 8 mm, TR3.\n\n[2025-02-12 09:00 UTC]\nRepeat US: the left thyroid nodule measures 1.3 x 0.9 cm.',
    }).id;
    const list = await server.app.inject({ method: 'GET', url: `/v1/cases/${noted}/thyroid-nodules` });
    expect(list.json().items).toEqual([]);
    expect(list.json().priors).toMatchObject([
      { longestMm: 13, perpendicularMm: 9, examDate: '2025-02-12', source: 'case-note' },
      { longestMm: 11, perpendicularMm: 8, examDate: '2024-02-10', source: 'case-note' },
    ]);
  });
  it('refuses incomplete features and unknown cases', async () => {
    const partial = await server.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/thyroid-nodules`,
      payload: {
        features: { composition: 'solid' },
        longestMm: 12,
        perpendicularMm: 8,
        calibration: 'frame-header',
      },
    });
    expect(partial.statusCode).toBe(400);
    const missing = await server.app.inject({
      method: 'POST',
      url: '/v1/cases/nope/thyroid-nodules',
      payload: { features, longestMm: 12, perpendicularMm: 8, calibration: 'frame-header' },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('cine and one-frame analysis', () => {
  it('decodes a multi-frame DICOM with its ultrasound calibration', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/device/cine',
      headers: { 'content-type': 'application/dicom' },
      payload: syntheticCineDicom({ frames: 4, width: 96, height: 80, mmPerPixel: 0.12 }),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      frames: 4,
      width: 96,
      height: 80,
      calibration: { source: 'ultrasound-region' },
    });
    expect(body.calibration.mmPerPixel.x).toBeCloseTo(0.12, 10);
    expect(Buffer.from(body.framesBase64[3], 'base64')).toHaveLength(96 * 80);
    const junk = await server.app.inject({
      method: 'POST',
      url: '/v1/device/cine',
      headers: { 'content-type': 'application/dicom' },
      payload: Buffer.alloc(400),
    });
    expect(junk.statusCode).toBe(415);
  });
  it('analyses one frame; an ROI outside the image is a 422', async () => {
    const { pixels } = syntheticFrame(0, { width: 128, height: 128 });
    const payload = {
      format: 'grey8',
      width: 128,
      height: 128,
      dataBase64: Buffer.from(pixels).toString('base64'),
    };
    const ok = await server.app.inject({ method: 'POST', url: '/v1/device/analyze', payload });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().calibration).toBe('none');
    expect(ok.json().analysis.measurement?.unit ?? 'px').toBe('px');
    const bad = await server.app.inject({
      method: 'POST',
      url: '/v1/device/analyze',
      payload: { ...payload, roi: { x: 500, y: 0, width: 50, height: 50 } },
    });
    expect(bad.statusCode).toBe(422);
    const wrongSize = await server.app.inject({
      method: 'POST',
      url: '/v1/device/analyze',
      payload: { ...payload, width: 64 },
    });
    expect(wrongSize.statusCode).toBe(400);
  });
});
