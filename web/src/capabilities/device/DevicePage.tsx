import {
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { syntheticFrame } from '../../../../src/device/synthetic.js';
import { api } from '../../api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { frameMessage, type Roi, roiAround, roiForKey, roiFromDrag } from './roi.js';

interface Point {
  x: number;
  y: number;
}
interface Measurement {
  unit: 'mm' | 'px';
  longest: number;
  perpendicular: number;
  longestAxis: [Point, Point];
  perpendicularAxis: [Point, Point];
  calibration: string;
  warnings: string[];
}
interface Tirads {
  status: string;
  levels: { min: string; max: string; minPoints: number; maxPoints: number };
  level?: string;
  toConfirm: { feature: string; options: Record<string, number> }[];
  suggestions: { feature: string; value: string; basis: string }[];
  advice: { level: string; points: number; recommendation: string; rule: string }[];
  imageModel?: { probability: number; note: string };
  warnings: string[];
}
interface Result {
  type: 'result';
  seq: number;
  deviceSeq?: number;
  sentAt?: number;
  width: number;
  height: number;
  latencyMs: number;
  droppedSinceLast: number;
  analysis: {
    roi: Roi;
    overlay: { size: number; probability: string };
    confidence: number;
    measurement?: Measurement;
    tirads: Tirads;
    timings: { segmentMs: number; totalMs: number };
    warnings: string[];
  };
  growth?: {
    longestChangeMm: number;
    longestChangePct: number;
    significant: boolean | 'unknown';
    rule: string;
  };
}
interface Prior {
  examDate?: string;
  longestMm: number;
  perpendicularMm?: number;
  level?: string;
  source?: 'accepted-measurement' | 'case-finding' | 'case-note';
  /** For a size read from the case note: the sentence it was read from. */
  text?: string;
}

/** Where an earlier size came from, in the clinician's words: a size read from free text is the least certain. */
const PRIOR_SOURCE: Record<NonNullable<Prior['source']>, string> = {
  'accepted-measurement': 'accepted at the device',
  'case-finding': 'recorded finding',
  'case-note': 'read from the case note',
};
interface Clip {
  name: string;
  width: number;
  height: number;
  frames: Uint8Array[];
  frameTimeMs: number;
  spacingMm?: { x: number; y: number };
  calibrationNote: string;
}

const FEATURES: Record<string, string[]> = {
  composition: ['cystic', 'spongiform', 'mixed', 'solid'],
  echogenicity: ['anechoic', 'hyperechoic', 'isoechoic', 'hypoechoic', 'very-hypoechoic'],
  shape: ['wider-than-tall', 'taller-than-wide'],
  margin: ['smooth', 'ill-defined', 'lobulated-irregular', 'extrathyroidal-extension'],
  echogenicFoci: ['none', 'comet-tail', 'macrocalcifications', 'peripheral', 'punctate'],
};

function demoClip(): Clip {
  const frames = Array.from({ length: 45 }, (_, f) => syntheticFrame(f, { width: 256, height: 256 }).pixels);
  return {
    name: 'synthetic demo clip (not a patient)',
    width: 256,
    height: 256,
    frames,
    frameTimeMs: 1000 / 15,
    spacingMm: { x: 0.1, y: 0.1 },
    calibrationNote: 'synthetic, 0.1 mm per pixel',
  };
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The device page: live view of a replayed cine with the nodule outline, calipers, TI-RADS support and accept. */
export function DevicePage(): ReactNode {
  useDocumentTitle('Ultrasound device');
  const canvas = useRef<HTMLCanvasElement>(null);
  const socket = useRef<WebSocket | undefined>(undefined);
  const [clip, setClip] = useState<Clip>(demoClip);
  const [frameNo, setFrameNo] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [roi, setRoi] = useState<Roi | undefined>(undefined);
  const [result, setResult] = useState<Result | undefined>(undefined);
  const [connection, setConnection] = useState<'connecting' | 'live' | 'closed'>('connecting');
  const [messages, setMessages] = useState<string[]>([]);
  const [features, setFeatures] = useState<Record<string, string>>({});
  const [caseId, setCaseId] = useState('');
  const [priors, setPriors] = useState<Prior[]>([]);
  const [accepted, setAccepted] = useState<string | undefined>(undefined);
  const [roundTripMs, setRoundTripMs] = useState<number | undefined>(undefined);
  const [dropped, setDropped] = useState(0);
  const drag = useRef<{ start: Point; moved: boolean } | undefined>(undefined);
  const seq = useRef(0);

  const note = useCallback((m: string) => setMessages((all) => [m, ...all].slice(0, 6)), []);

  // The stream (re)opens when the case changes, so the prior sizes come with it.
  useEffect(() => {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/v1/device/stream${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket.current = ws;
    setConnection('connecting');
    ws.onopen = () => setConnection('live');
    ws.onclose = () => setConnection('closed');
    ws.onmessage = (event: MessageEvent<string>) => {
      const m = JSON.parse(event.data) as { type: string } & Record<string, unknown>;
      if (m.type === 'result') {
        const r = m as unknown as Result;
        setResult(r);
        setDropped((d) => d + r.droppedSinceLast);
        if (r.sentAt !== undefined) setRoundTripMs(Math.round(performance.now() - r.sentAt));
      } else if (m.type === 'priors') setPriors((m.priors as Prior[]) ?? []);
      else if (m.type === 'error') note(`${String(m.title)}: ${String(m.detail)}`);
      else if (m.type === 'warning') note(String(m.detail));
    };
    return () => ws.close();
  }, [caseId, note]);

  const send = useCallback((message: unknown) => {
    const ws = socket.current;
    if (ws?.readyState === WebSocket.OPEN)
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }, []);

  const sendFrame = useCallback(
    (i: number) => {
      const ws = socket.current;
      const pixels = clip.frames[i];
      if (!pixels || ws?.readyState !== WebSocket.OPEN) return;
      seq.current += 1;
      ws.send(
        frameMessage(pixels, clip.width, clip.height, {
          seq: seq.current,
          sentAt: performance.now(),
          ...(clip.spacingMm ? { spacingMm: clip.spacingMm } : {}),
        }),
      );
    },
    [clip],
  );

  // Replay: one frame per frame time while playing; the server drops what it cannot keep up with.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setFrameNo((f) => (f + 1) % clip.frames.length), clip.frameTimeMs);
    return () => clearInterval(timer);
  }, [playing, clip]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the current frame is sent again when the stream (re)connects.
  useEffect(() => {
    sendFrame(frameNo);
  }, [frameNo, sendFrame, connection]);

  const placeRoi = (next: Roi | undefined) => {
    setRoi(next);
    send({ type: 'roi', roi: next ?? null });
    if (!playing) setTimeout(() => sendFrame(frameNo), 0);
  };

  // Drawing: frame, ROI, outline from the probability grid, calipers.
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    const pixels = clip.frames[frameNo];
    if (!c || !ctx || !pixels) return;
    c.width = clip.width;
    c.height = clip.height;
    const img = ctx.createImageData(clip.width, clip.height);
    for (let i = 0; i < pixels.length; i++) {
      const v = pixels[i] as number;
      img.data.set([v, v, v, 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
    const a = result?.analysis;
    if (a) {
      const grid = base64Bytes(a.overlay.probability);
      const n = a.overlay.size;
      const cw = a.roi.width / n;
      const ch = a.roi.height / n;
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) {
          const p = (grid[y * n + x] as number) / 255;
          if (p < 0.1) continue;
          // Inside: green; unsure (0.1–0.9): amber, so the sonographer sees where the outline is uncertain.
          ctx.fillStyle = p > 0.9 ? 'rgba(0, 200, 90, 0.25)' : 'rgba(255, 170, 0, 0.35)';
          ctx.fillRect(a.roi.x + x * cw, a.roi.y + y * ch, cw + 0.5, ch + 0.5);
        }
      const m = a.measurement;
      if (m) {
        ctx.lineWidth = 2;
        for (const [axis, colour] of [
          [m.longestAxis, '#00e5ff'],
          [m.perpendicularAxis, '#ff4fd8'],
        ] as const) {
          ctx.strokeStyle = colour;
          ctx.beginPath();
          ctx.moveTo(axis[0].x, axis[0].y);
          ctx.lineTo(axis[1].x, axis[1].y);
          ctx.stroke();
        }
      }
    }
    if (roi) {
      ctx.strokeStyle = '#ffd400';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 3]);
      ctx.strokeRect(roi.x + 0.5, roi.y + 0.5, roi.width, roi.height);
      ctx.setLineDash([]);
    }
  }, [clip, frameNo, result, roi]);

  const toFrame = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * clip.width,
      y: ((event.clientY - rect.top) / rect.height) * clip.height,
    };
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { start: toFrame(e), moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = toFrame(e);
    if (Math.hypot(p.x - d.start.x, p.y - d.start.y) > 6) {
      d.moved = true;
      setRoi(roiFromDrag(d.start, p, clip.width, clip.height));
    }
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = undefined;
    if (!d) return;
    const p = toFrame(e);
    placeRoi(
      d.moved ? roiFromDrag(d.start, p, clip.width, clip.height) : roiAround(p, clip.width, clip.height),
    );
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (e.key === ' ') {
      e.preventDefault();
      setPlaying((p) => !p);
      return;
    }
    if (e.key === 'Escape') {
      placeRoi(undefined);
      return;
    }
    const base = roi ?? roiAround({ x: clip.width / 2, y: clip.height / 2 }, clip.width, clip.height);
    const next = e.key === 'Enter' ? base : roiForKey(base, e.key, e.shiftKey, clip.width, clip.height);
    if (next) {
      e.preventDefault();
      placeRoi(next);
    }
  };

  const loadFile = async (file: File) => {
    try {
      const response = await fetch('/v1/device/cine', {
        method: 'POST',
        headers: { 'content-type': 'application/dicom' },
        body: await file.arrayBuffer(),
        credentials: 'same-origin',
      });
      const body = (await response.json()) as {
        width: number;
        height: number;
        framesBase64: string[];
        frameTimeMs: number;
        calibration: { mmPerPixel?: { x: number; y: number }; source: string; warning?: string };
        detail?: string;
      };
      if (!response.ok) throw new Error(body.detail ?? `HTTP ${response.status}`);
      setPlaying(false);
      setRoi(undefined);
      send({ type: 'roi', roi: null });
      setResult(undefined);
      setFrameNo(0);
      setClip({
        name: file.name,
        width: body.width,
        height: body.height,
        frames: body.framesBase64.map(base64Bytes),
        frameTimeMs: body.frameTimeMs,
        ...(body.calibration.mmPerPixel ? { spacingMm: body.calibration.mmPerPixel } : {}),
        calibrationNote: body.calibration.mmPerPixel
          ? `${body.calibration.source}: ${body.calibration.mmPerPixel.x.toFixed(3)} mm per pixel`
          : (body.calibration.warning ?? 'no calibration'),
      });
    } catch (error) {
      note(`Cine not loaded: ${(error as Error).message}`);
    }
  };

  const confirm = (feature: string, value: string) => {
    const next = { ...features, [feature]: value };
    if (!value) delete next[feature];
    setFeatures(next);
    const payload: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) payload[k] = k === 'echogenicFoci' ? [v] : v;
    send({ type: 'features', features: payload });
    if (!playing) setTimeout(() => sendFrame(frameNo), 0);
  };

  const m = result?.analysis.measurement;
  const t = result?.analysis.tirads;
  const allConfirmed = Object.keys(FEATURES).every((f) => features[f]);
  const canAccept = Boolean(caseId && m && m.unit === 'mm' && allConfirmed);

  const accept = async () => {
    if (!m) return;
    try {
      const saved = await api.post<{ tirads: { level: string; advice: string } }>(
        `/v1/cases/${encodeURIComponent(caseId)}/thyroid-nodules`,
        {
          features: { ...features, echogenicFoci: [features.echogenicFoci] },
          longestMm: m.longest,
          perpendicularMm: m.perpendicular,
          calibration:
            result?.analysis.measurement?.calibration === 'ultrasound-region'
              ? 'ultrasound-region'
              : 'frame-header',
        },
      );
      setAccepted(
        `Written to the case: ${m.longest} × ${m.perpendicular} mm, ${saved.tirads.level}. ${saved.tirads.advice}`,
      );
    } catch (error) {
      setAccepted(`Not written: ${(error as Error).message}`);
    }
  };

  return (
    <div className="page device-page">
      <h1>Ultrasound device</h1>
      <p className="device-note">
        Place the ROI on the nodule (drag a box, tap its centre, or focus the image and use the arrow keys; +
        / − resize, Space plays, Esc clears). Decision support only: nothing enters the case until you confirm
        the features and press Accept.
      </p>
      <div className="device-layout">
        <div className="device-view">
          <canvas
            ref={canvas}
            className="device-canvas"
            tabIndex={0}
            role="img"
            aria-label="Ultrasound frame with the nodule outline; arrow keys move the region of interest"
            data-testid="device-canvas"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onKeyDown={onKeyDown}
          />
          <div className="device-controls">
            <button type="button" onClick={() => setPlaying((p) => !p)}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <input
              type="range"
              aria-label="Frame"
              min={0}
              max={clip.frames.length - 1}
              value={frameNo}
              onChange={(e) => setFrameNo(Number(e.target.value))}
            />
            <span>
              frame {frameNo + 1}/{clip.frames.length}
            </span>
            <label>
              Cine (DICOM){' '}
              <input
                type="file"
                accept=".dcm,application/dicom"
                onChange={(e) => e.target.files?.[0] && loadFile(e.target.files[0])}
              />
            </label>
            <button type="button" onClick={() => setClip(demoClip())}>
              Demo clip
            </button>
          </div>
          <p className="device-meta">
            {clip.name} · {clip.calibrationNote} · stream {connection}
            {result ? ` · server ${result.latencyMs} ms` : ''}
            {roundTripMs !== undefined ? ` · round trip ${roundTripMs} ms` : ''} · dropped {dropped}
          </p>
        </div>
        <aside className="device-side">
          <section className="panel" aria-labelledby="device-measure">
            <h2 id="device-measure">Measurement</h2>
            {m ? (
              <p data-testid="device-size">
                <strong>
                  {m.longest} × {m.perpendicular} {m.unit}
                </strong>{' '}
                (longest × perpendicular; {m.calibration})
              </p>
            ) : (
              <p>No nodule outlined yet.</p>
            )}
            {result ? <p>Outline confidence {(result.analysis.confidence * 100).toFixed(0)} %</p> : null}
            {m?.warnings.map((w) => (
              <p key={w} className="device-warning">
                {w}
              </p>
            ))}
          </section>
          <section className="panel" aria-labelledby="device-tirads">
            <h2 id="device-tirads">ACR TI-RADS</h2>
            {t ? (
              <p data-testid="device-level">
                {t.level
                  ? `${t.level} (${t.levels.minPoints} points)`
                  : `${t.levels.min}–${t.levels.max} until confirmed`}
              </p>
            ) : null}
            {Object.entries(FEATURES).map(([feature, options]) => (
              <label key={feature} className="device-feature">
                {feature}{' '}
                <select
                  aria-label={`Confirm ${feature}`}
                  value={features[feature] ?? ''}
                  onChange={(e) => confirm(feature, e.target.value)}
                >
                  <option value="">— confirm —</option>
                  {options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
                {t?.suggestions
                  .filter((s) => s.feature === feature)
                  .map((s) => (
                    <small key={s.value}>
                      {' '}
                      suggested: {s.value} ({s.basis})
                    </small>
                  ))}
              </label>
            ))}
            <ul data-testid="device-advice">
              {t?.advice.map((a) => (
                <li key={a.level}>{a.rule}</li>
              ))}
            </ul>
            {t?.imageModel ? (
              <p>
                Image model: P(TI-RADS 4a–5) {(t.imageModel.probability * 100).toFixed(0)} % —{' '}
                {t.imageModel.note}
              </p>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="device-case">
            <h2 id="device-case">Case</h2>
            <label>
              Case id{' '}
              <input value={caseId} onChange={(e) => setCaseId(e.target.value.trim())} aria-label="Case id" />
            </label>
            {priors.length > 0 ? (
              <ul data-testid="device-priors">
                {priors.map((p) => (
                  <li key={`${p.source}-${p.examDate}-${p.longestMm}-${p.text ?? ''}`} title={p.text}>
                    {p.examDate ?? 'earlier'}: {p.longestMm}
                    {p.perpendicularMm ? ` × ${p.perpendicularMm}` : ''} mm{p.level ? `, ${p.level}` : ''}
                    {p.source ? <span className="prior-source"> ({PRIOR_SOURCE[p.source]})</span> : null}
                    {p.source === 'case-note' && p.text ? <q className="prior-text">{p.text}</q> : null}
                  </li>
                ))}
              </ul>
            ) : caseId ? (
              <p>No earlier thyroid nodule size in this case.</p>
            ) : null}
            {result?.growth ? (
              <p data-testid="device-growth">
                Since last exam: {result.growth.longestChangeMm > 0 ? '+' : ''}
                {result.growth.longestChangeMm} mm ({result.growth.longestChangePct} %);{' '}
                {result.growth.significant === true
                  ? 'significant growth'
                  : result.growth.significant === false
                    ? 'no significant growth'
                    : 'growth unknown'}{' '}
                ({result.growth.rule})
              </p>
            ) : null}
            <button type="button" disabled={!canAccept} onClick={accept}>
              Accept into case
            </button>
            {!canAccept ? (
              <p className="device-note">
                Accept needs a case, a size in mm and all five features confirmed.
              </p>
            ) : null}
            {accepted ? <p data-testid="device-accepted">{accepted}</p> : null}
          </section>
          <section className="panel" aria-labelledby="device-messages">
            <h2 id="device-messages">Messages</h2>
            <ul>
              {[...new Set([...messages, ...(result?.analysis.warnings ?? []), ...(t?.warnings ?? [])])].map(
                (w) => (
                  <li key={w}>{w}</li>
                ),
              )}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
