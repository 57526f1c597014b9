import { describe, expect, it } from 'vitest';
import { ddxEngine } from '../diagnosis/ddx-engine.js';
import { diagnoseText } from '../diagnosis/text/diagnose-text.js';
import { committedDdxModel } from './service.js';

/** Every diagnosis output names the model version that made it (what feedback and the registry refer to). */
describe('diagnosis outputs record the model version', () => {
  it('the engine stamps the served model version in its provenance', () => {
    const engine = ddxEngine().engine;
    const result = engine.run(engine.exampleInput as never);
    expect(result.provenance.modelVersion).toBe(ddxEngine().modelVersion);
    // Without a promotion in this state folder the committed model (registry v1) is served.
    expect(ddxEngine().modelVersion).toBe(committedDdxModel().modelVersion);
  });

  it('the free-text path names both models it combines, also when it abstains', () => {
    const answered = diagnoseText({
      text: 'Fever and productive cough for three days, short of breath.',
      ageYears: 60,
    });
    expect(answered.modelVersion).toMatch(new RegExp(`^${ddxEngine().modelVersion} \\+ open-world `));
    expect(diagnoseText({ text: 'The patient came by bus.' }).modelVersion).toBe(answered.modelVersion);
  });
});
