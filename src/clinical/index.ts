/** Shared clinical types: the vocabulary every engine, adapter and UI panel speaks. */
export * from './assessment.js';
export * from './case.js';
export * from './finding.js';
export * from './image.js';
export * from './observation.js';
export * from './outputs.js';
export * from './patient.js';
export * from './schemas.js';
export * from './source.js';
export * from './span.js';
