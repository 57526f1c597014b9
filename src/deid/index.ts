/** De-identification: the library API (see docs/deid.md). */
export { type DeidMode, type DeidTextOptions, type DeidTextResult, deidentifyText } from './deidentify.js';
export { checkText, detectPhi, loadDeidModel } from './detect.js';
export { type BurnedInText, type DicomDeidResult, deidentifyDicom } from './dicom.js';
export { type DeidEvalReport, evaluateDeidFiles } from './evaluate-file.js';
export { deidentifyForExport, guardedFetch, guardOutboundPayload } from './export.js';
export { deidentifyFhir, type FhirDeidResult, type FhirProfile } from './fhir.js';
export { openMapping, type SealedMapping } from './surrogates.js';
export { PHI_CATEGORIES, type PhiCategory, type PhiSpan } from './types.js';
