import { type ReactNode, useState } from 'react';
import { ApiError, api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { Analysis, ApplicabilityCheck, StoredImage, VisionModel, VisionTask } from './types.js';

function applicabilityOf(error: unknown): ApplicabilityCheck | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = (error.problem as { details?: { applicability?: ApplicabilityCheck } }).details;
  return details?.applicability;
}

function percent(p: number): string {
  return `${(p * 100).toFixed(p < 0.1 || p > 0.9 ? 1 : 0)} %`;
}

/** Model choice with what each model reads and who it was trained on, the analysis, and accept/reject per result. */
export function AnalysisPanel(props: {
  readonly image: StoredImage;
  readonly frame: number;
  readonly onAnalysed: (analysis: Analysis) => void;
  readonly onReviewed: () => void;
  readonly onShowHeatmap: (analysis: Analysis) => void;
}): ReactNode {
  const { image, frame } = props;
  const models = useApi('vision-models', () => api.get<{ items: VisionModel[] }>('/v1/vision/models'));
  const [task, setTask] = useState<VisionTask | undefined>(undefined);
  const [confirm, setConfirm] = useState(false);
  const [arch, setArch] = useState<'default' | 'cnn' | 'vit'>('default');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (models.result.state === 'loading') return <p className="muted">Loading image models…</p>;
  if (models.result.state === 'failed')
    return <ProblemView error={models.result.error} heading="The image models could not be loaded" />;
  const items = models.result.data.items;
  const defaultModel = items.find((m) => image.modality && m.modalities.includes(image.modality)) ?? items[0];
  const model = items.find((m) => m.task === task) ?? defaultModel;
  if (!model) return <p className="muted">No image models.</p>;
  const check = applicabilityOf(error);
  const noModelForModality =
    image.modality !== undefined && !items.some((m) => m.modalities.includes(image.modality as string));

  async function analyse(chosen: VisionModel) {
    setBusy(true);
    setError(undefined);
    try {
      const analysis = await api.post<Analysis>(`/v1/images/${encodeURIComponent(image.id)}/analyses`, {
        task: chosen.task,
        ...(arch !== 'default' ? { arch } : {}),
        ...(frame > 0 ? { frame } : {}),
        ...(confirm ? { confirmApplicability: true } : {}),
      });
      setConfirm(false);
      props.onAnalysed(analysis);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="vision-analysis" aria-label="Analysis">
      <div className="vision-toolbar">
        <label>
          Model{' '}
          <select
            value={model.task}
            onChange={(e) => {
              setTask(e.target.value as VisionTask);
              setConfirm(false);
              setError(undefined);
            }}
          >
            {items.map((m) => (
              <option key={m.task} value={m.task}>
                {m.title}
                {m.validation.status === 'experimental' ? ' (experimental)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Network{' '}
          <select value={arch} onChange={(e) => setArch(e.target.value as 'default' | 'cnn' | 'vit')}>
            <option value="default">task default</option>
            <option value="cnn">CNN (Grad-CAM heatmap)</option>
            <option value="vit">Transformer (attention-rollout map)</option>
          </select>
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void analyse(model)}>
          {busy ? 'Analysing…' : image.frames > 1 ? `Analyse frame ${frame + 1}` : 'Analyse'}
        </button>
      </div>
      {noModelForModality ? (
        <p className="vision-no-model" role="note">
          None of the image models here reads modality {image.modality}: an analysis will be refused. View and
          measure the image; no model finding will be offered.
        </p>
      ) : null}
      <dl className="vision-model-facts">
        <div>
          <dt>Reads</dt>
          <dd>
            {model.inputKind}: {model.modalityLabel}, {model.bodyPartLabel}
          </dd>
        </div>
        <div>
          <dt>Trained on</dt>
          <dd>
            <strong>{model.population}</strong>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`vision-status vision-status-${model.validation.status}`}>
              {model.validation.status}
            </span>{' '}
            {model.validation.summary}
          </dd>
        </div>
      </dl>
      {check?.verdict === 'refused' ? (
        <div className="problem" role="alert">
          <p className="problem-title">Not analysed: this image is outside what the model applies to.</p>
          <ul>
            {check.refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : check?.verdict === 'unconfirmed' ? (
        <div className="vision-confirm" role="alert">
          <p>
            <strong>Confirm before analysis.</strong> The file or the case does not say:
          </p>
          <ul>
            {check.toConfirm.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <label>
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> I
            confirm the image and the patient are of this kind
          </label>{' '}
          <button
            type="button"
            className="button"
            disabled={!confirm || busy}
            onClick={() => void analyse(model)}
          >
            Analyse
          </button>
        </div>
      ) : error ? (
        <ProblemView error={error} heading="Analysis failed" />
      ) : null}
      {image.analyses.length > 0 ? (
        <ul className="vision-findings">
          {image.analyses.map((a) => (
            <AnalysisRow
              key={a.id}
              imageId={image.id}
              analysis={a}
              onReviewed={props.onReviewed}
              onShowHeatmap={props.onShowHeatmap}
            />
          ))}
        </ul>
      ) : null}
      <p className="muted small">
        Models trained here on 28×28 public images; decision support, not a diagnosis. A finding enters the
        case, and the differential, only when you accept it.
      </p>
    </section>
  );
}

function AnalysisRow(props: {
  readonly imageId: string;
  readonly analysis: Analysis;
  readonly onReviewed: () => void;
  readonly onShowHeatmap: (analysis: Analysis) => void;
}): ReactNode {
  const { analysis: a } = props;
  const [includeExperimental, setIncludeExperimental] = useState(false);
  const [error, setError] = useState<unknown>();
  const experimental = a.validation?.status === 'experimental';
  const state = a.review?.state ?? 'pending';
  async function review(decision: 'accept' | 'reject') {
    setError(undefined);
    try {
      await api.post(
        `/v1/images/${encodeURIComponent(props.imageId)}/analyses/${encodeURIComponent(a.id)}/review`,
        { decision, ...(decision === 'accept' && includeExperimental ? { includeExperimental: true } : {}) },
      );
      props.onReviewed();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <li className={`vision-finding vision-finding-${state}`}>
      <p>
        <strong>{a.finding.name}</strong>: {percent(a.finding.probability)} (
        {a.finding.status === 'present' ? 'model says present' : 'model says absent'}), likelihood ratio{' '}
        {a.finding.likelihoodRatio.toFixed(2)}
        {a.frame ? `, frame ${a.frame + 1}` : ''}{' '}
        {experimental ? (
          <span className="vision-status vision-status-experimental">experimental model</span>
        ) : null}{' '}
        <span className="badge badge-quiet">
          {state === 'pending'
            ? 'not in the case yet'
            : state === 'accepted'
              ? 'accepted into the case'
              : 'rejected'}
        </span>
      </p>
      <p className="muted small">
        {a.finding.modelId} {a.finding.modelVersion}
        {a.applicability?.confirmedByClinician ? ' · applicability confirmed by the clinician' : ''}
      </p>
      <div className="vision-toolbar">
        <button type="button" className="button button-secondary" onClick={() => props.onShowHeatmap(a)}>
          Show heatmap
        </button>
        {experimental && state !== 'accepted' ? (
          <label>
            <input
              type="checkbox"
              checked={includeExperimental}
              onChange={(e) => setIncludeExperimental(e.target.checked)}
            />{' '}
            Add although the model is experimental
          </label>
        ) : null}
        {state !== 'accepted' ? (
          <button
            type="button"
            className="button"
            disabled={experimental && !includeExperimental}
            onClick={() => void review('accept')}
          >
            Accept into the case
          </button>
        ) : null}
        {state !== 'rejected' ? (
          <button type="button" className="button button-secondary" onClick={() => void review('reject')}>
            Reject
          </button>
        ) : null}
      </div>
      {error ? <ProblemView error={error} heading="The decision was not saved" /> : null}
    </li>
  );
}
