/**
 * What an answer of the language-model gateway rests on: the `healthgpt` extension's citations (docs/llm.md). Types
 * only, so the web UI shares them without pulling in server code.
 */

/** A guideline passage a tool result or an answer rests on (the HealthGPT extension's citation). */
export interface PassageCitation {
  readonly kind: 'guideline';
  readonly passageId: string;
  readonly guideline: string;
  readonly edition: string;
  readonly section: string;
  readonly current: boolean;
  readonly source: string;
  readonly text: string;
}

/** One tool the server ran, with its arguments and result (or the error the model was shown). */
export interface ToolCitation {
  readonly kind: 'tool';
  readonly toolCallId: string;
  readonly tool: string;
  /** The engine behind it (`risk.curb65`), or `guidelines.search`. */
  readonly engineId: string;
  readonly engineVersion?: string;
  readonly arguments: unknown;
  readonly ok: boolean;
  /** The engine's output, or the problem (message and field errors) when the arguments were rejected. */
  readonly result: unknown;
}

export type Citation = PassageCitation | ToolCitation;
