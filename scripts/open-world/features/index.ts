import type { FeaturePack } from './pack.js';
import { PACK_A } from './pack-a.js';
import { PACK_B } from './pack-b.js';
import { PACK_C } from './pack-c.js';
import { PACK_D } from './pack-d.js';
import { PACK_E } from './pack-e.js';
import { PACK_F } from './pack-f.js';
import { PACK_G } from './pack-g.js';
import { PACK_H } from './pack-h.js';
import { PACK_I } from './pack-i.js';
import { PACK_J } from './pack-j.js';
import { PACK_K } from './pack-k.js';
import { PACK_L } from './pack-l.js';
import { PACK_M } from './pack-m.js';
import { PACK_N } from './pack-n.js';
import { PACK_O } from './pack-o.js';
import { PACK_P } from './pack-p.js';
import { PACK_Q } from './pack-q.js';
import { PACK_S } from './pack-s.js';
import { PACK_T } from './pack-t.js';

/** Every feature pack, in a fixed order (the build is deterministic). */
export const FEATURE_PACKS: readonly FeaturePack[] = [
  PACK_A,
  PACK_B,
  PACK_D,
  PACK_C,
  PACK_E,
  PACK_F,
  PACK_G,
  PACK_H,
  PACK_I,
  PACK_J,
  PACK_K,
  PACK_L,
  PACK_M,
  PACK_N,
  PACK_O,
  PACK_P,
  PACK_Q,
  PACK_S,
  PACK_T,
];
