export * from './editions.js';
export * from './library.js';
export * from './passages.js';
export * from './qa-eval.js';
