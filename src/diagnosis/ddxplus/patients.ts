import { readFileSync } from 'node:fs';
import { parseCsv } from './csv.js';
import { parseStringList, parseWeightedList } from './python-literal.js';

/**
 * One synthetic DDXPlus patient (Fansi Tchango et al., NeurIPS 2022, https://arxiv.org/abs/2205.09148, App. A.8.1):
 * `EVIDENCES` lists the evidences the patient has (`E_48` binary, `E_54_@_V_161` a value of a categorical or
 * multi-choice evidence, `E_56_@_4` a 0–10 scale); everything not listed is absent / at its default value.
 */
export interface DdxplusPatient {
  readonly ageYears: number;
  readonly sex: 'M' | 'F';
  /** The simulated pathology (DDXPlus English condition name, e.g. `URTI`). */
  readonly pathology: string;
  readonly evidences: readonly string[];
  readonly initialEvidence: string;
  /** The ground-truth differential: [condition name, probability] pairs summing to 1. */
  readonly differential: readonly (readonly [string, number])[];
}

const REQUIRED_COLUMNS = [
  'AGE',
  'DIFFERENTIAL_DIAGNOSIS',
  'SEX',
  'PATHOLOGY',
  'EVIDENCES',
  'INITIAL_EVIDENCE',
];

/** Parses a DDXPlus patient CSV (header `AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE`). */
export function parseDdxplusPatients(text: string): DdxplusPatient[] {
  const { header, rows } = parseCsv(text);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`DDXPlus CSV: missing column(s) ${missing.join(', ')}`);
  return rows.map((row, index) => {
    const line = index + 2;
    // An empty cell is no age (`Number('')` would read it as 0).
    const ageYears = row.AGE?.trim() ? Number(row.AGE) : Number.NaN;
    if (!Number.isFinite(ageYears) || ageYears < 0 || ageYears > 120) {
      throw new Error(`DDXPlus CSV line ${line}: AGE '${row.AGE}' is not an age in years`);
    }
    const sex = row.SEX;
    if (sex !== 'M' && sex !== 'F') throw new Error(`DDXPlus CSV line ${line}: SEX '${sex}' is not M or F`);
    try {
      return {
        ageYears,
        sex,
        pathology: row.PATHOLOGY!,
        evidences: parseStringList(row.EVIDENCES!),
        initialEvidence: row.INITIAL_EVIDENCE!,
        differential: parseWeightedList(row.DIFFERENTIAL_DIAGNOSIS!),
      };
    } catch (error) {
      throw new Error(`DDXPlus CSV line ${line}: ${(error as Error).message}`);
    }
  });
}

/** Reads a DDXPlus patient CSV file. */
export function readDdxplusPatients(path: string): DdxplusPatient[] {
  return parseDdxplusPatients(readFileSync(path, 'utf8'));
}

/** Splits `E_54_@_V_161` into evidence `E_54` and value `V_161` (value undefined for binary evidences). */
export function splitEvidence(token: string): { code: string; value?: string } {
  const at = token.indexOf('_@_');
  return at < 0 ? { code: token } : { code: token.slice(0, at), value: token.slice(at + 3) };
}
