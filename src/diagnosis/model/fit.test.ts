import { expect, it } from 'vitest';
import { describeWithDataset } from '../../../test/datasets.js';
import { recordingSource } from '../../ml/split-source.js';
import { readDdxplusSpec } from '../ddxplus/release.js';
import { ddxplusSplitSource, fitDdxModel } from './fit.js';
import { fullState } from './state.js';
import { DEFAULT_TRAIN_OPTIONS } from './train.js';

describeWithDataset('ddx-logistic training smoke test (one epoch, seeded)', ['ddxplus'], (dir) => {
  const spec = readDdxplusSpec(dir);
  const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 1, statesPerPatient: 1, differentialHead: false };

  it('reads only the training split, learns in one epoch and replays exactly from its seed', () => {
    const source = recordingSource(ddxplusSplitSource(dir));
    const model = fitDdxModel(source, spec, options);
    expect(source.reads).toEqual(['train']);
    expect(model.toJSON().trainedAt).toBeTypeOf('string');

    const again = fitDdxModel(ddxplusSplitSource(dir), spec, options);
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));

    // Evaluated afterwards on validation patients it never saw: far above chance (1/49) after one epoch.
    const validation = source.read('validation');
    expect(source.reads).toEqual(['train', 'validation']);
    const index = model.index;
    const examples = validation.slice(0, 100).map((p) => ({
      features: fullState(index, p),
      label: index.conditionIndex.get(p.pathology)!,
    }));
    expect(model.evaluate(examples).accuracy).toBeGreaterThan(0.5);
    const p = model.predict(examples[0]!.features);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(model.explain(examples[0]!.features).length).toBeGreaterThan(0);
  });
});
