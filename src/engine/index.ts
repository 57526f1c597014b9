export * from './cds-card.js';
export * from './engine.js';
export * from './errors.js';
export * from './learned-model.js';
export * from './registry.js';
export * from './to-assessment.js';
