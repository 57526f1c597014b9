import type { Capability } from '../app/capability.js';
import { registerSpeechCommands } from './commands.js';
import { registerSpeechRoutes } from './routes.js';

/**
 * Speech in: dictation to text, offline with Debian's pocketsphinx or through any OpenAI-compatible
 * `/v1/audio/transcriptions` server. No engine: it transcribes, it does not compute a clinical output. See
 * docs/speech.md.
 */
export const speechCapability: Capability = {
  id: 'speech',
  title: 'Speech',
  engines: [],
  registerRoutes: (app) => registerSpeechRoutes(app),
  registerCommands: registerSpeechCommands,
};
