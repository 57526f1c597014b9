import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import type { CasePanelProps } from '../types.js';
import { DifferentialList } from './DifferentialList.js';
import type { AnswerBody, InterviewView, ProposedQuestion } from './types.js';

/** Case-page panel: an adaptive interview opened from the case, one question at a time. */
export function InterviewPanel(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  const [view, setView] = useState<InterviewView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<InterviewView>) => {
    setBusy(true);
    setError(undefined);
    try {
      setView(await work());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(() => api.post<InterviewView>('/v1/interviews', { caseId: clinicalCase.id, maxTurns: 15 }));
  const answer = (body: AnswerBody) =>
    run(() => api.post<InterviewView>(`/v1/interviews/${encodeURIComponent(view!.id)}/answers`, body));

  return (
    <div className="ddx-interview">
      {error ? <ProblemView error={error} heading="The interview could not go on" /> : null}
      {!view ? (
        <>
          <p className="muted">
            Starts from the case's findings and asks the questions expected to narrow the differential most,
            must-not-miss conditions first.
          </p>
          <button type="button" className="button" onClick={start} disabled={busy}>
            Start interview
          </button>
        </>
      ) : (
        <>
          <p className="muted small">
            {view.turns} of at most {view.maxTurns} questions asked
            {view.status === 'complete' ? ` — complete (${view.stopReason ?? 'done'})` : ''}.
          </p>
          {view.status === 'in-progress' && view.question ? (
            <QuestionForm
              key={`${view.id}:${view.turns}`}
              question={view.question}
              busy={busy}
              onAnswer={answer}
            />
          ) : null}
          <h3>Differential</h3>
          <DifferentialList entries={view.differential.entries} limit={5} />
          <button type="button" className="button button-secondary" onClick={start} disabled={busy}>
            Restart
          </button>
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
