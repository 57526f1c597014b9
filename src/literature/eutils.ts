import { HealthGptError } from '../engine/errors.js';
import { parseMedlineXml } from './formats.js';
import type { Article } from './types.js';

/**
 * A client for NCBI E-utilities (esearch → PMIDs, efetch → MEDLINE XML → articles), for sites whose network allows
 * it. Keeps NCBI's limits — at most 3 requests a second, 10 with an API key — sends `tool` and `email` as NCBI asks,
 * caches answers by URL for `cacheTtlMs`, and turns HTTP and network failures into `HealthGptError`s
 * (`upstream-failed`, `rate-limited`, `timeout`). Tests run it against recorded responses, never the live service.
 */

export const EUTILS_BASE = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils';

export interface EutilsOptions {
  readonly apiKey?: string;
  readonly tool?: string;
  readonly email?: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly cacheTtlMs?: number;
  readonly timeoutMs?: number;
  /** Clock and sleep (for tests). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class EutilsClient {
  private readonly options: EutilsOptions;
  private readonly cache = new Map<string, { at: number; text: string }>();
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(options: EutilsOptions = {}) {
    this.options = options;
  }

  /** Requests allowed per second under NCBI's policy. */
  get rateLimit(): number {
    return this.options.apiKey ? 10 : 3;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async slot(): Promise<void> {
    const wait = async () => {
      const limit = this.rateLimit;
      for (;;) {
        const t = this.now();
        while (this.sent.length && t - this.sent[0]! >= 1000) this.sent.shift();
        if (this.sent.length < limit) {
          this.sent.push(t);
          return;
        }
        const ms = 1000 - (t - this.sent[0]!);
        await (this.options.sleep ?? ((x: number) => new Promise((r) => setTimeout(r, x))))(ms);
      }
    };
    const next = this.queue.then(wait);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private url(path: string, params: Record<string, string>): string {
    const p = new URLSearchParams({ ...params, tool: this.options.tool ?? 'healthgpt' });
    if (this.options.email) p.set('email', this.options.email);
    if (this.options.apiKey) p.set('api_key', this.options.apiKey);
    return `${this.options.baseUrl ?? EUTILS_BASE}/${path}?${p}`;
  }

  private async get(url: string): Promise<string> {
    const ttl = this.options.cacheTtlMs ?? 24 * 3600 * 1000;
    const hit = this.cache.get(url);
    if (hit && this.now() - hit.at < ttl) return hit.text;
    await this.slot();
    const f = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await f(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new HealthGptError('timeout', 'PubMed E-utilities did not answer in time');
      throw new HealthGptError(
        'upstream-failed',
        `PubMed E-utilities unreachable: ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    if (response.status === 429)
      throw new HealthGptError('rate-limited', 'PubMed E-utilities: too many requests (429)');
    if (!response.ok)
      throw new HealthGptError('upstream-failed', `PubMed E-utilities answered ${response.status}`);
    this.cache.set(url, { at: this.now(), text });
    return text;
  }

  /** PMIDs matching a PubMed query, best match first, and the total count. */
  async search(
    term: string,
    options: { retmax?: number; retstart?: number } = {},
  ): Promise<{ count: number; ids: string[] }> {
    if (!term.trim()) throw HealthGptError.invalid('the PubMed query is empty');
    if (term.length > 10_000)
      throw new HealthGptError('too-large', 'the PubMed query is over 10,000 characters');
    const text = await this.get(
      this.url('esearch.fcgi', {
        db: 'pubmed',
        term,
        retmode: 'json',
        sort: 'relevance',
        retmax: String(options.retmax ?? 20),
        retstart: String(options.retstart ?? 0),
      }),
    );
    let json: { esearchresult?: { count?: string; idlist?: string[]; ERROR?: string }; error?: string };
    try {
      json = JSON.parse(text);
    } catch {
      throw new HealthGptError('upstream-failed', 'PubMed esearch did not return JSON');
    }
    const r = json.esearchresult;
    if (!r || json.error || r.ERROR)
      throw new HealthGptError('upstream-failed', `PubMed esearch: ${json.error ?? r?.ERROR ?? 'no result'}`);
    return { count: Number(r.count ?? 0), ids: r.idlist ?? [] };
  }

  /** MEDLINE records for PMIDs (at most 200 a call), parsed into articles. */
  async fetch(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    if (ids.length > 200) throw HealthGptError.invalid('fetch at most 200 PMIDs at a time');
    const bad = ids.find((id) => !/^\d{1,9}$/.test(id));
    if (bad) throw HealthGptError.invalid(`'${bad}' is not a PMID`);
    const xml = await this.get(this.url('efetch.fcgi', { db: 'pubmed', id: ids.join(','), retmode: 'xml' }));
    try {
      return parseMedlineXml(xml, 'PubMed efetch');
    } catch (error) {
      throw new HealthGptError('upstream-failed', (error as Error).message, { cause: error });
    }
  }
}
