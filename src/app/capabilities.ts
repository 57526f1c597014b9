import { deidCapability } from '../deid/capability.js';
import { deviceCapability } from '../device/capability.js';
import { diagnosisCapability } from '../diagnosis/capability.js';
import { ddxNextQuestionSource } from '../diagnosis/next-questions.js';
import { EngineRegistry } from '../engine/registry.js';
import { fairnessCapability } from '../fairness/capability.js';
import { federatedCapability } from '../federated/capability.js';
import { forecastCapability } from '../forecast/capability.js';
import { guidelinesCapability } from '../guidelines/capability.js';
import { intakeCapability } from '../intake/capability.js';
import type { NextQuestionSource } from '../intake/model-ranker.js';
import { provideNextQuestionSource } from '../intake/question-source.js';
import { learningCapability } from '../learning/capability.js';
import { literatureCapability } from '../literature/capability.js';
import { llmCapability } from '../llm/capability.js';
import type { ServerTool } from '../llm/tools.js';
import { operationsCapability } from '../operations/capability.js';
import { riskCapability } from '../risk/capability.js';
import { speechCapability } from '../speech/capability.js';
import { triageCapability } from '../triage/capability.js';
import { visionCapability } from '../vision/capability.js';
import type { Capability } from './capability.js';
import type { AppContext } from './context.js';

// The intake ranks its key questions through a port; the application wires the diagnosis engine into it.
provideNextQuestionSource(ddxNextQuestionSource() as NextQuestionSource);

/** Every capability HealthGPT ships, in the order their routes, commands and panels appear. */
export const capabilities: readonly Capability[] = [
  intakeCapability,
  diagnosisCapability,
  triageCapability,
  riskCapability,
  visionCapability,
  deviceCapability,
  forecastCapability,
  operationsCapability,
  deidCapability,
  guidelinesCapability,
  llmCapability,
  speechCapability,
  literatureCapability,
  federatedCapability,
  learningCapability,
  fairnessCapability,
];

/** The registry of every capability's engines. */
export function createEngineRegistry(from: readonly Capability[] = capabilities): EngineRegistry {
  const registry = new EngineRegistry();
  for (const capability of from) for (const engine of capability.engines) registry.register(engine);
  return registry;
}

/** Every capability's extra language-model gateway tools for one application context. */
export function gatewayToolsOf(
  context: AppContext,
  from: readonly Capability[] = capabilities,
): readonly ServerTool[] {
  return from.flatMap((capability) => capability.gatewayTools?.(context) ?? []);
}
