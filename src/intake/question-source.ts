import type { NextQuestionSource } from './model-ranker.js';

/**
 * The port through which the intake gets its next-question ranking: the application wires a source (the diagnosis
 * engine's interview policy, `src/app/capabilities.ts`) and the intake never imports the diagnosis engine. With no
 * source wired (a library user who imports the intake alone), key questions keep the knowledge-base order.
 */
let provided: NextQuestionSource | undefined;

/** Wires (or, with undefined, unwires) the next-question source every default intake processor ranks with. */
export function provideNextQuestionSource(source: NextQuestionSource | undefined): void {
  provided = source;
}

/** The wired next-question source, if any. */
export function providedNextQuestionSource(): NextQuestionSource | undefined {
  return provided;
}
