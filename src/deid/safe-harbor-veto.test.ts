import { describe, expect, it } from 'vitest';
import { broaderThanSafeHarbor, type Decision, detectPhi } from './detect.js';
import { tokenize } from './tokens.js';
import type { PhiCategory } from './types.js';

// Hand-written sentences (no text from any data set). `marked` lists the words a layer took, with its category.
function veto(text: string, marked: Record<string, PhiCategory>, patterns: Record<string, PhiCategory> = {}) {
  const tokens = tokenize(text);
  const decided: (Decision | undefined)[] = tokens.map((t) =>
    marked[t.text]
      ? { category: marked[t.text]!, source: 'model', rule: 'model.perceptron', score: 0.6 }
      : undefined,
  );
  broaderThanSafeHarbor(
    tokens,
    decided,
    tokens.map((t) => patterns[t.text]),
  );
  return tokens.filter((_, i) => decided[i]).map((t) => t.text);
}

describe('decisions broader than Safe Harbor', () => {
  it('takes back a state or a country standing alone, whatever class the model gave it', () => {
    expect(veto('His family is moving from Florida. Staying with brother.', { Florida: 'location' })).toEqual(
      [],
    );
    expect(
      veto('Has 3 children in new hampshire and maine, divorced.', { hampshire: 'name', maine: 'name' }),
    ).toEqual([]);
    expect(veto('LIST OF NURSING HOMES IN RI (WHERE PT FROM).', { RI: 'date' })).toEqual([]);
    expect(veto('Daughter here from ENGLAND to visit.', { ENGLAND: 'location' })).toEqual([]);
    expect(veto('Son flew in from South Africa today.', { South: 'location', Africa: 'location' })).toEqual(
      [],
    );
  });

  it('keeps a state beside another identifier, inside an institution, as a first name, and DC', () => {
    expect(veto('Lives in Quennivar, MD with wife.', { Quennivar: 'location', MD: 'location' })).toEqual([
      'Quennivar',
      'MD',
    ]);
    expect(veto('Prefers rehab at Maryland Rehab.', { Maryland: 'location' })).toEqual(['Maryland']);
    expect(veto('Transferred from Washington Adventist Hosp by air.', { Washington: 'location' })).toEqual([
      'Washington',
    ]);
    expect(veto('Insulin per U Maryland scale.', { Maryland: 'location' })).toEqual(['Maryland']);
    expect(veto('IV nurse Virginia called back.', { Virginia: 'name' })).toEqual(['Virginia']);
    expect(veto('Health care proxy lives in DC.', { DC: 'location' })).toEqual(['DC']);
  });

  it('takes back a month name with no day or year near it, and keeps a dated or named one', () => {
    expect(veto('He thought that it was July. Slept well.', { July: 'name' })).toEqual([]);
    expect(veto('Could state the month of "April." Given trazodone.', { April: 'date' })).toEqual([]);
    expect(veto('Stent placed on July 2nd with no problem.', { July: 'date' })).toEqual(['July']);
    expect(veto('Seen in nov. 2016 for retention.', { nov: 'date' }, { '2016': 'date' })).toEqual(['nov']);
    expect(veto('Daughter April visited this evening.', { April: 'name' })).toEqual(['April']);
    expect(veto('Spoke with April Quennivar at length.', { April: 'name', Quennivar: 'name' })).toEqual([
      'April',
      'Quennivar',
    ]);
  });

  it('applies in detectPhi: a place rule on a country alone no longer removes it', () => {
    const spans = detectPhi('DAUGHTER HERE FROM ENGLAND- VERY INVOLVED.', { model: null });
    expect(spans.map((s) => s.text)).not.toContain('ENGLAND');
  });
});
