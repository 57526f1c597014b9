/**
 * Who may do what. Every HTTP route declares the roles it admits (`src/server/auth/route-roles.ts`); a route that
 * declares none admits nobody.
 *
 * - `admin`: everything, including accounts, tokens and the audit log.
 * - `clinician`: reads and writes patient records, runs engines on them.
 * - `researcher`: de-identified data and aggregate views only (engine lists, calculators on typed-in values,
 *   department forecasts); never a patient record.
 * - `auditor`: reads and verifies the audit log; no patient records.
 * - `device`: may only upload images (a modality or camera pushing frames).
 * - `site`: a federated-learning peer (a hospital's site or the coordinator): may only call the federated
 *   protocol's routes (model updates and aggregate statistics, never a patient record).
 */
export const ROLES = ['admin', 'clinician', 'researcher', 'auditor', 'device', 'site'] as const;
export type Role = (typeof ROLES)[number];

/** A CDS Hooks client (an EHR) authenticated by its signed JWT; not assignable to accounts or tokens. */
export const CDS_CLIENT_ROLE = 'cds-client' as const;
export type PrincipalRole = Role | typeof CDS_CLIENT_ROLE;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** How the caller proved who they are. */
export type AuthMethod = 'session' | 'api-token' | 'oidc' | 'cds-jwt' | 'setup';

/** The authenticated caller of one request. */
export interface Principal {
  /** Stable, human-readable id for the audit log: `user:alice`, `token:ward-scanner`, `oidc:<iss>#<sub>`, `cds:<iss>`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  readonly role: PrincipalRole;
  readonly method: AuthMethod;
  /** The local account behind a session, when there is one. */
  readonly userId?: string;
}
