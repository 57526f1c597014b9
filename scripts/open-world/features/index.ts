import type { FeaturePack } from './pack.js';

/** Every feature pack, in a fixed order (the build is deterministic). */
export const FEATURE_PACKS: readonly FeaturePack[] = [];
