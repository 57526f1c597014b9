import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { recordingToWav, type SpeechStatus, uploadForTranscript } from './dictation.js';

/**
 * Dictate into a text box: records from the microphone (MediaRecorder), converts the clip to 16 kHz WAV in the
 * browser, sends it to `POST /v1/audio/transcriptions` and hands the text to `onText`. Disabled, with the reason
 * as its description, when the server has no speech-to-text (see docs/speech.md).
 */
export function DictationButton({
  onText,
  label = 'Dictate',
}: {
  onText: (text: string) => void;
  label?: string;
}): ReactNode {
  const [status, setStatus] = useState<SpeechStatus>();
  const [recording, setRecording] = useState(false);
  const [message, setMessage] = useState<string>();
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  const supported = typeof window !== 'undefined' && 'MediaRecorder' in window && !!navigator.mediaDevices;

  useEffect(() => {
    api
      .get<SpeechStatus>('/v1/audio/status')
      .then(setStatus, () => setStatus({ available: false, reason: 'the speech status could not be read' }));
  }, []);

  const transcribe = async (chunks: Blob[], type: string) => {
    setMessage('Transcribing…');
    try {
      const wav = await recordingToWav(new Blob(chunks, { type }));
      onText(await uploadForTranscript(wav));
      setMessage(undefined);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const start = async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = () => {
        for (const track of stream.getTracks()) track.stop();
        void transcribe(chunks, media.mimeType || 'audio/webm');
      };
      recorder.current = media;
      media.start();
      setRecording(true);
      setMessage('Recording… press again to stop.');
    } catch (error) {
      setMessage(`Microphone unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const stop = () => {
    recorder.current?.stop();
    setRecording(false);
  };

  const unavailable = !supported
    ? 'this browser cannot record audio'
    : status && !status.available
      ? status.reason
      : undefined;
  return (
    <span className="dictation">
      <button
        type="button"
        className="button"
        onClick={recording ? stop : () => void start()}
        aria-pressed={recording}
        disabled={!status || unavailable !== undefined}
        title={unavailable ? `Dictation unavailable: ${unavailable}` : status?.description}
      >
        {recording ? 'Stop dictation' : label}
      </button>
      <span className="small muted" role="status" aria-live="polite">
        {unavailable ? ' Dictation unavailable on this server.' : message ? ` ${message}` : ''}
      </span>
    </span>
  );
}
