/**
 * Shared machine-learning utilities: one seeded random source, splits, metrics, calibration, likelihood ratios, dense
 * linear algebra (Cholesky),
 * committed model files and training-data sources.
 */
export * from './calibration.js';
export * from './likelihood-ratio.js';
export * from './linalg.js';
export * from './metrics.js';
export * from './model-file.js';
export * from './random.js';
export * from './split.js';
export * from './split-source.js';
