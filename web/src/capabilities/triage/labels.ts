import { news2ParameterList } from '../../../../src/triage/labels.js';

/**
 * NEWS2 parameters and values as a clinician writes them on the case page (the convention of `../risk/labels.ts`):
 * labels and values from `src/triage/labels.ts` (shared with the CDS Hooks card), units through
 * `src/clinical/unit-display.ts`. Field names such as `respiratoryRate` or `airOrOxygen` never reach the page.
 */
export { news2ParameterLabel, news2ValueText } from '../../../../src/triage/labels.js';

/** The parameters not given, in words. */
export const news2MissingText = news2ParameterList;
