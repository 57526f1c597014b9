import { z } from 'zod';

export const auditItemSchema = z.object({
  correct: z.boolean(),
  attributes: z.record(z.string().max(100), z.string().max(100)),
  confidence: z.number().min(0).max(1).optional(),
  mustNotMissHit: z.boolean().optional(),
});

export const auditItemsRequestSchema = z.object({
  items: z.array(auditItemSchema).min(1).max(200_000),
  attributes: z.array(z.string().max(100)).max(20).optional(),
  alpha: z.number().gt(0).lt(1).optional(),
});
