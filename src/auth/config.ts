import { HealthGptError } from '../engine/errors.js';
import { DEFAULT_SESSION_IDLE_MS, DEFAULT_SESSION_LIFETIME_MS } from './accounts.js';
import type { CdsClientSettings } from './cds-jwt.js';
import type { OidcSettings } from './oidc.js';
import { isRole, type Role } from './roles.js';
import { parseLifetime } from './tokens.js';

/** Sign-in settings, from the environment (see the README's configuration table). */
export interface AuthConfig {
  readonly oidc?: OidcSettings & {
    /** HealthGPT's client id at the provider: the audience its tokens must carry unless another is set. */
    readonly clientId: string;
    /** For the browser sign-in, when the provider registered HealthGPT as a confidential client. */
    readonly clientSecret?: string;
  };
  readonly cdsClients: readonly CdsClientSettings[];
  /** The server's public base URL (`https://cds.hospital.example`): CDS client JWTs must name `<it>/cds-services/<id>`. */
  readonly publicUrl?: string;
  readonly sessionLifetimeMs: number;
  /** A web session ends after this long without a request. */
  readonly sessionIdleMs: number;
  /** Requests per minute per principal (or per address when not signed in); 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** Sign-in attempts per minute per client address. */
  readonly signInPerMinute: number;
}

const positiveInteger = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw HealthGptError.invalid(`${name} must be a whole number ≥ 0, not '${value}'`);
  return n;
};

/** Parses `group=role,group2=role2`. */
function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const role = pair.slice(at + 1);
    if (at <= 0 || !isRole(role)) {
      throw HealthGptError.invalid(`HEALTHGPT_OIDC_ROLE_MAP: '${pair}' is not claim-value=role`);
    }
    map[pair.slice(0, at)] = role;
  }
  return map;
}

function parseCdsClients(text: string | undefined): CdsClientSettings[] {
  if (!text?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw HealthGptError.invalid(
      'HEALTHGPT_CDS_CLIENTS must be JSON: [{"issuer": "…", "jwksUrl": "https://…"}]',
    );
  }
  if (!Array.isArray(parsed)) throw HealthGptError.invalid('HEALTHGPT_CDS_CLIENTS must be a JSON array');
  return parsed.map((entry, i) => {
    const { issuer, jwksUrl } = (entry ?? {}) as Record<string, unknown>;
    if (typeof issuer !== 'string' || !issuer || typeof jwksUrl !== 'string' || !URL.canParse(jwksUrl)) {
      throw HealthGptError.invalid(`HEALTHGPT_CDS_CLIENTS[${i}] needs "issuer" and an absolute "jwksUrl"`);
    }
    return { issuer, jwksUrl };
  });
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const issuer = env.HEALTHGPT_OIDC_ISSUER?.trim();
  const clientId = env.HEALTHGPT_OIDC_CLIENT_ID?.trim();
  let oidc: AuthConfig['oidc'];
  if (issuer) {
    if (!clientId)
      throw HealthGptError.invalid('HEALTHGPT_OIDC_ISSUER is set: set HEALTHGPT_OIDC_CLIENT_ID too');
    const roleMap = env.HEALTHGPT_OIDC_ROLE_MAP?.trim();
    oidc = {
      issuer,
      clientId,
      audience: env.HEALTHGPT_OIDC_AUDIENCE?.trim() || clientId,
      ...(env.HEALTHGPT_OIDC_CLIENT_SECRET ? { clientSecret: env.HEALTHGPT_OIDC_CLIENT_SECRET } : {}),
      ...(env.HEALTHGPT_OIDC_JWKS_URL?.trim() ? { jwksUrl: env.HEALTHGPT_OIDC_JWKS_URL.trim() } : {}),
      ...(env.HEALTHGPT_OIDC_ROLE_CLAIM?.trim() ? { roleClaim: env.HEALTHGPT_OIDC_ROLE_CLAIM.trim() } : {}),
      ...(roleMap ? { roleMap: parseRoleMap(roleMap) } : {}),
    };
  }
  const publicUrl = env.HEALTHGPT_PUBLIC_URL?.trim().replace(/\/$/, '');
  if (publicUrl && !URL.canParse(publicUrl))
    throw HealthGptError.invalid('HEALTHGPT_PUBLIC_URL must be an absolute URL');
  return {
    ...(oidc ? { oidc } : {}),
    cdsClients: parseCdsClients(env.HEALTHGPT_CDS_CLIENTS),
    ...(publicUrl ? { publicUrl } : {}),
    sessionLifetimeMs: env.HEALTHGPT_SESSION_LIFETIME
      ? parseLifetime(env.HEALTHGPT_SESSION_LIFETIME)
      : DEFAULT_SESSION_LIFETIME_MS,
    sessionIdleMs: env.HEALTHGPT_SESSION_IDLE
      ? parseLifetime(env.HEALTHGPT_SESSION_IDLE)
      : DEFAULT_SESSION_IDLE_MS,
    rateLimitPerMinute: positiveInteger('HEALTHGPT_RATE_LIMIT', env.HEALTHGPT_RATE_LIMIT, 600),
    signInPerMinute: positiveInteger('HEALTHGPT_SIGN_IN_RATE_LIMIT', env.HEALTHGPT_SIGN_IN_RATE_LIMIT, 10),
  };
}
