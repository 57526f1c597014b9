import { HealthGptError } from '../engine/errors.js';
import { terms } from './text.js';
import type { Article } from './types.js';

/**
 * Research gaps from the library's indexing: concepts are MeSH descriptors (check tags such as Humans, Female or
 * age groups left out). A gap is a pair of concepts that are each well studied in the topic's papers but rarely
 * appear together, although many other concepts link them (Swanson's "ABC": A–B and B–C literatures exist, A–C
 * does not). Trends: each concept's share of the topic's papers per year, growing or fading by a least-squares
 * slope. Every answer carries its counts, example papers, a confidence and the reason for it.
 */

const CHECK_TAGS = new Set([
  'humans',
  'animals',
  'male',
  'female',
  'adult',
  'middle aged',
  'aged',
  'aged, 80 and over',
  'young adult',
  'adolescent',
  'child',
  'child, preschool',
  'infant',
  'infant, newborn',
  'pregnancy',
  'mice',
  'rats',
  'time factors',
  'treatment outcome',
  'follow-up studies',
  'retrospective studies',
  'prospective studies',
  'risk factors',
  'cohort studies',
  'cross-sectional studies',
  'case-control studies',
  'surveys and questionnaires',
  'reproducibility of results',
  'prevalence',
  'incidence',
]);

export interface GapOptions {
  readonly topic?: string;
  /** A concept counts as well studied from this many papers. */
  readonly minConceptPapers?: number;
  readonly limit?: number;
  /** Only papers up to this year (for back-tests). */
  readonly untilYear?: number;
}

export interface ConceptPairGap {
  readonly a: string;
  readonly c: string;
  readonly papersA: number;
  readonly papersC: number;
  readonly together: number;
  readonly expectedTogether: number;
  readonly linkingConcepts: readonly string[];
  readonly score: number;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly reason: string;
  readonly examplesA: readonly string[];
  readonly examplesC: readonly string[];
}

export interface ConceptTrend {
  readonly concept: string;
  readonly direction: 'growing' | 'fading';
  readonly perYear: readonly { year: number; papers: number; share: number }[];
  readonly slopePerYear: number;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly reason: string;
  readonly examples: readonly string[];
}

export interface GapReport {
  readonly topic: string | null;
  readonly papers: number;
  readonly papersWithMesh: number;
  readonly concepts: number;
  readonly gaps: readonly ConceptPairGap[];
  readonly trends: readonly ConceptTrend[];
  readonly note: string;
}

export function conceptsOf(a: Pick<Article, 'mesh'>): string[] {
  return [
    ...new Set(
      a.mesh.map((m) => m.replace(/\*/g, '').trim()).filter((m) => m && !CHECK_TAGS.has(m.toLowerCase())),
    ),
  ];
}

function inTopic(a: Article, topicTerms: readonly string[], topic: string): boolean {
  if (a.mesh.some((m) => m.toLowerCase() === topic.toLowerCase())) return true;
  const have = new Set(terms(`${a.title} ${a.abstract} ${a.mesh.join(' ')}`));
  return topicTerms.every((t) => have.has(t));
}

const label = (a: Article) => `${a.id}${a.year ? ` (${a.year})` : ''}: ${a.title.slice(0, 120)}`;

export function findGaps(articles: readonly Article[], options: GapOptions = {}): GapReport {
  const topic = options.topic?.trim() || undefined;
  if (topic && topic.length > 500) throw HealthGptError.invalid('the topic may be at most 500 characters');
  const topicTerms = topic ? [...new Set(terms(topic))] : [];
  if (topic && topicTerms.length === 0) throw HealthGptError.invalid('the topic has no searchable words');
  const pool = articles.filter(
    (a) =>
      (options.untilYear === undefined || (a.year !== undefined && a.year <= options.untilYear)) &&
      (!topic || inTopic(a, topicTerms, topic)),
  );
  const withMesh = pool.filter((a) => conceptsOf(a).length > 0);
  const minPapers = options.minConceptPapers ?? Math.max(3, Math.round(withMesh.length * 0.02));
  const limit = options.limit ?? 10;
  const papersOf = new Map<string, Article[]>();
  for (const a of withMesh) for (const c of conceptsOf(a)) papersOf.set(c, [...(papersOf.get(c) ?? []), a]);
  const frequent = [...papersOf.entries()]
    .filter(([, ps]) => ps.length >= minPapers)
    .map(([c]) => c)
    .sort();
  const n = withMesh.length;
  const together = new Map<string, number>();
  const key = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);
  const neighbours = new Map<string, Set<string>>();
  for (const a of withMesh) {
    const cs = conceptsOf(a).filter((c) => papersOf.get(c)!.length >= minPapers);
    for (let i = 0; i < cs.length; i++)
      for (let j = i + 1; j < cs.length; j++) {
        const k = key(cs[i]!, cs[j]!);
        together.set(k, (together.get(k) ?? 0) + 1);
        if (!neighbours.has(cs[i]!)) neighbours.set(cs[i]!, new Set());
        if (!neighbours.has(cs[j]!)) neighbours.set(cs[j]!, new Set());
        neighbours.get(cs[i]!)!.add(cs[j]!);
        neighbours.get(cs[j]!)!.add(cs[i]!);
      }
  }
  const gaps: ConceptPairGap[] = [];
  for (let i = 0; i < frequent.length; i++)
    for (let j = i + 1; j < frequent.length; j++) {
      const a = frequent[i]!;
      const c = frequent[j]!;
      const pa = papersOf.get(a)!.length;
      const pc = papersOf.get(c)!.length;
      const obs = together.get(key(a, c)) ?? 0;
      const expected = (pa * pc) / n;
      const na = neighbours.get(a) ?? new Set<string>();
      const nc = neighbours.get(c) ?? new Set<string>();
      const links = [...na].filter((b) => nc.has(b) && b !== a && b !== c);
      if (obs > expected / 4 || links.length < 2 || expected < 1) continue;
      const score = Math.log((expected + 1) / (obs + 1)) * Math.log2(1 + links.length);
      const confidence =
        expected >= 5 && links.length >= 5 ? 'high' : expected >= 2 && links.length >= 3 ? 'medium' : 'low';
      gaps.push({
        a,
        c,
        papersA: pa,
        papersC: pc,
        together: obs,
        expectedTogether: Math.round(expected * 100) / 100,
        linkingConcepts: links.sort((x, y) => papersOf.get(y)!.length - papersOf.get(x)!.length).slice(0, 5),
        score: Math.round(score * 1000) / 1000,
        confidence,
        reason: `${pa} and ${pc} papers; together in ${obs} where independence predicts ${expected.toFixed(1)}; linked through ${links.length} shared concepts${confidence === 'low' ? ' (small counts: weak evidence of a gap)' : ''}`,
        examplesA: papersOf.get(a)!.slice(0, 2).map(label),
        examplesC: papersOf.get(c)!.slice(0, 2).map(label),
      });
    }
  gaps.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a));

  const years = [...new Set(withMesh.flatMap((a) => (a.year ? [a.year] : [])))].sort((x, y) => x - y);
  const trends: ConceptTrend[] = [];
  if (years.length >= 3) {
    const perYearTotal = new Map<number, number>();
    for (const a of withMesh) if (a.year) perYearTotal.set(a.year, (perYearTotal.get(a.year) ?? 0) + 1);
    const usable = years.filter((y) => (perYearTotal.get(y) ?? 0) >= 5);
    for (const c of frequent) {
      if (usable.length < 3) break;
      const counts = usable.map((y) => ({
        year: y,
        papers: papersOf.get(c)!.filter((a) => a.year === y).length,
        total: perYearTotal.get(y)!,
      }));
      const xs = counts.map((k) => k.year);
      const ys = counts.map((k) => k.papers / k.total);
      const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
      const my = ys.reduce((s, x) => s + x, 0) / ys.length;
      let num = 0;
      let den = 0;
      xs.forEach((x, i) => {
        num += (x - mx) * (ys[i]! - my);
        den += (x - mx) ** 2;
      });
      const slope = den === 0 ? 0 : num / den;
      if (Math.abs(slope) < 0.005) continue;
      const total = counts.reduce((s, k) => s + k.papers, 0);
      const confidence = total >= 30 && usable.length >= 5 ? 'high' : total >= 10 ? 'medium' : 'low';
      const sorted = [...papersOf.get(c)!].sort((x, y) =>
        slope > 0 ? (y.year ?? 0) - (x.year ?? 0) : (x.year ?? 0) - (y.year ?? 0),
      );
      trends.push({
        concept: c,
        direction: slope > 0 ? 'growing' : 'fading',
        perYear: counts.map((k) => ({
          year: k.year,
          papers: k.papers,
          share: Math.round((k.papers / k.total) * 1000) / 1000,
        })),
        slopePerYear: Math.round(slope * 10000) / 10000,
        confidence,
        reason: `share of the topic's papers changes by ${(slope * 100).toFixed(1)} points a year over ${usable.length} years (${total} papers)`,
        examples: sorted.slice(0, 2).map(label),
      });
    }
    trends.sort((x, y) => Math.abs(y.slopePerYear) - Math.abs(x.slopePerYear));
  }
  return {
    topic: topic ?? null,
    papers: pool.length,
    papersWithMesh: withMesh.length,
    concepts: frequent.length,
    gaps: gaps.slice(0, limit),
    trends: trends.slice(0, limit),
    note:
      withMesh.length < 50
        ? `only ${withMesh.length} papers with MeSH in scope: gaps and trends from so few papers are hints, not findings`
        : 'gaps are concept pairs studied apart but rarely together; whether a pair is worth studying is a question for experts',
  };
}

/**
 * Back-test: gaps found from papers up to `year` that later papers filled (the pair appears together after `year`),
 * against the same rate for random pairs of concepts equally well studied.
 */
export function backtestGaps(
  articles: readonly Article[],
  year: number,
  limit = 20,
): {
  year: number;
  papersBefore: number;
  papersAfter: number;
  gapsTested: number;
  gapsFilledLater: number;
  baselinePairsTested: number;
  baselineFilledLater: number;
} {
  const report = findGaps(articles, { untilYear: year, limit });
  const after = articles
    .filter((a) => a.year !== undefined && a.year > year)
    .map((a) => new Set(conceptsOf(a)));
  const filled = (x: string, y: string) => after.some((s) => s.has(x) && s.has(y));
  const before = articles.filter((a) => a.year !== undefined && a.year <= year);
  const freq = new Map<string, number>();
  for (const a of before) for (const c of conceptsOf(a)) freq.set(c, (freq.get(c) ?? 0) + 1);
  const min = Math.max(3, Math.round(before.filter((a) => conceptsOf(a).length).length * 0.02));
  const frequent = [...freq.entries()]
    .filter(([, k]) => k >= min)
    .map(([c]) => c)
    .sort();
  const togetherBefore = (x: string, y: string) =>
    before.some((a) => a.mesh.includes(x) && a.mesh.includes(y));
  let baseTested = 0;
  let baseFilled = 0;
  for (let i = 0; i < frequent.length; i++)
    for (let j = i + 1; j < frequent.length; j++) {
      if (togetherBefore(frequent[i]!, frequent[j]!)) continue;
      baseTested++;
      if (filled(frequent[i]!, frequent[j]!)) baseFilled++;
    }
  return {
    year,
    papersBefore: before.length,
    papersAfter: after.length,
    gapsTested: report.gaps.length,
    gapsFilledLater: report.gaps.filter((g) => filled(g.a, g.c)).length,
    baselinePairsTested: baseTested,
    baselineFilledLater: baseFilled,
  };
}
