import Database from 'better-sqlite3';
import { HealthGptError } from '../engine/errors.js';
import { classifyEvidence } from './classify.js';
import type { EvidenceLevel } from './evidence.js';
import { terms, termsWithSurface } from './text.js';
import { type Article, MAX_QUERY_CHARS } from './types.js';

/**
 * The literature library's own SQLite file (separate from the application store): articles with their evidence
 * level, and an FTS5 index over pre-tokenised text (`text.ts`: spelling folds, hyphen handling, Porter stems), so the
 * words matched in an explanation are exactly the words the index scored. BM25 is FTS5's `bm25()` (k1 = 1.2,
 * b = 0.75, fixed by SQLite) with per-field weights tuned on NFCorpus training queries (`scripts/train-literature.ts`).
 * `:memory:` for evaluations.
 */

export const LITERATURE_SCHEMA_VERSION = 1;

export interface FieldWeights {
  readonly title: number;
  readonly abstract: number;
  readonly mesh: number;
}

/** Chosen on NFCorpus train queries (see models/literature/README.md); dev and SciFact were not used. */
export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 4, abstract: 1, mesh: 1 };

export interface StoredArticle extends Article {
  readonly rowid: number;
  readonly evidence: EvidenceLevel;
}

export interface Bm25Hit {
  readonly rowid: number;
  readonly id: string;
  readonly score: number;
  readonly rank: number;
}

export interface SearchFilters {
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** Only articles with a CEBM level at most this (1 = best); ungraded ones are left out when set. */
  readonly maxLevel?: number;
  readonly designs?: readonly string[];
}

export function checkQuery(query: string): string[] {
  if (query.length > MAX_QUERY_CHARS)
    throw new HealthGptError(
      'too-large',
      `the query is ${query.length} characters; the limit is ${MAX_QUERY_CHARS}`,
    );
  const qterms = [...new Set(terms(query))];
  if (qterms.length === 0) throw HealthGptError.invalid('the query has no searchable words');
  return qterms;
}

export class LiteratureIndex {
  readonly db: Database.Database;
  private weights: FieldWeights;

  constructor(path = ':memory:', weights: FieldWeights = DEFAULT_FIELD_WEIGHTS) {
    this.db = new Database(path);
    this.weights = weights;
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.migrate();
  }

  close(): void {
    this.db.close();
  }

  setWeights(weights: FieldWeights): void {
    this.weights = weights;
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS literature_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const row = this.db.prepare("SELECT value FROM literature_meta WHERE key = 'schema_version'").get() as
      | { value: string }
      | undefined;
    const version = row ? Number(row.value) : 0;
    if (version > LITERATURE_SCHEMA_VERSION)
      throw new HealthGptError(
        'precondition-failed',
        `the literature library was written by a newer HealthGPT (schema ${version}; this one reads ${LITERATURE_SCHEMA_VERSION})`,
      );
    if (version < 1) {
      this.db.exec(`
        CREATE TABLE articles (
          rowid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          title TEXT NOT NULL,
          abstract TEXT NOT NULL,
          authors TEXT NOT NULL,
          journal TEXT,
          year INTEGER,
          publication_types TEXT NOT NULL,
          mesh TEXT NOT NULL,
          pmid TEXT,
          doi TEXT,
          evidence TEXT NOT NULL,
          level INTEGER,
          design TEXT NOT NULL,
          source TEXT NOT NULL,
          imported_at TEXT NOT NULL
        );
        CREATE INDEX articles_year ON articles(year);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, abstract, mesh, tokenize = 'unicode61 remove_diacritics 0');
        CREATE TABLE article_vectors (rowid INTEGER PRIMARY KEY, model TEXT NOT NULL, vector BLOB NOT NULL);
        INSERT INTO literature_meta (key, value) VALUES ('schema_version', '1');
      `);
    }
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  /**
   * Adds articles in one transaction: all or nothing. Ids already in the library are a conflict unless `replace`.
   */
  add(
    articles: readonly Article[],
    source: string,
    options: { replace?: boolean } = {},
  ): { added: number; replaced: number } {
    const exists = this.db.prepare('SELECT rowid FROM articles WHERE id = ?');
    const insert = this.db.prepare(`INSERT INTO articles
      (id, title, abstract, authors, journal, year, publication_types, mesh, pmid, doi, evidence, level, design, source, imported_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertFts = this.db.prepare(
      'INSERT INTO articles_fts (rowid, title, abstract, mesh) VALUES (?, ?, ?, ?)',
    );
    const del = this.db.prepare('DELETE FROM articles WHERE rowid = ?');
    const delFts = this.db.prepare('DELETE FROM articles_fts WHERE rowid = ?');
    const delVec = this.db.prepare('DELETE FROM article_vectors WHERE rowid = ?');
    const now = new Date().toISOString();
    let added = 0;
    let replaced = 0;
    this.db.transaction(() => {
      for (const a of articles) {
        const old = exists.get(a.id) as { rowid: number } | undefined;
        if (old) {
          if (!options.replace)
            throw new HealthGptError(
              'conflict',
              `article '${a.id}' is already in the library (import with replace to update it)`,
            );
          del.run(old.rowid);
          delFts.run(old.rowid);
          delVec.run(old.rowid);
          replaced++;
        } else added++;
        const ev = classifyEvidence(a);
        const info = insert.run(
          a.id,
          a.title,
          a.abstract,
          JSON.stringify(a.authors),
          a.journal ?? null,
          a.year ?? null,
          JSON.stringify(a.publicationTypes),
          JSON.stringify(a.mesh),
          a.pmid ?? null,
          a.doi ?? null,
          JSON.stringify(ev),
          ev.level,
          ev.design,
          source,
          now,
        );
        insertFts.run(
          Number(info.lastInsertRowid),
          terms(a.title).join(' '),
          terms(a.abstract).join(' '),
          terms(a.mesh.join(' ; ')).join(' '),
        );
      }
    })();
    return { added, replaced };
  }

  /** BM25 candidates for pre-tokenised query terms, best first. */
  bm25(qterms: readonly string[], limit: number, filters: SearchFilters = {}): Bm25Hit[] {
    const match = qterms.map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
    const where: string[] = ['articles_fts MATCH ?'];
    const params: unknown[] = [match];
    if (filters.yearFrom !== undefined) {
      where.push('a.year >= ?');
      params.push(filters.yearFrom);
    }
    if (filters.yearTo !== undefined) {
      where.push('a.year <= ?');
      params.push(filters.yearTo);
    }
    if (filters.maxLevel !== undefined) {
      where.push('a.level IS NOT NULL AND a.level <= ?');
      params.push(filters.maxLevel);
    }
    if (filters.designs?.length) {
      where.push(`a.design IN (${filters.designs.map(() => '?').join(',')})`);
      params.push(...filters.designs);
    }
    const w = this.weights;
    const rows = this.db
      .prepare(
        `SELECT f.rowid AS rowid, a.id AS id, bm25(articles_fts, ${w.title}, ${w.abstract}, ${w.mesh}) AS s
         FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
         WHERE ${where.join(' AND ')} ORDER BY s LIMIT ?`,
      )
      .all(...params, limit) as { rowid: number; id: string; s: number }[];
    return rows.map((r, i) => ({ rowid: r.rowid, id: r.id, score: -r.s, rank: i + 1 }));
  }

  /** The query terms (with the surface word that produced each) found in an article's indexed fields. */
  matchedTerms(rowid: number, query: string): { term: string; word: string; fields: string[] }[] {
    const row = this.db
      .prepare('SELECT title, abstract, mesh FROM articles_fts WHERE rowid = ?')
      .get(rowid) as { title: string; abstract: string; mesh: string } | undefined;
    if (!row) return [];
    const fields = {
      title: new Set(row.title.split(' ')),
      abstract: new Set(row.abstract.split(' ')),
      mesh: new Set(row.mesh.split(' ')),
    };
    const out: { term: string; word: string; fields: string[] }[] = [];
    for (const [term, word] of termsWithSurface(query)) {
      const inFields = (Object.keys(fields) as (keyof typeof fields)[]).filter((f) => fields[f].has(term));
      if (inFields.length) out.push({ term, word, fields: inFields });
    }
    return out;
  }

  get(rowid: number): StoredArticle | undefined {
    const r = this.db.prepare('SELECT * FROM articles WHERE rowid = ?').get(rowid) as ArticleRow | undefined;
    return r ? fromRow(r) : undefined;
  }

  getById(id: string): StoredArticle | undefined {
    const r = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Every article (for gap analysis and exports), in import order. */
  all(): StoredArticle[] {
    return (this.db.prepare('SELECT * FROM articles ORDER BY rowid').all() as ArticleRow[]).map(fromRow);
  }

  /** Stored sentence vectors for these rows under one model id. */
  vectors(rowids: readonly number[], model: string): Map<number, Float32Array> {
    const out = new Map<number, Float32Array>();
    const get = this.db.prepare('SELECT vector FROM article_vectors WHERE rowid = ? AND model = ?');
    for (const id of rowids) {
      const r = get.get(id, model) as { vector: Buffer } | undefined;
      if (r)
        out.set(
          id,
          new Float32Array(
            r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength),
          ),
        );
    }
    return out;
  }

  saveVectors(entries: readonly [number, readonly number[]][], model: string): void {
    const put = this.db.prepare(
      'INSERT OR REPLACE INTO article_vectors (rowid, model, vector) VALUES (?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const [rowid, v] of entries) put.run(rowid, model, Buffer.from(new Float32Array(v).buffer));
    })();
  }

  stats(): {
    articles: number;
    withAbstract: number;
    byDesign: Record<string, number>;
    years: { min?: number; max?: number };
  } {
    const byDesign: Record<string, number> = {};
    for (const r of this.db.prepare('SELECT design, count(*) AS n FROM articles GROUP BY design').all() as {
      design: string;
      n: number;
    }[])
      byDesign[r.design] = r.n;
    const y = this.db.prepare('SELECT min(year) AS min, max(year) AS max FROM articles').get() as {
      min: number | null;
      max: number | null;
    };
    const withAbstract = (
      this.db.prepare("SELECT count(*) AS n FROM articles WHERE abstract <> ''").get() as { n: number }
    ).n;
    return {
      articles: this.count(),
      withAbstract,
      byDesign,
      years: { ...(y.min !== null ? { min: y.min } : {}), ...(y.max !== null ? { max: y.max } : {}) },
    };
  }
}

interface ArticleRow {
  rowid: number;
  id: string;
  title: string;
  abstract: string;
  authors: string;
  journal: string | null;
  year: number | null;
  publication_types: string;
  mesh: string;
  pmid: string | null;
  doi: string | null;
  evidence: string;
}

function fromRow(r: ArticleRow): StoredArticle {
  return {
    rowid: r.rowid,
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    authors: JSON.parse(r.authors) as string[],
    ...(r.journal ? { journal: r.journal } : {}),
    ...(r.year !== null ? { year: r.year } : {}),
    publicationTypes: JSON.parse(r.publication_types) as string[],
    mesh: JSON.parse(r.mesh) as string[],
    ...(r.pmid ? { pmid: r.pmid } : {}),
    ...(r.doi ? { doi: r.doi } : {}),
    evidence: JSON.parse(r.evidence) as EvidenceLevel,
  };
}
