import { type ReactNode, useRef, useState } from 'react';

/**
 * Records from the microphone (MediaRecorder) and sends the clip to `POST /v1/intake/audio`; the transcript is
 * handed to `onTranscript`. Needs a speech-to-text service configured on the server (`HEALTHGPT_STT_BASE_URL`).
 */
export function Dictation({ onTranscript }: { onTranscript: (text: string) => void }): ReactNode {
  const [recording, setRecording] = useState(false);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  if (typeof window === 'undefined' || !('MediaRecorder' in window) || !navigator.mediaDevices) return null;

  const start = async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = async () => {
        for (const track of stream.getTracks()) track.stop();
        const blob = new Blob(chunks, { type: media.mimeType || 'audio/webm' });
        setStatus('Transcribing…');
        const response = await fetch('/v1/intake/audio', {
          method: 'POST',
          headers: { 'content-type': blob.type.split(';')[0] ?? 'audio/webm' },
          body: blob,
        });
        const body = (await response.json()) as { transcript?: string; detail?: string; title?: string };
        if (response.ok && body.transcript !== undefined) {
          onTranscript(body.transcript);
          setStatus(undefined);
        } else setStatus(body.detail ?? body.title ?? `HTTP ${response.status}`);
      };
      recorder.current = media;
      media.start();
      setRecording(true);
      setStatus('Recording…');
    } catch (error) {
      setStatus(`Microphone unavailable: ${(error as Error).message}`);
    }
  };
  const stop = () => {
    recorder.current?.stop();
    setRecording(false);
  };

  return (
    <span className="intake-dictation">
      <button type="button" className="button" onClick={recording ? stop : start} aria-pressed={recording}>
        {recording ? 'Stop dictation' : 'Dictate'}
      </button>
      {status ? <span className="small muted"> {status}</span> : null}
    </span>
  );
}
