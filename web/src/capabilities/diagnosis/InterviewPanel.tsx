import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { TriageView } from '../triage/TriageView.js';
import type { CasePanelProps } from '../types.js';
import { DifferentialList } from './DifferentialList.js';
import '../triage/triage.css';
import type { AnswerBody, InterviewView, ProposedQuestion } from './types.js';

const PHASE_TEXT: Readonly<Record<InterviewView['progress']['phase'], string>> = {
  complaint: 'The main complaint',
  characterise: 'Onset, duration and severity',
  'red-flags': 'Warning signs for this complaint',
  discriminate: 'Questions that separate what is still open',
  complete: 'Done',
};

const percent = (p: number) => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)} %`;

/**
 * Case-page panel: a clinician's interview opened from the case, one question at a time — the complaint, its onset,
 * duration and severity, its red flags, then the questions that best separate what is still open — with back,
 * progress, the wording register for this patient, the answers saved to the case, and at the end triage and a
 * hedged differential.
 */
export function InterviewPanel(props: CasePanelProps): ReactNode {
  const { clinicalCase, refresh } = props;
  const [view, setView] = useState<InterviewView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | undefined>(undefined);

  const run = async (work: () => Promise<InterviewView>) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await work();
      setView(next);
      if (next.status === 'complete') await save(next);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const save = async (current: InterviewView) => {
    const answered = current.findings.slice(current.initialFindingCount);
    const complaintFinding = current.findings.find((f) => 'durationDays' in f);
    const findings = [
      ...answered,
      ...(complaintFinding && !answered.includes(complaintFinding) ? [complaintFinding] : []),
    ];
    if (findings.length === 0) {
      setSaved(0);
      return;
    }
    await api.post(`/v1/cases/${encodeURIComponent(clinicalCase.id)}/findings`, {
      findings,
      source: 'interview',
    });
    setSaved(findings.length);
    refresh();
  };
  const start = () => {
    setSaved(undefined);
    return run(() => api.post<InterviewView>('/v1/interviews', { caseId: clinicalCase.id, maxTurns: 20 }));
  };
  const answer = (body: AnswerBody) =>
    run(() => api.post<InterviewView>(`/v1/interviews/${encodeURIComponent(view!.id)}/answers`, body));
  const back = () =>
    run(() => api.post<InterviewView>(`/v1/interviews/${encodeURIComponent(view!.id)}/undo`, {}));

  return (
    <div className="ddx-interview">
      {error ? <ProblemView error={error} heading="The interview could not go on" /> : null}
      {!view ? (
        <>
          <p className="muted">
            Takes a history like a clinician: the complaint, its onset, duration and severity, its warning
            signs, then the questions that best separate the conditions still open. Answers are saved to the
            case.
          </p>
          <button type="button" className="button" onClick={start} disabled={busy}>
            Start interview
          </button>
        </>
      ) : (
        <>
          <div
            className="interview-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(view.progress.fraction * 100)}
            aria-label="Interview progress"
          >
            <span style={{ width: `${Math.round(view.progress.fraction * 100)}%` }} />
          </div>
          <p className="muted small">
            {PHASE_TEXT[view.progress.phase]} · {view.progress.answered} answered
            {view.status === 'complete'
              ? ` — complete (${view.stopReason ?? 'done'})`
              : `, at most ${view.progress.remainingAtMost} to go`}
            {' · '}
            <span className="interview-register">Questions {view.progress.register}</span>
          </p>
          {view.status === 'in-progress' && view.question ? (
            <QuestionForm
              key={`${view.id}:${view.progress.answered}`}
              question={view.question}
              busy={busy}
              onAnswer={answer}
            />
          ) : null}
          <div className="form-inline">
            <button
              type="button"
              className="button button-secondary"
              onClick={back}
              disabled={busy || view.progress.answered === 0}
            >
              Back
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => save(view)}
              disabled={busy}
            >
              Save answers to the case
            </button>
            <button type="button" className="button button-secondary" onClick={start} disabled={busy}>
              Restart
            </button>
          </div>
          {saved === undefined ? null : (
            <p className="muted small" role="status">
              {saved === 0 ? 'No answers to save yet.' : `${saved} finding(s) saved to the case.`}
            </p>
          )}
          {view.status === 'complete' ? (
            <TriageView result={view.triage} />
          ) : (
            <TriageView result={view.triage} compact />
          )}
          <h3>Differential (hedged)</h3>
          <p className="muted small">
            Shares earned by {view.hedged.establishedFindings} finding(s) present (rare conditions need their
            specific evidence); the rest is not settled yet. The model's own probability is in brackets.
          </p>
          <ol className="ddx-list">
            {view.hedged.entries.map((e) => (
              <li key={e.conditionId} className="ddx-entry">
                <div className="ddx-row">
                  <span className="ddx-label">
                    {e.label}
                    {e.icd10 ? <span className="muted small"> {e.icd10}</span> : null}
                    {e.mustNotMiss ? <span className="ddx-flag">must not miss</span> : null}
                  </span>
                  <span className="ddx-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(1, e.share * 100)}%` }} />
                  </span>
                  <span className="ddx-probability">
                    {percent(e.share)} <span className="muted small">({percent(e.modelProbability)})</span>
                  </span>
                </div>
              </li>
            ))}
            <li className="ddx-entry ddx-not-covered">
              <div className="ddx-row">
                <span className="ddx-label">Not settled yet / something else</span>
                <span className="ddx-bar ddx-bar-other" aria-hidden="true">
                  <span style={{ width: `${Math.max(1, view.hedged.notSettled * 100)}%` }} />
                </span>
                <span className="ddx-probability">{percent(view.hedged.notSettled)}</span>
              </div>
            </li>
          </ol>
          <details>
            <summary className="small">The model alone (its 49 conditions, before the hedge above)</summary>
            <DifferentialList entries={view.differential.entries} limit={5} />
          </details>
        </>
      )}
    </div>
  );
}

function QuestionForm(props: {
  readonly question: ProposedQuestion;
  readonly busy: boolean;
  readonly onAnswer: (body: AnswerBody) => void;
}): ReactNode {
  const { question, busy, onAnswer } = props;
  const [chosen, setChosen] = useState<string[]>([]);
  const [scale, setScale] = useState(5);
  const conceptId = question.conceptId;
  const dontKnow = (
    <button
      type="button"
      className="button button-secondary"
      disabled={busy}
      onClick={() => onAnswer({ conceptId, status: 'unknown' })}
    >
      Don't know
    </button>
  );
  return (
    <fieldset className="ddx-question">
      <legend>{question.text}</legend>
      <p className="muted small">Why: {question.why}</p>
      {question.type === 'binary' ? (
        <div className="form-inline">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => onAnswer({ conceptId, status: 'present' })}
          >
            Yes
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => onAnswer({ conceptId, status: 'absent' })}
          >
            No
          </button>
          {dontKnow}
        </div>
      ) : question.type === 'scale-0-10' ? (
        <div className="form-inline">
          <label htmlFor={`ddx-scale-${conceptId}`}>0–10</label>
          <input
            id={`ddx-scale-${conceptId}`}
            type="number"
            min={0}
            max={10}
            value={scale}
            onChange={(e) => setScale(Number(e.target.value))}
          />
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => onAnswer({ conceptId, status: 'present', value: scale })}
          >
            Answer
          </button>
          {dontKnow}
        </div>
      ) : (
        <div>
          <div className="ddx-choices">
            {(question.values ?? []).map((v) => (
              <label key={v.id}>
                <input
                  type={question.type === 'categorical' ? 'radio' : 'checkbox'}
                  name={`ddx-choice-${conceptId}`}
                  checked={chosen.includes(v.id)}
                  onChange={(e) =>
                    setChosen(
                      question.type === 'categorical'
                        ? [v.id]
                        : e.target.checked
                          ? [...chosen, v.id]
                          : chosen.filter((id) => id !== v.id),
                    )
                  }
                />{' '}
                {v.label}
              </label>
            ))}
          </div>
          <div className="form-inline">
            <button
              type="button"
              className="button"
              disabled={busy || chosen.length === 0}
              onClick={() =>
                onAnswer({
                  conceptId,
                  status: 'present',
                  value: question.type === 'categorical' ? chosen[0]! : chosen,
                })
              }
            >
              Answer
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => onAnswer({ conceptId, status: 'absent' })}
            >
              None
            </button>
            {dontKnow}
          </div>
        </div>
      )}
    </fieldset>
  );
}
