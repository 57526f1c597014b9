import { type ReactNode, useMemo, useRef, useState } from 'react';
import type { IntakeRecord } from '../../../../src/intake/record.js';
import { queryOfHash, useHash } from '../../router.js';
import { withUnit } from '../../units.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { Dictation } from './Dictation.js';
import { type HighlightSpan, highlightRuns } from './highlight.js';
import { IntakeRecordView } from './IntakeRecordView.js';
import { SaveNote } from './SaveNote.js';
import { useIntakeStream } from './use-intake-stream.js';

const EXAMPLE = `CC: chest pain.
HPI: 58-year-old man c/o central crushing chest pain for 2 hours, with SOB and N/V. Denies palpitations or syncope. No fever.
PMH: HTN, T2DM, h/o DVT.
FH: father had an MI at 52.
SH: ex-smoker, 30 pack-years.
Vitals: BP 150/95, HR 104, T 37.2 °C, SpO2 96% on RA.`;

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
        title: `${o.code.display ?? o.code.code}: ${withUnit(String(o.value.value), o.value.unit)}`,
      });
    }
  }
  return spans;
}

/**
 * The intake page: the clinician types, pastes or dictates a consultation; the record, highlighted spans and key
 * questions update as they type (`useIntakeStream`), and the note can be saved as a new case or added to one
 * (`?caseId=` preselects it, as the case page's "Add a note" link does).
 */
export function IntakePage(): ReactNode {
  useDocumentTitle('Consultation intake');
  const initialCaseId = queryOfHash(useHash()).get('caseId') ?? undefined;
  const [text, setText] = useState('');
  const { record, elapsedMs, connection, error, send } = useIntakeStream();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onChange = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => send(value), connection === 'live' ? 60 : 400);
  };

  const runs = useMemo(
    () => (record && record.textLength === text.length ? highlightRuns(text, spansOf(record)) : [{ text }]),
    [record, text],
  );

  return (
    <div className="page intake-page">
      <h1>Consultation intake</h1>
      <p className="muted">
        Type or paste the consultation. Findings, what the patient denies, past history, relatives’ history,
        vitals and labs are read as you type; key questions not yet asked are listed. Save the note to a new
        case or add it to an existing one. Decision support, not a diagnosis.
      </p>
      <p className="small muted" aria-live="polite">
        {connection === 'live' ? 'Live' : connection === 'http' ? 'Updating over HTTP' : 'Connecting…'}
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
          <SaveNote text={text} {...(initialCaseId ? { initialCaseId } : {})} />
        </section>
        <IntakeRecordView record={record} />
      </div>
    </div>
  );
}
