import { type FormEvent, type ReactNode, useState } from 'react';
import type { Assessment } from '../../../src/clinical/index.js';
import type { EngineInfo } from '../../../src/engine/engine.js';
import { api } from '../api.js';
import { useApi } from '../use-api.js';
import { AssessmentCard } from './AssessmentCard.js';
import { ProblemView } from './ProblemView.js';

/** The case's stored assessments, newest first, and a control to run any registered engine on the case. */
export function AssessmentsPanel(props: {
  readonly caseId: string;
  readonly engines: readonly EngineInfo[];
  /** Changes when the case changes, so assessments are re-read after a panel edited the case. */
  readonly caseVersion: string;
}): ReactNode {
  const { caseId, engines } = props;
  const { result, reload } = useApi(`assessments:${caseId}:${props.caseVersion}`, () =>
    api.get<{ items: Assessment[] }>(`/v1/cases/${encodeURIComponent(caseId)}/assessments`),
  );
  // Former ids too, so assessments stored before an engine's id changed still show its title.
  const byId = new Map(
    engines.flatMap((engine) => [engine.id, ...(engine.aliases ?? [])].map((id) => [id, engine] as const)),
  );
  // Only engines that take their inputs from a case can run here (not, say, the department forecast).
  const runnable = engines.filter((engine) => engine.runsOnCases !== false);
  return (
    <div>
      {runnable.length > 0 ? <RunEngineForm caseId={caseId} engines={runnable} onDone={reload} /> : null}
      {result.state === 'loading' ? <p className="muted">Loading assessments…</p> : null}
      {result.state === 'failed' ? (
        <ProblemView error={result.error} heading="Assessments could not be loaded" />
      ) : null}
      {result.state === 'loaded' && result.data.items.length === 0 ? (
        <p className="muted">No assessments yet.</p>
      ) : null}
      {result.state === 'loaded'
        ? [...result.data.items]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((assessment) => (
              <AssessmentCard
                key={assessment.id}
                assessment={assessment}
                engine={byId.get(assessment.engineId)}
              />
            ))
        : null}
    </div>
  );
}

function RunEngineForm(props: {
  readonly caseId: string;
  readonly engines: readonly EngineInfo[];
  readonly onDone: () => void;
}): ReactNode {
  const [engineId, setEngineId] = useState(props.engines[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post<Assessment>(`/v1/cases/${encodeURIComponent(props.caseId)}/assessments`, { engineId });
      props.onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form-inline" onSubmit={(event) => void submit(event)}>
      <label>
        Run engine
        <select name="engineId" value={engineId} onChange={(event) => setEngineId(event.target.value)}>
          {props.engines.map((engine) => (
            <option key={engine.id} value={engine.id}>
              {engine.title} ({engine.kind})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || engineId === ''}>
        {busy ? 'Running…' : 'Run on this case'}
      </button>
      {error !== undefined ? <ProblemView error={error} heading="The engine did not run" /> : null}
    </form>
  );
}
