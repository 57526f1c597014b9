/** What the vision API returns, as the viewer reads it (`src/vision/routes.ts`). */

export type VisionTask = 'pneumonia' | 'breast' | 'thyroid';

export interface ModelValidation {
  readonly status: 'validated' | 'experimental';
  readonly metric: 'AUC';
  readonly value?: number;
  readonly interval?: readonly [number, number];
  readonly n?: number;
  readonly summary: string;
}

export interface VisionModel {
  readonly task: VisionTask;
  readonly title: string;
  readonly finding: string;
  readonly modalities: readonly string[];
  readonly modalityLabel: string;
  readonly bodyPartLabel: string;
  readonly population: string;
  readonly inputKind: string;
  readonly validation: ModelValidation;
}

export interface ApplicabilityCheck {
  readonly verdict: 'applicable' | 'unconfirmed' | 'refused';
  readonly refusals: readonly string[];
  readonly toConfirm: readonly string[];
  readonly confirmedByClinician?: boolean;
}

export interface Analysis {
  readonly id: string;
  readonly task: VisionTask;
  readonly heatmapUrl: string;
  readonly frame?: number;
  readonly createdAt: string;
  readonly finding: {
    readonly name: string;
    readonly probability: number;
    readonly likelihoodRatio: number;
    readonly status: 'present' | 'absent';
    readonly modelId: string;
    readonly modelVersion: string;
    readonly heatmapMethod: 'grad-cam' | 'attention-rollout';
  };
  readonly applicability?: ApplicabilityCheck;
  readonly validation?: ModelValidation;
  readonly review?: { readonly state: 'pending' | 'accepted' | 'rejected'; readonly at?: string };
}

export interface StoredImage {
  readonly id: string;
  readonly format: 'dicom' | 'png' | 'jpeg';
  readonly widthPx: number;
  readonly heightPx: number;
  readonly frames: number;
  readonly pixelSpacingMm?: readonly [number, number];
  readonly modality?: string;
  readonly bodyPartExamined?: string;
  readonly window?: { readonly center: number; readonly width: number };
  readonly description?: string;
  readonly createdAt: string;
  readonly analyses: readonly Analysis[];
}
