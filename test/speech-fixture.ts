import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pocketsphinxFromEnv } from '../src/speech/pocketsphinx.js';

/**
 * The real 15-second English speech recording in `../shared/fixtures/speech/` (read in place, never copied into the
 * project): the opening of the spoken Wikipedia article "Ignore all rules", 16 kHz mono 16-bit.
 */
export const SPEECH_FIXTURE = fileURLToPath(
  new URL('../../shared/fixtures/speech/en-Wikipedia-Ignore_All_Rules.first15s.16k.wav', import.meta.url),
);

/**
 * Stretches of the fixture whose words are known (seconds, and the text as the article has it). The words spoken
 * between 4.1 s and 8.9 s are not listed: they could not be established here, so they are not scored.
 */
export const KNOWN_STRETCHES: readonly { from: number; to: number; text: string }[] = [
  { from: 0, to: 4.1, text: 'Wikipedia: Ignore all rules.' },
  { from: 8.9, to: 14.7, text: 'If a rule prevents you from improving or maintaining Wikipedia, ignore it.' },
];

/** Why the offline speech suites cannot run here (for `describeIfAvailable`), or undefined when they can. */
export function pocketsphinxUnavailable(): string | undefined {
  if (!existsSync(SPEECH_FIXTURE)) return `speech fixture not found at ${SPEECH_FIXTURE}`;
  const local = pocketsphinxFromEnv();
  return 'missing' in local
    ? `pocketsphinx: ${local.missing} (apt-get install -y pocketsphinx pocketsphinx-en-us)`
    : undefined;
}
