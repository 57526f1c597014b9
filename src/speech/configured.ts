import { HealthGptError } from '../engine/errors.js';
import { isLocalHost, OpenAiTranscriber } from './openai.js';
import { pocketsphinxFromEnv } from './pocketsphinx.js';
import type { Transcriber } from './transcriber.js';

const HOW_TO =
  'install Debian pocketsphinx (apt-get install -y pocketsphinx pocketsphinx-en-us) or set HEALTHGPT_STT_BASE_URL to an OpenAI-compatible transcription server; see docs/speech.md';

/** The configured transcriber, or why there is none. */
export type TranscriberChoice = { readonly transcriber: Transcriber } | { readonly unavailable: string };

function fromServer(env: NodeJS.ProcessEnv, baseUrl: string): TranscriberChoice {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { unavailable: `HEALTHGPT_STT_BASE_URL '${baseUrl}' is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { unavailable: `HEALTHGPT_STT_BASE_URL must be http(s), not ${url.protocol}` };
  if (!isLocalHost(url.hostname) && env.HEALTHGPT_STT_ALLOW_EXTERNAL !== 'true')
    return {
      unavailable: `the transcription server ${url.hostname} is outside this machine and the hospital network: dictated audio identifies the patient, so an administrator must allow it with HEALTHGPT_STT_ALLOW_EXTERNAL=true`,
    };
  const timeout = Number(env.HEALTHGPT_STT_TIMEOUT_MS);
  return {
    transcriber: new OpenAiTranscriber({
      baseUrl,
      ...(env.HEALTHGPT_STT_MODEL ? { model: env.HEALTHGPT_STT_MODEL } : {}),
      ...(env.HEALTHGPT_STT_API_KEY ? { apiKey: env.HEALTHGPT_STT_API_KEY } : {}),
      ...(timeout > 0 ? { timeoutMs: timeout } : {}),
    }),
  };
}

/**
 * Which transcriber to use: `HEALTHGPT_STT_PROVIDER` = `openai` (needs `HEALTHGPT_STT_BASE_URL`), `pocketsphinx`,
 * `none`, or unset: the server when `HEALTHGPT_STT_BASE_URL` is set (Whisper is far more accurate), else
 * pocketsphinx when it is installed.
 */
export function chooseTranscriber(env: NodeJS.ProcessEnv = process.env): TranscriberChoice {
  const provider = env.HEALTHGPT_STT_PROVIDER ?? 'auto';
  const baseUrl = env.HEALTHGPT_STT_BASE_URL;
  if (provider === 'none')
    return { unavailable: 'speech-to-text is switched off (HEALTHGPT_STT_PROVIDER=none)' };
  if (provider === 'openai' || (provider === 'auto' && baseUrl)) {
    if (!baseUrl) return { unavailable: 'HEALTHGPT_STT_PROVIDER=openai needs HEALTHGPT_STT_BASE_URL' };
    return fromServer(env, baseUrl);
  }
  if (provider !== 'pocketsphinx' && provider !== 'auto')
    return {
      unavailable: `HEALTHGPT_STT_PROVIDER must be auto, openai, pocketsphinx or none, not '${provider}'`,
    };
  const local = pocketsphinxFromEnv(env);
  return 'transcriber' in local
    ? local
    : { unavailable: `no speech-to-text is configured (${local.missing})` };
}

/** The configured transcriber, or an `unavailable` error that says how to add one. */
export function requireTranscriber(env: NodeJS.ProcessEnv = process.env): Transcriber {
  const choice = chooseTranscriber(env);
  if ('transcriber' in choice) return choice.transcriber;
  throw new HealthGptError('unavailable', `${choice.unavailable}: ${HOW_TO}`, {
    title: 'Speech-to-text unavailable',
  });
}
