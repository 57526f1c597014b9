import { describe, expect, it } from 'vitest';
import {
  decodeFixed,
  decryptShare,
  encodeFixed,
  generateSiteKeys,
  maskUpdate,
  maskWithSelfMask,
  type Peer,
  removeSelfMasks,
  revealSeeds,
  shamirCombine,
  shamirSplit,
  sharedSecret,
  shareThreshold,
  unmaskSum,
} from './secure-agg.js';

const SITES = ['a', 'b', 'c', 'd'];
const keys = new Map(SITES.map((s) => [s, generateSiteKeys()]));
const peers: Peer[] = SITES.map((site) => ({ site, publicKey: keys.get(site)?.publicKey as string }));
const updates = new Map(SITES.map((s, i) => [s, [1.5 * (i + 1), -2.25, 1000 + i, 0.000_5 * i, -7e6]]));
const context = 'run-1/0/3/0';
const masked = new Map(
  SITES.map((s) => [s, maskUpdate(s, keys.get(s) as never, peers, context, updates.get(s) as number[])]),
);
const exactSum = (sites: readonly string[]) =>
  (updates.get('a') as number[]).map((_, j) =>
    sites.reduce((sum, s) => sum + (updates.get(s)?.[j] as number), 0),
  );

describe('pairwise-masked secure aggregation', () => {
  it('the sum of the masked updates is the sum of the updates (to the fixed-point step 2^-20)', () => {
    const sum = decodeFixed(unmaskSum(masked, [], new Map(), 5));
    exactSum(SITES).forEach((v, j) => {
      expect(sum[j]).toBeCloseTo(v, 5);
    });
    // Exact in the ring: the masked sum equals the sum of the encodings.
    const encodedSum = new BigUint64Array(5);
    for (const s of SITES)
      encodeFixed(updates.get(s) as number[]).forEach((v, j) => {
        encodedSum[j] = BigInt.asUintN(64, (encodedSum[j] as bigint) + v);
      });
    expect([...unmaskSum(masked, [], new Map(), 5)]).toEqual([...encodedSum]);
  });

  it("the coordinator's view of one update is not the update and looks uniform", () => {
    const one = masked.get('b') as BigUint64Array;
    const plain = encodeFixed(updates.get('b') as number[]);
    for (let j = 0; j < 5; j++) expect(one[j]).not.toBe(plain[j]);
    // Decoded as if plain, the masked values are nowhere near the update.
    decodeFixed(one).forEach((v, j) => {
      expect(Math.abs(v - (updates.get('b')?.[j] as number))).toBeGreaterThan(1e3);
    });
    // Bits of a long masked vector of zeros are balanced (uniform masks), unlike the zeros themselves.
    const long = maskUpdate('a', keys.get('a') as never, peers, context, new Array(4096).fill(0));
    let ones = 0;
    for (const v of long) for (let b = 0n; b < 64n; b++) ones += Number((v >> b) & 1n);
    const share = ones / (4096 * 64);
    expect(share).toBeGreaterThan(0.49);
    expect(share).toBeLessThan(0.51);
  });

  it('another round (context) gives other masks', () => {
    const again = maskUpdate('a', keys.get('a') as never, peers, 'run-1/0/4/0', updates.get('a') as number[]);
    expect([...again]).not.toEqual([...(masked.get('a') as BigUint64Array)]);
  });

  it("recovers the survivors' exact sum when a site drops out after masking", () => {
    const survivors = new Map([...masked].filter(([s]) => s !== 'c'));
    // Without recovery the sum is garbage.
    const garbage = decodeFixed(unmaskSum(survivors, [], new Map(), 5));
    expect(Math.abs((garbage[0] as number) - (exactSum(['a', 'b', 'd'])[0] as number))).toBeGreaterThan(1e3);
    const revealed = new Map(
      ['a', 'b', 'd'].map((s) => [s, revealSeeds(keys.get(s) as never, peers, ['c'], context)]),
    );
    const sum = decodeFixed(unmaskSum(survivors, ['c'], revealed, 5));
    exactSum(['a', 'b', 'd']).forEach((v, j) => {
      expect(sum[j]).toBeCloseTo(v, 5);
    });
    // A survivor that does not reveal blocks the unmasking.
    revealed.delete('d');
    expect(() => unmaskSum(survivors, ['c'], revealed, 5)).toThrow(/has not revealed/);
  });

  it('refuses to encode NaN, infinities and values that would wrap', () => {
    expect(() => encodeFixed([1, Number.NaN])).toThrow(/not a finite number/);
    expect(() => encodeFixed([Number.POSITIVE_INFINITY])).toThrow(/not a finite number/);
    expect(() => encodeFixed([1e14])).toThrow(/too large/);
  });
});

type SiteKeysOf = ReturnType<typeof generateSiteKeys>;

describe('self-masks (Shamir-shared seeds)', () => {
  it('any threshold of the shares rebuild the seed; fewer give something else', async () => {
    const { randomBytes } = await import('node:crypto');
    const seed = randomBytes(32);
    const shares = shamirSplit(seed, 5, 3);
    expect(shamirCombine([shares[0], shares[2], shares[4]] as never)).toEqual(seed);
    expect(shamirCombine([shares[3], shares[1], shares[0]] as never)).toEqual(seed);
    expect(shamirCombine([shares[0], shares[1]] as never)).not.toEqual(seed);
  });

  it('shares are readable only by their peer', () => {
    const a = keys.get('a') as never as Parameters<typeof maskWithSelfMask>[1];
    const { shares } = maskWithSelfMask('a', a, peers, context, [1, 2]);
    const bSecret = sharedSecret((keys.get('b') as typeof a).privateKey, a.publicKey);
    expect(JSON.parse(decryptShare(bSecret, `${context}/share`, shares.b as string))).toHaveProperty('y');
    const cSecret = sharedSecret((keys.get('c') as typeof a).privateKey, a.publicKey);
    expect(() => decryptShare(cSecret, `${context}/share`, shares.b as string)).toThrow();
  });

  it('the sum is exact once the self-masks are removed; pair seeds alone do not unmask one update', () => {
    const withSelf = new Map(
      SITES.map((s) => [
        s,
        maskWithSelfMask(s, keys.get(s) as never, peers, context, updates.get(s) as number[]),
      ]),
    );
    const open = (owner: string) =>
      Object.fromEntries(
        SITES.filter((s) => s !== owner).map((s) => {
          const secret = sharedSecret(
            (keys.get(owner) as SiteKeysOf).privateKey,
            keys.get(s)?.publicKey as string,
          );
          return [s, decryptShare(secret, `${context}/share`, withSelf.get(s)?.shares[owner] as string)];
        }),
      );
    const sum = unmaskSum(new Map([...withSelf].map(([s, v]) => [s, v.masked])), [], new Map(), 5);
    const revealed = new Map(SITES.map((s) => [s, open(s)]));
    removeSelfMasks(sum, SITES, revealed, shareThreshold(4));
    decodeFixed(sum).forEach((v, j) => {
      expect(v).toBeCloseTo(exactSum(SITES)[j] as number, 5);
    });
    // A coordinator claiming 'c' dropped gets every pair seed with 'c', yet c's update stays hidden by its self-mask.
    const cOnly = new Map([['c', withSelf.get('c')?.masked as BigUint64Array]]);
    const seeds = new Map(
      ['a', 'b', 'd'].map((s) => [s, revealSeeds(keys.get(s) as never, peers, ['c'], context)]),
    );
    // The pair masks of c with a, b, d are removed by their seeds (as if those three were the dropped ones).
    const pairOnly = unmaskSum(
      cOnly,
      ['a', 'b', 'd'],
      new Map([['c', Object.fromEntries(['a', 'b', 'd'].map((s) => [s, seeds.get(s)?.c as string]))]]),
      5,
    );
    decodeFixed(pairOnly).forEach((v, j) => {
      expect(Math.abs(v - (updates.get('c')?.[j] as number))).toBeGreaterThan(1e3);
    });
  });
});
