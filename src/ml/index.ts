/** Shared machine-learning utilities: one seeded random source, splits, metrics, calibration, likelihood ratios. */
export * from './calibration.js';
export * from './likelihood-ratio.js';
export * from './metrics.js';
export * from './random.js';
export * from './split.js';
