/**
 * Evidence fusion by likelihood ratios (Bayes' theorem in odds form): post-test odds = pre-test odds × LR, one step
 * per piece of evidence, each step kept for the explanation.
 *
 * Multiplying LRs assumes the pieces of evidence are conditionally independent given the disease status. They often
 * are not (CEA rises with smoking, age and COPD, which a nodule model may already count; an image classifier and a
 * size-based model both see the nodule's size), so every piece of evidence names what it is known to correlate with
 * (`correlatesWith`), and the update warns when two pieces — or a piece and the pre-test model's inputs — overlap.
 * Sources: Bayes with LRs, e.g. Deeks JJ, Altman DG. Diagnostic tests 4: likelihood ratios. BMJ 2004;329:168-9.
 */

/** One piece of evidence, as a likelihood ratio for the target condition. */
export interface Evidence {
  readonly id: string;
  readonly label: string;
  /** P(evidence | disease) / P(evidence | no disease); > 1 raises the probability. */
  readonly likelihoodRatio: number;
  /** Where the LR comes from (paper, model card). */
  readonly source?: string;
  /** Inputs or factors this evidence is known to depend on (e.g. `smoker`, `emphysema`, `noduleDiameterMm`). */
  readonly correlatesWith?: readonly string[];
}

/** One visible step of the update. */
export interface FusionStep {
  readonly evidenceId: string;
  readonly label: string;
  readonly likelihoodRatio: number;
  readonly source?: string;
  readonly probabilityBefore: number;
  readonly oddsBefore: number;
  readonly oddsAfter: number;
  readonly probabilityAfter: number;
}

export interface FusionResult {
  readonly pretestProbability: number;
  readonly probability: number;
  readonly steps: readonly FusionStep[];
  readonly warnings: readonly string[];
}

const EPSILON = 1e-6;

function clamp(p: number): number {
  return Math.min(1 - EPSILON, Math.max(EPSILON, p));
}

export function odds(p: number): number {
  const q = clamp(p);
  return q / (1 - q);
}

export function probabilityFromOdds(o: number): number {
  return o / (1 + o);
}

/**
 * Updates a pre-test probability with evidence, step by step. `modelInputs` are the inputs the pre-test model already
 * used (e.g. Brock's `emphysema`): overlaps with an evidence's `correlatesWith` produce a warning.
 */
export function updateProbability(
  pretestProbability: number,
  evidence: readonly Evidence[],
  options: { readonly modelInputs?: readonly string[]; readonly pretestLabel?: string } = {},
): FusionResult {
  if (!(pretestProbability >= 0 && pretestProbability <= 1))
    throw new RangeError('pretestProbability must be in [0, 1]');
  const steps: FusionStep[] = [];
  let p = clamp(pretestProbability);
  for (const item of evidence) {
    if (!(item.likelihoodRatio > 0) || !Number.isFinite(item.likelihoodRatio)) {
      throw new RangeError(`likelihood ratio of '${item.id}' must be a positive finite number`);
    }
    const before = odds(p);
    const after = before * item.likelihoodRatio;
    const next = clamp(probabilityFromOdds(after));
    steps.push({
      evidenceId: item.id,
      label: item.label,
      likelihoodRatio: item.likelihoodRatio,
      ...(item.source ? { source: item.source } : {}),
      probabilityBefore: p,
      oddsBefore: before,
      oddsAfter: after,
      probabilityAfter: next,
    });
    p = next;
  }
  return { pretestProbability, probability: p, steps, warnings: dependenceWarnings(evidence, options) };
}

/** Warnings for evidence that may not be independent of other evidence or of the pre-test model's inputs. */
export function dependenceWarnings(
  evidence: readonly Evidence[],
  options: { readonly modelInputs?: readonly string[]; readonly pretestLabel?: string } = {},
): string[] {
  const warnings: string[] = [];
  const model = new Set(options.modelInputs ?? []);
  const pretest = options.pretestLabel ?? 'the pre-test model';
  for (const item of evidence) {
    const shared = (item.correlatesWith ?? []).filter((x) => model.has(x));
    if (shared.length) {
      warnings.push(
        `${item.label} may not be independent of ${pretest}: both depend on ${shared.join(', ')}; the combined probability may be overconfident.`,
      );
    }
  }
  for (let i = 0; i < evidence.length; i++) {
    for (let j = i + 1; j < evidence.length; j++) {
      const a = evidence[i]!;
      const b = evidence[j]!;
      const shared = (a.correlatesWith ?? []).filter((x) => (b.correlatesWith ?? []).includes(x));
      if (a.id === b.id) warnings.push(`${a.label} is counted twice.`);
      else if (shared.length) {
        warnings.push(
          `${a.label} and ${b.label} may not be independent (both depend on ${shared.join(', ')}).`,
        );
      }
    }
  }
  if (evidence.length > 1) {
    warnings.push('Chaining likelihood ratios assumes the pieces of evidence are conditionally independent.');
  }
  return warnings;
}

/** Evidence from a dichotomous test result with published LR+ and LR−. */
export function testResultEvidence(
  test: {
    readonly id: string;
    readonly label: string;
    readonly lrPositive: number;
    readonly lrNegative: number;
    readonly source?: string;
    readonly correlatesWith?: readonly string[];
  },
  positive: boolean,
): Evidence {
  return {
    id: test.id,
    label: `${test.label} ${positive ? 'positive' : 'negative'}`,
    likelihoodRatio: positive ? test.lrPositive : test.lrNegative,
    ...(test.source ? { source: test.source } : {}),
    ...(test.correlatesWith ? { correlatesWith: test.correlatesWith } : {}),
  };
}

/**
 * Evidence from a probabilistic classifier (e.g. an image model), for the vision engineer: a calibrated output
 * probability p of a model trained at class prevalence π corresponds to LR = odds(p) / odds(π) (Bayes' theorem:
 * the model's posterior odds divided by the prior odds it was trained under). Give `likelihoodRatio` directly
 * instead when the model card publishes LRs at an operating threshold.
 */
export function classifierEvidence(args: {
  readonly id: string;
  readonly label: string;
  readonly probability: number;
  readonly trainingPrevalence: number;
  readonly source?: string;
  readonly correlatesWith?: readonly string[];
}): Evidence {
  if (!(args.trainingPrevalence > 0 && args.trainingPrevalence < 1)) {
    throw new RangeError('trainingPrevalence must be strictly between 0 and 1');
  }
  if (!(args.probability >= 0 && args.probability <= 1))
    throw new RangeError('probability must be in [0, 1]');
  return {
    id: args.id,
    label: `${args.label} (p = ${args.probability.toFixed(3)})`,
    likelihoodRatio: odds(args.probability) / odds(args.trainingPrevalence),
    ...(args.source ? { source: args.source } : {}),
    correlatesWith: args.correlatesWith ?? ['noduleDiameterMm', 'spiculation', 'noduleType'],
  };
}
