import { associationScore, type Expansion } from './association.js';
import type { LexicalSignals } from './fusion.js';
import type { LiteratureIndex } from './index-db.js';

/**
 * Lexical signals of search candidates beyond the one BM25 score, for the learned fusion (`fusion.ts`): coverage of
 * the query's terms weighted by inverse document frequency, coverage in the title, BM25 of the title and of the
 * abstract alone, term proximity (neighbouring query terms next to each other; pairs within a window), and a
 * pseudo-relevance-feedback score (RM3-style: the terms that weigh most in the BM25 top 10, weighted by those
 * documents' scores, then BM25 of those expansion terms). Everything comes from the FTS5 index itself, so it works on
 * any library.
 */

export const PRF_DOCS = 10;
export const PRF_TERMS = 10;
export const PROXIMITY_WINDOW = 8;

interface FtsRow {
  readonly rowid: number;
  readonly title: string;
  readonly abstract: string;
  readonly mesh: string;
}

const dfCache = new WeakMap<LiteratureIndex, { key: string; df: Map<string, number>; n: number }>();

/**
 * Documents holding each term and the library size, read once from an FTS5 vocabulary table (in the connection's
 * temp schema, so the library file is not changed) and kept until the library changes.
 */
function docFrequency(index: LiteratureIndex): { df: (term: string) => number; n: number } {
  const { n, last } = index.db.prepare('SELECT count(*) AS n, max(rowid) AS last FROM articles').get() as {
    n: number;
    last: number | null;
  };
  const key = `${n}:${last}`;
  let c = dfCache.get(index);
  if (!c || c.key !== key) {
    index.db.exec(
      "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_vocab USING fts5vocab(main, 'articles_fts', 'row')",
    );
    const rows = index.db.prepare('SELECT term, doc FROM temp.articles_vocab').all() as {
      term: string;
      doc: number;
    }[];
    c = { key, df: new Map(rows.map((r) => [r.term, r.doc])), n };
    dfCache.set(index, c);
  }
  const df = c.df;
  return { df: (t) => df.get(t) ?? 0, n: c.n };
}

const quoted = (ts: readonly string[]) => ts.map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');

/**
 * BM25 of `qterms` restricted to these rows, with per-field weights (title, abstract, MeSH). `rowid + 0` keeps FTS5
 * from running the full-text query once per listed row.
 */
function fieldBm25(
  index: LiteratureIndex,
  qterms: readonly string[],
  rowids: readonly number[],
  w: readonly [number, number, number],
): Map<number, number> {
  if (qterms.length === 0 || rowids.length === 0) return new Map();
  const rows = index.db
    .prepare(
      `SELECT rowid, bm25(articles_fts, ${w[0]}, ${w[1]}, ${w[2]}) AS s FROM articles_fts
       WHERE articles_fts MATCH ? AND (rowid + 0) IN (${rowids.map(() => '?').join(',')})`,
    )
    .all(quoted(qterms), ...rowids) as { rowid: number; s: number }[];
  return new Map(rows.map((r) => [r.rowid, -r.s]));
}

function pairShares(
  tokens: readonly string[],
  qterms: readonly string[],
): { adjacent: number; window: number } {
  if (qterms.length < 2) return { adjacent: 0, window: 0 };
  const positions = new Map<string, number[]>();
  const wanted = new Set(qterms);
  tokens.forEach((t, i) => {
    if (wanted.has(t)) {
      const list = positions.get(t);
      if (list) list.push(i);
      else positions.set(t, [i]);
    }
  });
  const near = (a: string, b: string, within: number, ordered: boolean) => {
    const pa = positions.get(a);
    const pb = positions.get(b);
    if (!pa || !pb) return false;
    for (const i of pa)
      for (const j of pb) {
        const d = j - i;
        if (ordered ? d === 1 : d !== 0 && Math.abs(d) <= within) return true;
      }
    return false;
  };
  let adjacent = 0;
  for (let i = 0; i + 1 < qterms.length; i++) if (near(qterms[i]!, qterms[i + 1]!, 1, true)) adjacent++;
  let window = 0;
  let pairs = 0;
  for (let i = 0; i < qterms.length; i++)
    for (let j = i + 1; j < qterms.length; j++) {
      pairs++;
      if (near(qterms[i]!, qterms[j]!, PROXIMITY_WINDOW, false)) window++;
    }
  return { adjacent: adjacent / (qterms.length - 1), window: window / pairs };
}

/**
 * RM3-style expansion terms: each of the top documents votes for its terms by term frequency over length, weighted
 * by its share of the top documents' BM25 scores; the query's own terms and terms in over half the library are left
 * out.
 */
export function prfTerms(
  top: readonly { tokens: readonly string[]; score: number }[],
  qterms: readonly string[],
  df: (t: string) => number,
  n: number,
): string[] {
  const total = top.reduce((s, d) => s + d.score, 0) || 1;
  const weight = new Map<string, number>();
  const own = new Set(qterms);
  for (const d of top) {
    if (d.tokens.length === 0) continue;
    const tf = new Map<string, number>();
    for (const t of d.tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, c] of tf) {
      if (own.has(t) || t.length < 3 || /^\d+$/.test(t)) continue;
      weight.set(t, (weight.get(t) ?? 0) + (c / d.tokens.length) * (d.score / total));
    }
  }
  return [...weight.entries()]
    .filter(([t]) => df(t) <= n / 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, PRF_TERMS)
    .map(([t]) => t);
}

/**
 * Lexical signals of each candidate row; `bm25Top` is the query's BM25 ranking (best first) for the PRF step;
 * `expansion`, the query's learned term-association expansion, gives each row its association score.
 */
export function lexicalSignals(
  index: LiteratureIndex,
  qterms: readonly string[],
  rowids: readonly number[],
  bm25Top: readonly { rowid: number; score: number }[],
  expansion?: Expansion,
): Map<number, LexicalSignals> {
  const { df, n } = docFrequency(index);
  const idf = new Map(qterms.map((t) => [t, Math.log(1 + (n - df(t) + 0.5) / (df(t) + 0.5))]));
  const idfTotal = [...idf.values()].reduce((s, x) => s + x, 0) || 1;
  const get = index.db.prepare('SELECT rowid, title, abstract, mesh FROM articles_fts WHERE rowid = ?');
  const rows = new Map<number, FtsRow>();
  const rowOf = (rowid: number) => {
    let r = rows.get(rowid);
    if (!r) {
      r = (get.get(rowid) as FtsRow | undefined) ?? { rowid, title: '', abstract: '', mesh: '' };
      rows.set(rowid, r);
    }
    return r;
  };
  const split = (s: string) => (s ? s.split(' ') : []);
  const top = bm25Top.slice(0, PRF_DOCS).map((h) => {
    const r = rowOf(h.rowid);
    return { tokens: [...split(r.title), ...split(r.abstract)], score: h.score };
  });
  const prfExpansion = prfTerms(top, qterms, df, n);
  const titleBm25 = fieldBm25(index, qterms, rowids, [1, 0, 0]);
  const abstractBm25 = fieldBm25(index, qterms, rowids, [0, 1, 0]);
  const prf = fieldBm25(index, prfExpansion, rowids, [1, 1, 1]);
  const out = new Map<number, LexicalSignals>();
  for (const rowid of rowids) {
    const r = rowOf(rowid);
    const title = split(r.title);
    const abstract = split(r.abstract);
    const all = new Set([...title, ...abstract, ...split(r.mesh)]);
    const inTitle = new Set(title);
    let idfHit = 0;
    let titleHit = 0;
    let hit = 0;
    for (const t of qterms) {
      if (all.has(t)) {
        hit++;
        idfHit += idf.get(t)!;
      }
      if (inTitle.has(t)) titleHit++;
    }
    // Title and abstract as one sequence, with a gap so that no pair spans the two.
    const seq = [...title, ...new Array<string>(PROXIMITY_WINDOW + 1).fill(''), ...abstract];
    const pairs = pairShares(seq, qterms);
    out.set(rowid, {
      coverage: hit / qterms.length,
      idfCoverage: idfHit / idfTotal,
      titleCoverage: titleHit / qterms.length,
      titleBm25: titleBm25.get(rowid) ?? 0,
      abstractBm25: abstractBm25.get(rowid) ?? 0,
      adjacentPairs: pairs.adjacent,
      windowPairs: pairs.window,
      prfBm25: prf.get(rowid) ?? 0,
      ...(expansion?.size
        ? { association: associationScore(expansion, new Set([...title, ...abstract])) }
        : {}),
    });
  }
  return out;
}
