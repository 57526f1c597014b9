import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IntakeRecord } from '../../../../src/intake/record.js';
import { ApiError, api } from '../../api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { Dictation } from './Dictation.js';
import { type HighlightSpan, highlightRuns } from './highlight.js';

const EXAMPLE = `CC: chest pain.
HPI: 58-year-old man c/o central crushing chest pain for 2 hours, with SOB and N/V. Denies palpitations or syncope. No fever.
PMH: HTN, T2DM, h/o DVT.
FH: father had an MI at 52.
SH: ex-smoker, 30 pack-years.
Vitals: BP 150/95, HR 104, T 37.2 °C, SpO2 96% on RA.`;

type Connection = 'connecting' | 'live' | 'http';

interface StreamRecord {
  readonly type: 'record';
  readonly seq: number;
  readonly elapsedMs: number;
  readonly record: IntakeRecord;
}

function spansOf(record: IntakeRecord): HighlightSpan[] {
  const spans: HighlightSpan[] = record.findings.map((f) => ({
    start: f.sourceSpan.start,
    end: f.sourceSpan.end,
    kind:
      f.experiencer === 'other'
        ? 'other'
        : f.status === 'absent'
          ? 'absent'
          : f.status === 'unknown'
            ? 'unknown'
            : f.temporality === 'historical'
              ? 'historical'
              : 'present',
    title: `${f.label}: ${f.status}, ${f.temporality ?? 'recent'}, ${f.experiencer ?? 'patient'}`,
  }));
  for (const o of record.observations) {
    if (o.sourceSpan) {
      spans.push({
        start: o.sourceSpan.start,
        end: o.sourceSpan.end,
        kind: 'value',
        title: `${o.code.display ?? o.code.code}: ${o.value.value} ${o.value.unit}`,
      });
    }
  }
  return spans;
}

/**
 * The intake page: the clinician types or pastes a consultation; each edit is sent over the WebSocket stream
 * (`/v1/intake/stream`, falling back to `POST /v1/intake`) and the record, highlighted spans and key questions
 * update as they type.
 */
export function IntakePage(): ReactNode {
  useDocumentTitle('Consultation intake');
  const [text, setText] = useState('');
  const latestText = useRef('');
  latestText.current = text;
  const [record, setRecord] = useState<IntakeRecord | undefined>(undefined);
  const [elapsedMs, setElapsedMs] = useState<number | undefined>(undefined);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<string | undefined>(undefined);
  const socket = useRef<WebSocket | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

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

  const onChange = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => send(value), connection === 'live' ? 60 : 400);
  };

  const runs = useMemo(
    () => (record && record.textLength === text.length ? highlightRuns(text, spansOf(record)) : [{ text }]),
    [record, text],
  );
  const missing = record?.keyQuestions.filter((q) => !q.answered) ?? [];
  const answered = record?.keyQuestions.filter((q) => q.answered) ?? [];

  return (
    <div className="page intake-page">
      <h1>Consultation intake</h1>
      <p className="muted">
        Type or paste the consultation. Findings, what the patient denies, past history, relatives’ history,
        vitals and labs are read as you type; key questions not yet asked are listed. Decision support, not a
        diagnosis.
      </p>
      <p className="small muted" aria-live="polite">
        {connection === 'live'
          ? 'Live (WebSocket)'
          : connection === 'http'
            ? 'Updating over HTTP'
            : 'Connecting…'}
        {elapsedMs !== undefined ? ` · last update ${elapsedMs.toFixed(1)} ms` : ''}
        {record?.partial ? ` · partial record: ${record.partial.reason}` : ''}
      </p>
      <div className="intake-layout">
        <section className="panel intake-editor" aria-label="Consultation text">
          <label htmlFor="intake-text">Consultation</label>
          <textarea
            id="intake-text"
            value={text}
            rows={16}
            spellCheck={false}
            onChange={(event) => onChange(event.target.value)}
            placeholder="HPI: 45 yo F with cough for 3 weeks, night sweats…"
          />
          <div className="form-inline">
            <button type="button" className="button" onClick={() => onChange(EXAMPLE)}>
              Load an example
            </button>
            <button type="button" className="button" onClick={() => onChange('')}>
              Clear
            </button>
            <Dictation
              onTranscript={(transcript) => onChange(text ? `${text}\n${transcript}` : transcript)}
            />
          </div>
          {error ? (
            <p role="alert" className="intake-error">
              {error}
            </p>
          ) : null}
          <h2>Highlighted</h2>
          <p className="intake-legend small">
            <mark className="hl-present">present</mark> <mark className="hl-absent">absent</mark>{' '}
            <mark className="hl-unknown">possible</mark> <mark className="hl-historical">history</mark>{' '}
            <mark className="hl-other">relative</mark> <mark className="hl-value">value</mark>
          </p>
          <pre className="intake-highlighted" data-testid="intake-highlighted">
            {runs.map((run, i) =>
              run.span ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and rebuilt on every change.
                <mark key={i} className={`hl-${run.span.kind}`} title={run.span.title}>
                  {run.text}
                </mark>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and rebuilt on every change.
                <span key={i}>{run.text}</span>
              ),
            )}
          </pre>
        </section>
        <section className="panel intake-record" aria-label="Structured record">
          <h2>Summary</h2>
          {record && record.summary.length > 0 ? (
            <dl className="intake-summary">
              {record.summary.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: summary lines have no identity beyond their order.
                <div key={i}>
                  <dt>{line.part}</dt>
                  <dd>{line.text}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="muted">Nothing read yet.</p>
          )}
          <h2>
            Key questions not yet asked <span className="count">{missing.length}</span>
          </h2>
          {record?.chiefComplaint ? (
            <p className="small muted">For the complaint “{record.chiefComplaint.sourceSpan.text}”.</p>
          ) : (
            <p className="small muted">Shown once a complaint is recognised.</p>
          )}
          <ul className="intake-questions" data-testid="intake-missing">
            {missing.map((q) => (
              <li key={q.conceptId}>
                {q.label}
                {q.expectedGainNats !== undefined ? (
                  <span
                    className="small muted"
                    title="The diagnosis model's expected information gain for this question"
                  >
                    {' '}
                    (model: {q.expectedGainNats.toFixed(2)} nats)
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {answered.length > 0 ? (
            <p className="small muted">
              Answered: {answered.map((q) => `${q.label} (${q.status})`).join('; ')}
            </p>
          ) : null}
          <h2>Findings</h2>
          <div className="table-scroll">
            <table className="data-table" data-testid="intake-findings">
              <thead>
                <tr>
                  <th>Finding</th>
                  <th>Status</th>
                  <th>When</th>
                  <th>Who</th>
                  <th>Text</th>
                </tr>
              </thead>
              <tbody>
                {record?.findings.map((f) => (
                  <tr key={`${f.conceptId}-${f.sourceSpan.start}-${String(f.value ?? '')}`}>
                    <td>
                      {f.label}
                      {f.impliedBy ? <span className="small muted"> (implied)</span> : null}
                    </td>
                    <td>{f.status}</td>
                    <td>
                      {f.temporality}
                      {f.durationDays !== undefined ? ` · ${f.durationDays} d` : ''}
                    </td>
                    <td>{f.experiencer}</td>
                    <td className="code">{f.sourceSpan.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Values</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th>Measure</th>
                  <th className="numeric">Value</th>
                  <th>Unit (UCUM)</th>
                  <th>Text</th>
                </tr>
              </thead>
              <tbody>
                {record?.observations.map((o) => (
                  <tr key={`${o.code.code}-${o.sourceSpan?.start ?? ''}`}>
                    <td>{o.code.display ?? o.code.code}</td>
                    <td className="numeric">{o.value.value}</td>
                    <td className="code">{o.value.unit}</td>
                    <td className="code">{o.sourceSpan?.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
