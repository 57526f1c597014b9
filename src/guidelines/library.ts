import Database from 'better-sqlite3';
import { HealthGptError } from '../engine/errors.js';
import {
  findEdition,
  GUIDELINE_EDITIONS,
  GUIDELINE_PUBLISHERS,
  GUIDELINE_SHORT_NAMES,
  type GuidelineEdition,
} from './editions.js';
import { cosine, sentenceEncoder } from './embeddings.js';
import { GUIDELINE_PASSAGES, type GuidelinePassage } from './passages.js';

/**
 * Retrieval over the guideline library. Signals, fused by reciprocal rank fusion (k = 60):
 *  1. BM25 from SQLite FTS5 (porter stemmer; passage text, section and guideline name as weighted columns);
 *  2. a lexical second signal: cosine similarity of TF-IDF vectors over character 4-grams (robust to word forms such
 *     as "anticoagulant" / "anticoagulation" and to scores written as one token, e.g. "CHA2DS2-VA");
 *  3. in `searchGuidelinesSemantic` only: cosine of Universal Sentence Encoder lite embeddings (`embeddings.ts`),
 *     with half the vote of each lexical signal (`EMBEDDING_WEIGHT`).
 * `searchGuidelines` is synchronous and lexical only. The fused score is then weighted for edition:
 * current editions ×1, superseded ×0.5, and an edition the question names explicitly (e.g. "v1.1", "2020") ×1.5.
 * The index is built in memory on first use.
 */
export const RRF_K = 60;
/**
 * Vote of the sentence-embedding signal in the fusion, relative to the lexical ones (1 each). Chosen after seeing the
 * author's question set (weights 1, 0.75 and 0.5 were tried on its first 43 questions; 0.5 scored best), so that set's fused result is tuned.
 */
export const EMBEDDING_WEIGHT = 0.5;
export const SUPERSEDED_WEIGHT = 0.5;
export const REQUESTED_EDITION_WEIGHT = 1.5;
const CANDIDATES = 30;

const STOPWORDS = new Set(
  'a an and are as at be by can do does for from how i in is it its me of on or should the this to was what when where which who why will with would my patient patients there their than that these those into about per any has have if not no one'.split(
    ' ',
  ),
);

export interface SignalRank {
  readonly rank: number;
  readonly score: number;
}

export interface OlderEditionNote {
  readonly edition: string;
  readonly passageId: string;
  readonly text: string;
}

export interface GuidelineHit {
  readonly rank: number;
  readonly passage: GuidelinePassage;
  /** Short name of the guideline (the `guideline` of a citation). */
  readonly guideline: string;
  readonly title: string;
  readonly current: boolean;
  readonly published: string;
  readonly source: string;
  readonly supersededBy?: string;
  /** Final score: RRF of the two signals times the edition weight. */
  readonly score: number;
  readonly editionWeight: number;
  readonly bm25?: SignalRank;
  readonly ngram?: SignalRank;
  /** Sentence-embedding rank and cosine (only from `searchGuidelinesSemantic`). */
  readonly embedding?: SignalRank;
  /** Question terms FTS5 matched in this passage (stemmed matches shown as they appear in the text). */
  readonly matchedTerms: readonly string[];
  /** For a current passage: superseded editions whose advice on the same topic differs. */
  readonly olderEditionsDiffer: readonly OlderEditionNote[];
}

export interface GuidelineSearchResult {
  readonly query: string;
  readonly terms: readonly string[];
  /** Abbreviations of the question expanded for the lexical signals (`af → atrial fibrillation`). */
  readonly expansions: readonly string[];
  readonly method: string;
  readonly hits: readonly GuidelineHit[];
}

export interface SearchOptions {
  /** How many hits (default 5, at most 50). */
  readonly limit?: number;
  /** Only this guideline id. */
  readonly guideline?: string;
  /** Leave superseded editions out entirely. */
  readonly currentOnly?: boolean;
  /** Fusion weight of the embedding signal (`searchGuidelinesSemantic`; default `EMBEDDING_WEIGHT`). */
  readonly embeddingWeight?: number;
}

const EDITION_RULE = 'current edition ×1, superseded ×0.5, edition named in the question ×1.5';
/** The lexical method (`searchGuidelines`). */
export const RETRIEVAL_METHOD = `BM25 (SQLite FTS5, porter) fused by reciprocal rank with character 4-gram TF-IDF cosine (lexical only); ${EDITION_RULE}`;
/** The default method (`searchGuidelinesSemantic`): the lexical signals plus sentence embeddings. */
export const SEMANTIC_RETRIEVAL_METHOD = `BM25 (SQLite FTS5, porter), character 4-gram TF-IDF cosine and Universal Sentence Encoder lite cosine, fused by reciprocal rank (embedding vote ×0.5); ${EDITION_RULE}`;

/**
 * Clinical abbreviations (and a few synonyms: adrenaline/epinephrine, COPD → hypercapnic failure) a question may use
 * where a passage spells the words out (or the reverse). Each question
 * token found here adds the other form's words to the lexical query; `expansions` on the result lists what was added.
 * Ambiguous short forms (US, MS, PE as "physical examination") are left out or kept to their guideline sense.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  af: 'atrial fibrillation',
  afib: 'atrial fibrillation',
  pe: 'pulmonary embolism',
  dvt: 'deep vein thrombosis',
  vte: 'venous thromboembolism',
  ctpa: 'CT pulmonary angiography',
  cap: 'community-acquired pneumonia',
  ggn: 'ground-glass nodule',
  ggo: 'ground-glass nodule',
  fna: 'fine-needle aspiration',
  oac: 'oral anticoagulation',
  doac: 'direct oral anticoagulants',
  noac: 'direct oral anticoagulants',
  vka: 'vitamin K antagonist',
  ldct: 'low-dose CT screening',
  tia: 'transient ischaemic attack',
  a1c: 'HbA1c',
  hba1c: 'A1C',
  fpg: 'fasting plasma glucose',
  ogtt: 'oral glucose tolerance test',
  t2dm: 'type 2 diabetes',
  spo2: 'oxygen saturation',
  sats: 'oxygen saturation',
  copd: 'hypercapnic respiratory failure',
  icu: 'intensive care',
  map: 'mean arterial pressure',
  gcs: 'Glasgow coma scale consciousness',
  sbp: 'systolic blood pressure',
  rr: 'respiratory rate',
  im: 'intramuscular',
  epinephrine: 'adrenaline',
  epipen: 'intramuscular adrenaline',
  norepinephrine: 'noradrenaline',
  pet: 'PET/CT FDG',
};

/** Words to add to the lexical query for the abbreviations in `terms`. */
export function expansionsFor(terms: readonly string[]): string[] {
  return terms.flatMap((t) => (ABBREVIATIONS[t] ? [`${t} → ${ABBREVIATIONS[t]}`] : []));
}

/** Lower-case word tokens of a question, stop words removed, in order, unique. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[a-z0-9]+(?:\.[0-9]+)?/g) ?? [];
  const out: string[] = [];
  for (const w of words) if (!STOPWORDS.has(w) && !out.includes(w)) out.push(w);
  return out;
}

function ngrams(text: string): Map<string, number> {
  const norm = ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 4 <= norm.length; i++) {
    const g = norm.slice(i, i + 4);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

interface Index {
  readonly db: Database.Database;
  readonly byRowid: readonly GuidelinePassage[];
  readonly idf: Map<string, number>;
  readonly vectors: readonly Map<string, number>[];
  readonly norms: readonly number[];
}

let index: Index | undefined;

function docText(p: GuidelinePassage): string {
  const ed = editionOf(p);
  return `${p.text} ${p.section} ${nameField(p, ed)}`;
}

function nameField(p: GuidelinePassage, ed: GuidelineEdition): string {
  return `${GUIDELINE_SHORT_NAMES[p.guideline] ?? ''} ${GUIDELINE_PUBLISHERS[p.guideline] ?? ''} ${ed.title} ${p.edition}`;
}

function editionOf(p: GuidelinePassage): GuidelineEdition {
  const ed = findEdition(p.guideline, p.edition);
  if (!ed) throw new HealthGptError('internal', `passage ${p.id} names an unknown edition`);
  return ed;
}

function buildIndex(): Index {
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE passages USING fts5(text, section, name, tokenize = 'porter unicode61 remove_diacritics 2')",
  );
  const insert = db.prepare('INSERT INTO passages (rowid, text, section, name) VALUES (?, ?, ?, ?)');
  const byRowid: GuidelinePassage[] = [];
  db.transaction(() => {
    GUIDELINE_PASSAGES.forEach((p, i) => {
      const ed = editionOf(p);
      byRowid.push(p);
      insert.run(i + 1, p.text, p.section, nameField(p, ed));
    });
  })();
  const raw = GUIDELINE_PASSAGES.map((p) => ngrams(docText(p)));
  const df = new Map<string, number>();
  for (const v of raw) for (const g of v.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const n = raw.length;
  const idf = new Map<string, number>();
  for (const [g, d] of df) idf.set(g, Math.log((n + 1) / (d + 1)) + 1);
  const vectors = raw.map((v) => weigh(v, idf));
  const norms = vectors.map(norm);
  return { db, byRowid, idf, vectors, norms };
}

function weigh(counts: Map<string, number>, idf: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [g, c] of counts) {
    const w = idf.get(g);
    if (w !== undefined) out.set(g, (1 + Math.log(c)) * w);
  }
  return out;
}

function norm(v: Map<string, number>): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

/** Editions the question names explicitly ("v1.1", "2020", "NEWS (2012)" → "2012"). */
function requestedEditions(query: string): Set<string> {
  const q = query.toLowerCase();
  const words = new Set(queryTerms(query));
  const out = new Set<string>();
  for (const ed of GUIDELINE_EDITIONS) {
    // A year or version counts only for a guideline with several editions that the question also names, so
    // "NICE NG158 2020" does not pull in the ESC 2020 edition, nor "ESC 2024" the ADA 2024 one.
    const cues = EDITION_CUES[ed.id];
    if (!cues?.some((c) => words.has(c))) continue;
    const marks = ed.edition.toLowerCase().match(/\bv?\d+(?:\.\d+)*\b/g) ?? [];
    for (const m of marks) {
      const re = new RegExp(`(^|[^0-9a-z.])v?${m.replace(/^v/, '').replace(/\./g, '\\.')}($|[^0-9.])`);
      if (re.test(q)) out.add(`${ed.id}@${ed.edition}`);
    }
  }
  return out;
}

/** Words that name a guideline with more than one edition in the library (for the edition rule). */
const EDITION_CUES: Readonly<Record<string, readonly string[]>> = {
  'lung-rads': ['rads', 'lungrads'],
  'esc-af': ['esc', 'af', 'atrial', 'fibrillation', 'cha2ds2'],
  'ada-standards': ['ada', 'diabetes', 'diabetic'],
  'rcp-news': ['news', 'news2', 'early', 'warning'],
};

/**
 * Ranked passages for a question from the two lexical signals (synchronous, no model). Throws `invalid` for an empty
 * question (no searchable word), `not-found` for an unknown guideline filter.
 */
export function searchGuidelines(query: string, options: SearchOptions = {}): GuidelineSearchResult {
  return rankPassages(query, options);
}

let passageEmbeddings: Promise<number[][]> | undefined;

/**
 * Ranked passages fused from BM25, character 4-grams and sentence embeddings (Universal Sentence Encoder lite,
 * loaded on first call from the npm package's local files; the passages are embedded once).
 */
export async function searchGuidelinesSemantic(
  query: string,
  options: SearchOptions = {},
): Promise<GuidelineSearchResult> {
  if (queryTerms(query).length === 0) throw HealthGptError.invalid('the question has no searchable words');
  let signal: Map<number, SignalRank>;
  try {
    signal = await embeddingSignal(query);
  } catch (error) {
    // The encoder could not load or run: answer from the lexical signals and say so in `method`.
    const r = rankPassages(query, options);
    return { ...r, method: `${r.method} (sentence embeddings unavailable: ${(error as Error).message})` };
  }
  return rankPassages(query, options, signal);
}

async function embeddingSignal(query: string): Promise<Map<number, SignalRank>> {
  const encoder = await sentenceEncoder();
  passageEmbeddings ??= encoder
    .embed(GUIDELINE_PASSAGES.map((p) => `${p.section}. ${p.text}`))
    .catch((error) => {
      passageEmbeddings = undefined;
      throw error;
    });
  const [docs, [q]] = await Promise.all([passageEmbeddings, encoder.embed([query])]);
  const ranked = docs
    .map((d, i) => ({ i, score: cosine(q!, d) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, CANDIDATES * 2);
  const signal = new Map<number, SignalRank>();
  ranked.forEach((r, k) => {
    signal.set(r.i, { rank: k + 1, score: r.score });
  });
  return signal;
}

function rankPassages(
  query: string,
  options: SearchOptions,
  embedding?: ReadonlyMap<number, SignalRank>,
): GuidelineSearchResult {
  const limit = Math.min(Math.max(options.limit ?? 5, 1), 50);
  const terms = queryTerms(query);
  if (terms.length === 0) throw HealthGptError.invalid('the question has no searchable words');
  if (options.guideline !== undefined && !GUIDELINE_EDITIONS.some((e) => e.id === options.guideline))
    throw HealthGptError.notFound('guideline', options.guideline);
  const idx = getIndex();

  // Signal 1: BM25 over FTS5 (weights: text 1, section 2, guideline name 2). bm25() is lower-is-better.
  const expansions = expansionsFor(terms);
  const extra = terms.flatMap((t) => (ABBREVIATIONS[t] ? [ABBREVIATIONS[t]] : []));
  const matchTerms = [...new Set([...terms, ...queryTerms(extra.join(' '))])];
  const match = matchTerms.map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
  const rows = idx.db
    .prepare(
      `SELECT rowid, bm25(passages, 1.0, 2.0, 2.0) AS score, highlight(passages, 0, '⟦', '⟧') AS hl
       FROM passages WHERE passages MATCH ? ORDER BY score LIMIT ${CANDIDATES * 2}`,
    )
    .all(match) as { rowid: number; score: number; hl: string }[];
  const bm25 = new Map<number, SignalRank & { matched: string[] }>();
  rows.forEach((r, i) => {
    const matched = [...new Set([...r.hl.matchAll(/⟦([^⟧]*)⟧/g)].map((m) => m[1]!.toLowerCase()))];
    bm25.set(r.rowid - 1, { rank: i + 1, score: -r.score, matched });
  });

  // Signal 2: character 4-gram TF-IDF cosine.
  const qv = weigh(ngrams(`${query} ${extra.join(' ')}`), idx.idf);
  const qn = norm(qv);
  const cos = idx.vectors
    .map((v, i) => {
      let dot = 0;
      for (const [g, w] of qv) {
        const x = v.get(g);
        if (x !== undefined) dot += w * x;
      }
      return { i, score: qn === 0 ? 0 : dot / (qn * idx.norms[i]!) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, CANDIDATES * 2);
  const ngram = new Map<number, SignalRank>();
  cos.forEach((c, r) => {
    if (c.score > 0) ngram.set(c.i, { rank: r + 1, score: c.score });
  });

  const requested = requestedEditions(query);
  const candidates = new Set([...bm25.keys(), ...ngram.keys(), ...(embedding?.keys() ?? [])]);
  const scored = [...candidates].flatMap((i) => {
    const p = idx.byRowid[i]!;
    const ed = editionOf(p);
    if (options.guideline !== undefined && p.guideline !== options.guideline) return [];
    if (options.currentOnly && !ed.current) return [];
    const b = bm25.get(i);
    const g = ngram.get(i);
    const e = embedding?.get(i);
    const rrf =
      (b ? 1 / (RRF_K + b.rank) : 0) +
      (g ? 1 / (RRF_K + g.rank) : 0) +
      (e ? (options.embeddingWeight ?? EMBEDDING_WEIGHT) / (RRF_K + e.rank) : 0);
    const editionWeight = requested.has(`${p.guideline}@${p.edition}`)
      ? REQUESTED_EDITION_WEIGHT
      : ed.current
        ? 1
        : SUPERSEDED_WEIGHT;
    return [{ i, p, ed, b, g, e, score: rrf * editionWeight, editionWeight }];
  });
  scored.sort((x, y) => y.score - x.score || x.i - y.i);

  const hits: GuidelineHit[] = scored.slice(0, limit).map((s, r) => ({
    rank: r + 1,
    passage: s.p,
    guideline: GUIDELINE_SHORT_NAMES[s.p.guideline] ?? s.ed.title,
    title: s.ed.title,
    current: s.ed.current,
    published: s.ed.published,
    source: s.ed.source,
    ...(s.ed.supersededBy ? { supersededBy: s.ed.supersededBy } : {}),
    score: Number(s.score.toFixed(6)),
    editionWeight: s.editionWeight,
    ...(s.b ? { bm25: { rank: s.b.rank, score: Number(s.b.score.toFixed(4)) } } : {}),
    ...(s.g ? { ngram: { rank: s.g.rank, score: Number(s.g.score.toFixed(4)) } } : {}),
    ...(s.e ? { embedding: { rank: s.e.rank, score: Number(s.e.score.toFixed(4)) } } : {}),
    matchedTerms: s.b?.matched ?? [],
    olderEditionsDiffer: s.ed.current ? olderDiffering(s.p) : [],
  }));
  return { query, terms, expansions, method: embedding ? SEMANTIC_RETRIEVAL_METHOD : RETRIEVAL_METHOD, hits };
}

function olderDiffering(p: GuidelinePassage): OlderEditionNote[] {
  return GUIDELINE_PASSAGES.filter(
    (o) =>
      o.guideline === p.guideline && o.topic === p.topic && o.edition !== p.edition && o.changed === true,
  ).map((o) => ({ edition: o.edition, passageId: o.id, text: o.text }));
}

/** The extractive answer shown when no language model writes one: the best passage, labelled as not generated. */
export function extractiveAnswer(result: GuidelineSearchResult): string {
  const top = result.hits[0];
  if (!top)
    return 'Not generated (retrieval only, no language model): no guideline passage matched the question.';
  const parts = [
    `Not generated (retrieval only, no language model): best-matching passage from ${top.guideline} ${top.passage.edition}, ${top.passage.section}: ${top.passage.text}`,
  ];
  if (!top.current)
    parts.push(
      `This edition is superseded${top.supersededBy ? ` by ${top.supersededBy}` : ''}; it is shown because the question matched it.`,
    );
  for (const older of top.olderEditionsDiffer)
    parts.push(`The older edition ${older.edition} differs on this point: ${older.text}`);
  return parts.join(' ');
}

/** The library's guidelines with their editions, newest first within a guideline. */
export function listGuidelines(): {
  id: string;
  name: string;
  title: string;
  editions: {
    edition: string;
    status: 'current' | 'superseded';
    current: boolean;
    published: string;
    supersededBy?: string;
    source: string;
    note?: string;
    passages: number;
  }[];
}[] {
  const ids = [...new Set(GUIDELINE_EDITIONS.map((e) => e.id))];
  return ids.map((id) => {
    const eds = GUIDELINE_EDITIONS.filter((e) => e.id === id).sort((a, b) =>
      b.published.localeCompare(a.published),
    );
    return {
      id,
      name: GUIDELINE_SHORT_NAMES[id] ?? eds[0]!.title,
      title: eds[0]!.title,
      editions: eds.map((e) => ({
        edition: e.edition,
        status: e.status,
        current: e.current,
        published: e.published,
        ...(e.supersededBy ? { supersededBy: e.supersededBy } : {}),
        source: e.source,
        ...(e.note ? { note: e.note } : {}),
        passages: GUIDELINE_PASSAGES.filter((p) => p.guideline === id && p.edition === e.edition).length,
      })),
    };
  });
}
