import type { FeaturePack } from './pack.js';
import { PACK_B } from './pack-b.js';

/** Every feature pack, in a fixed order (the build is deterministic). */
export const FEATURE_PACKS: readonly FeaturePack[] = [PACK_B];
