import type { ImageTextModel } from './model.js';
import { dot } from './model.js';

/**
 * Zero-shot labels: each label is described by a few text prompts; an image gets the label whose mean prompt
 * embedding is most similar (softmax over cosines × the model's learned scale). No label-specific training.
 */
export interface ZeroShotLabelSet {
  readonly id: string;
  readonly title: string;
  readonly labels: readonly { readonly label: string; readonly prompts: readonly string[] }[];
}

export const ZERO_SHOT_SETS: readonly ZeroShotLabelSet[] = [
  {
    id: 'modality',
    title: 'Modality',
    labels: [
      { label: 'CT', prompts: ['CT', 'axial CT with contrast', 'noncontrast CT scan'] },
      { label: 'MR', prompts: ['MR', 'T2 MRI', 'T1 MRI post gadolinium', 'FLAIR MRI'] },
    ],
  },
  {
    id: 'region',
    title: 'Body region',
    labels: [
      { label: 'Head', prompts: ['brain', 'head', 'skull orbit', 'brain MRI'] },
      { label: 'Thorax', prompts: ['chest', 'lung', 'mediastinum', 'chest CT'] },
      { label: 'Abdomen', prompts: ['abdomen', 'liver', 'pancreas', 'bowel'] },
      { label: 'Spine and Muscles', prompts: ['spine', 'knee', 'shoulder', 'vertebral body', 'femur'] },
      {
        label: 'Reproductive and Urinary System',
        prompts: ['pelvis', 'kidney', 'bladder', 'uterus', 'prostate'],
      },
    ],
  },
  {
    id: 'finding',
    title: 'Finding (no labelled data: unmeasured)',
    labels: [
      { label: 'mass or tumour', prompts: ['mass', 'enhancing mass', 'tumor', 'neoplasm'] },
      { label: 'fracture', prompts: ['fracture', 'displaced fracture'] },
      { label: 'haemorrhage', prompts: ['hemorrhage', 'hematoma', 'bleed'] },
      { label: 'cyst', prompts: ['cyst', 'cystic lesion'] },
      { label: 'no focal lesion', prompts: ['normal', 'unremarkable', 'no abnormality'] },
    ],
  },
];

export interface ZeroShotResult {
  readonly id: string;
  readonly title: string;
  readonly label: string;
  readonly probabilities: Readonly<Record<string, number>>;
}

const promptCache = new WeakMap<ImageTextModel, Map<string, Float32Array[]>>();

async function labelEmbeddings(model: ImageTextModel, set: ZeroShotLabelSet): Promise<Float32Array[]> {
  let cache = promptCache.get(model);
  if (!cache) {
    cache = new Map();
    promptCache.set(model, cache);
  }
  const hit = cache.get(set.id);
  if (hit) return hit;
  const out: Float32Array[] = [];
  for (const { prompts } of set.labels) {
    const embedded = await model.embedTexts(prompts);
    const mean = new Float32Array(model.header.config.embedDim);
    for (const e of embedded)
      for (let i = 0; i < mean.length; i++) mean[i] = (mean[i] as number) + (e[i] as number);
    const norm = Math.sqrt(dot(mean, mean)) || 1;
    out.push(mean.map((v) => v / norm));
  }
  cache.set(set.id, out);
  return out;
}

/** Zero-shot labels of one image embedding for every label set. */
export async function zeroShot(
  model: ImageTextModel,
  imageEmbedding: Float32Array,
): Promise<ZeroShotResult[]> {
  const scale = model.logitScale;
  const results: ZeroShotResult[] = [];
  for (const set of ZERO_SHOT_SETS) {
    const embeddings = await labelEmbeddings(model, set);
    const logits = embeddings.map((e) => scale * dot(imageEmbedding, e));
    const m = Math.max(...logits);
    const ex = logits.map((l) => Math.exp(l - m));
    const z = ex.reduce((a, b) => a + b, 0);
    const probabilities = Object.fromEntries(set.labels.map((l, i) => [l.label, (ex[i] as number) / z]));
    const best = set.labels[logits.indexOf(m)]?.label ?? '';
    results.push({ id: set.id, title: set.title, label: best, probabilities });
  }
  return results;
}
