import { type ReactNode, useState } from 'react';
import type { ClinicalCase } from '../../../src/clinical/index.js';
import type { Page } from '../../../src/store/store.js';
import { api } from '../api.js';
import { ImportFhirForm } from '../components/ImportFhirForm.js';
import { NewCaseForm } from '../components/NewCaseForm.js';
import { ProblemView } from '../components/ProblemView.js';
import { formatAge, formatDateTime } from '../format.js';
import { Link } from '../router.js';
import { useApi } from '../use-api.js';
import { useDocumentTitle } from '../use-document-title.js';

const PAGE_SIZE = 25;

/** The cases list, with the two ways to start a case: a new empty case, or a FHIR R4 bundle from an EHR. */
export function CasesPage(): ReactNode {
  useDocumentTitle('Cases');
  const [offset, setOffset] = useState(0);
  const { result } = useApi(`cases:${offset}`, () =>
    api.get<Page<ClinicalCase>>(`/v1/cases?limit=${PAGE_SIZE}&offset=${offset}`),
  );
  return (
    <div className="page">
      <h1>Cases</h1>
      <section className="panel" aria-labelledby="cases-list-heading">
        <h2 id="cases-list-heading">All cases</h2>
        {result.state === 'loading' ? <p className="muted">Loading cases…</p> : null}
        {result.state === 'failed' ? (
          <ProblemView error={result.error} heading="Cases could not be loaded" />
        ) : null}
        {result.state === 'loaded' ? (
          <>
            <CasesTable cases={result.data.items} />
            <Pager offset={offset} total={result.data.total} onOffset={setOffset} />
          </>
        ) : null}
      </section>
      <div className="two-columns">
        <section className="panel" aria-labelledby="new-case-heading">
          <h2 id="new-case-heading">New case</h2>
          <NewCaseForm />
        </section>
        <section className="panel" aria-labelledby="import-heading">
          <h2 id="import-heading">Import FHIR bundle</h2>
          <ImportFhirForm />
        </section>
      </div>
    </div>
  );
}

function CasesTable(props: { readonly cases: readonly ClinicalCase[] }): ReactNode {
  if (props.cases.length === 0) {
    return <p className="muted">No cases yet. Create one or import a FHIR bundle below.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Age</th>
            <th scope="col">Sex</th>
            <th scope="col" className="numeric">
              Findings
            </th>
            <th scope="col" className="numeric">
              Observations
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {props.cases.map((clinicalCase) => (
            <tr key={clinicalCase.id}>
              <td>
                <Link to={`/cases/${encodeURIComponent(clinicalCase.id)}`}>{clinicalCase.title}</Link>
              </td>
              <td>{formatAge(clinicalCase.patient.ageYears)}</td>
              <td>{clinicalCase.patient.sex ?? '—'}</td>
              <td className="numeric">{clinicalCase.findings.length}</td>
              <td className="numeric">{clinicalCase.observations.length}</td>
              <td>{formatDateTime(clinicalCase.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager(props: { offset: number; total: number; onOffset: (offset: number) => void }): ReactNode {
  const { offset, total } = props;
  if (total <= PAGE_SIZE) return <p className="muted">{total === 1 ? '1 case' : `${total} cases`}</p>;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <nav className="pager" aria-label="Cases pages">
      <button
        type="button"
        className="button-secondary"
        disabled={offset === 0}
        onClick={() => props.onOffset(Math.max(0, offset - PAGE_SIZE))}
      >
        Newer
      </button>
      <span>
        {offset + 1}–{last} of {total}
      </span>
      <button
        type="button"
        className="button-secondary"
        disabled={last >= total}
        onClick={() => props.onOffset(offset + PAGE_SIZE)}
      >
        Older
      </button>
    </nav>
  );
}
