import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { readDdxplusPatients } from '../diagnosis/ddxplus/patients.js';
import { readDdxplusSpec } from '../diagnosis/ddxplus/release.js';
import { AnswerTable, patternKey } from '../diagnosis/model/answer-table.js';
import { SpecIndex } from '../diagnosis/model/spec.js';
import { DEFAULT_TRAIN_OPTIONS, keptMultiValues, preparePatients } from '../diagnosis/model/train.js';
import { sitesByAge, sumAnswerTables, top1FullEvidence, trainFederatedDdx } from './ddx.js';

describeWithDataset('federated DDXPlus model', ['ddxplus'], (dir) => {
  const spec = readDdxplusSpec(dir);
  const patients = readDdxplusPatients(join(dir, 'patients_dev.csv')).slice(0, 300);
  const index = new SpecIndex(spec);

  it('the summed per-site answer tables are the pooled table (the sufficient statistics federate exactly)', () => {
    const sites = sitesByAge(patients);
    expect([...sites.values()].reduce((n, l) => n + l.length, 0)).toBe(300);
    const count = (list: typeof patients) =>
      AnswerTable.count(
        index,
        preparePatients(index, list).map((p) => ({ answers: p.answers, condition: p.condition })),
      );
    const summed = sumAnswerTables([...sites.values()].map(count));
    const pooled = count(patients);
    for (const [code, entry] of Object.entries(pooled)) {
      const byKey = new Map(
        summed[code]?.patterns.map((pattern, p) => [patternKey(pattern), summed[code]?.counts[p]]),
      );
      entry.patterns.forEach((pattern, p) => {
        expect(byKey.get(patternKey(pattern))).toEqual(entry.counts[p]);
      });
      expect(summed[code]?.patterns.length).toBe(entry.patterns.length);
    }
  });

  it('trains by FedAvg across four age-group sites to a working model over the pooled vocabulary', () => {
    const sites = sitesByAge(patients);
    const model = trainFederatedDdx(spec, sites, {
      rounds: 2,
      train: { ...DEFAULT_TRAIN_OPTIONS, epochs: 2 },
    });
    const kept = keptMultiValues(index, preparePatients(index, patients));
    expect(model.keptValues).toEqual(kept);
    // Far above chance (1 in 49) on the training patients after two rounds.
    expect(top1FullEvidence(model, patients)).toBeGreaterThan(0.3);
  }, 120_000);
});
