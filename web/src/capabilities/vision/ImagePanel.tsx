import { type MouseEvent, type ReactNode, useRef, useState } from 'react';
import { ApiError, api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { CasePanelProps } from '../types.js';
import { type ImagePoint, measureDistance, NODULE_DIAMETER_CONCEPT, toImagePoint } from './measure.js';

interface Analysis {
  id: string;
  task: string;
  heatmapUrl: string;
  finding: {
    name: string;
    probability: number;
    likelihoodRatio: number;
    status: string;
    modelId: string;
    heatmapMethod: string;
  };
}

interface StoredImage {
  id: string;
  format: 'dicom' | 'png' | 'jpeg';
  widthPx: number;
  heightPx: number;
  frames: number;
  pixelSpacingMm?: [number, number];
  modality?: string;
  description?: string;
  analyses: Analysis[];
}

const TASKS = [
  { id: 'pneumonia', label: 'Pneumonia (chest X-ray)' },
  { id: 'breast', label: 'Breast ultrasound: malignant' },
  { id: 'thyroid', label: 'Thyroid ultrasound: TI-RADS 4a–5' },
];
const WINDOWS = ['default', 'lung', 'mediastinum', 'bone'] as const;

async function uploadImage(caseId: string, file: File): Promise<void> {
  const type =
    file.type === 'image/png' || file.type === 'image/jpeg' || file.type === 'application/dicom'
      ? file.type
      : 'application/octet-stream';
  const response = await fetch(
    `/v1/images?caseId=${encodeURIComponent(caseId)}&description=${encodeURIComponent(file.name.slice(0, 200))}`,
    {
      method: 'POST',
      headers: { 'content-type': type },
      body: file,
    },
  );
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
}

/** Case panel: upload images, view them with window presets and zoom, analyse, toggle the heatmap, measure in mm. */
export function ImagePanel({ clinicalCase, refresh }: CasePanelProps): ReactNode {
  const [selected, setSelected] = useState<string | undefined>(clinicalCase.images[0]?.id);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const imageId = selected ?? clinicalCase.images[0]?.id;

  async function onUpload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      await uploadImage(clinicalCase.id, file);
      setSelected(undefined);
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="vision-panel">
      <div className="vision-toolbar">
        <label className="button button-secondary">
          {busy ? 'Uploading…' : 'Upload image (DICOM, PNG, JPEG)'}
          <input
            type="file"
            accept=".dcm,application/dicom,image/png,image/jpeg"
            hidden
            onChange={(e) => onUpload(e.target.files?.[0])}
          />
        </label>
        {clinicalCase.images.length > 1 ? (
          <select aria-label="Image" value={imageId} onChange={(e) => setSelected(e.target.value)}>
            {clinicalCase.images.map((img, i) => (
              <option key={img.id} value={img.id}>
                {img.description ?? `Image ${i + 1}`} ({img.widthPx}×{img.heightPx})
              </option>
            ))}
          </select>
        ) : null}
      </div>
      {error ? <ProblemView error={error} heading="The image could not be stored" /> : null}
      {imageId ? (
        <ImageViewer key={imageId} imageId={imageId} clinicalCase={clinicalCase} refresh={refresh} />
      ) : (
        <p className="muted">No images on this case yet.</p>
      )}
    </div>
  );
}

function ImageViewer({ imageId, clinicalCase, refresh }: { imageId: string } & CasePanelProps): ReactNode {
  const { result, reload } = useApi(`image:${imageId}`, () =>
    api.get<StoredImage>(`/v1/images/${encodeURIComponent(imageId)}`),
  );
  const [windowPreset, setWindowPreset] = useState<(typeof WINDOWS)[number]>('default');
  const [zoom, setZoom] = useState(1);
  const [showHeatmap, setShowHeatmap] = useState(true);
  const [task, setTask] = useState('pneumonia');
  const [points, setPoints] = useState<ImagePoint[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const imgRef = useRef<HTMLImageElement>(null);
  if (result.state === 'loading') return <p className="muted">Loading image…</p>;
  if (result.state === 'failed')
    return <ProblemView error={result.error} heading="The image could not be loaded" />;
  const image = result.data;
  const latest = image.analyses[0];
  const base = `/v1/images/${encodeURIComponent(image.id)}/render.png${windowPreset === 'default' ? '' : `?window=${windowPreset}`}`;
  const src = showHeatmap && latest ? latest.heatmapUrl : base;
  const distance =
    points.length === 2
      ? measureDistance(points[0] as ImagePoint, points[1] as ImagePoint, image.pixelSpacingMm)
      : undefined;

  function onClick(event: MouseEvent<HTMLImageElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const point = toImagePoint(event, box, { width: image.widthPx, height: image.heightPx });
    setPoints((current) => (current.length >= 2 ? [point] : [...current, point]));
  }

  async function analyse() {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/v1/images/${encodeURIComponent(image.id)}/analyses`, { task });
      setShowHeatmap(true);
      reload();
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function fillNoduleDiameter(mm: number) {
    const { id: _id, createdAt: _c, updatedAt: _u, ...content } = clinicalCase;
    const finding = {
      conceptId: NODULE_DIAMETER_CONCEPT,
      status: 'present' as const,
      value: Number(mm.toFixed(1)),
    };
    try {
      await api.put(`/v1/cases/${encodeURIComponent(clinicalCase.id)}`, {
        ...content,
        findings: [...clinicalCase.findings.filter((f) => f.conceptId !== NODULE_DIAMETER_CONCEPT), finding],
      });
      refresh();
    } catch (e) {
      setError(e);
    }
  }

  const nodule = clinicalCase.findings.find((f) => f.conceptId === NODULE_DIAMETER_CONCEPT);
  return (
    <div className="vision-viewer">
      <div className="vision-toolbar">
        {image.format === 'dicom' ? (
          <label>
            Window{' '}
            <select
              value={windowPreset}
              onChange={(e) => setWindowPreset(e.target.value as (typeof WINDOWS)[number])}
            >
              {WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Zoom{' '}
          <input
            type="range"
            min={0.5}
            max={4}
            step={0.25}
            value={zoom}
            onChange={(e) => setZoom(Number(e.target.value))}
            aria-label="Zoom"
          />{' '}
          {zoom.toFixed(2)}×
        </label>
        <label>
          <input
            type="checkbox"
            checked={showHeatmap}
            disabled={!latest}
            onChange={(e) => setShowHeatmap(e.target.checked)}
          />{' '}
          Heatmap
        </label>
      </div>
      <div className="vision-stage">
        <img
          ref={imgRef}
          src={src}
          alt={image.description ?? 'Case image'}
          onClick={onClick}
          onKeyDown={() => undefined}
          style={{ width: `${Math.round(Math.min(512, Math.max(320, image.widthPx)) * zoom)}px` }}
          className="vision-image"
          draggable={false}
        />
        {points.map((p, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: at most two ordered points.
            key={i}
            className="vision-point"
            style={{ left: `${(p.x / image.widthPx) * 100}%`, top: `${(p.y / image.heightPx) * 100}%` }}
          />
        ))}
      </div>
      <p className="muted">
        {image.widthPx}×{image.heightPx} px{image.frames > 1 ? `, ${image.frames} frames` : ''}
        {image.pixelSpacingMm
          ? `, pixel spacing ${image.pixelSpacingMm[0].toFixed(3)} × ${image.pixelSpacingMm[1].toFixed(3)} mm`
          : ', no pixel spacing (distances in px)'}
        {image.modality ? `, ${image.modality}` : ''}. Click two points to measure.
      </p>
      {distance ? (
        <p className="vision-measure">
          Distance:{' '}
          <strong>
            {distance.value.toFixed(1)} {distance.unit}
          </strong>{' '}
          {distance.unit === 'mm' ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => fillNoduleDiameter(distance.value)}
            >
              Use as nodule diameter
            </button>
          ) : null}
        </p>
      ) : null}
      {nodule ? (
        <p className="muted">
          Nodule diameter on the case (read by the risk models): {String(nodule.value)} mm
        </p>
      ) : null}
      <div className="vision-toolbar">
        <select aria-label="Model" value={task} onChange={(e) => setTask(e.target.value)}>
          {TASKS.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={busy} onClick={analyse}>
          {busy ? 'Analysing…' : 'Analyse'}
        </button>
      </div>
      {error ? <ProblemView error={error} heading="Analysis failed" /> : null}
      {image.analyses.length > 0 ? (
        <ul className="vision-findings">
          {image.analyses.map((a) => (
            <li key={a.id}>
              <strong>{a.finding.name}</strong>: {(a.finding.probability * 100).toFixed(1)} % (
              {a.finding.status}), likelihood ratio {a.finding.likelihoodRatio.toFixed(2)}{' '}
              <span className="muted">
                · {a.finding.modelId} · {a.finding.heatmapMethod}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        Models trained on 28×28 images; decision support only, not a diagnosis. See the model cards.
      </p>
    </div>
  );
}
