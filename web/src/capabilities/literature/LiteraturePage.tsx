import { type ChangeEvent, type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import { useDocumentTitle } from '../../use-document-title.js';

interface Evidence {
  readonly design: string;
  readonly label: string;
  readonly level: number | null;
  readonly source: string;
  readonly reason: string;
}

interface Hit {
  readonly rank: number;
  readonly article: {
    id: string;
    title: string;
    abstract: string;
    year?: number;
    journal?: string;
    authors: string[];
  };
  readonly evidence: Evidence;
  readonly score: number;
  readonly components: { relevance: number; evidence: number; recency: number };
  readonly bm25?: { rank: number; score: number };
  readonly dense?: { cosine: number };
  readonly matchedTerms: readonly { word: string; fields: string[] }[];
}

interface SearchResult {
  readonly method: string;
  readonly total: number;
  readonly weights: { relevance: number; evidence: number; recency: number };
  readonly hits: readonly Hit[];
}

interface Gap {
  readonly a: string;
  readonly c: string;
  readonly confidence: string;
  readonly reason: string;
  readonly linkingConcepts: readonly string[];
}

interface Trend {
  readonly concept: string;
  readonly direction: string;
  readonly confidence: string;
  readonly reason: string;
}

interface GapReport {
  readonly papers: number;
  readonly note: string;
  readonly gaps: readonly Gap[];
  readonly trends: readonly Trend[];
}

interface Progress {
  readonly id: string;
  readonly name: string;
  readonly records: number;
  readonly screened: number;
  readonly included: number;
  readonly estimatedRemainingRelevant: number | null;
  readonly estimateNote: string;
}

interface Next {
  readonly progress: Progress;
  readonly next: readonly {
    record: { id: string; title: string; abstract: string };
    probability: number | null;
    reason: string;
  }[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function EvidenceBadge({ e }: { e: Evidence }): ReactNode {
  return (
    <span className={`lit-badge lit-level-${e.level ?? 'none'}`} title={e.reason}>
      {e.level ? `Level ${e.level}` : 'Not graded'} · {e.label}
    </span>
  );
}

function SearchSection(): ReactNode {
  const [q, setQ] = useState('');
  const [yearFrom, setYearFrom] = useState('');
  const [maxLevel, setMaxLevel] = useState('');
  const [wEvidence, setWEvidence] = useState('0.2');
  const [wRecency, setWRecency] = useState('0.1');
  const [result, setResult] = useState<SearchResult>();
  const [error, setError] = useState<string>();
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const params = new URLSearchParams({ q, limit: '10', wEvidence, wRecency });
    if (yearFrom) params.set('yearFrom', yearFrom);
    if (maxLevel) params.set('maxLevel', maxLevel);
    try {
      setResult(await api.get<SearchResult>(`/v1/literature/search?${params}`));
    } catch (e) {
      setResult(undefined);
      setError(message(e));
    }
  };
  return (
    <section aria-label="Search the library">
      <h2>Search</h2>
      <form onSubmit={search}>
        <label htmlFor="lit-q">Search terms</label>{' '}
        <input id="lit-q" value={q} onChange={(e) => setQ(e.target.value)} />{' '}
        <label htmlFor="lit-from">From year</label>{' '}
        <input id="lit-from" size={5} value={yearFrom} onChange={(e) => setYearFrom(e.target.value)} />{' '}
        <label htmlFor="lit-level">Evidence level at most</label>{' '}
        <select id="lit-level" value={maxLevel} onChange={(e) => setMaxLevel(e.target.value)}>
          <option value="">any</option>
          {[1, 2, 3, 4, 5].map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="lit-we">Evidence weight</label>{' '}
        <input id="lit-we" size={4} value={wEvidence} onChange={(e) => setWEvidence(e.target.value)} />{' '}
        <label htmlFor="lit-wr">Recency weight</label>{' '}
        <input id="lit-wr" size={4} value={wRecency} onChange={(e) => setWRecency(e.target.value)} />{' '}
        <button type="submit">Search</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {result && (
        <>
          <p className="muted">
            {result.total} candidates · {result.method} · weights: relevance {result.weights.relevance},
            evidence {result.weights.evidence}, recency {result.weights.recency}
          </p>
          <ol className="lit-hits">
            {result.hits.map((h) => (
              <li key={h.article.id}>
                <EvidenceBadge e={h.evidence} />
                <strong>{h.article.title}</strong> {h.article.year ? `(${h.article.year})` : ''}
                <div className="lit-why">
                  score {h.score} = relevance {h.components.relevance}, evidence {h.components.evidence},
                  recency {h.components.recency}; BM25 #{h.bm25?.rank ?? '–'}
                  {h.dense ? `, cosine ${h.dense.cosine}` : ''}; matched{' '}
                  {h.matchedTerms.map((m) => m.word).join(', ') || 'none'}; design from {h.evidence.reason}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ImportSection({ onImported }: { onImported: () => void }): ReactNode {
  const [status, setStatus] = useState<string>();
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const r = await api.post<{ added: number; total: number; format: string }>('/v1/literature/imports', {
        name: file.name,
        content: await file.text(),
      });
      setStatus(`Imported ${r.added} articles (${r.format}); the library holds ${r.total}.`);
      onImported();
    } catch (e) {
      setStatus(`Import refused: ${message(e)}`);
    }
  };
  return (
    <section aria-label="Import">
      <h2>Import</h2>
      <label htmlFor="lit-file">MEDLINE/PubMed XML, BEIR JSONL, RIS or CSV file</label>{' '}
      <input id="lit-file" type="file" onChange={upload} />
      {status && <p role="status">{status}</p>}
    </section>
  );
}

function GapsSection(): ReactNode {
  const [topic, setTopic] = useState('');
  const [report, setReport] = useState<GapReport>();
  const [error, setError] = useState<string>();
  const find = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setReport(
        await api.get<GapReport>(`/v1/literature/gaps?${new URLSearchParams(topic ? { topic } : {})}`),
      );
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <section aria-label="Research gaps">
      <h2>Research gaps</h2>
      <form onSubmit={find}>
        <label htmlFor="lit-topic">Topic (optional)</label>{' '}
        <input id="lit-topic" value={topic} onChange={(e) => setTopic(e.target.value)} />{' '}
        <button type="submit">Find gaps</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {report && (
        <>
          <p className="muted">
            {report.papers} papers. {report.note}
          </p>
          <ul className="lit-gaps">
            {report.gaps.map((g) => (
              <li key={`${g.a}|${g.c}`}>
                <span className="lit-badge">{g.confidence}</span>
                {g.a} × {g.c}: {g.reason} (via {g.linkingConcepts.join(', ')})
              </li>
            ))}
            {report.trends.map((t) => (
              <li key={t.concept}>
                <span className="lit-badge">{t.direction}</span>
                {t.concept}: {t.reason} ({t.confidence})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ScreeningSection(): ReactNode {
  const [projects, setProjects] = useState<readonly Progress[]>([]);
  const [current, setCurrent] = useState<string>();
  const [next, setNext] = useState<Next>();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      setProjects((await api.get<{ projects: Progress[] }>('/v1/literature/screening')).projects);
    } catch (e) {
      setError(message(e));
    }
  }, []);
  const open = useCallback(async (id: string) => {
    setCurrent(id);
    setNext(await api.get<Next>(`/v1/literature/screening/${id}/next?limit=3`));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const create = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(undefined);
    try {
      const p = await api.post<Progress>('/v1/literature/screening', {
        name: name || file.name,
        fileName: file.name,
        content: await file.text(),
      });
      await reload();
      await open(p.id);
    } catch (e) {
      setError(message(e));
    }
  };
  const decide = async (recordId: string, decision: 'include' | 'exclude') => {
    if (!current) return;
    await api.post(`/v1/literature/screening/${current}/decisions`, { recordId, decision });
    await open(current);
    await reload();
  };
  return (
    <section aria-label="Screening">
      <h2>Screening projects</h2>
      <label htmlFor="lit-project-name">New project name</label>{' '}
      <input id="lit-project-name" value={name} onChange={(e) => setName(e.target.value)} />{' '}
      <label htmlFor="lit-records">Records (CSV or RIS)</label>{' '}
      <input id="lit-records" type="file" onChange={create} />
      {error && <p role="alert">{error}</p>}
      <ul>
        {projects.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => void open(p.id)}>
              {p.name}
            </button>{' '}
            <progress max={p.records} value={p.screened} aria-label={`${p.name} progress`} /> {p.screened}/
            {p.records} screened, {p.included} included
          </li>
        ))}
      </ul>
      {next && (
        <div className="lit-screen">
          <p role="status">
            {next.progress.screened}/{next.progress.records} screened · estimated relevant remaining:{' '}
            {next.progress.estimatedRemainingRelevant ?? 'unknown'} ({next.progress.estimateNote})
          </p>
          <ol>
            {next.next.map((s) => (
              <li key={s.record.id}>
                <strong>{s.record.title}</strong>{' '}
                <span className="lit-why">
                  {s.probability === null ? '' : `p = ${s.probability} · `}
                  {s.reason}
                </span>{' '}
                <button type="button" onClick={() => void decide(s.record.id, 'include')}>
                  Include
                </button>{' '}
                <button type="button" onClick={() => void decide(s.record.id, 'exclude')}>
                  Exclude
                </button>
              </li>
            ))}
          </ol>
          <a href={`/v1/literature/screening/${current}/export`}>Export decisions (CSV)</a>
        </div>
      )}
    </section>
  );
}

/** The literature library: search with evidence badges and filters, import, research gaps and screening projects. */
export function LiteraturePage(): ReactNode {
  useDocumentTitle('Literature');
  const [, setImports] = useState(0);
  return (
    <section className="literature-page">
      <h1>Literature</h1>
      <p className="muted">
        Your library of published articles. Evidence levels follow the Oxford CEBM 2011 table for treatment
        questions and come from MEDLINE publication types and MeSH where present; check the paper before
        relying on them. Ranking weights are shown with every result and can be changed.
      </p>
      <SearchSection />
      <ImportSection onImported={() => setImports((n) => n + 1)} />
      <GapsSection />
      <ScreeningSection />
    </section>
  );
}
