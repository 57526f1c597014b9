import type { PrincipalRole } from '../../auth/roles.js';

/**
 * What one route admits and how its calls are audited. Declare it on the route (`config: { access: … }`, see
 * `AccessPolicy`) or, for routes that predate sign-in, in `ROUTE_ACCESS` below. A route with neither admits nobody
 * (403), and `src/server/auth/routes-walk.test.ts` fails naming it.
 */
export type AccessPolicy =
  | 'public'
  | {
      readonly roles: readonly PrincipalRole[];
      /** Audit action for every call (`case.read`); omitted for routes that touch no patient data. */
      readonly audit?: string;
      /** The audited resource type (default: the action's first part). */
      readonly resourceType?: string;
    };

/** Patient records: read and write. */
export const CLINICAL: readonly PrincipalRole[] = ['admin', 'clinician'];
/** Calculators on typed-in values and aggregate views: no stored patient record is read. */
export const CALCULATOR: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher'];
/** Descriptions of the system (engines, models, guidelines): every person signed in. */
export const ANY_PERSON: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher', 'auditor'];
/** Image upload: clinicians and devices (a modality or camera pushing frames). */
export const IMAGE_UPLOAD: readonly PrincipalRole[] = ['admin', 'clinician', 'device'];
/** CDS Hooks services: called by an EHR with its signed JWT, or by a clinician. */
export const CDS: readonly PrincipalRole[] = ['admin', 'clinician', 'cds-client'];
export const AUDITORS: readonly PrincipalRole[] = ['admin', 'auditor'];
export const ADMINS: readonly PrincipalRole[] = ['admin'];
export const SIGNED_IN: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher', 'auditor', 'device'];

const clinical = (audit: string, resourceType?: string): AccessPolicy => ({
  roles: CLINICAL,
  audit,
  ...(resourceType ? { resourceType } : {}),
});

/**
 * Routes that hold no secret at all: liveness, the API description, the web UI's static files (its sign-in shell),
 * and sign-in itself. Prefixes end with `/`.
 */
export const PUBLIC_PREFIXES = ['/docs', '/ui/'];

/** `METHOD url` (Fastify's route pattern) → policy, for the routes that were written before sign-in. */
export const ROUTE_ACCESS: Readonly<Record<string, AccessPolicy>> = {
  'GET /healthz': 'public',
  'GET /openapi.json': 'public',
  'GET /': 'public',

  'GET /v1/engines': { roles: ANY_PERSON },
  'GET /v1/cases': clinical('case.list'),
  'POST /v1/cases': clinical('case.create'),
  'GET /v1/cases/:id': clinical('case.read'),
  'PUT /v1/cases/:id': clinical('case.update'),
  'GET /v1/cases/:id/assessments': clinical('assessment.list', 'case'),
  'POST /v1/cases/:id/assessments': clinical('assessment.create', 'case'),
  'POST /v1/fhir/import': clinical('fhir.import', 'bundle'),
  'GET /v1/cases/:id/fhir': clinical('case.export', 'case'),
  'POST /v1/cases/from-note': clinical('case.create'),
  'POST /v1/cases/:id/notes': clinical('case.update'),
  'POST /v1/cases/:id/findings': clinical('case.update'),

  'GET /cds-services': { roles: [...CDS, 'researcher'] },
  'POST /cds-services/:id': { roles: CDS, audit: 'cds.call', resourceType: 'cds-service' },

  'POST /v1/diagnosis': { roles: CALCULATOR },
  'GET /v1/cases/:id/diagnosis': clinical('diagnosis.read', 'case'),
  'POST /v1/interviews': clinical('interview.create'),
  'POST /v1/interviews/:id/answers': clinical('interview.answer', 'interview'),
  'POST /v1/interviews/:id/undo': clinical('interview.answer', 'interview'),
  'GET /v1/interviews/:id': clinical('interview.read'),

  'POST /v1/forecasts': { roles: CALCULATOR },
  'GET /v1/forecasts': { roles: CALCULATOR },
  'GET /v1/forecasts/:id': { roles: CALCULATOR },
  'GET /v1/departments/:department/forecast': { roles: CALCULATOR },

  'POST /v1/intake': clinical('intake.run', 'text'),
  'POST /v1/intake/audio': clinical('intake.audio', 'audio'),
  'GET /v1/intake/stream': clinical('intake.stream', 'text'),

  'GET /v1/risk': { roles: ANY_PERSON },
  'GET /v1/risk/guidelines': { roles: ANY_PERSON },
  'POST /v1/risk/:model': { roles: CALCULATOR },
  'GET /v1/cases/:id/risk/:model/prefill': clinical('risk.prefill', 'case'),

  'GET /v1/vision/models': { roles: ANY_PERSON },
  'POST /v1/images/:id/analyses/:analysisId/review': clinical('image.review', 'image'),
  'POST /v1/images': { roles: IMAGE_UPLOAD, audit: 'image.create', resourceType: 'image' },
  'GET /v1/images/:id': clinical('image.read'),
  'GET /v1/images/:id/render.png': clinical('image.read'),
  'POST /v1/images/:id/analyses': clinical('image.analyse', 'image'),
  'GET /v1/images/:id/analyses/:analysisId/heatmap.png': clinical('image.read'),

  'POST /v1/triage': { roles: CALCULATOR },
  'GET /v1/cases/:id/triage': clinical('triage.read', 'case'),
};

/** Risk calculators are registered one route per model (`POST /v1/risk/curb65`): all alike. */
const PATTERNS: readonly [RegExp, AccessPolicy][] = [
  [/^POST \/v1\/risk\/[a-z0-9.-]+$/, { roles: CALCULATOR }],
];

/** The policy a route declares, by its config or by the table; undefined when it declares none. */
export function accessPolicyOf(
  method: string,
  url: string,
  declared?: AccessPolicy,
): AccessPolicy | undefined {
  if (declared) return declared;
  const verb = method === 'HEAD' ? 'GET' : method;
  if (
    PUBLIC_PREFIXES.some(
      (prefix) => url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
    )
  ) {
    return 'public';
  }
  const key = `${verb} ${url}`;
  return ROUTE_ACCESS[key] ?? PATTERNS.find(([pattern]) => pattern.test(key))?.[1];
}
