export {
  type AudioContainer,
  type CheckedAudio,
  checkAudio,
  MAX_AUDIO_BYTES,
  MAX_AUDIO_SECONDS,
  sniffContainer,
} from './audio-input.js';
export { chooseTranscriber, requireTranscriber, type TranscriberChoice } from './configured.js';
export { OpenAiTranscriber, type OpenAiTranscriberOptions } from './openai.js';
export { PocketsphinxTranscriber, pocketsphinxFromEnv } from './pocketsphinx.js';
export { transcribeAudio } from './transcribe.js';
export type { TranscribeOptions, Transcriber, Transcript } from './transcriber.js';
export { encodeWav16, type PcmAudio, readWav, resample, toWav16kMono } from './wav.js';
export { normaliseWords, wordErrorRate, wordErrors } from './wer.js';
