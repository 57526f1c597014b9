/** The one merge of intake results into a case, shared with the API (`src/clinical/merge.ts`). */
export { appendNote, mergeIntoCase, setFindings } from '../../../../src/clinical/merge.js';
