/** Risk capability library API: engines, evidence fusion, guideline sets, case prefill. */
export * from './ada-diabetes.js';
export * from './brock.js';
export * from './case-inputs.js';
export * from './cha2ds2-vasc.js';
export * from './curb65.js';
export * from './engines.js';
export * from './fleischner.js';
export * from './fusion.js';
export * from './guidelines.js';
export * from './herder.js';
export * from './lung-nodule.js';
export * from './lung-rads.js';
export * from './mayo.js';
export * from './qsofa.js';
export * from './risk-engine.js';
export * from './tirads.js';
export * from './wells-pe.js';
