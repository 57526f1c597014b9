import { type ReactNode, useCallback, useState } from 'react';
import type { ClinicalCase } from '../../../src/clinical/index.js';
import type { EngineInfo } from '../../../src/engine/engine.js';
import { api } from '../api.js';
import { webCapabilities } from '../capabilities/index.js';
import type { CasePanelProps } from '../capabilities/types.js';
import { AssessmentsPanel } from '../components/AssessmentsPanel.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { FindingsPanel } from '../components/FindingsPanel.js';
import { ObservationsPanel } from '../components/ObservationsPanel.js';
import { ProblemView } from '../components/ProblemView.js';
import { formatAge, formatDateTime } from '../format.js';
import { Link } from '../router.js';
import { useApi } from '../use-api.js';
import { useDocumentTitle } from '../use-document-title.js';

/**
 * One case: the patient header, findings, observations, stored assessments with their explanations and
 * provenance, then every capability's case panels (each behind its own error boundary).
 */
export function CasePage(props: { readonly caseId: string }): ReactNode {
  const { caseId } = props;
  const caseRead = useApi(`case:${caseId}`, () =>
    api.get<ClinicalCase>(`/v1/cases/${encodeURIComponent(caseId)}`),
  );
  const enginesRead = useApi('engines', () => api.get<{ items: EngineInfo[] }>('/v1/engines'));
  // A panel may add an assessment without changing the case: count refreshes so the assessments are re-read too.
  const [refreshes, setRefreshes] = useState(0);
  const { reload } = caseRead;
  const refresh = useCallback(() => {
    reload();
    setRefreshes((n) => n + 1);
  }, [reload]);
  const { result } = caseRead;
  useDocumentTitle(result.state === 'loaded' ? result.data.title : 'Case');
  if (result.state === 'loading') return <p className="muted page">Loading case…</p>;
  if (result.state === 'failed') {
    return (
      <div className="page">
        <p>
          <Link to="/cases">← All cases</Link>
        </p>
        <ProblemView error={result.error} heading="The case could not be loaded" />
      </div>
    );
  }
  const clinicalCase = result.data;
  const engines = enginesRead.result.state === 'loaded' ? enginesRead.result.data.items : [];
  const panels = webCapabilities.flatMap((capability) =>
    (capability.casePanels ?? []).map((panel) => ({ ...panel, key: `${capability.id}/${panel.id}` })),
  );
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/cases">← All cases</Link>
      </p>
      <CaseHeader clinicalCase={clinicalCase} />
      <div className="case-columns">
        <section className="panel" aria-labelledby="findings-heading">
          <h2 id="findings-heading">
            Findings <span className="count">{clinicalCase.findings.length}</span>
          </h2>
          <FindingsPanel findings={clinicalCase.findings} />
        </section>
        <section className="panel" aria-labelledby="observations-heading">
          <h2 id="observations-heading">
            Observations <span className="count">{clinicalCase.observations.length}</span>
          </h2>
          <ObservationsPanel observations={clinicalCase.observations} />
        </section>
      </div>
      {clinicalCase.note ? (
        <section className="panel" aria-labelledby="note-heading">
          <h2 id="note-heading">Note</h2>
          <p className="note">{clinicalCase.note}</p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">Assessments</h2>
        {enginesRead.result.state === 'failed' ? (
          <ProblemView error={enginesRead.result.error} heading="The engine list could not be loaded" />
        ) : null}
        <AssessmentsPanel
          caseId={clinicalCase.id}
          engines={engines}
          caseVersion={`${clinicalCase.updatedAt}:${refreshes}`}
        />
      </section>
      {panels.map((panel) => (
        <section key={panel.key} className="panel" aria-label={panel.title} data-panel={panel.key}>
          <h2>{panel.title}</h2>
          <ErrorBoundary label={panel.title}>
            <CapabilityPanel component={panel.component} clinicalCase={clinicalCase} refresh={refresh} />
          </ErrorBoundary>
        </section>
      ))}
    </div>
  );
}

function CapabilityPanel(
  props: CasePanelProps & { readonly component: React.ComponentType<CasePanelProps> },
): ReactNode {
  const { component: Panel, ...rest } = props;
  return <Panel {...rest} />;
}

function CaseHeader(props: { readonly clinicalCase: ClinicalCase }): ReactNode {
  const { clinicalCase } = props;
  const { patient } = clinicalCase;
  const exportHref = `/v1/cases/${encodeURIComponent(clinicalCase.id)}/fhir`;
  return (
    <header className="case-header">
      <div>
        <h1>{clinicalCase.title}</h1>
        <dl className="patient-facts">
          <div>
            <dt>Age</dt>
            <dd>{formatAge(patient.ageYears)}</dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{patient.sex ?? '—'}</dd>
          </div>
          {patient.caregiverAnswering ? (
            <div>
              <dt>Answers</dt>
              <dd>caregiver</dd>
            </div>
          ) : null}
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(clinicalCase.createdAt)}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>{formatDateTime(clinicalCase.updatedAt)}</dd>
          </div>
          <div>
            <dt>Case id</dt>
            <dd>
              <code>{clinicalCase.id}</code>
            </dd>
          </div>
        </dl>
      </div>
      <a
        className="button button-secondary"
        href={exportHref}
        download={`healthgpt-case-${clinicalCase.id}.fhir.json`}
      >
        Export FHIR
      </a>
    </header>
  );
}
