import { useCallback, useEffect, useRef, useState } from 'react';
import type { IntakeRecord } from '../../../../src/intake/record.js';
import { ApiError, api } from '../../api.js';

export type Connection = 'connecting' | 'live' | 'http';

interface StreamRecord {
  readonly type: 'record';
  readonly seq: number;
  readonly elapsedMs: number;
  readonly record: IntakeRecord;
}

/**
 * The intake as the clinician types: each edit goes over the WebSocket stream (`/v1/intake/stream`), falling back
 * to `POST /v1/intake`; the newest record, its latency and any error come back.
 */
export function useIntakeStream() {
  const [record, setRecord] = useState<IntakeRecord | undefined>(undefined);
  const [elapsedMs, setElapsedMs] = useState<number | undefined>(undefined);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<string | undefined>(undefined);
  const socket = useRef<WebSocket | undefined>(undefined);

  useEffect(() => {
    let closed = false;
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/v1/intake/stream`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      setConnection('http');
      return;
    }
    socket.current = ws;
    ws.onopen = () => !closed && setConnection('live');
    ws.onerror = () => !closed && setConnection('http');
    ws.onclose = () => !closed && setConnection('http');
    ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as
        | StreamRecord
        | { type: 'error'; title: string; detail?: string };
      if (message.type === 'record') {
        setRecord(message.record);
        setElapsedMs(message.elapsedMs);
        setError(undefined);
      } else setError(`${message.title}${message.detail ? `: ${message.detail}` : ''}`);
    };
    return () => {
      closed = true;
      ws.close();
    };
  }, []);

  const send = useCallback(
    (value: string) => {
      if (connection === 'live' && socket.current?.readyState === WebSocket.OPEN) {
        socket.current.send(JSON.stringify({ type: 'replace', text: value }));
        return;
      }
      if (value.trim() === '') {
        setRecord(undefined);
        return;
      }
      const started = performance.now();
      api
        .post<{ record: IntakeRecord }>('/v1/intake', { text: value })
        .then((answer) => {
          setRecord(answer.record);
          setElapsedMs(performance.now() - started);
          setError(undefined);
        })
        .catch((failure: unknown) =>
          setError(failure instanceof ApiError ? failure.message : String(failure)),
        );
    },
    [connection],
  );

  return { record, elapsedMs, connection, error, send };
}
