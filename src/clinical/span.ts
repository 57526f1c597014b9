/** A half-open character range [start, end) into the source text a value was read from. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  /** The text covered, kept so the UI can highlight it and a reviewer can check it. */
  readonly text: string;
}
