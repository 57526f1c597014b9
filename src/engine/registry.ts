import type { AnyEngine, EngineInfo } from './engine.js';

/** The engines a running HealthGPT offers, by id (and by their former ids, so stored assessments still resolve). */
export class EngineRegistry {
  private readonly engines = new Map<string, AnyEngine>();
  private readonly aliases = new Map<string, AnyEngine>();

  register(engine: AnyEngine): this {
    for (const id of [engine.id, ...(engine.aliases ?? [])]) {
      if (this.engines.has(id) || this.aliases.has(id))
        throw new Error(`engine id '${id}' is registered twice`);
    }
    this.engines.set(engine.id, engine);
    for (const alias of engine.aliases ?? []) this.aliases.set(alias, engine);
    return this;
  }

  /** The engine of an id or a former id (`brock` → `risk.brock`). */
  get(id: string): AnyEngine | undefined {
    return this.engines.get(id) ?? this.aliases.get(id);
  }

  list(): readonly AnyEngine[] {
    return [...this.engines.values()];
  }

  info(): readonly EngineInfo[] {
    return this.list().map((engine) => {
      const { id, aliases, kind, outputKind, title, version, description, modelVersion, source, validation } =
        engine;
      return {
        id,
        ...(aliases && aliases.length > 0 ? { aliases } : {}),
        kind,
        outputKind,
        title,
        version,
        description,
        ...(modelVersion ? { modelVersion } : {}),
        ...(source ? { source } : {}),
        validation,
        runsOnCases: typeof engine.fromCase === 'function',
      };
    });
  }
}
