import { classifierEvidence, type Evidence } from '../ml/likelihood-ratio.js';
import type { VisionClassifier } from './classifier.js';
import { renderHeatmapOverlay } from './heatmap-render.js';
import { decisionThreshold } from './model-file.js';
import type { Arch } from './nn/architecture.js';
import type { GreyImage } from './preprocess.js';
import { TASK_INFO, type VisionTask } from './tasks.js';

/** What one model says about one image. */
export interface ImageFinding {
  readonly task: VisionTask;
  readonly conceptId: string;
  readonly name: string;
  /** Calibrated probability that the finding is present. */
  readonly probability: number;
  /** Calibrated probability of data-set label 1 (what `eval vision` scores; differs from `probability` for breast). */
  readonly probabilityLabel1: number;
  /** present when the probability is at least the finding's prevalence in the calibration split (likelihood ratio ≥ 1). */
  readonly status: 'present' | 'absent';
  /**
   * Likelihood ratio of this image for the finding: odds(probability) / odds(prevalence of the finding in the
   * calibration split) (Bayes in odds form; `classifierEvidence` in `src/risk/fusion.ts`). Feed it to the risk or
   * differential panels with the patient's own pre-test probability.
   */
  readonly likelihoodRatio: number;
  readonly evidence: Evidence;
  readonly modelId: string;
  readonly modelVersion: string;
  readonly heatmapMethod: 'grad-cam' | 'attention-rollout';
}

export interface ImageAnalysisResult {
  readonly finding: ImageFinding;
  /** The image with the heatmap over it, PNG. */
  readonly heatmapPng: Uint8Array;
  /** The heatmap on the model grid (28×28, 0–1). */
  readonly heatmap: { width: number; height: number; values: number[] };
}

const cache = new Map<string, Promise<VisionClassifier>>();

/** The committed classifier for a task (default architecture unless named), loaded once per process. */
export function classifierFor(task: VisionTask, arch?: Arch): Promise<VisionClassifier> {
  const key = `${task}/${arch ?? 'default'}`;
  let loaded = cache.get(key);
  if (!loaded) {
    // TensorFlow.js is loaded here, at the first analysis, not when the vision module is imported.
    loaded = import('./classifier.js').then(({ VisionClassifier }) => VisionClassifier.load(task, arch));
    cache.set(key, loaded);
    loaded.catch(() => cache.delete(key));
  }
  return loaded;
}

/** Runs a task's model on a grey image: calibrated finding with its likelihood ratio, and the heatmap overlay. */
export async function analyzeImage(
  image: GreyImage,
  task: VisionTask,
  options: { arch?: Arch } = {},
): Promise<ImageAnalysisResult> {
  const classifier = await classifierFor(task, options.arch);
  const info = TASK_INFO[task];
  const { probabilityLabel1 } = classifier.predict(image);
  const probability = info.finding.fromLabel === 1 ? probabilityLabel1 : 1 - probabilityLabel1;
  const prevalence1 = classifier.header.operatingPoint.prevalence;
  const prevalence = info.finding.fromLabel === 1 ? prevalence1 : 1 - prevalence1;
  const threshold1 = decisionThreshold(classifier.header);
  const findingThreshold = info.finding.fromLabel === 1 ? threshold1 : 1 - threshold1;
  const evidence = classifierEvidence({
    id: classifier.header.modelId,
    label: info.finding.name,
    probability,
    trainingPrevalence: prevalence,
    source: `HealthGPT ${classifier.header.modelId} ${classifier.header.modelVersion} (models/vision/${task}/MODEL_CARD.md)`,
    correlatesWith: [],
  });
  const heatmap = classifier.heatmap(image, info.finding.fromLabel);
  return {
    finding: {
      task,
      conceptId: info.finding.conceptId,
      name: info.finding.name,
      probability,
      probabilityLabel1,
      // The operating point: present when the image raises the odds of the finding (likelihood ratio ≥ 1).
      status: probability >= findingThreshold ? 'present' : 'absent',
      likelihoodRatio: evidence.likelihoodRatio,
      evidence,
      modelId: classifier.header.modelId,
      modelVersion: classifier.header.modelVersion,
      heatmapMethod: heatmap.method,
    },
    heatmapPng: renderHeatmapOverlay(image, heatmap),
    heatmap: {
      width: heatmap.width,
      height: heatmap.height,
      values: Array.from(heatmap.values, (v) => Number(v.toFixed(4))),
    },
  };
}
