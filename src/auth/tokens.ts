import { createHash, randomBytes } from 'node:crypto';
import { HealthGptError } from '../engine/errors.js';

/** Prefix of every secret HealthGPT issues, so secret scanners and people can recognise one. */
export const TOKEN_PREFIX = 'hgpt_';

/** A new bearer secret: the prefix and 32 random bytes (256 bits) in base64url. Shown once; only its hash is kept. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What the store keeps of a token: its SHA-256 in hex. A fast hash is enough (no KDF) because the token has 256 bits
 * of entropy: there is nothing to guess.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of a HealthGPT token (cheap check before a database look-up). */
export function looksLikeToken(value: string): boolean {
  return /^hgpt_[A-Za-z0-9_-]{43}$/.test(value);
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest lifetime a token may have (365 days). */
export const MAX_TOKEN_LIFETIME_MS = 365 * UNIT_MS.d!;

/** Parses a lifetime such as `30d`, `12h` or `90m` into milliseconds (1 minute to 365 days). */
export function parseLifetime(text: string): number {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as string]! : Number.NaN;
  if (!(ms >= UNIT_MS.m! && ms <= MAX_TOKEN_LIFETIME_MS)) {
    throw HealthGptError.invalid(
      `'${text}' is not a lifetime: use a number and m, h or d (e.g. 30d), from 1m to 365d`,
      [{ field: '/expires', message: 'a number and m, h or d, from 1m to 365d' }],
    );
  }
  return ms;
}
