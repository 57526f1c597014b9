import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';

interface Hit {
  readonly source: 'reference' | 'stored';
  readonly id: string;
  readonly caseId?: string;
  readonly text?: string;
  readonly modality?: string;
  readonly region?: string;
  readonly similarity: number;
  readonly imageUrl: string;
}

interface ZeroShot {
  readonly id: string;
  readonly title: string;
  readonly label: string;
  readonly probabilities: Readonly<Record<string, number>>;
}

interface Consistency {
  readonly similarity: number;
  readonly matchProbability?: number;
  readonly zeroShot: readonly ZeroShot[];
  readonly textMentions: { readonly modality: readonly string[]; readonly region: readonly string[] };
  readonly warnings: readonly { kind: string; message: string }[];
  readonly caveat: string;
}

const pct = (p: number) => `${(p * 100).toFixed(0)} %`;

function Hits({ hits }: { readonly hits: readonly Hit[] }): ReactNode {
  if (hits.length === 0) return <p className="muted">No images to search.</p>;
  return (
    <ol className="image-text-hits">
      {hits.map((h) => (
        <li key={`${h.source}:${h.id}`}>
          <img src={h.imageUrl} alt={h.text ?? `${h.source} image ${h.id}`} width={64} height={64} />
          <span>
            <strong>{h.similarity.toFixed(2)}</strong>{' '}
            {h.source === 'reference' ? 'MedPix teaching image' : 'stored image'}
            {h.caseId ? ` · case ${h.caseId}` : ''}
            {h.text ? <span className="muted"> — {h.text.slice(0, 160)}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The experimental image–text model on the case page: zero-shot labels and the image-versus-record consistency
 * check, similar images, and text search over images.
 */
export function ImageTextPanel(props: { readonly imageId: string; readonly note?: string }): ReactNode {
  const { imageId } = props;
  const [consistency, setConsistency] = useState<Consistency>();
  const [similar, setSimilar] = useState<readonly Hit[]>();
  const [found, setFound] = useState<readonly Hit[]>();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const base = `/v1/images/${encodeURIComponent(imageId)}`;

  return (
    <section className="image-text" aria-label="Image and text (experimental)">
      <h4>
        Image and text <span className="badge experimental">experimental</span>
      </h4>
      <div className="vision-toolbar">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => setConsistency(await api.post<Consistency>(`${base}/consistency`, {})))
          }
        >
          Check against the record
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => setSimilar((await api.get<{ hits: Hit[] }>(`${base}/similar?k=8`)).hits))
          }
        >
          Similar images
        </button>
      </div>
      <form
        className="vision-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim() !== '')
            void run(async () =>
              setFound(
                (await api.post<{ hits: Hit[] }>('/v1/vision/image-text/search', { text: query, k: 8 })).hits,
              ),
            );
        }}
      >
        <label>
          Find images by text{' '}
          <input
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. axial CT chest mass"
          />
        </label>
        <button type="submit" disabled={busy || query.trim() === ''}>
          Search
        </button>
      </form>
      {error ? <ProblemView error={error} heading="The image–text model could not answer" /> : null}
      {consistency ? (
        <div className="image-text-consistency">
          {consistency.warnings.length > 0 ? (
            <ul role="alert" className="image-text-warnings">
              {consistency.warnings.map((w) => (
                <li key={w.kind}>{w.message}</li>
              ))}
            </ul>
          ) : (
            <p>No disagreement found between the image and the record text.</p>
          )}
          <p className="muted">
            Zero-shot:{' '}
            {consistency.zeroShot
              .map((z) => `${z.title}: ${z.label} (${pct(z.probabilities[z.label] ?? 0)})`)
              .join(' · ')}
            {consistency.matchProbability !== undefined
              ? ` · P(record text describes this image) ${pct(consistency.matchProbability)}`
              : ' · the record names nothing the model knows: no overall verdict'}
          </p>
          <p className="muted">{consistency.caveat}</p>
        </div>
      ) : null}
      {similar ? (
        <>
          <h5>Similar images</h5>
          <Hits hits={similar} />
        </>
      ) : null}
      {found ? (
        <>
          <h5>Images matching “{query}”</h5>
          <Hits hits={found} />
        </>
      ) : null}
    </section>
  );
}
