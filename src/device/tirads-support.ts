import {
  TIRADS_POINTS,
  type TiradsInput,
  type TiradsLevel,
  type TiradsOutput,
  tiradsEngine,
} from '../risk/tirads.js';
import type { NoduleMeasurement } from './measure.js';

/** The five ACR TI-RADS feature groups the sonographer confirms. */
export type TiradsFeature = 'composition' | 'echogenicity' | 'shape' | 'margin' | 'echogenicFoci';
export const TIRADS_FEATURES: readonly TiradsFeature[] = [
  'composition',
  'echogenicity',
  'shape',
  'margin',
  'echogenicFoci',
];

/** Features confirmed so far (any subset). */
export type ConfirmedFeatures = Partial<Omit<TiradsInput, 'maxDiameterMm'>>;

/** What the image says and what it cannot, for one nodule. */
export interface TiradsSupport {
  /** 'provisional' until all five features are confirmed and the size is in mm; never final before acceptance. */
  readonly status: 'provisional' | 'ready-to-accept';
  readonly confirmed: ConfirmedFeatures;
  /** Features still to confirm, each with its options and their ACR points. */
  readonly toConfirm: readonly { feature: TiradsFeature; options: Readonly<Record<string, number>> }[];
  /** Suggestions drawn from the outline (never counted as confirmed). */
  readonly suggestions: readonly { feature: TiradsFeature; value: string; basis: string }[];
  /** The range of levels the unconfirmed features still allow (exact ACR points). */
  readonly levels: {
    readonly min: TiradsLevel;
    readonly max: TiradsLevel;
    readonly minPoints: number;
    readonly maxPoints: number;
  };
  /** The level when every feature is confirmed. */
  readonly level?: TiradsLevel;
  /** FNA / follow-up advice at each end of the range, for the measured size (absent without a size in mm). */
  readonly advice: readonly {
    level: TiradsLevel;
    points: number;
    recommendation: TiradsOutput['recommendation'];
    rule: string;
  }[];
  /** The trained image model's probability that the nodule is TI-RADS 4a–5 (a hint only; see its model card). */
  readonly imageModel?: { readonly probability: number; readonly modelId: string; readonly note: string };
  readonly sizeMm?: number;
  readonly warnings: readonly string[];
}

function optionsOf(feature: TiradsFeature): Record<string, number> {
  return { ...(TIRADS_POINTS[feature] as Record<string, number>) };
}

/** The lowest- and highest-scoring completions of the confirmed features (exact, with the spongiform rule). */
function extremes(confirmed: ConfirmedFeatures, sizeMm: number): { min: TiradsInput; max: TiradsInput }[] {
  const compositions = confirmed.composition
    ? [confirmed.composition]
    : (Object.keys(TIRADS_POINTS.composition) as TiradsInput['composition'][]);
  return compositions.map((composition) => ({
    min: {
      composition,
      echogenicity: confirmed.echogenicity ?? 'anechoic',
      shape: confirmed.shape ?? 'wider-than-tall',
      margin: confirmed.margin ?? 'smooth',
      echogenicFoci: confirmed.echogenicFoci ?? ['none'],
      maxDiameterMm: sizeMm,
    },
    max: {
      composition,
      echogenicity: confirmed.echogenicity ?? 'very-hypoechoic',
      shape: confirmed.shape ?? 'taller-than-wide',
      margin: confirmed.margin ?? 'extrathyroidal-extension',
      echogenicFoci: confirmed.echogenicFoci ?? ['macrocalcifications', 'peripheral', 'punctate'],
      maxDiameterMm: sizeMm,
    },
  }));
}

function run(input: TiradsInput): TiradsOutput & { rule: string } {
  const result = tiradsEngine.run(input);
  const rules = result.explanation.rulesFired ?? [];
  return { ...(result.output as TiradsOutput), rule: String(rules[rules.length - 1] ?? '') };
}

/**
 * Combines the measured size, the features the sonographer confirmed, a shape suggestion from the outline and the
 * TI-RADS image model into the exact ACR TI-RADS range, and FNA / follow-up advice at the measured size.
 */
export function tiradsSupport(args: {
  measurement?: NoduleMeasurement;
  confirmed?: ConfirmedFeatures;
  imageModel?: { probability: number; modelId: string };
  /** Whether the frame is a transverse view (the taller-than-wide rule applies to transverse images only). */
  view?: 'transverse' | 'longitudinal' | 'unknown';
}): TiradsSupport {
  const confirmed = args.confirmed ?? {};
  const warnings: string[] = [];
  const m = args.measurement;
  const sizeMm = m?.unit === 'mm' ? m.longest : undefined;
  if (!m) warnings.push('No outline: no size, so no FNA or follow-up advice.');
  else if (sizeMm === undefined)
    warnings.push('The size is in pixels (no calibration): the ACR size thresholds cannot be applied.');
  const suggestions: { feature: TiradsFeature; value: string; basis: string }[] = [];
  if (m && !confirmed.shape) {
    const taller = m.heightExtent > m.widthExtent;
    const basis = `outline ${m.heightExtent} ${m.unit} tall × ${m.widthExtent} ${m.unit} wide${args.view === 'transverse' ? '' : ' (applies on a transverse view only)'}`;
    suggestions.push({ feature: 'shape', value: taller ? 'taller-than-wide' : 'wider-than-tall', basis });
  }
  const toConfirm = TIRADS_FEATURES.filter((f) => confirmed[f] === undefined).map((feature) => ({
    feature,
    options: optionsOf(feature),
  }));
  // Without a size in mm the points and levels still hold; 10 mm only fills the engine's required size field.
  const size = sizeMm ?? 10;
  const candidates = extremes(confirmed, size).flatMap(({ min, max }) => [run(min), run(max)]);
  let lo = candidates[0] as TiradsOutput & { rule: string };
  let hi = lo;
  for (const c of candidates) {
    if (c.points < lo.points) lo = c;
    if (c.points > hi.points) hi = c;
  }
  const advice =
    sizeMm === undefined
      ? []
      : (lo.level === hi.level ? [lo] : [lo, hi]).map((c) => ({
          level: c.level,
          points: c.points,
          recommendation: c.recommendation,
          rule: c.rule,
        }));
  const complete = toConfirm.length === 0;
  return {
    status: complete && sizeMm !== undefined ? 'ready-to-accept' : 'provisional',
    confirmed,
    toConfirm,
    suggestions,
    levels: { min: lo.level, max: hi.level, minPoints: lo.points, maxPoints: hi.points },
    ...(complete ? { level: lo.level } : {}),
    advice,
    ...(args.imageModel
      ? {
          imageModel: {
            ...args.imageModel,
            note: 'P(TI-RADS 4a–5) from the image alone (DDTI-trained, weak: see models/vision/thyroid/MODEL_CARD.md); it does not replace the features.',
          },
        }
      : {}),
    ...(sizeMm !== undefined ? { sizeMm } : {}),
    warnings,
  };
}
