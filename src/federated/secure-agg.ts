import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { HealthGptError } from '../engine/errors.js';

/**
 * Secure aggregation by pairwise masking (Bonawitz et al., CCS 2017): every pair of sites
 * agrees a secret by X25519; for each round both expand it with HKDF-SHA256 into a mask over the ring of integers
 * mod 2^64. The lower-named site adds the mask, the higher subtracts it, so the masks cancel in the sum and the
 * coordinator learns only the sum of the updates. Values travel as fixed-point integers (`SCALE` = 2^20).
 *
 * Dropout recovery: when a site's masked update does not arrive, each surviving site reveals the round's pair seed
 * it shares with the dropped one (the HKDF output for that round only, never the X25519 secret), so the coordinator
 * can remove the dropped site's masks from the survivors' sum; the dropped site's late update is then refused. Each
 * site also adds a self-mask whose seed is Shamir-shared among the others (below).
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
  /** The site's identity signature over this key (identity.ts). */
  readonly signature?: string;
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

/*
 * Self-masks (the second mask of Bonawitz et al.): each site also adds PRG(b) for a fresh 32-byte seed b per round
 * and gives each other participant a Shamir share of b, encrypted to that peer. At the end of a round every survivor
 * reveals, for each other participant, either its share of that participant's b (it sent an update) or the pair seed
 * with it (it dropped) — never both, and only once per round. A coordinator that claims a site dropped after
 * receiving its update then still cannot remove that site's self-mask.
 */

/** The Mersenne prime 2^521 − 1: the field of the shares (a 256-bit seed fits). */
const P = (1n << 521n) - 1n;

const mod = (a: bigint) => ((a % P) + P) % P;

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

const toBig = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex') || '0'}`);
function toBytes(value: bigint, length: number): Buffer {
  const hex = value.toString(16).padStart(length * 2, '0');
  return Buffer.from(hex, 'hex');
}

/** Shamir shares of a 32-byte secret at x = 1…n, any `threshold` of which rebuild it. */
export function shamirSplit(secret: Buffer, n: number, threshold: number): { x: number; y: string }[] {
  if (threshold < 1 || threshold > n) throw new RangeError('threshold must be within 1…n');
  const coefficients = [toBig(secret)];
  for (let i = 1; i < threshold; i++) coefficients.push(mod(toBig(randomBytes(72))));
  return Array.from({ length: n }, (_, i) => {
    const x = BigInt(i + 1);
    let y = 0n;
    for (let k = coefficients.length - 1; k >= 0; k--) y = mod(y * x + (coefficients[k] as bigint));
    return { x: i + 1, y: y.toString(16) };
  });
}

/** The secret from `threshold` or more shares (Lagrange interpolation at 0). */
export function shamirCombine(shares: readonly { x: number; y: string }[]): Buffer {
  let secret = 0n;
  for (const [i, si] of shares.entries()) {
    let numerator = 1n;
    let denominator = 1n;
    for (const [j, sj] of shares.entries()) {
      if (i === j) continue;
      numerator = mod(numerator * BigInt(-sj.x));
      denominator = mod(denominator * BigInt(si.x - sj.x));
    }
    const lagrange = mod(numerator * modPow(denominator, P - 2n));
    secret = mod(secret + BigInt(`0x${si.y}`) * lagrange);
  }
  return toBytes(secret, 32);
}

/** AES-256-GCM with a key derived from the pair's shared secret for this round: a share only its peer can read. */
export function encryptShare(secret: Buffer, context: string, plaintext: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.from('healthgpt-secagg-share-v1'), context, 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptShare(secret: Buffer, context: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.from('healthgpt-secagg-share-v1'), context, 32));
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * Shares a round's self-mask seed needs to be rebuilt: half the other participants, rounded down, at least 1 — so a
 * round of four still closes with two survivors. The defence against a coordinator that lies about a dropout does
 * not rest on the threshold: removing a site's pair masks needs the seed from every other participant, and each
 * answers once per round with either its share or its seed for that site.
 */
export const shareThreshold = (participants: number) => Math.max(1, Math.floor((participants - 1) / 2));

/**
 * A site's masked update with a self-mask: the update + PRG(b) ± the pair masks, and for every other participant an
 * encrypted Shamir share of b (x = that participant's 1-based rank among the participants, sorted by name).
 */
export function maskWithSelfMask(
  site: string,
  keys: SiteKeys,
  peers: readonly Peer[],
  context: string,
  values: readonly number[],
): { masked: BigUint64Array; shares: Record<string, string> } {
  const masked = maskUpdate(site, keys, peers, context, values);
  const seed = randomBytes(32);
  addInto(masked, maskFromSeed(seed, values.length));
  const others = peers.filter((p) => p.site !== site);
  const split = shamirSplit(seed, others.length, shareThreshold(peers.length));
  const shares: Record<string, string> = {};
  others.forEach((peer, i) => {
    const share = split[i] as { x: number; y: string };
    shares[peer.site] = encryptShare(
      sharedSecret(keys.privateKey, peer.publicKey),
      `${context}/share`,
      JSON.stringify(share),
    );
  });
  return { masked, shares };
}

/** Removes the survivors' self-masks from a sum, rebuilding each seed from the revealed shares. */
export function removeSelfMasks(
  sum: BigUint64Array,
  survivors: readonly string[],
  revealedShares: ReadonlyMap<string, Readonly<Record<string, string>>>,
  threshold: number,
): void {
  for (const site of survivors) {
    const shares: { x: number; y: string }[] = [];
    for (const [, byOwner] of revealedShares) {
      const share = byOwner[site];
      if (share !== undefined) shares.push(JSON.parse(share) as { x: number; y: string });
    }
    if (shares.length < threshold)
      throw new HealthGptError(
        'precondition-failed',
        `only ${shares.length} share(s) of '${site}''s self-mask revealed, ${threshold} needed`,
      );
    addInto(sum, maskFromSeed(shamirCombine(shares.slice(0, threshold)), sum.length), -1);
  }
}
