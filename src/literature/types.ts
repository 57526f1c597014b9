/** One article in the literature library, whatever file it came from. */
export interface Article {
  /** Stable id: the PMID for MEDLINE records, else the id in the source file (BEIR `_id`, RIS `ID`, CSV `id`). */
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly journal?: string;
  readonly year?: number;
  /** MEDLINE publication types (e.g. "Randomized Controlled Trial"), when the source has them. */
  readonly publicationTypes: readonly string[];
  /** MeSH descriptor names (or the source's keywords), when present. */
  readonly mesh: readonly string[];
  readonly pmid?: string;
  readonly doi?: string;
}

export const MAX_QUERY_CHARS = 10_000;
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
