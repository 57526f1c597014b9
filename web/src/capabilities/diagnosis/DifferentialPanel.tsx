import type { ReactNode } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { CasePanelProps } from '../types.js';
import { DifferentialList } from './DifferentialList.js';
import { TextDifferential } from './TextDifferential.js';
import type { DdxResult, TextDiagnosis } from './types.js';

/**
 * Case-page panel: the differential from the case's note (open-world knowledge plus the DDXPlus model, with triage,
 * the "not covered" share and supporting-finding counts), and the DDXPlus model's differential from the case's
 * findings, with explanations and the next best questions.
 */
export function DifferentialPanel(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  return (
    <>
      {clinicalCase.note?.trim() ? <NoteDifferential {...props} /> : null}
      <FindingsDifferential {...props} />
    </>
  );
}

function NoteDifferential(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  const result = useApi(`ddx-text:${clinicalCase.id}:${clinicalCase.updatedAt}`, () =>
    api.post<TextDiagnosis>('/v1/diagnosis/text', {
      text: clinicalCase.note ?? '',
      ...(clinicalCase.patient.ageYears !== undefined ? { age: clinicalCase.patient.ageYears } : {}),
      ...(clinicalCase.patient.sex ? { sex: clinicalCase.patient.sex } : {}),
    }),
  );
  return (
    <div className="ddx-panel">
      <h3>From the note</h3>
      {result.result.state === 'loading' ? (
        <p className="muted">Reading the note…</p>
      ) : result.result.state === 'failed' ? (
        <ProblemView error={result.result.error} heading="The note could not be read" />
      ) : (
        <TextDifferential result={result.result.data} />
      )}
      <h3>From the recorded findings (DDXPlus model, 49 conditions)</h3>
    </div>
  );
}

function FindingsDifferential(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  const result = useApi(`ddx:${clinicalCase.id}:${clinicalCase.updatedAt}`, () =>
    api.get<DdxResult>(`/v1/cases/${encodeURIComponent(clinicalCase.id)}/diagnosis`),
  );
  if (result.result.state === 'loading') return <p className="muted">Ranking the differential…</p>;
  if (result.result.state === 'failed')
    return <ProblemView error={result.result.error} heading="The differential could not be computed" />;
  const { differential, hedged, questions, warnings } = result.result.data.output;
  return (
    <div className="ddx-panel">
      {warnings.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
      <DifferentialList entries={differential.entries} {...(hedged ? { hedged } : {})} />
      {questions.length > 0 ? (
        <>
          <h3>Most informative next questions</h3>
          <ul className="ddx-questions">
            {questions.map((q) => (
              <li key={q.conceptId}>
                <strong>{q.label}</strong> <span className="muted small">({q.why})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted small">
        Decision support from a model trained on synthetic DDXPlus patients; not a diagnosis.
      </p>
    </div>
  );
}
