import type { ReactNode } from 'react';
import { DictationButton } from '../../components/DictationButton.js';

/**
 * Dictation into the consultation: the shared dictation button (microphone → 16 kHz WAV in the browser →
 * `POST /v1/audio/transcriptions`), so it works offline with pocketsphinx as well as with a Whisper server
 * (docs/speech.md); the transcript is handed to `onTranscript`.
 */
export function Dictation({ onTranscript }: { onTranscript: (text: string) => void }): ReactNode {
  return <DictationButton onText={onTranscript} />;
}
