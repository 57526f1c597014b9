import { z } from 'zod';

/** The federated protocol's messages (site ⇄ coordinator), version 1. */
export const ALGORITHMS = ['fedavg', 'fedprox', 'fedavg-site-bias'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const siteNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/);

/** Ed25519 signature (base64) by the site's identity key over its masking key, run id and name (identity.ts). */
const signatureSchema = z.string().max(200);

export const peerSchema = z.object({
  site: siteNameSchema,
  publicKey: z.string().length(44),
  signature: signatureSchema.optional(),
});

export const dpPlanSchema = z.object({
  /** Poisson sampling rate of each local step. */
  q: z.number().gt(0).lte(1),
  /** Noise multiplier σ. */
  sigma: z.number().positive(),
  /** Per-example clipping norm. */
  clip: z.number().positive(),
  delta: z.number().gt(0).lt(1),
  /** The run's ε budget per site. */
  epsilon: z.number().positive(),
});
export type DpPlan = z.infer<typeof dpPlanSchema>;

export const trainingSchema = z.object({
  algorithm: z.enum(ALGORITHMS),
  localSteps: z.number().int().min(1).max(1000),
  learningRate: z.number().positive(),
  lambda: z.number().min(0),
  mu: z.number().min(0),
  dp: dpPlanSchema.optional(),
});
export type TrainingPlan = z.infer<typeof trainingSchema>;

export const taskSchema = z.object({
  runId: z.string(),
  version: z.number().int(),
  status: z.enum(['joining', 'running', 'done', 'stopped']),
  kind: z.enum(['join', 'stats', 'train', 'unmask', 'wait', 'done']),
  round: z.number().int().min(0),
  attempt: z.number().int().min(0),
  /** Mask context: binds pair masks to this run, coordinator start, round, attempt. */
  context: z.string(),
  secure: z.boolean(),
  participants: z.array(peerSchema),
  dropped: z.array(siteNameSchema).optional(),
  /** Unmask: the encrypted shares addressed to this site, by the surviving site that made them. */
  selfShares: z.record(siteNameSchema, z.string()).optional(),
  model: z.array(z.number()).optional(),
  standardiser: z.object({ mean: z.array(z.number()), sd: z.array(z.number()) }).optional(),
  /**
   * Aggregates every site needs after the statistics round, as the coordinator derives them from the sum (DDXPlus:
   * per multi-choice value of the specification, 1 when any site's patients report it, else 0).
   */
  shared: z.array(z.number()).max(100_000).optional(),
  training: trainingSchema.optional(),
  reason: z.string().optional(),
});
export type Task = z.infer<typeof taskSchema>;

export const joinSchema = z.object({
  runId: z.string().max(100),
  publicKey: z.string().length(44),
  signature: signatureSchema.optional(),
});

const privacySchema = z.object({
  epsilon: z.number().min(0),
  delta: z.number().gt(0).lt(1),
  steps: z.number().int().min(0),
});

export const updateSchema = z
  .object({
    runId: z.string().max(100),
    round: z.number().int().min(0),
    attempt: z.number().int().min(0),
    kind: z.enum(['stats', 'train']),
    /** Secure aggregation: the masked fixed-point vector, little-endian uint64, base64. */
    masked: z.string().max(50_000_000).optional(),
    /** Without secure aggregation: the plain vector. */
    values: z.array(z.number()).max(5_000_000).optional(),
    /** Secure aggregation: this site's self-mask seed, one encrypted Shamir share per other participant. */
    shares: z.record(siteNameSchema, z.string().max(4000)).optional(),
    privacy: privacySchema.optional(),
    /** Whether the site verified every participant's signed masking key against its pinned identity keys. */
    keysVerified: z.boolean().optional(),
  })
  .refine((u) => (u.masked === undefined) !== (u.values === undefined), {
    message: 'send exactly one of masked and values',
  });
export type Update = z.infer<typeof updateSchema>;

export const refusalSchema = z.object({
  runId: z.string().max(100),
  round: z.number().int().min(0),
  attempt: z.number().int().min(0),
  reason: z.string().min(1).max(500),
  privacy: privacySchema.optional(),
});

export const revealSchema = z.object({
  runId: z.string().max(100),
  round: z.number().int().min(0),
  attempt: z.number().int().min(0),
  seeds: z.record(z.string(), z.string().length(44)),
  /** Decrypted shares of the survivors' self-mask seeds, by survivor. */
  selfShares: z.record(z.string(), z.string().max(4000)).optional(),
});
