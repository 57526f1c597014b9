import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HealthGptError, parseOrThrow } from '../engine/errors.js';
import { siteNameSchema } from './protocol.js';

/**
 * Site identity keys: the answer to secure aggregation's weakness against a coordinator that swaps the sites'
 * X25519 masking keys at join time (it could then open the masks and the self-mask shares). Each site has a
 * long-term Ed25519 key (made at its first start, kept in its state folder, mode 0600) and signs its masking key for
 * a run together with the run id and its site name. The trust anchor is not the coordinator: the hospitals'
 * administrators exchange their sites' identity public keys out of band (`healthgpt federated site
 * --export-identity`, then a trust file given with `--peer-keys`), as with TLS certificate pinning. A site checks
 * every participant's key against that file before it masks anything with it, and refuses the round otherwise.
 *
 * Masking keys are per run (each round's masks come from the run's pair secret, with the run, coordinator start,
 * round and attempt in the HKDF context), so the signed statement names the run: a signature from another run
 * (an old key of the same site) does not verify.
 */
export interface SiteIdentity {
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function rawPublicKey(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

export function generateIdentity(): SiteIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKey };
}

/** Where a site keeps its identity key in a state folder. */
export function identityFile(stateDir: string, site: string): string {
  return join(stateDir, 'federated', `identity-${site}.pem`);
}

/**
 * The site's identity key from its state folder, made (and stored with mode 0600) on first use. Refuses a key file
 * that others can read.
 */
export function loadOrCreateIdentity(
  stateDir: string,
  site: string,
): { identity: SiteIdentity; file: string; created: boolean } {
  parseOrThrow(siteNameSchema, site, 'the site name');
  const file = identityFile(stateDir, site);
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077)
      throw new HealthGptError(
        'precondition-failed',
        `${file}: the site identity key is readable by others (mode ${mode.toString(8)}); chmod 600 it`,
      );
    const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new HealthGptError('precondition-failed', `${file}: not an Ed25519 private key`);
    return {
      identity: { publicKey: rawPublicKey(createPublicKey(privateKey)), privateKey },
      file,
      created: false,
    };
  }
  const identity = generateIdentity();
  mkdirSync(join(stateDir, 'federated'), { recursive: true, mode: 0o700 });
  writeFileSync(file, identity.privateKey.export({ format: 'pem', type: 'pkcs8' }), {
    mode: 0o600,
    flag: 'wx',
  });
  chmodSync(file, 0o600);
  return { identity, file, created: true };
}

/** What a site signs: its masking key for one run, under its name. */
export interface KeyBundle {
  readonly runId: string;
  readonly site: string;
  readonly publicKey: string;
}

const statement = (b: KeyBundle) =>
  Buffer.from(`healthgpt-federated-masking-key/v1\nrun ${b.runId}\nsite ${b.site}\nkey ${b.publicKey}`);

export function signMaskingKey(identity: SiteIdentity, bundle: KeyBundle): string {
  return sign(null, statement(bundle), identity.privateKey).toString('base64');
}

export function verifyMaskingKey(identityPublicKey: string, bundle: KeyBundle, signature: string): boolean {
  const raw = Buffer.from(identityPublicKey, 'base64');
  const sig = Buffer.from(signature, 'base64');
  if (raw.length !== 32 || sig.length !== 64) return false;
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
  return verify(null, statement(bundle), key, sig);
}

/** Pinned identity keys: site name → Ed25519 public key (base64), exchanged by the administrators. */
export type PeerKeys = ReadonlyMap<string, string>;

const peerKeysSchema = z.record(
  siteNameSchema,
  z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 Ed25519 key'),
);

/**
 * Reads a trust file: a JSON object `{ "<site>": "<identity public key>", … }` — what each site's
 * `healthgpt federated site --export-identity` prints as `identityKey`, gathered by the administrators.
 */
export function readPeerKeys(file: string): PeerKeys {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw HealthGptError.invalid(`cannot read the trust file '${file}': ${(error as Error).message}`);
  }
  return new Map(Object.entries(parseOrThrow(peerKeysSchema, json, `the trust file '${file}'`)));
}

/**
 * Checks every participant's masking key against the pinned identity keys. Returns why the round must be refused,
 * or undefined when every key is signed by its site's pinned identity for this run (and this site's own entry is
 * its own key).
 */
export function checkParticipants(
  peerKeys: PeerKeys,
  self: { site: string; publicKey: string },
  runId: string,
  participants: readonly { site: string; publicKey: string; signature?: string | undefined }[],
): string | undefined {
  for (const p of participants) {
    if (p.site === self.site) {
      if (p.publicKey !== self.publicKey)
        return `the coordinator hands out a masking key for this site (${self.site}) that is not its own`;
      continue;
    }
    const pinned = peerKeys.get(p.site);
    if (!pinned) return `no pinned identity key for site '${p.site}' in the trust file`;
    if (!p.signature) return `the masking key of '${p.site}' is not signed`;
    if (!verifyMaskingKey(pinned, { runId, site: p.site, publicKey: p.publicKey }, p.signature))
      return `the signature on the masking key of '${p.site}' does not verify against its pinned identity key for run '${runId}'`;
  }
  return undefined;
}
