/**
 * The emergency-wording model: a learned signal over a note's words and findings that adds an emergency reason
 * beside the red-flag rules when a note reads like an emergency (models/triage/MODEL_CARD.md).
 */
export { ageBand, type WordingInput, wordingFeatures } from './features.js';
export {
  DEFAULT_WORDING_FIT,
  EMERGENCY_WORDING_FORMAT,
  type EmergencyWordingJson,
  EmergencyWordingModel,
  featureLabel,
  type WordingExample,
  type WordingFitOptions,
  type WordingMetrics,
} from './model.js';
export {
  EMERGENCY_WORDING_RULE_ID,
  emergencyWordingModel,
  emergencyWordingReason,
  raiseByWording,
  withReason,
} from './reason.js';
export { stemWord, wordingTokens } from './tokens.js';
