import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge/index.js';
import { createIntakeProcessor } from './default.js';
import { diagnosisFindings } from './pipeline.js';

/**
 * Regression tests for the knowledge-base synonym fixes: each phrase, read by the intake over the project's
 * knowledge base, gives the expected concepts (concept id, value, status, temporality, experiencer) and no others.
 */
const processor = createIntakeProcessor({ referenceDate: '2026-11-25' });

function read(text: string): string[] {
  return processor
    .process(text)
    .findings.map(
      (f) =>
        `${f.conceptId}${f.value === undefined ? '' : `=${String(f.value)}`} ${f.status} ${f.temporality} ${f.experiencer}`,
    );
}

describe('knowledge-base synonym fixes', () => {
  const cases: readonly (readonly [string, string, readonly string[]])[] = [
    ['bare "discharge" is not vaginal discharge', 'Green nasal discharge for a week.', []],
    [
      '"vaginal discharge" still is',
      'Vaginal discharge for 3 days.',
      ['vaginal-discharge present recent patient'],
    ],
    ['"hay fever" is atopy, not fever', 'PMH: hay fever.', ['history.atopy present historical patient']],
    ['"RA" is room air, not rheumatoid arthritis', 'Sats 95% RA. RA noted on the chart.', []],
    [
      'rheumatoid arthritis written out',
      'PMH: rheumatoid arthritis.',
      ['history.rheumatoid-arthritis present historical patient'],
    ],
    ['"NS" is normal saline, not night sweats', 'Given 1 L NS. NS running.', []],
    ['"HTN" names one concept', 'PMH: HTN.', ['history.hypertension present historical patient']],
    ['"COPD" is COPD, not severe COPD', 'Known COPD.', ['history.copd present historical patient']],
    ['"severe COPD" is severe COPD', 'He has severe COPD.', ['history.copd-severe present recent patient']],
    [
      '"weight loss" names one concept',
      'Weight loss over 3 months.',
      ['weight-loss.unintentional present recent patient'],
    ],
    ['"temperature" is a measurement, not fever', 'Temperature 37.0. Temp checked.', []],
    ['"pack-years" is smoking quantity, not a finding', '20 pack-years. 20 PY.', []],
    [
      'chest pain is pain in the chest',
      'Chest pain since this morning.',
      ['pain present recent patient', 'pain.location=upper-chest present recent patient'],
    ],
    [
      '"feeding poorly" is decreased appetite',
      'Baby feeding poorly.',
      ['appetite.decreased present recent patient'],
    ],
    [
      '"after knee surgery" is recent surgery',
      'Calf swelling after knee surgery.',
      ['swelling present recent patient', 'history.recent-surgery present recent patient'],
    ],
    [
      '"lost sense of smell" is anosmia',
      'She has lost her sense of smell.',
      ['anosmia present recent patient'],
    ],
    [
      '"after a cold" is a recent cold',
      'Hoarse after a cold.',
      ['history.recent-cold present recent patient'],
    ],
    [
      '"heart feels irregular" is an irregular heartbeat',
      'Says her heart feels irregular.',
      ['heartbeat.irregular present recent patient'],
    ],
    // DDXPlus has no meningism evidence; "stiff neck" is its torticollis (acute dystonia). Neck stiffness stays
    // unmapped rather than be read as torticollis.
    ['"neck stiffness" maps to no DDXPlus concept', 'Neck stiffness.', []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      expect(read(text)).toEqual(expected);
    });
  }
});

describe("a relative's condition as family history", () => {
  it('maps a relative with a knowledge-base family concept to it, experiencer other', () => {
    expect(read('Sister has asthma.')).toEqual(['family.asthma present historical other']);
    expect(read('FH: hay fever.')).toEqual(['family.atopy present historical other']);
    expect(read('Father had lung cancer.')).toEqual(['family.lung-cancer present historical other']);
    expect(read('Mother had pancreatic cancer.')).toEqual([
      'family.pancreatic-cancer present historical other',
    ]);
    expect(read('FH: brother with a collapsed lung.')).toEqual([
      'family.pneumothorax present historical other',
    ]);
  });

  it('keeps the patient-history concept for the patient and for people who are not relatives', () => {
    expect(read('PMH: asthma.')).toEqual(['history.asthma present historical patient']);
    expect(read('Lung cancer diagnosed last year.')).toEqual([
      'history.active-cancer present recent patient',
    ]);
    expect(read('Wife has asthma.')).toEqual(['history.asthma present recent other']);
    // No family concept in the knowledge base: the patient-history concept with experiencer other, as before.
    expect(read('Father has diabetes.')).toEqual(['history.diabetes present historical other']);
  });

  it('reads a denied family history as the family concept absent', () => {
    expect(read('No family history of asthma.')).toEqual(['family.asthma absent historical other']);
  });

  it('passes family concepts to the diagnosis engine as the patient antecedent', () => {
    const findings = diagnosisFindings(
      processor.process('Sister has asthma. Father has diabetes. Wife has a cough.'),
    );
    expect(findings.map((f) => [f.conceptId, f.status, f.experiencer])).toEqual([
      ['family.asthma', 'present', 'patient'],
    ]);
  });

  it('every family concept link of the knowledge base reaches a lexicon phrase', () => {
    const kb = loadKnowledgeBase();
    const linked = kb.concepts.filter((c) => c.familyHistoryOf);
    expect(linked.map((c) => c.id).sort()).toEqual([
      'family.anemia',
      'family.asthma',
      'family.atopy',
      'family.pneumothorax',
    ]);
    for (const family of linked) {
      for (const historyId of family.familyHistoryOf ?? []) {
        const history = kb.concept(historyId)!;
        expect(read(`FH: ${history.synonyms[0]}.`), historyId).toEqual([
          `${family.id} present historical other`,
        ]);
      }
    }
  });
});
