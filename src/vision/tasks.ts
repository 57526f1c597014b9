/** The imaging tasks HealthGPT trains models for. */
export type VisionTask = 'pneumonia' | 'breast' | 'thyroid';

export const VISION_TASKS: readonly VisionTask[] = ['pneumonia', 'breast', 'thyroid'];

/** What a task's label 1 means and which finding the model reports. */
export interface VisionTaskInfo {
  readonly task: VisionTask;
  readonly title: string;
  readonly modality: string;
  /** Meaning of data-set label 1 (the model's output is the probability of label 1, as MedMNIST evaluates it). */
  readonly label1: string;
  readonly label0: string;
  /** The clinical finding reported; `fromLabel` says which data-set label is the finding being present. */
  readonly finding: { readonly conceptId: string; readonly name: string; readonly fromLabel: 0 | 1 };
  /** Left–right flips are valid augmentation (not for chest X-rays: the heart is on the left). */
  readonly flipAugment: boolean;
}

export const TASK_INFO: Readonly<Record<VisionTask, VisionTaskInfo>> = {
  pneumonia: {
    task: 'pneumonia',
    title: 'Pneumonia on paediatric chest X-ray',
    modality: 'CR',
    label1: 'pneumonia',
    label0: 'normal',
    finding: {
      conceptId: 'imaging.chest-xray.pneumonia',
      name: 'Pneumonia pattern on chest X-ray',
      fromLabel: 1,
    },
    flipAugment: false,
  },
  breast: {
    task: 'breast',
    title: 'Malignancy on breast ultrasound',
    modality: 'US',
    // BreastMNIST: 0 = malignant, 1 = normal + benign. The finding (malignant) is label 0.
    label1: 'normal or benign',
    label0: 'malignant',
    finding: {
      conceptId: 'imaging.breast-us.malignant',
      name: 'Malignant-appearing breast lesion on ultrasound',
      fromLabel: 0,
    },
    flipAugment: true,
  },
  thyroid: {
    task: 'thyroid',
    title: 'Suspicious thyroid nodule (TI-RADS 4a–5) on ultrasound',
    modality: 'US',
    label1: 'TI-RADS 4a–5',
    label0: 'TI-RADS 2–3',
    finding: {
      conceptId: 'imaging.thyroid-us.tirads-4a-5',
      name: 'Thyroid nodule rated TI-RADS 4a–5 (suspicious)',
      fromLabel: 1,
    },
    flipAugment: true,
  },
};

export function isVisionTask(value: string): value is VisionTask {
  return (VISION_TASKS as readonly string[]).includes(value);
}
