import { describe, expect, it } from 'vitest';
import type { OpenWorldCondition, OpenWorldFinding, OpenWorldKnowledge } from '../../knowledge/open-world.js';
import { DEFAULT_OPEN_WORLD_PARAMS, OpenWorldModel, openWorldEvidence } from './model.js';

const finding = (id: string, kind: OpenWorldFinding['kind'] = 'symptom'): OpenWorldFinding => ({
  id,
  label: id,
  kind,
  phrases: [id],
  sources: ['test'],
});
const condition = (id: string, findings: Record<string, number>): OpenWorldCondition => ({
  id,
  label: id,
  icd10: 'R69',
  icd10Source: 'test',
  severity: 3,
  mustNotMiss: false,
  logPrior: 0,
  priorSource: 'test',
  ageOdds: [1, 1, 1, 1, 1, 1, 1, 1],
  sexOdds: { male: 1, female: 1 },
  findings: Object.entries(findings).map(([f, p]) => ({ finding: f, p, sources: ['test'] })),
});
function knowledgeOf(findings: OpenWorldFinding[], conditions: OpenWorldCondition[]): OpenWorldKnowledge {
  return {
    version: 'test',
    sources: {},
    ageBands: [],
    findings,
    conditions,
    finding: (id) => findings.find((f) => f.id === id),
    condition: (id) => conditions.find((c) => c.id === id),
  };
}

const knowledge = knowledgeOf(
  [
    finding('sx.cough'),
    finding('sx.fever'),
    finding('sx.stridor'),
    finding('sx.coughing-up-sputum'),
    finding('sx.pus-in-sputum'),
    finding('sign.smoker', 'history'),
  ],
  [
    condition('smokers-disease', { 'sx.cough': 0.8, 'sign.smoker': 0.8, 'sx.fever': 0.3 }),
    condition('infection', { 'sx.cough': 0.8, 'sx.fever': 0.8, 'sx.coughing-up-sputum': 0.5 }),
    condition('croup', { 'sx.cough': 0.8, 'sx.stridor': 0.7, 'sx.fever': 0.5 }),
    // A knowledge base has hundreds of conditions; a specific finding is listed by few of them.
    ...Array.from({ length: 40 }, (_, i) => condition(`other-${i}`, { 'sx.cough': 0.5 })),
  ],
);
const model = new OpenWorldModel(knowledge, {
  ...DEFAULT_OPEN_WORLD_PARAMS,
  leak: 0.005,
  temperature: 1,
  backgroundScale: 0.5,
});
const probability = (present: string[], id: string) =>
  model
    .posterior(
      {},
      openWorldEvidence(
        present.map((conceptId) => ({ conceptId, status: 'present' as const })),
        knowledge,
      ),
    )
    .ranked.find((s) => s.condition.id === id)!.probability;

describe('open-world model: findings a condition does not list', () => {
  it('reads a history item (ex-smoker) at its population frequency, so it cannot outweigh fever and sputum', () => {
    const present = ['sx.cough', 'sx.fever', 'sx.pus-in-sputum', 'sign.smoker'];
    expect(probability(present, 'infection')).toBeGreaterThan(probability(present, 'smokers-disease'));
  });

  it('still counts an unlisted, specific symptom as strong evidence against a condition', () => {
    const present = ['sx.cough', 'sx.stridor'];
    expect(probability(present, 'croup')).toBeGreaterThan(10 * probability(present, 'infection'));
  });

  it('reads a specific finding as the general one it implies, unless the note denies the general one', () => {
    const implied = openWorldEvidence([{ conceptId: 'sx.pus-in-sputum', status: 'present' }], knowledge);
    expect([...implied.present].sort()).toEqual(['sx.cough', 'sx.coughing-up-sputum', 'sx.pus-in-sputum']);
    const denied = openWorldEvidence(
      [
        { conceptId: 'sx.pus-in-sputum', status: 'present' },
        { conceptId: 'sx.cough', status: 'absent' },
      ],
      knowledge,
    );
    expect(denied.present.has('sx.cough')).toBe(false);
    expect(denied.absent.has('sx.cough')).toBe(true);
  });
});
