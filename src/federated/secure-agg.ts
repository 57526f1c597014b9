import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import { HealthGptError } from '../engine/errors.js';

/**
 * Secure aggregation by pairwise masking (Bonawitz et al., CCS 2017, without the self-mask): every pair of sites
 * agrees a secret by X25519; for each round both expand it with HKDF-SHA256 into a mask over the ring of integers
 * mod 2^64. The lower-named site adds the mask, the higher subtracts it, so the masks cancel in the sum and the
 * coordinator learns only the sum of the updates. Values travel as fixed-point integers (`SCALE` = 2^20).
 *
 * Dropout recovery: when a site's masked update does not arrive, each surviving site reveals the round's pair seed
 * it shares with the dropped one (the HKDF output for that round only, never the X25519 secret), so the coordinator
 * can remove the dropped site's masks from the survivors' sum; the dropped site's late update is then refused.
 */
export const RING_BITS = 64n;
const MOD = 1n << RING_BITS;
const HALF = 1n << (RING_BITS - 1n);
export const SCALE_BITS = 20;
const SCALE = 2 ** SCALE_BITS;
/** The largest magnitude a fixed-point value can hold without wrapping (2^43 ≈ 8.8e12). */
export const MAX_ABS = 2 ** (63 - SCALE_BITS);

export interface SiteKeys {
  readonly publicKey: string; // base64 raw 32-byte X25519 key
  readonly privateKey: KeyObject;
}

export function generateSiteKeys(): SiteKeys {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKey: der.subarray(der.length - 32).toString('base64'), privateKey };
}

const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function publicKeyFrom(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw HealthGptError.invalid('an X25519 public key is 32 bytes (base64)');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Round-independent shared secret of two sites (X25519). */
export function sharedSecret(own: KeyObject, peerPublicKey: string): Buffer {
  return diffieHellman({ privateKey: own, publicKey: publicKeyFrom(peerPublicKey) });
}

/** The pair seed of one round: HKDF of the shared secret bound to run, round, attempt and phase. */
export function pairSeed(secret: Buffer, context: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from('healthgpt-secagg-v1'), context, 32));
}

/** Expands a 32-byte seed into `length` ring elements. */
export function maskFromSeed(seed: Buffer, length: number): BigUint64Array {
  const bytes = 8 * length;
  const out = Buffer.alloc(bytes);
  // HKDF-Expand caps one call at 255 × 32 bytes: expand in blocks, each with its own info.
  const block = 255 * 32;
  for (let offset = 0, i = 0; offset < bytes; offset += block, i++) {
    const size = Math.min(block, bytes - offset);
    Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), `mask-${i}`, size)).copy(out, offset);
  }
  return new BigUint64Array(out.buffer, out.byteOffset, length);
}

/** Fixed-point encoding of finite numbers into the ring; refuses NaN, infinities and values that would wrap. */
export function encodeFixed(values: readonly number[]): BigUint64Array {
  const out = new BigUint64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw HealthGptError.invalid(`value ${i} is not a finite number`);
    if (Math.abs(v) >= MAX_ABS) throw HealthGptError.invalid(`value ${i} is too large for the ring`);
    out[i] = BigInt.asUintN(64, BigInt(Math.round(v * SCALE)));
  }
  return out;
}

export function decodeFixed(values: BigUint64Array): number[] {
  return Array.from(values, (v) => Number(v >= HALF ? v - MOD : v) / SCALE);
}

export function addInto(target: BigUint64Array, other: BigUint64Array, sign: 1 | -1 = 1): void {
  if (target.length !== other.length) throw HealthGptError.invalid('vectors differ in length');
  for (let i = 0; i < target.length; i++)
    target[i] = BigInt.asUintN(
      64,
      sign === 1
        ? (target[i] as bigint) + (other[i] as bigint)
        : (target[i] as bigint) - (other[i] as bigint),
    );
}

export interface Peer {
  readonly site: string;
  readonly publicKey: string;
}

/** The sign with which `self` applies the mask it shares with `peer` (+1 for the lower name). */
export const maskSign = (self: string, peer: string): 1 | -1 => (self < peer ? 1 : -1);

/** Masks a site's update for one round: the update plus ± the pair masks with every other participant. */
export function maskUpdate(
  site: string,
  keys: SiteKeys,
  peers: readonly Peer[],
  context: string,
  values: readonly number[],
): BigUint64Array {
  const masked = encodeFixed(values);
  for (const peer of peers) {
    if (peer.site === site) continue;
    const seed = pairSeed(sharedSecret(keys.privateKey, peer.publicKey), context);
    addInto(masked, maskFromSeed(seed, values.length), maskSign(site, peer.site));
  }
  return masked;
}

/** The seeds a surviving site reveals for its pairs with the dropped sites, for this round only. */
export function revealSeeds(
  keys: SiteKeys,
  peers: readonly Peer[],
  dropped: readonly string[],
  context: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const peer of peers) {
    if (!dropped.includes(peer.site)) continue;
    out[peer.site] = pairSeed(sharedSecret(keys.privateKey, peer.publicKey), context).toString('base64');
  }
  return out;
}

/**
 * The coordinator's sum of the survivors' masked updates with the masks they share with dropped sites removed:
 * `revealed[survivor][dropped]` is the pair seed.
 */
export function unmaskSum(
  maskedBySite: ReadonlyMap<string, BigUint64Array>,
  dropped: readonly string[],
  revealed: ReadonlyMap<string, Readonly<Record<string, string>>>,
  length: number,
): BigUint64Array {
  const sum = new BigUint64Array(length);
  for (const vector of maskedBySite.values()) addInto(sum, vector);
  for (const [survivor] of maskedBySite) {
    for (const gone of dropped) {
      const seed = revealed.get(survivor)?.[gone];
      if (seed === undefined)
        throw new HealthGptError(
          'precondition-failed',
          `site '${survivor}' has not revealed its seed with '${gone}'`,
        );
      const mask = maskFromSeed(Buffer.from(seed, 'base64'), length);
      // The survivor added sign×mask; remove it.
      addInto(sum, mask, maskSign(survivor, gone) === 1 ? -1 : 1);
    }
  }
  return sum;
}

export const vectorToBase64 = (v: BigUint64Array): string =>
  Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

export function vectorFromBase64(text: string, length: number): BigUint64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 8 * length)
    throw HealthGptError.invalid(`the update holds ${bytes.length / 8} values, the model has ${length}`);
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new BigUint64Array(copy.buffer);
}
