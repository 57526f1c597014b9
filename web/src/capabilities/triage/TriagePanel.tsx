import type { ReactNode } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { CasePanelProps } from '../types.js';
import { TriageView } from './TriageView.js';
import type { TriageResult } from './types.js';

/** Case-page panel: triage of the case's findings, vital signs and open differential, with every reason. */
export function TriagePanel(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  const result = useApi(`triage:${clinicalCase.id}:${clinicalCase.updatedAt}`, () =>
    api.get<TriageResult>(`/v1/cases/${encodeURIComponent(clinicalCase.id)}/triage`),
  );
  if (result.result.state === 'loading') return <p className="muted">Triaging…</p>;
  if (result.result.state === 'failed')
    return <ProblemView error={result.result.error} heading="Triage could not be computed" />;
  return <TriageView result={result.result.data} />;
}
