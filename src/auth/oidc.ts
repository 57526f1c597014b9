import { createHash } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { HealthGptError } from '../engine/errors.js';
import { isRole, type Principal, type Role } from './roles.js';

/** How a hospital's OpenID Connect provider is trusted. */
export interface OidcSettings {
  /** The provider's issuer URL, exactly as in its tokens' `iss`. */
  readonly issuer: string;
  /** The audience HealthGPT's tokens carry (its client id at the provider). */
  readonly audience: string;
  /** The JWKS URL; when unset, `jwks_uri` from `<issuer>/.well-known/openid-configuration`. */
  readonly jwksUrl?: string;
  /** The claim holding the user's groups or roles: a name or a dotted path (`realm_access.roles`). Default `roles`. */
  readonly roleClaim?: string;
  /**
   * Claim value → HealthGPT role. Values that are already role names map to themselves unless the map is given.
   * When several roles match, the first of admin, clinician, auditor, researcher, device is taken.
   */
  readonly roleMap?: Readonly<Record<string, Role>>;
  /** Asymmetric algorithms accepted (never `none` or HMAC). */
  readonly algorithms?: readonly string[];
}

export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];
const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'clinician', 'auditor', 'researcher', 'device'];

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The HealthGPT role a token's claims map to, or undefined when none does. */
export function roleFromClaims(payload: JWTPayload, settings: OidcSettings): Role | undefined {
  const raw = claimAt(payload, settings.roleClaim ?? 'roles');
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const mapped = new Set<Role>();
  for (const value of values) {
    const role = settings.roleMap ? settings.roleMap[value] : isRole(value) ? value : undefined;
    if (role) mapped.add(role);
  }
  return ROLE_PRECEDENCE.find((role) => mapped.has(role));
}

/** Verifies OpenID Connect tokens (ID or JWT access tokens) from one issuer against its published keys. */
export interface OidcVerifier {
  readonly settings: OidcSettings;
  /**
   * The principal a token stands for; throws `unauthenticated` (bad token) or `forbidden` (no mapped role). For an
   * ID token from the browser sign-in, pass the client id as `audience` and the `nonce` the sign-in sent.
   */
  verify(token: string, options?: { audience?: string; nonce?: string }): Promise<Principal>;
  /** The provider's discovery document (authorization and token endpoints for the browser sign-in). */
  discovery(): Promise<OidcDiscovery>;
}

export interface OidcDiscovery {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly authorization_endpoint?: string;
  readonly token_endpoint?: string;
}

export function createOidcVerifier(settings: OidcSettings, fetchImpl: typeof fetch = fetch): OidcVerifier {
  let discovered: Promise<OidcDiscovery> | undefined;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discovery = () => {
    discovered ??= (async () => {
      const url = `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`OpenID discovery at ${url} answered ${response.status}`);
      const document = (await response.json()) as OidcDiscovery;
      if (document.issuer !== settings.issuer) {
        throw new Error(`OpenID discovery names issuer '${document.issuer}', expected '${settings.issuer}'`);
      }
      return document;
    })().catch((error) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
  const getKeys = () => {
    keys ??= (async () => {
      const jwksUrl = settings.jwksUrl ?? (await discovery()).jwks_uri;
      return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    })().catch((error) => {
      keys = undefined;
      throw error;
    });
    return keys;
  };
  return {
    settings,
    discovery,
    async verify(token, options = {}) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await getKeys(), {
          issuer: settings.issuer,
          audience: options.audience ?? settings.audience,
          algorithms: [...(settings.algorithms ?? OIDC_ALGORITHMS)],
          requiredClaims: ['sub', 'exp'],
          clockTolerance: 30,
        }));
      } catch (error) {
        throw new HealthGptError(
          'unauthenticated',
          `the OpenID Connect token was refused: ${reason(error)}`,
          {
            cause: error,
          },
        );
      }
      if (options.nonce !== undefined && payload.nonce !== options.nonce) {
        throw new HealthGptError(
          'unauthenticated',
          'the OpenID Connect ID token does not carry this sign-in’s nonce',
        );
      }
      const role = roleFromClaims(payload, settings);
      const name = oidcName(payload);
      if (!role) {
        throw new HealthGptError('forbidden', `the OpenID Connect user '${name}' has no HealthGPT role`);
      }
      return { id: `oidc:${name}`, name, role, method: 'oidc' };
    },
  };
}

/**
 * The name an OpenID Connect user goes by here (and in the audit log as `oidc:<name>`): `preferred_username`, else
 * `email`, else `sub`, the first that is 1–64 of `A-Z a-z 0-9 . _ @ -`; else `sub-` and 16 hex digits of its SHA-256.
 */
export function oidcName(payload: JWTPayload): string {
  for (const claim of ['preferred_username', 'email', 'sub']) {
    const value = payload[claim];
    if (typeof value === 'string' && /^[A-Za-z0-9._@-]{1,64}$/.test(value)) return value;
  }
  return `sub-${createHash('sha256').update(String(payload.sub)).digest('hex').slice(0, 16)}`;
}

/** A short, safe reason from a jose error (its code and message, never the token). */
export function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    return `${String((error as { code: unknown }).code)}: ${error instanceof Error ? error.message : ''}`.slice(
      0,
      200,
    );
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'invalid token';
}
