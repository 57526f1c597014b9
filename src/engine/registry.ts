import type { AnyEngine, EngineInfo } from './engine.js';

/** The engines a running HealthGPT offers, by id. */
export class EngineRegistry {
  private readonly engines = new Map<string, AnyEngine>();

  register(engine: AnyEngine): this {
    if (this.engines.has(engine.id)) throw new Error(`engine '${engine.id}' is registered twice`);
    this.engines.set(engine.id, engine);
    return this;
  }

  get(id: string): AnyEngine | undefined {
    return this.engines.get(id);
  }

  list(): readonly AnyEngine[] {
    return [...this.engines.values()];
  }

  info(): readonly EngineInfo[] {
    return this.list().map((engine) => {
      const { id, kind, title, version, description, modelVersion, source } = engine;
      return {
        id,
        kind,
        title,
        version,
        description,
        ...(modelVersion ? { modelVersion } : {}),
        ...(source ? { source } : {}),
        runsOnCases: typeof engine.fromCase === 'function',
      };
    });
  }
}
