import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import { importBundle } from '../fhir/import-bundle.js';
import { assessTriage } from './assess.js';
import { isActive, labelMatches, TriageFacts, vitalsFromObservations } from './facts.js';

const today = new Date('2026-01-01T00:00:00Z');
const loinc = (code: string, value: number, unit: string, effectiveDateTime?: string): Observation => ({
  code: { system: 'http://loinc.org', code },
  value: { value, unit },
  ...(effectiveDateTime ? { effectiveDateTime } : {}),
});
/** A finding as the FHIR importer writes a Condition. */
const condition = (code: string, label: string, onset?: string, status = 'active'): Finding => ({
  conceptId: `http://snomed.info/sct|${code}`,
  label,
  status: 'present',
  ...(onset ? { onset } : {}),
  source: { resourceType: 'Condition', coding: [{ system: 'http://snomed.info/sct', code }], status },
});
const rules = (r: { reasons: readonly { ruleId: string }[] }) => r.reasons.map((x) => x.ruleId);
const patient = { ageYears: 30, sex: 'male' as const };

describe('findings from a record: history is not a current complaint', () => {
  const visit = loinc('8867-4', 72, '/min', '2020-06-01T10:00:00Z');

  it('a Condition that began long before the record’s latest date is a long-standing diagnosis, not a seizure now', () => {
    const epilepsy = [
      condition('84757009', 'Epilepsy', '2007-06-04T05:28:45+00:00'),
      condition('128613002', 'Seizure disorder', '2007-06-04T05:28:45+00:00'),
    ];
    const r = assessTriage({ patient, findings: epilepsy, observations: [visit] });
    expect(rules(r)).not.toContain('red-flag.seizure');
    expect(r.level).not.toBe('emergency');
    // Still background for the rules that read risk factors.
    expect(
      new TriageFacts({ findings: epilepsy, observations: [visit] }).background(/seizure/i),
    ).toHaveLength(1);
    // A Condition recorded at this visit is current (a seizure; "Seizure disorder" names the diagnosis, not a fit).
    const now = [condition('91175000', 'Seizure', '2020-05-30T10:00:00Z')];
    expect(rules(assessTriage({ patient, findings: now, observations: [visit] }))).toContain(
      'red-flag.seizure',
    );
    // Findings the intake or a clinician wrote (no record source) are read as before, whatever their onset.
    const written: Finding = {
      conceptId: 'sx.seizure',
      label: 'Seizure',
      status: 'present',
      onset: '2007-06-04',
    };
    expect(isActive(written, Date.parse('2020-06-01'))).toBe(true);
  });

  it('ended Conditions, "History of …" situations, and the knowledge base’s history concepts', () => {
    const reference = Date.parse('2020-06-01T00:00:00Z');
    expect(isActive(condition('128613002', 'Seizure disorder', undefined, 'resolved'), reference)).toBe(
      false,
    );
    expect(isActive(condition('703151001', 'History of single seizure (situation)'), reference)).toBe(false);
    // `history.*` concepts are background the rules read by id: kept, whatever their onset.
    const hypertension: Finding = {
      ...condition('38341003', 'Hypertension', '2001-01-01T00:00:00Z'),
      conceptId: 'history.hypertension',
    };
    expect(isActive(hypertension, reference)).toBe(true);
  });

  it('a name that negates a feature does not match it ("Concussion with no loss of consciousness")', () => {
    const negated = [condition('62106007', 'Concussion with no loss of consciousness')];
    expect(rules(assessTriage({ patient, findings: negated }))).not.toContain('red-flag.syncope');
    const affirmed = [condition('62564004', 'Concussion with loss of consciousness')];
    expect(rules(assessTriage({ patient, findings: affirmed }))).toContain('red-flag.syncope');
    const syncope = /loss of consciousness/i;
    expect(labelMatches(syncope, 'Concussion with no loss of consciousness')).toBe(false);
    expect(labelMatches(syncope, 'Concussion without loss of consciousness')).toBe(false);
    expect(labelMatches(syncope, 'Head injury, no brief loss of consciousness')).toBe(false);
    expect(labelMatches(syncope, 'Concussion with loss of consciousness')).toBe(true);
    // A negation in another clause does not reach the match.
    expect(labelMatches(syncope, 'No vomiting; loss of consciousness')).toBe(true);
    expect(labelMatches(/fever/i, 'Rash without fever')).toBe(false);
    expect(labelMatches(/st elevation/i, 'Non-ST elevation myocardial infarction')).toBe(false);
    expect(labelMatches(/st elevation/i, 'ST elevation myocardial infarction')).toBe(true);
    // "Non-" negates the word it is joined to only: a non-blanching rash is a rash.
    expect(labelMatches(/rash/i, 'Non-blanching rash')).toBe(true);
    expect(labelMatches(/non.?blanching/i, 'Non-blanching rash')).toBe(true);
  });
});

describe('vital signs read from the record', () => {
  it('reads the oral, axillary, rectal and tympanic temperatures (LOINC 8331-1, 8328-7, 8332-9, 8333-7)', () => {
    for (const code of ['8310-5', '8331-1', '8328-7', '8332-9', '8333-7'])
      expect(vitalsFromObservations([loinc(code, 34.5, 'Cel')]).temperatureC, code).toBe(34.5);
    const r = assessTriage({ patient, findings: [], observations: [loinc('8331-1', 34.5, 'Cel')] });
    expect(r.level).toBe('urgent');
    expect(rules(r)).toContain('news2.single-parameter-3');
  });

  it('converts °F by its UCUM code or its written unit, and leaves out a unit it does not know', () => {
    for (const unit of ['[degF]', '°F', 'F', 'degF', 'deg F'])
      expect(vitalsFromObservations([loinc('8310-5', 101.3, unit)]).temperatureC, unit).toBeCloseTo(38.5, 6);
    for (const unit of ['Cel', '°C', 'C'])
      expect(vitalsFromObservations([loinc('8310-5', 38.5, unit)]).temperatureC).toBe(38.5);
    expect(vitalsFromObservations([loinc('8310-5', 311.6, 'K')]).temperatureC).toBeUndefined();
    // The latest temperature in a known unit.
    expect(
      vitalsFromObservations([
        loinc('8310-5', 37, 'Cel', '2024-01-01T00:00:00Z'),
        loinc('8310-5', 311.6, 'K', '2024-02-01T00:00:00Z'),
      ]).temperatureC,
    ).toBe(37);
  });

  it('a stored value outside what NEWS2 accepts is not read: never a 400 on a field the caller did not send', () => {
    const observations = [
      loinc('9279-1', 110, '/min'),
      loinc('8310-5', 15, 'Cel'),
      loinc('8867-4', 80, '/min'),
    ];
    expect(vitalsFromObservations(observations)).toEqual({ pulse: 80 });
    expect(() => assessTriage({ patient, findings: [], observations })).not.toThrow();
    // Vitals the caller sends are still checked.
    expect(() => assessTriage({ patient, findings: [], vitals: { respiratoryRate: 110 } })).toThrow(
      /respiratoryRate/,
    );
  });

  it('a °F temperature with no UCUM code, imported from FHIR, triages as °C (the audit’s bundle)', () => {
    const { case: c } = importBundle(
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { resource: { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1950-01-01' } },
          {
            resource: {
              resourceType: 'Observation',
              id: 't',
              status: 'final',
              code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] },
              effectiveDateTime: '2024-05-01T10:00:00Z',
              valueQuantity: { value: 101.3, unit: '°F', system: 'http://unitsofmeasure.org' },
            },
          },
        ],
      },
      { today },
    );
    const r = assessTriage({ patient: c.patient, findings: c.findings, observations: c.observations });
    expect(r.news2?.parameters.find((p) => p.parameter === 'temperature')?.value).toBeCloseTo(38.5, 6);
  });
});

describe('a deceased patient', () => {
  it('is named on the facts, for the rules to say triage is for a living patient', () => {
    const dead: Finding = {
      conceptId: 'http://snomed.info/sct|419099009',
      label: 'Deceased',
      status: 'present',
    };
    expect(new TriageFacts({ findings: [dead] }).deceased).toBe(dead);
    expect(new TriageFacts({ findings: [] }).deceased).toBeUndefined();
  });

  it('gets no triage: not assessed, with the reason, whatever the old findings say', () => {
    const dead: Finding = {
      conceptId: 'http://snomed.info/sct|419099009',
      label: 'Deceased',
      status: 'present',
    };
    const r = assessTriage({ findings: [dead, { conceptId: 'hematemesis', status: 'present' }] });
    expect(r.insufficient).toBe(true);
    expect(rules(r)).toEqual(['not-applicable.deceased']);
    expect(r.advice).toMatch(/^Not assessed/);
  });
});

describe('a seizure diagnosis is not a fit now', () => {
  it('"Seizure disorder" and "Epilepsy" by name do not fire the seizure red flag; a seizure now does', () => {
    const named = (label: string): Finding => ({
      conceptId: `http://snomed.info/sct|${label}`,
      label,
      status: 'present',
    });
    expect(rules(assessTriage({ findings: [named('Seizure disorder')] }))).not.toContain('red-flag.seizure');
    expect(rules(assessTriage({ findings: [named('Epilepsy')] }))).not.toContain('red-flag.seizure');
    expect(rules(assessTriage({ findings: [named('Seizure')] }))).toContain('red-flag.seizure');
  });
});

describeWithDataset('triage of the public Synthea R4 bundles', ['fhir', 'synthea_r4', 'bundles'], (dir) => {
  const triage = (prefix: string) => {
    const file = readdirSync(dir).find((f) => f.startsWith(prefix)) as string;
    const { case: c } = importBundle(JSON.parse(readFileSync(join(dir, file), 'utf8')), { today });
    return assessTriage({ patient: c.patient, findings: c.findings, observations: c.observations });
  };

  it('a long-standing epilepsy (onset 2007) is not "a seizure now" (Alberto_Atencio, Garrett_Thompson)', () => {
    for (const name of ['Alberto_Atencio_', 'Garrett_Thompson_']) {
      const r = triage(name);
      expect(rules(r), name).not.toContain('red-flag.seizure');
      expect(r.level, name).not.toBe('emergency');
    }
  });

  it('reads the oral temperature (8331-1) these records carry', () => {
    for (const name of ['Bill_Reinger_', 'Clarence_Mills_', 'Joie_Morissette_', 'Willy_Koepp_']) {
      const r = triage(name);
      expect(r.news2?.missing ?? [], name).not.toContain('temperature');
      expect(
        r.news2?.parameters.map((p) => p.parameter),
        name,
      ).toContain('temperature');
    }
  });
});
