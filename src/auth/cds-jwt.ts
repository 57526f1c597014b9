import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { HealthGptError } from '../engine/errors.js';
import { reason } from './oidc.js';
import { CDS_CLIENT_ROLE, type Principal } from './roles.js';

/** One EHR allowed to call the CDS services: its `iss` and the URL of its public keys. */
export interface CdsClientSettings {
  readonly issuer: string;
  readonly jwksUrl: string;
}

/** CDS Hooks 2.0 §Trusting CDS Clients: ES384 and RS384 must be supported; ES256 and RS256 are accepted too. */
export const CDS_JWT_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'RS256'];
/** The spec asks clients for `exp` at most 5 minutes ahead; tokens older than this are refused too. */
const MAX_TOKEN_AGE_S = 300;

/**
 * Verifies the JWT a CDS client (an EHR) sends in `Authorization: Bearer` as CDS Hooks 2.0 describes
 * (https://cds-hooks.hl7.org/2.0/#trusting-cds-clients): signed with a key from the allow-listed issuer's JWKS,
 * `aud` equal to the URL of the service called, `iss`, `exp`, `iat` and `jti` present; a `jti` is accepted once
 * (replays are refused until the token expires).
 */
export interface CdsJwtVerifier {
  /** Whether `token` claims an allow-listed issuer (cheap, unverified: decides which verifier to try). */
  claimsKnownIssuer(token: string): boolean;
  verify(token: string, audience: string): Promise<Principal>;
}

export function createCdsJwtVerifier(clients: readonly CdsClientSettings[]): CdsJwtVerifier {
  const keys = new Map<string, JWTVerifyGetKey>();
  const seen = new Map<string, number>();
  const keysOf = (client: CdsClientSettings) => {
    let set = keys.get(client.issuer);
    if (!set) {
      set = createRemoteJWKSet(new URL(client.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      keys.set(client.issuer, set);
    }
    return set;
  };
  const issuerOf = (token: string) => {
    try {
      const iss = decodeJwt(token).iss;
      return clients.find((c) => c.issuer === iss);
    } catch {
      return undefined;
    }
  };
  return {
    claimsKnownIssuer: (token) => issuerOf(token) !== undefined,
    async verify(token, audience) {
      const client = issuerOf(token);
      if (!client)
        throw new HealthGptError('unauthenticated', 'the CDS client JWT names an issuer not allowed here');
      let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
      try {
        ({ payload } = await jwtVerify(token, keysOf(client), {
          issuer: client.issuer,
          audience,
          algorithms: CDS_JWT_ALGORITHMS,
          requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
          maxTokenAge: MAX_TOKEN_AGE_S,
          clockTolerance: 30,
        }));
      } catch (error) {
        throw new HealthGptError('unauthenticated', `the CDS client JWT was refused: ${reason(error)}`, {
          cause: error,
        });
      }
      const now = Date.now() / 1000;
      for (const [key, exp] of seen) if (exp + 60 < now) seen.delete(key);
      const replayKey = `${client.issuer} ${String(payload.jti)}`;
      if (seen.has(replayKey)) {
        throw new HealthGptError(
          'unauthenticated',
          'the CDS client JWT was refused: its jti was already used',
        );
      }
      seen.set(replayKey, Number(payload.exp));
      const sub = typeof payload.sub === 'string' ? payload.sub.slice(0, 128) : client.issuer;
      return { id: `cds:${client.issuer}`, name: sub, role: CDS_CLIENT_ROLE, method: 'cds-jwt' };
    },
  };
}
