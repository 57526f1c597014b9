import type { ReactNode } from 'react';
import type { Citation, PassageCitation, ServerToolCall, ToolCitation } from './chat-stream.js';

function PassageView({ c }: { c: PassageCitation }): ReactNode {
  return (
    <li className="chat-citation">
      <strong>{c.guideline}</strong> {c.edition}{' '}
      <span className={c.current ? 'badge' : 'badge badge-warning'}>
        {c.current ? 'current' : 'superseded'}
      </span>
      <span className="muted small"> · {c.section}</span>
      <p>{c.text}</p>
      <p className="muted small">{c.source}</p>
    </li>
  );
}

function ToolView({ c }: { c: ToolCitation }): ReactNode {
  return (
    <li className="chat-citation">
      <strong>{c.engineId}</strong>
      {c.engineVersion ? <span className="muted small"> v{c.engineVersion}</span> : null}{' '}
      <span className={c.ok ? 'badge' : 'badge badge-warning'}>{c.ok ? 'ran' : 'refused'}</span>
      <details>
        <summary>Arguments and result</summary>
        <pre className="chat-json">
          {JSON.stringify({ arguments: c.arguments, result: c.result }, null, 2)}
        </pre>
      </details>
    </li>
  );
}

/** What an answer rests on: each guideline passage (edition, current or superseded) and each engine result. */
export function Citations({ citations }: { citations: readonly Citation[] }): ReactNode {
  const seen = new Set<string>();
  const unique = citations.filter((c) => {
    const key = c.kind === 'guideline' ? `p:${c.passageId}` : `t:${c.toolCallId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return null;
  return (
    <section className="chat-citations" aria-label="Sources">
      <h3>Sources</h3>
      <ol>
        {unique.map((c) =>
          c.kind === 'guideline' ? (
            <PassageView key={`p:${c.passageId}`} c={c} />
          ) : (
            <ToolView key={`t:${c.toolCallId}`} c={c} />
          ),
        )}
      </ol>
    </section>
  );
}

/** The engine and lookup calls the server ran while answering, as they happen. */
export function ToolCalls({ calls }: { calls: readonly ServerToolCall[] }): ReactNode {
  if (calls.length === 0) return null;
  return (
    <ul className="chat-tool-calls" aria-label="Tool calls">
      {calls.map((call) => (
        <li key={call.id}>
          <span className="badge">tool</span> <code>{call.name}</code>{' '}
          <code className="muted small">{call.arguments}</code>
        </li>
      ))}
    </ul>
  );
}
