import { existsSync } from 'node:fs';
import { type DdxplusPatient, readDdxplusPatients } from '../diagnosis/ddxplus/patients.js';
import type { DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { HealthGptError } from '../engine/errors.js';
import { checkDdxPatients } from './ddx-fairness.js';

/** Reads a DDXPlus patient CSV named on the command line, checked against the model (clear one-line errors). */
export function readPatientsFile(path: string, model: DdxLogisticModel, flag: string): DdxplusPatient[] {
  if (!existsSync(path)) throw new HealthGptError('not-found', `${flag} ${path}: no such file`);
  let patients: DdxplusPatient[];
  try {
    patients = readDdxplusPatients(path);
  } catch (error) {
    throw HealthGptError.invalid(`${flag} ${path}: ${(error as Error).message}`);
  }
  if (patients.length === 0) throw HealthGptError.invalid(`${flag} ${path}: no patients`);
  checkDdxPatients(model, patients, `${flag} ${path}`);
  return patients;
}
