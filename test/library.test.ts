import { describe, expect, it } from 'vitest';
import * as healthgpt from '../src/index.js';

describe('the library entry point', () => {
  it('offers every capability’s engines through one registry', () => {
    const registry = healthgpt.createEngineRegistry();
    const kinds = new Set(registry.info().map((engine) => engine.kind));
    for (const kind of ['intake', 'diagnosis', 'risk', 'vision', 'forecast']) expect(kinds).toContain(kind);
  });

  it('runs a published score from the library API with its explanation and provenance', async () => {
    const mayo = healthgpt.risk.riskEngine('mayo');
    expect(mayo).toBeDefined();
    const input = mayo!.inputSchema.parse({
      age: 58,
      smoker: true,
      extrathoracicCancerOver5y: false,
      noduleDiameterMm: 9,
      spiculation: true,
      upperLobe: true,
    });
    const result = await mayo!.run(input);
    // x = −6.8272 + 0.0391·58 + 0.7917 + 0.1274·9 + 1.0407 + 0.7838 = −0.7966; P = 1/(1+e^0.7966) = 0.3108
    expect(result.output.probability).toBeCloseTo(0.3108, 3);
    expect(result.provenance.engineId).toBe('risk.mayo');
    const total = result.explanation.contributions.reduce(
      (sum, c) => sum + c.contribution,
      result.explanation.baseline ?? 0,
    );
    expect(total).toBeCloseTo(-0.7966, 3);
  });
});
