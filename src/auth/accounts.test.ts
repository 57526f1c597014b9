import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.js';
import { createUser, resolveToken, revokeTokens, signIn, signOut } from './accounts.js';
import { hashPassword, verifyPassword } from './password.js';
import { hashToken, parseLifetime } from './tokens.js';

const FAST = { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltLength: 16 };
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

describe('passwords', () => {
  it('hashes with scrypt and its parameters, verifies, and refuses a wrong or malformed hash', async () => {
    const hash = await hashPassword(PASSWORD, FAST);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain')).toBe(false);
    expect(await verifyPassword(PASSWORD, hash.replace('$16384$', '$1073741824$'))).toBe(false);
    expect(await hashPassword(PASSWORD, FAST)).not.toBe(hash); // salted
  });
});

describe('sessions', () => {
  it('end after the idle period without requests, live on while used, and end at sign-out', async () => {
    const store = openSqliteStore(':memory:');
    await createUser(store, { name: 'alice', role: 'clinician', password: PASSWORD }, { scrypt: FAST });
    const session = await signIn(store, { name: 'alice', password: PASSWORD });
    if (!session) throw new Error('sign-in failed');
    const start = Date.parse(store.tokens.list({ kind: 'session' })[0]?.createdAt ?? '');
    const idle = 30 * MINUTE;
    expect(resolveToken(store, session.token, start + 20 * MINUTE, idle)?.id).toBe('user:alice');
    // Used at 20 minutes, so still live at 45 and at 70; idle from 70 to 101 ends it.
    expect(resolveToken(store, session.token, start + 45 * MINUTE, idle)?.role).toBe('clinician');
    expect(resolveToken(store, session.token, start + 70 * MINUTE, idle)).toBeDefined();
    expect(resolveToken(store, session.token, start + 101 * MINUTE, idle)).toBeUndefined();

    const other = await signIn(store, { name: 'alice', password: PASSWORD });
    if (!other) throw new Error('sign-in failed');
    expect(signOut(store, other.token)).toBe(true);
    expect(resolveToken(store, other.token)).toBeUndefined();
    store.close();
  });

  it('end at the absolute lifetime however busy, and when the account is disabled', async () => {
    const store = openSqliteStore(':memory:');
    const alice = await createUser(
      store,
      { name: 'alice', role: 'clinician', password: PASSWORD },
      { scrypt: FAST },
    );
    const session = await signIn(store, { name: 'alice', password: PASSWORD }, 60 * MINUTE);
    if (!session) throw new Error('sign-in failed');
    const start = Date.parse(session.expiresAt) - 60 * MINUTE;
    for (const at of [10, 20, 30, 40, 50, 59])
      expect(resolveToken(store, session.token, start + at * MINUTE)).toBeDefined();
    expect(resolveToken(store, session.token, start + 61 * MINUTE)).toBeUndefined();

    const again = await signIn(store, { name: 'alice', password: PASSWORD });
    store.users.disable(alice.id);
    expect(resolveToken(store, again?.token ?? '')).toBeUndefined();
    expect(await signIn(store, { name: 'alice', password: PASSWORD })).toBeUndefined();
    store.close();
  });
});

describe('API tokens', () => {
  it('are stored as SHA-256 only, revoke by name, and take lifetimes from 1m to 365d', () => {
    const store = openSqliteStore(':memory:');
    expect(revokeTokens(store, 'nothing')).toBe(0);
    expect(parseLifetime('30d')).toBe(30 * 24 * 60 * MINUTE);
    expect(parseLifetime('90m')).toBe(90 * MINUTE);
    for (const bad of ['0m', '366d', '1y', '', '30', '-1d'])
      expect(() => parseLifetime(bad)).toThrow(/lifetime/);
    expect(hashToken('hgpt_x')).toMatch(/^[0-9a-f]{64}$/);
    store.close();
  });
});
