import { diagnosisCapability } from '../diagnosis/capability.js';
import { EngineRegistry } from '../engine/registry.js';
import { forecastCapability } from '../forecast/capability.js';
import { intakeCapability } from '../intake/capability.js';
import { riskCapability } from '../risk/capability.js';
import { triageCapability } from '../triage/capability.js';
import { visionCapability } from '../vision/capability.js';
import type { Capability } from './capability.js';

/** Every capability HealthGPT ships, in the order their routes, commands and panels appear. */
export const capabilities: readonly Capability[] = [
  intakeCapability,
  diagnosisCapability,
  triageCapability,
  riskCapability,
  visionCapability,
  forecastCapability,
];

/** The registry of every capability's engines. */
export function createEngineRegistry(from: readonly Capability[] = capabilities): EngineRegistry {
  const registry = new EngineRegistry();
  for (const capability of from) for (const engine of capability.engines) registry.register(engine);
  return registry;
}
