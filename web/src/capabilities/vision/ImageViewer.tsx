import { type PointerEvent, type ReactNode, useRef, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { CasePanelProps } from '../types.js';
import { AnalysisPanel } from './AnalysisPanel.js';
import { type ImagePoint, measureDistance, NODULE_DIAMETER_CONCEPT, toImagePoint } from './measure.js';
import type { Analysis, StoredImage } from './types.js';
import { type DisplayWindow, dragWindow, nextFrame } from './window-level.js';

const PRESETS = ['lung', 'mediastinum', 'bone'] as const;
type Tool = 'measure' | 'window';

const METHOD_NAMES: Record<Analysis['finding']['heatmapMethod'], string> = {
  'grad-cam': 'Grad-CAM',
  'attention-rollout': 'attention rollout',
};

function renderUrl(
  image: StoredImage,
  frame: number,
  preset: string,
  window: DisplayWindow | undefined,
): string {
  const query = new URLSearchParams();
  if (frame > 0) query.set('frame', String(frame));
  if (preset !== 'own') query.set('window', preset);
  else if (window) {
    query.set('center', String(window.center));
    query.set('width', String(window.width));
  }
  const text = query.toString();
  return `/v1/images/${encodeURIComponent(image.id)}/render.png${text ? `?${text}` : ''}`;
}

/** A CSS preview of a window change while dragging (the server renders the exact window on release). */
function previewFilter(start: DisplayWindow, now: DisplayWindow): string {
  const contrast = start.width / now.width;
  const brightness = 1 - (now.center - start.center) / now.width;
  return `contrast(${contrast.toFixed(3)}) brightness(${Math.max(0, brightness).toFixed(3)})`;
}

/** One image: frames, window/level by drag, zoom, measurement in mm, heatmap with its legend, and analysis. */
export function ImageViewer({
  imageId,
  clinicalCase,
  refresh,
}: { imageId: string } & CasePanelProps): ReactNode {
  const { result, reload } = useApi(`image:${imageId}`, () =>
    api.get<StoredImage>(`/v1/images/${encodeURIComponent(imageId)}`),
  );
  if (result.state === 'loading') return <p className="muted">Loading image…</p>;
  if (result.state === 'failed')
    return <ProblemView error={result.error} heading="The image could not be loaded" />;
  return <LoadedViewer image={result.data} reload={reload} clinicalCase={clinicalCase} refresh={refresh} />;
}

function LoadedViewer(props: { image: StoredImage; reload: () => void } & CasePanelProps): ReactNode {
  const { image, reload, clinicalCase, refresh } = props;
  const [frame, setFrame] = useState(0);
  const [preset, setPreset] = useState<string>('own');
  const [window, setWindow] = useState<DisplayWindow | undefined>(undefined);
  const [dragging, setDragging] = useState<DisplayWindow | undefined>(undefined);
  const dragStart = useRef<{ x: number; y: number; window: DisplayWindow } | undefined>(undefined);
  const [tool, setTool] = useState<Tool>('window');
  const [zoom, setZoom] = useState(1);
  const [shownAnalysis, setShownAnalysis] = useState<string | undefined>(undefined);
  const [showHeatmap, setShowHeatmap] = useState(true);
  const [points, setPoints] = useState<ImagePoint[]>([]);
  const [error, setError] = useState<unknown>();
  const heatmapFor = image.analyses.find((a) => a.id === shownAnalysis) ?? image.analyses[0];
  const heatmapOn = showHeatmap && heatmapFor !== undefined && (heatmapFor.frame ?? 0) === frame;
  const src = heatmapOn ? heatmapFor.heatmapUrl : renderUrl(image, frame, preset, window);
  const current = dragging ?? window ?? image.window;
  const distance =
    points.length === 2
      ? measureDistance(points[0] as ImagePoint, points[1] as ImagePoint, image.pixelSpacingMm)
      : undefined;

  function onPointerDown(event: PointerEvent<HTMLImageElement>) {
    if (tool === 'measure') {
      const box = event.currentTarget.getBoundingClientRect();
      const point = toImagePoint(event, box, { width: image.widthPx, height: image.heightPx });
      setPoints((p) => (p.length >= 2 ? [point] : [...p, point]));
      return;
    }
    const start = window ?? image.window;
    if (!start || heatmapOn) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    dragStart.current = { x: event.clientX, y: event.clientY, window: start };
  }
  function onPointerMove(event: PointerEvent<HTMLImageElement>) {
    const start = dragStart.current;
    if (!start) return;
    setDragging(dragWindow(start.window, event.clientX - start.x, event.clientY - start.y));
  }
  function onPointerUp() {
    if (dragStart.current && dragging) {
      setPreset('own');
      setWindow(dragging);
    }
    dragStart.current = undefined;
    setDragging(undefined);
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
  const unit = image.modality === 'CT' ? ' HU' : '';
  return (
    <div className="vision-viewer">
      <div className="vision-toolbar">
        <fieldset className="vision-tools">
          <legend className="visually-hidden">Mouse tool</legend>
          <label>
            <input
              type="radio"
              name={`tool-${image.id}`}
              checked={tool === 'window'}
              onChange={() => setTool('window')}
            />{' '}
            Window/level (drag)
          </label>
          <label>
            <input
              type="radio"
              name={`tool-${image.id}`}
              checked={tool === 'measure'}
              onChange={() => setTool('measure')}
            />{' '}
            Measure (click two points)
          </label>
        </fieldset>
        {image.format === 'dicom' && image.modality === 'CT' ? (
          <label>
            Window{' '}
            <select value={preset} onChange={(e) => setPreset(e.target.value)}>
              <option value="own">as set</option>
              {PRESETS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setWindow(undefined);
            setPreset('own');
          }}
        >
          Reset window
        </button>
        <label>
          Zoom{' '}
          <input
            type="range"
            min={0.5}
            max={4}
            step={0.25}
            value={zoom}
            onChange={(e) => setZoom(Number(e.target.value))}
          />{' '}
          {zoom.toFixed(2)}×
        </label>
        <label>
          <input
            type="checkbox"
            checked={showHeatmap}
            disabled={!heatmapFor}
            onChange={(e) => setShowHeatmap(e.target.checked)}
          />{' '}
          Heatmap
        </label>
      </div>
      {image.frames > 1 ? (
        <label className="vision-frames">
          Frame {frame + 1} of {image.frames}{' '}
          <input
            type="range"
            min={0}
            max={image.frames - 1}
            value={frame}
            onChange={(e) => setFrame(Number(e.target.value))}
            aria-label="Frame"
          />{' '}
          <span className="muted">(or scroll over the image)</span>
        </label>
      ) : null}
      <div className="vision-stage">
        <img
          src={src}
          alt={`${image.description ?? 'Case image'}${heatmapOn ? ', with heatmap' : ''}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onWheel={(e) => {
            if (image.frames > 1) setFrame((f) => nextFrame(f, e.deltaY, image.frames));
          }}
          style={{
            width: `${Math.round(Math.min(512, Math.max(320, image.widthPx)) * zoom)}px`,
            ...(dragging && dragStart.current
              ? { filter: previewFilter(dragStart.current.window, dragging) }
              : {}),
          }}
          className={`vision-image vision-tool-${tool}`}
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
      {heatmapOn ? (
        <figure className="vision-legend" aria-label="Heatmap legend">
          <span>
            Heatmap: {METHOD_NAMES[heatmapFor.finding.heatmapMethod]} of{' '}
            <strong>{heatmapFor.finding.modelId}</strong> (version {heatmapFor.finding.modelVersion}) for “
            {heatmapFor.finding.name}”
          </span>
          <span className="vision-legend-bar" aria-hidden="true" />
          <span className="vision-legend-ends">
            <span>least weight</span>
            <span>most weight in the model’s answer</span>
          </span>
          <span className="muted small">
            Where the model looked, not an outline of disease; heatmaps of these 28×28 models localise poorly.
          </span>
        </figure>
      ) : null}
      <p className="muted">
        {image.widthPx}×{image.heightPx} px{image.frames > 1 ? `, ${image.frames} frames` : ''}
        {image.pixelSpacingMm
          ? `, pixel spacing ${image.pixelSpacingMm[0].toFixed(3)} × ${image.pixelSpacingMm[1].toFixed(3)} mm`
          : ', no pixel spacing (distances in pixels)'}
        {image.modality ? `, modality ${image.modality}` : ', modality not stated'}
        {image.bodyPartExamined ? `, ${image.bodyPartExamined.toLowerCase()}` : ''}
        {current && !heatmapOn
          ? `. Window: level ${current.center.toFixed(0)}${unit}, width ${current.width.toFixed(0)}${unit}`
          : ''}
        .
      </p>
      {distance ? (
        <p className="vision-measure">
          Distance:{' '}
          <strong>
            {distance.value.toFixed(1)} {distance.unit === 'px' ? 'pixels' : 'mm'}
          </strong>{' '}
          {distance.unit === 'mm' ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void fillNoduleDiameter(distance.value)}
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
      {error ? <ProblemView error={error} heading="The case could not be updated" /> : null}
      <AnalysisPanel
        image={image}
        frame={frame}
        onAnalysed={(analysis) => {
          setShownAnalysis(analysis.id);
          setShowHeatmap(true);
          reload();
        }}
        onReviewed={() => {
          reload();
          refresh();
        }}
        onShowHeatmap={(analysis) => {
          setShownAnalysis(analysis.id);
          setFrame(analysis.frame ?? 0);
          setShowHeatmap(true);
        }}
      />
    </div>
  );
}
