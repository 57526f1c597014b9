import { HealthGptError } from '../engine/errors.js';
import type { Store, TokenKind, TokenRecord, UserAccount } from '../store/store.js';
import {
  burnPasswordCheck,
  checkPasswordPolicy,
  hashPassword,
  type ScryptParameters,
  verifyPassword,
} from './password.js';
import { isRole, type Principal, ROLES, type Role } from './roles.js';
import { generateToken, hashToken, looksLikeToken } from './tokens.js';

/** Names of users and tokens: 1 to 64 of letters, digits and `. _ @ -` (they appear in the audit log). */
const NAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

/** Web sessions last 12 hours unless configured otherwise. */
export const DEFAULT_SESSION_LIFETIME_MS = 12 * 3_600_000;
/** …and end after 30 minutes without a request (OWASP ASVS 4.0.3 V3.3.2, level 2). */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
/** A session's last use is written at most this often (one write a minute, not one per request). */
const TOUCH_EVERY_MS = 60_000;
/** A first-run setup link works for one hour. */
export const SETUP_LINK_LIFETIME_MS = 3_600_000;

export function checkName(name: string, field = '/name'): void {
  if (!NAME_PATTERN.test(name)) {
    throw HealthGptError.invalid(
      `'${name.slice(0, 80)}' is not a valid name: 1 to 64 of A-Z a-z 0-9 . _ @ -`,
      [{ field, message: 'must be 1 to 64 of A-Z a-z 0-9 . _ @ -' }],
    );
  }
}

export function checkRole(role: string, field = '/role'): asserts role is Role {
  if (!isRole(role)) {
    throw HealthGptError.invalid(`unknown role '${role.slice(0, 40)}': one of ${ROLES.join(', ')}`, [
      { field, message: `must be one of ${ROLES.join(', ')}` },
    ]);
  }
}

/** Creates a local account; the password is checked against the policy and stored as an scrypt hash. */
export async function createUser(
  store: Store,
  user: { name: string; role: string; password: string },
  options: { actor?: string; scrypt?: ScryptParameters } = {},
): Promise<UserAccount> {
  checkName(user.name);
  checkRole(user.role);
  checkPasswordPolicy(user.password);
  const passwordHash = await hashPassword(user.password, options.scrypt);
  return store.transaction(() => {
    const account = store.users.create({ name: user.name, role: user.role as Role, passwordHash });
    store.audit.record({
      actor: options.actor ?? 'api',
      action: 'user.create',
      resourceType: 'user',
      resourceId: account.id,
      outcome: 'success',
    });
    return account;
  });
}

export interface IssuedToken {
  /** The secret: shown once, never stored. */
  readonly token: string;
  readonly record: TokenRecord;
}

/** Issues a bearer secret and stores only its SHA-256. */
export function issueToken(
  store: Store,
  spec: { kind: TokenKind; name: string; role: string; userId?: string; lifetimeMs: number; now?: number },
  options: { actor?: string } = {},
): IssuedToken {
  checkName(spec.name);
  checkRole(spec.role);
  const token = generateToken();
  const expiresAt = new Date((spec.now ?? Date.now()) + spec.lifetimeMs).toISOString();
  const record = store.transaction(() => {
    const created = store.tokens.create({
      tokenHash: hashToken(token),
      kind: spec.kind,
      name: spec.name,
      role: spec.role as Role,
      ...(spec.userId ? { userId: spec.userId } : {}),
      expiresAt,
    });
    if (spec.kind === 'api') {
      store.audit.record({
        actor: options.actor ?? 'api',
        action: 'token.create',
        resourceType: 'token',
        resourceId: created.id,
        outcome: 'success',
      });
    }
    return created;
  });
  return { token, record };
}

/** The live token record for a secret: unknown, revoked and expired tokens give undefined. */
function liveToken(store: Store, token: string, now: number): TokenRecord | undefined {
  if (!looksLikeToken(token)) return undefined;
  const record = store.tokens.findByHash(hashToken(token));
  if (!record || record.revokedAt || Date.parse(record.expiresAt) <= now) return undefined;
  return record;
}

/**
 * Who a bearer secret (API token or web session) stands for, or undefined when it is unknown, revoked, expired, idle
 * too long (sessions: `sessionIdleMs` since the last request), or its account is disabled. A session takes the
 * account's current role, so a role change applies at once.
 */
export function resolveToken(
  store: Store,
  token: string,
  now = Date.now(),
  sessionIdleMs = DEFAULT_SESSION_IDLE_MS,
): Principal | undefined {
  const record = liveToken(store, token, now);
  if (!record) return undefined;
  if (record.kind === 'session') {
    const lastUsed = Date.parse(record.lastUsedAt ?? record.createdAt);
    if (now - lastUsed > sessionIdleMs) return undefined;
    if (now - lastUsed >= TOUCH_EVERY_MS) store.tokens.touch(record.id, new Date(now).toISOString());
  }
  if (record.kind === 'api') {
    return { id: `token:${record.name}`, name: record.name, role: record.role, method: 'api-token' };
  }
  if (record.kind !== 'session') return undefined;
  if (!record.userId) {
    // A session opened by the hospital's single sign-on: the role was mapped at sign-in.
    return { id: `oidc:${record.name}`, name: record.name, role: record.role, method: 'session' };
  }
  const user = store.users.get(record.userId);
  if (!user || user.disabledAt) return undefined;
  return { id: `user:${user.name}`, name: user.name, role: user.role, method: 'session', userId: user.id };
}

/**
 * Checks a name and password and opens a web session. Unknown names take as long as wrong passwords. Every attempt is
 * audited.
 */
export async function signIn(
  store: Store,
  credentials: { name: string; password: string },
  lifetimeMs = DEFAULT_SESSION_LIFETIME_MS,
): Promise<{ token: string; principal: Principal; expiresAt: string } | undefined> {
  const user = NAME_PATTERN.test(credentials.name) ? store.users.findByName(credentials.name) : undefined;
  const matches = user ? await verifyPassword(credentials.password, user.passwordHash) : false;
  if (!user) await burnPasswordCheck(credentials.password);
  const actor = user ? `user:${user.name}` : 'anonymous';
  if (!user || !matches || user.disabledAt) {
    store.audit.record({ actor, action: 'session.create', resourceType: 'session', outcome: 'failure' });
    return undefined;
  }
  const issued = issueToken(store, {
    kind: 'session',
    name: user.name,
    role: user.role,
    userId: user.id,
    lifetimeMs,
  });
  store.audit.record({
    actor,
    role: user.role,
    action: 'session.create',
    resourceType: 'session',
    resourceId: issued.record.id,
    outcome: 'success',
  });
  return {
    token: issued.token,
    principal: { id: actor, name: user.name, role: user.role, method: 'session', userId: user.id },
    expiresAt: issued.record.expiresAt,
  };
}

/** Ends a web session (revokes it). */
export function signOut(store: Store, token: string): boolean {
  const record = liveToken(store, token, Date.now());
  return record?.kind === 'session' ? store.tokens.revoke(record.id) : false;
}

/** Revokes an API token by id or by name (every live token of that name); returns how many were revoked. */
export function revokeTokens(store: Store, idOrName: string, options: { actor?: string } = {}): number {
  const targets = store.tokens
    .list({ kind: 'api' })
    .filter((t) => !t.revokedAt && (t.id === idOrName || t.name === idOrName));
  return store.transaction(() => {
    let revoked = 0;
    for (const token of targets) {
      if (!store.tokens.revoke(token.id)) continue;
      revoked += 1;
      store.audit.record({
        actor: options.actor ?? 'api',
        action: 'token.revoke',
        resourceType: 'token',
        resourceId: token.id,
        outcome: 'success',
      });
    }
    return revoked;
  });
}

/**
 * The first-run setup secret: only while no account exists. Older unused setup secrets are revoked, so only the
 * newest printed link works. Returns undefined once an account exists.
 */
export function createSetupToken(store: Store, lifetimeMs = SETUP_LINK_LIFETIME_MS): string | undefined {
  if (store.users.count() > 0) return undefined;
  for (const old of store.tokens.list({ kind: 'setup' })) if (!old.revokedAt) store.tokens.revoke(old.id);
  return issueToken(store, { kind: 'setup', name: 'first-run', role: 'admin', lifetimeMs }).token;
}

/** Creates the first admin with a live setup secret, and spends the secret. */
export async function completeSetup(
  store: Store,
  setupToken: string,
  admin: { name: string; password: string },
  options: { scrypt?: ScryptParameters } = {},
): Promise<UserAccount> {
  const record = liveToken(store, setupToken, Date.now());
  if (record?.kind !== 'setup' || store.users.count() > 0) {
    throw new HealthGptError('unauthenticated', 'the setup link is unknown, used or expired');
  }
  checkName(admin.name);
  checkPasswordPolicy(admin.password);
  const passwordHash = await hashPassword(admin.password, options.scrypt);
  return store.transaction(() => {
    if (!store.tokens.revoke(record.id) || store.users.count() > 0) {
      throw new HealthGptError('conflict', 'the setup link has just been used');
    }
    const account = store.users.create({ name: admin.name, role: 'admin', passwordHash });
    store.audit.record({
      actor: `user:${account.name}`,
      role: 'admin',
      action: 'user.create',
      resourceType: 'user',
      resourceId: account.id,
      outcome: 'success',
    });
    return account;
  });
}
