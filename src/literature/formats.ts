import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HealthGptError } from '../engine/errors.js';
import { parseCsv } from './csv.js';
import type { Article } from './types.js';

/**
 * Readers for the files the literature library and its evaluations take. Each reader returns everything or throws a
 * `HealthGptError` naming the line or record that is wrong: nothing is half-read.
 */

export type ImportFormat = 'medline-xml' | 'beir-jsonl' | 'ris' | 'csv';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['medline-xml', 'beir-jsonl', 'ris', 'csv'];

function jsonLines(text: string, what: string): { line: number; value: Record<string, unknown> }[] {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw HealthGptError.invalid(`${what}: line ${i + 1} is not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw HealthGptError.invalid(`${what}: line ${i + 1} is not a JSON object`);
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function noDuplicates<T extends { id: string }>(
  items: readonly T[],
  what: string,
  where: (i: number) => string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined)
      throw HealthGptError.invalid(
        `${what}: duplicate id '${item.id}' at ${where(i)} (first at ${where(first)})`,
      );
    seen.set(item.id, i);
  });
}

/** A retrieval corpus: BEIR JSONL (`_id`, `title`, `text`) or SciFact JSONL (`doc_id`, `title`, `abstract[]`). */
export function parseCorpusJsonl(text: string, what = 'corpus'): Article[] {
  const rows = jsonLines(text, what);
  const out = rows.map(({ line, value }) => {
    const id = idOf(value._id) ?? idOf(value.doc_id);
    if (!id) throw HealthGptError.invalid(`${what}: line ${line} has no "_id" or "doc_id"`);
    const title = typeof value.title === 'string' ? value.title : '';
    let abstract: string;
    if (typeof value.text === 'string') abstract = value.text;
    else if (Array.isArray(value.abstract))
      abstract = value.abstract.filter((s) => typeof s === 'string').join(' ');
    else if (typeof value.abstract === 'string') abstract = value.abstract;
    else throw HealthGptError.invalid(`${what}: line ${line} (id ${id}) has no "text" or "abstract"`);
    if (title.trim() === '' && abstract.trim() === '')
      throw HealthGptError.invalid(`${what}: line ${line} (id ${id}) has neither title nor text`);
    const article: Article = { id, title, abstract, authors: [], publicationTypes: [], mesh: [] };
    return { article, line };
  });
  noDuplicates(
    out.map((o) => o.article),
    what,
    (i) => `line ${out[i]!.line}`,
  );
  return out.map((o) => o.article);
}

export interface Query {
  readonly id: string;
  readonly text: string;
}

/** Queries: BEIR JSONL (`_id`, `text`), SciFact claims JSONL (`id`, `claim`), or TSV `id<TAB>text` (a header is allowed). */
export function parseQueries(text: string, what = 'queries'): Query[] {
  const first = text.trimStart()[0];
  let queries: { q: Query; line: number }[];
  if (first === '{') {
    queries = jsonLines(text, what).map(({ line, value }) => {
      const id = idOf(value._id) ?? idOf(value.id);
      const t =
        typeof value.text === 'string'
          ? value.text
          : typeof value.claim === 'string'
            ? value.claim
            : undefined;
      if (!id || t === undefined)
        throw HealthGptError.invalid(`${what}: line ${line} needs "_id" and "text"`);
      return { q: { id, text: t }, line };
    });
  } else {
    queries = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() === '') return;
      const tab = raw.indexOf('\t');
      if (tab < 0) throw HealthGptError.invalid(`${what}: line ${i + 1} is not "id<TAB>text"`);
      const id = raw.slice(0, tab).trim();
      const t = raw.slice(tab + 1).trim();
      if (i === 0 && /^(query[-_]?id|qid|id|_id)$/i.test(id)) return;
      if (!id) throw HealthGptError.invalid(`${what}: line ${i + 1} has an empty id`);
      queries.push({ q: { id, text: t }, line: i + 1 });
    });
  }
  noDuplicates(
    queries.map((q) => q.q),
    what,
    (i) => `line ${queries[i]!.line}`,
  );
  return queries.map((q) => q.q);
}

/** Relevance judgments: TREC (`qid 0 docid grade`, spaces or tabs) or BEIR TSV with a `query-id corpus-id score` header. */
export function parseQrels(text: string, what = 'qrels'): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const f = line.split(/\s+/);
    if (i === 0 && /^(query[-_]?id|qid|topic)$/i.test(f[0]!)) return; // header row
    let qid: string;
    let docid: string;
    let grade: string;
    if (f.length === 4) [qid, , docid, grade] = f as [string, string, string, string];
    else if (f.length === 3) [qid, docid, grade] = f as [string, string, string];
    else
      throw HealthGptError.invalid(
        `${what}: line ${i + 1} needs "qid 0 docid grade" or "query-id corpus-id score"`,
      );
    const g = Number(grade);
    if (!Number.isInteger(g))
      throw HealthGptError.invalid(`${what}: line ${i + 1} has a non-integer grade '${grade}'`);
    let judged = out.get(qid);
    if (!judged) {
      judged = new Map();
      out.set(qid, judged);
    }
    judged.set(docid, g);
  });
  if (out.size === 0) throw HealthGptError.invalid(`${what}: no judgments`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Library imports

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A character reference to no XML character (`&#99999999;`, `&#0;`, a lone surrogate): the file is not well-formed. */
class BadCharacterReference extends Error {}

/** Whether `code` is an XML 1.0 `Char` (tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function decodeXmlText(raw: string): string {
  return raw
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        if (!isXmlChar(code)) throw new BadCharacterReference(`invalid character reference ${m}`);
        return String.fromCodePoint(code);
      }
      return ENTITIES[e] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

type Node = Record<string, unknown>;

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return decodeXmlText(String(v));
  if (typeof v === 'object') return textOf((v as Node)['#text']);
  return '';
}

const ARRAY_TAGS = new Set([
  'PubmedArticle',
  'MedlineCitation',
  'AbstractText',
  'Author',
  'PublicationType',
  'MeshHeading',
  'ArticleId',
  'ELocationID',
  'QualifierName',
]);

/** MEDLINE/PubMed XML: `PubmedArticleSet` (E-utilities efetch, PubMed export) or `MedlineCitationSet` (baseline files). */
export function parseMedlineXml(xml: string, what = 'MEDLINE XML'): Article[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw HealthGptError.invalid(
      `${what}: malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    parseTagValue: false,
    stopNodes: ['*.ArticleTitle', '*.AbstractText'],
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const set = (doc.PubmedArticleSet ?? doc.MedlineCitationSet) as Node | undefined;
  if (!set)
    throw HealthGptError.invalid(`${what}: the root element is not PubmedArticleSet or MedlineCitationSet`);
  const citations: { citation: Node; pubmed?: Node }[] = [
    ...asArray(set.PubmedArticle as Node[]).flatMap((p) =>
      asArray(p.MedlineCitation as Node[]).map((c) => ({ citation: c, pubmed: p })),
    ),
    ...asArray(set.MedlineCitation as Node[]).map((c) => ({ citation: c })),
  ];
  if (citations.length === 0)
    throw HealthGptError.invalid(`${what}: no PubmedArticle or MedlineCitation records`);
  const articles = citations.map(({ citation, pubmed }, i) => {
    const record = `record ${i + 1}`;
    try {
      return medlineArticle(citation, pubmed, record, what);
    } catch (error) {
      if (error instanceof BadCharacterReference)
        throw HealthGptError.invalid(`${what}: ${record}: ${error.message}`);
      throw error;
    }
  });
  noDuplicates(articles, what, (i) => `record ${i + 1}`);
  return articles;
}

function medlineArticle(citation: Node, pubmed: Node | undefined, record: string, what: string): Article {
  const pmid = textOf(citation.PMID);
  if (!pmid) throw HealthGptError.invalid(`${what}: ${record} has no PMID`);
  const art = citation.Article as Node | undefined;
  if (!art) throw HealthGptError.invalid(`${what}: ${record} (PMID ${pmid}) has no Article element`);
  const title = textOf(art.ArticleTitle);
  const abstractParts = asArray((art.Abstract as Node | undefined)?.AbstractText as unknown[]).map((a) => {
    const label = typeof a === 'object' && a ? ((a as Node)['@_Label'] as string | undefined) : undefined;
    const t = textOf(a);
    return label ? `${label}: ${t}` : t;
  });
  const journal = (art.Journal as Node | undefined) ?? {};
  const pubDate = ((journal.JournalIssue as Node | undefined)?.PubDate as Node | undefined) ?? {};
  const yearText = textOf(pubDate.Year) || (textOf(pubDate.MedlineDate).match(/\d{4}/)?.[0] ?? '');
  const year = yearText ? Number(yearText) : undefined;
  const authors = asArray((art.AuthorList as Node | undefined)?.Author as Node[]).flatMap((a) => {
    const collective = textOf(a.CollectiveName);
    if (collective) return [collective];
    const last = textOf(a.LastName);
    const initials = textOf(a.Initials);
    return last ? [initials ? `${last} ${initials}` : last] : [];
  });
  const publicationTypes = asArray(
    (art.PublicationTypeList as Node | undefined)?.PublicationType as unknown[],
  ).map(textOf);
  const mesh = asArray((citation.MeshHeadingList as Node | undefined)?.MeshHeading as Node[])
    .map((h) => textOf(h.DescriptorName))
    .filter(Boolean);
  const ids = [
    ...asArray(art.ELocationID as unknown[]),
    ...asArray(
      ((pubmed?.PubmedData as Node | undefined)?.ArticleIdList as Node | undefined)?.ArticleId as unknown[],
    ),
  ];
  const doiNode = ids.find(
    (x) =>
      typeof x === 'object' && x && /doi/i.test(String((x as Node)['@_EIdType'] ?? (x as Node)['@_IdType'])),
  );
  const doi = doiNode ? textOf(doiNode) : undefined;
  if (!title && abstractParts.length === 0)
    throw HealthGptError.invalid(`${what}: ${record} (PMID ${pmid}) has neither title nor abstract`);
  const article: Article = {
    id: pmid,
    pmid,
    title,
    abstract: abstractParts.join(' '),
    authors,
    ...(textOf(journal.Title) ? { journal: textOf(journal.Title) } : {}),
    ...(year && Number.isInteger(year) ? { year } : {}),
    publicationTypes,
    mesh,
    ...(doi ? { doi } : {}),
  };
  return article;
}

/** BEIR JSONL corpus as library articles (`metadata.year`, `metadata.authors` are used when present). */
export function parseBeirArticles(text: string, what = 'BEIR JSONL'): Article[] {
  return parseCorpusJsonl(text, what);
}

/** RIS (tagged `TY  - ` … `ER  - ` records). Each record needs an ID (`ID`, `AN` or `DO`) or gets `ris-<n>`. */
export function parseRis(text: string, what = 'RIS'): Article[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: { a: Article; line: number }[] = [];
  let cur: Record<string, string[]> | undefined;
  let start = 0;
  let lastTag = '';
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = raw.match(/^([A-Z][A-Z0-9]) {2}-( (.*))?$/);
    if (!m) {
      if (cur && lastTag) {
        const list = cur[lastTag]!;
        list[list.length - 1] += ` ${raw.trim()}`;
        return;
      }
      throw HealthGptError.invalid(`${what}: line ${i + 1} is not a "TAG  - value" line`);
    }
    const tag = m[1]!;
    const value = (m[3] ?? '').trim();
    if (tag === 'TY') {
      if (cur)
        throw HealthGptError.invalid(
          `${what}: line ${i + 1} starts a record before the one on line ${start} ended (ER)`,
        );
      cur = { TY: [value] };
      start = i + 1;
      lastTag = 'TY';
      return;
    }
    if (!cur)
      throw HealthGptError.invalid(`${what}: line ${i + 1} is outside a record (no TY line before it)`);
    if (tag === 'ER') {
      out.push({ a: risArticle(cur, out.length + 1, start, what), line: start });
      cur = undefined;
      lastTag = '';
      return;
    }
    const list = cur[tag] ?? [];
    list.push(value);
    cur[tag] = list;
    lastTag = tag;
  });
  if (cur) throw HealthGptError.invalid(`${what}: the record starting on line ${start} has no ER line`);
  if (out.length === 0) throw HealthGptError.invalid(`${what}: no records`);
  noDuplicates(
    out.map((o) => o.a),
    what,
    (i) => `the record on line ${out[i]!.line}`,
  );
  return out.map((o) => o.a);
}

function risArticle(r: Record<string, string[]>, n: number, line: number, what: string): Article {
  const one = (...tags: string[]) => tags.map((t) => r[t]?.[0]).find((v) => v && v.trim() !== '');
  const title = one('TI', 'T1') ?? '';
  const abstract = one('AB', 'N2') ?? '';
  if (!title && !abstract)
    throw HealthGptError.invalid(`${what}: the record on line ${line} has neither TI nor AB`);
  const yearText = one('PY', 'Y1', 'DA')?.match(/\d{4}/)?.[0];
  const pmid = one('AN')?.match(/^\d+$/)?.[0];
  const doi = one('DO');
  const journal = one('JO', 'T2', 'JF', 'J2');
  return {
    id: one('ID') ?? pmid ?? doi ?? `ris-${n}`,
    title,
    abstract,
    authors: [...(r.AU ?? []), ...(r.A1 ?? [])],
    ...(journal ? { journal } : {}),
    ...(yearText ? { year: Number(yearText) } : {}),
    publicationTypes: (r.PT ?? []).concat(r.M3 ?? []),
    mesh: r.KW ?? [],
    ...(pmid ? { pmid } : {}),
    ...(doi ? { doi } : {}),
  };
}

/**
 * CSV with a header: `title` and `abstract` required (case-insensitive); optional `id`/`record_id`/`pubmedID`,
 * `authors` (`;`-separated), `journal`, `year`, `keywords`/`mesh` (`;`-separated), `publication_types`, `doi`.
 */
export function parseArticlesCsv(text: string, what = 'CSV'): Article[] {
  const { header, rows } = parseCsv(text, what);
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h.toLowerCase()));
  const iTitle = col('title', 'ti');
  const iAbstract = col('abstract', 'ab');
  if (iTitle < 0 || iAbstract < 0)
    throw HealthGptError.invalid(`${what}: the header needs "title" and "abstract" columns`);
  const iId = col('id', 'record_id', 'pubmedid', 'pmid');
  const iPmid = col('pubmedid', 'pmid');
  const iAuthors = col('authors', 'author');
  const iJournal = col('journal');
  const iYear = col('year', 'publication_year');
  const iMesh = col('keywords', 'mesh');
  const iPt = col('publication_types', 'publication_type');
  const iDoi = col('doi');
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  const out = rows.map(({ line, cells }, n) => {
    const get = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
    const title = get(iTitle);
    const abstract = get(iAbstract);
    if (!title && !abstract)
      throw HealthGptError.invalid(`${what}: line ${line} has neither title nor abstract`);
    const yearText = get(iYear);
    if (yearText && !/^\d{4}$/.test(yearText))
      throw HealthGptError.invalid(`${what}: line ${line} has year '${yearText}' (want YYYY)`);
    const pmid = get(iPmid);
    const a: Article = {
      id: get(iId) || `csv-${n + 1}`,
      title,
      abstract,
      authors: list(get(iAuthors)),
      ...(get(iJournal) ? { journal: get(iJournal) } : {}),
      ...(yearText ? { year: Number(yearText) } : {}),
      publicationTypes: list(get(iPt)),
      mesh: list(get(iMesh)),
      ...(pmid ? { pmid } : {}),
      ...(get(iDoi) ? { doi: get(iDoi) } : {}),
    };
    return { a, line };
  });
  noDuplicates(
    out.map((o) => o.a),
    what,
    (i) => `line ${out[i]!.line}`,
  );
  return out.map((o) => o.a);
}

/** Guesses the import format from the file name and first bytes. */
export function detectFormat(name: string, head: string): ImportFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xml') || head.trimStart().startsWith('<')) return 'medline-xml';
  if (lower.endsWith('.ris') || /^\s*TY {2}-/.test(head)) return 'ris';
  if (lower.endsWith('.jsonl') || lower.endsWith('.json') || head.trimStart().startsWith('{'))
    return 'beir-jsonl';
  return 'csv';
}

export function parseArticles(format: ImportFormat, text: string, what: string): Article[] {
  switch (format) {
    case 'medline-xml':
      return parseMedlineXml(text, what);
    case 'beir-jsonl':
      return parseBeirArticles(text, what);
    case 'ris':
      return parseRis(text, what);
    case 'csv':
      return parseArticlesCsv(text, what);
  }
}
