import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase, NewClinicalCase, StoredClinicalCase } from '../clinical/case.js';
import { assessmentSchema, clinicalCaseSchema } from '../clinical/schemas.js';
import { fieldErrorsFromZod, HealthGptError } from '../engine/errors.js';

/**
 * The checks every store applies to cases (issue 12, storage that cannot be poisoned): a case is validated against
 * the same schema the API answers with before it is written, so a stored case can always be served; a stored case
 * that fails to read (written by an older version, or edited by hand) is reported alone and never breaks a list.
 */

/** The version a stored case has (cases stored before versioning count as version 1). */
export const versionOf = (stored: { version?: number }): number => stored.version ?? 1;

/** A case about to be written, with its server-set fields; throws `unprocessable` with field errors when invalid. */
export function prepareCase(
  content: NewClinicalCase,
  meta: { id: string; createdAt: string; updatedAt: string; version: number },
): StoredClinicalCase {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    ...rest
  } = content as NewClinicalCase & Partial<Pick<ClinicalCase, 'id' | 'createdAt' | 'updatedAt'>>;
  const candidate: StoredClinicalCase = { ...rest, ...meta };
  const checked = clinicalCaseSchema.safeParse(candidate);
  if (!checked.success) {
    const fieldErrors = fieldErrorsFromZod(checked.error);
    throw HealthGptError.unprocessable(
      `the case cannot be stored: ${fieldErrors
        .slice(0, 5)
        .map((e) => `${e.field}: ${e.message}`)
        .join('; ')}${fieldErrors.length > 5 ? ` (and ${fieldErrors.length - 5} more)` : ''}`,
      fieldErrors,
      { title: 'Case would not be valid' },
    );
  }
  return candidate;
}

/** A stored case that cannot be read back: a server-side fault, reported for this case alone. */
export function unreadableCase(id: string, reason: string): HealthGptError {
  return new HealthGptError('internal', `stored case '${id}' cannot be read: ${reason}`, {
    title: 'Stored case unreadable',
    details: { id },
  });
}

/** Parses and checks one stored case; returns the case or why it cannot be read. */
export function readStoredCase(
  id: string,
  content: unknown,
): { ok: true; value: StoredClinicalCase } | { ok: false; reason: string } {
  let value: unknown = content;
  if (typeof content === 'string') {
    try {
      value = JSON.parse(content);
    } catch (error) {
      return { ok: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not a JSON object' };
  if ((value as { id?: unknown }).id !== id)
    return {
      ok: false,
      reason: `its content carries another id (${String((value as { id?: unknown }).id)})`,
    };
  const withVersion = { ...(value as ClinicalCase), version: versionOf(value as ClinicalCase) };
  const checked = clinicalCaseSchema.safeParse(withVersion);
  if (!checked.success) {
    const first = fieldErrorsFromZod(checked.error)[0];
    return { ok: false, reason: first ? `${first.field}: ${first.message}` : 'invalid' };
  }
  return { ok: true, value: withVersion };
}

/** Reads one case, throwing `unreadableCase` when it is stored but broken. */
export function readStoredCaseOrThrow(id: string, content: unknown): StoredClinicalCase {
  const read = readStoredCase(id, content);
  if (!read.ok) throw unreadableCase(id, read.reason);
  return read.value;
}

/** The `precondition-failed` error for a stale version. */
export function staleVersion(id: string, expected: number, current: number): HealthGptError {
  return new HealthGptError(
    'precondition-failed',
    `case '${id}' is at version ${current}, not ${expected}: it was changed since you read it; reload it and apply your change again`,
    { details: { currentVersion: current } },
  );
}

/** An assessment about to be stored, checked against the schema the API answers with (`unprocessable` if not). */
export function checkAssessment(assessment: Assessment): Assessment {
  const checked = assessmentSchema.safeParse(assessment);
  if (!checked.success) {
    const fieldErrors = fieldErrorsFromZod(checked.error);
    throw HealthGptError.unprocessable(
      `the assessment cannot be stored: ${fieldErrors
        .slice(0, 5)
        .map((e) => `${e.field}: ${e.message}`)
        .join('; ')}`,
      fieldErrors,
      { title: 'Assessment would not be valid' },
    );
  }
  return assessment;
}
