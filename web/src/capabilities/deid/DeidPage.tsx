import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { type DeidSpan, explain, removalRuns } from './runs.js';

interface DeidTextResponse {
  readonly text: string;
  readonly spans: readonly DeidSpan[];
  readonly counts: Readonly<Record<string, number>>;
  readonly modelVersion?: string;
}

const EXAMPLE = `Pt seen by Dr. Okafor this am. Pt's wife Mary called from 617-555-0142 re: discharge.
Admitted 3/14 from Sacred Heart Hospital. 92 yo man with Parkinson disease; Foley in place, heparin 5000 units sc.
MRN: 00123456. Plan: follow-up 3/28 with Dr. Okafor.`;

/**
 * De-identification: a note with every removal highlighted (hover for the layer, rule and score) beside the
 * surrogate version (consistent fake names, dates moved by one per-patient offset, ages over 89 as 90+).
 */
export function DeidPage(): ReactNode {
  useDocumentTitle('De-identification');
  const [text, setText] = useState('');
  const [patientKey, setPatientKey] = useState('patient-1');
  const [result, setResult] = useState<{
    redacted: DeidTextResponse;
    surrogate: DeidTextResponse;
    input: string;
  }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const [redacted, surrogate] = await Promise.all([
        api.post<DeidTextResponse>('/v1/deid', { text }),
        api.post<DeidTextResponse>('/v1/deid', { text, mode: 'surrogate', patientKey }),
      ]);
      setResult({ redacted, surrogate, input: text });
    } catch (e) {
      setResult(undefined);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="deid-page">
      <h1>De-identification</h1>
      <p className="muted">
        Identifiers (names, dates, ages over 89, places, phone numbers, e-mail, record numbers …) are found by
        patterns, context rules, dictionaries and a token classifier, and removed or replaced. Experimental:
        it misses some identifiers (see docs/deid.md for measured recall) — review before sharing.
      </p>
      <label htmlFor="deid-text">Note</label>
      <textarea
        id="deid-text"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Paste a clinical note"
      />
      <div className="form-inline">
        <label htmlFor="deid-patient">Patient key (same key, same surrogates)</label>
        <input id="deid-patient" value={patientKey} onChange={(e) => setPatientKey(e.target.value)} />
        <button type="button" className="button" disabled={busy || text.trim() === ''} onClick={run}>
          {busy ? 'De-identifying…' : 'De-identify'}
        </button>
        <button type="button" className="button-secondary" onClick={() => setText(EXAMPLE)}>
          Worked example
        </button>
      </div>
      {error && (
        <p role="alert" className="problem">
          {error}
        </p>
      )}
      {result && (
        <>
          <div className="deid-columns">
            <div>
              <h2>Removals ({result.redacted.spans.length})</h2>
              <pre className="deid-text">
                {removalRuns(result.input, result.redacted.spans).map((r, i) =>
                  r.span ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and rebuilt together
                    <mark key={i} className={`deid-${r.span.category}`} title={explain(r.span)}>
                      {r.text}
                    </mark>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and rebuilt together
                    <span key={i}>{r.text}</span>
                  ),
                )}
              </pre>
            </div>
            <div>
              <h2>Surrogate version</h2>
              <pre className="deid-text">{result.surrogate.text}</pre>
              <h2>Redacted version</h2>
              <pre className="deid-text">{result.redacted.text}</pre>
            </div>
          </div>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th>text</th>
                  <th>category</th>
                  <th>layer</th>
                  <th>rule</th>
                  <th className="numeric">score</th>
                </tr>
              </thead>
              <tbody>
                {result.redacted.spans.map((s) => (
                  <tr key={`${s.start}-${s.end}`}>
                    <td>{s.text}</td>
                    <td>{s.category}</td>
                    <td>{s.source}</td>
                    <td className="code">{s.rule}</td>
                    <td className="numeric">{s.score.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.redacted.modelVersion && (
            <p className="small muted">Token classifier version {result.redacted.modelVersion}.</p>
          )}
        </>
      )}
    </section>
  );
}
