import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticlesCsv, parseMedlineXml, parseRis } from './formats.js';
import { findGaps } from './gaps.js';
import { LiteratureIndex } from './index-db.js';
import { importArticles, searchLibrary } from './library.js';
import type { Article } from './types.js';

const xml = readFileSync(join(import.meta.dirname, 'fixtures', 'pubmed-small.xml'), 'utf8');

describe('MEDLINE/PubMed XML import', () => {
  it('reads PMID, title, structured abstract, authors, journal, year, publication types, MeSH and DOI', () => {
    const [a, b, c] = parseMedlineXml(xml);
    expect(a).toMatchObject({
      id: '90000001',
      pmid: '90000001',
      journal: 'Journal of Invented Trials',
      year: 2019,
      authors: ['Tester A', 'Walking Trial Group'],
      publicationTypes: ['Journal Article', 'Randomized Controlled Trial'],
      mesh: ['Humans', 'Osteoarthritis, Knee', 'Walking'],
      doi: '10.0000/invented.1',
    });
    expect(a!.abstract).toBe(
      'BACKGROUND: Knee pain limits walking in older adults. METHODS: We randomly assigned 120 adults to a walking programme or usual care (β = 0.2, p < 0.05).',
    );
    expect(b!.year).toBe(2011);
    expect(c!.abstract).toBe('');
  });

  it.each([
    [
      'malformed XML',
      '<PubmedArticleSet><PubmedArticle>\n<MedlineCitation></PubmedArticle>',
      /malformed XML at line 2/,
    ],
    ['another root', '<Other/>', /root element/],
    [
      'a record without PMID',
      '<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><ArticleTitle>x</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>',
      /record 1 has no PMID/,
    ],
    ['duplicate PMIDs', xml.replace('90000002', '90000001'), /duplicate id '90000001' at record 2/],
  ])('refuses %s naming where', (_, text, message) => {
    expect(() => parseMedlineXml(text)).toThrow(message);
  });
});

describe('RIS and CSV import', () => {
  it('reads RIS records and names the line of a broken one', () => {
    const ris =
      'TY  - JOUR\nID  - r1\nTI  - Coffee and the liver\nAB  - Coffee drinkers had\n  less cirrhosis.\nPY  - 2018\nAU  - Doe, J\nKW  - Liver Cirrhosis\nER  - \n';
    const [a] = parseRis(ris);
    expect(a).toMatchObject({
      id: 'r1',
      title: 'Coffee and the liver',
      abstract: 'Coffee drinkers had less cirrhosis.',
      year: 2018,
      authors: ['Doe, J'],
      mesh: ['Liver Cirrhosis'],
    });
    expect(() => parseRis('TY  - JOUR\nTI  - x\n')).toThrow(/starting on line 1 has no ER/);
    expect(() => parseRis('TI  - x\n')).toThrow(/line 1 is outside a record/);
  });

  it('reads CSV with quoted fields and refuses a bad year with its line', () => {
    const [a] = parseArticlesCsv(
      'id,title,abstract,year,keywords\nc1,"Tea, green","Said ""yes""",2020,Tea; Hypertension\n',
    );
    expect(a).toMatchObject({
      id: 'c1',
      title: 'Tea, green',
      abstract: 'Said "yes"',
      year: 2020,
      mesh: ['Tea', 'Hypertension'],
    });
    expect(() => parseArticlesCsv('id,title,abstract,year\nc1,a,b,20x\n')).toThrow(/line 2 has year '20x'/);
  });
});

describe('the literature library', () => {
  it('imports all or nothing, grades evidence from publication types, and explains a search', async () => {
    const index = new LiteratureIndex(':memory:');
    const r = importArticles(index, xml, 'pubmed-small.xml');
    expect(r).toMatchObject({ format: 'medline-xml', added: 3, total: 3 });
    expect(index.getById('90000001')!.evidence).toMatchObject({
      design: 'randomised-trial',
      level: 2,
      source: 'publication-type',
    });
    expect(index.getById('90000002')!.evidence).toMatchObject({ design: 'systematic-review', level: 1 });
    expect(index.getById('90000003')!.evidence).toMatchObject({ design: 'editorial-letter' });
    // a second import with one new and one duplicate record adds nothing
    const ris =
      'TY  - JOUR\nID  - new1\nTI  - Knee braces\nER  - \nTY  - JOUR\nID  - 90000001\nTI  - Duplicate\nER  - \n';
    expect(() => importArticles(index, ris, 'x.ris')).toThrow(/already in the library/);
    expect(index.count()).toBe(3);

    const s = await searchLibrary(index, 'exercise knee osteoarthritis', {
      now: 2024,
      weights: { relevance: 1, evidence: 0, recency: 0 },
    });
    expect(s.hits[0]!.article.id).toBe('90000002');
    expect(s.hits[0]!.matchedTerms.map((m) => m.word)).toEqual(['exercise', 'knee', 'osteoarthritis']);
    // evidence weight alone puts the meta-analysis (level 1) before the trial (level 2)
    const e = await searchLibrary(index, 'knee', {
      now: 2024,
      weights: { relevance: 0, evidence: 1, recency: 0 },
    });
    expect(e.hits.map((h) => h.article.id).slice(0, 2)).toEqual(['90000002', '90000001']);
    // filters
    const f = await searchLibrary(index, 'knee', { yearFrom: 2015, maxLevel: 2 });
    expect(f.hits.map((h) => h.article.id)).toEqual(['90000001']);
    await expect(searchLibrary(index, 'x'.repeat(10_001))).rejects.toThrow(/10000/);
    await expect(searchLibrary(index, 'the of and')).rejects.toThrow(/no searchable words/);
  });

  it('refuses an import over 100 MB before parsing', () => {
    const index = new LiteratureIndex(':memory:');
    expect(() => importArticles(index, Buffer.alloc(100 * 1024 * 1024 + 1, 32), 'big.csv')).toThrow(
      /at most 104857600 bytes/,
    );
  });
});

describe('research gaps', () => {
  it('finds two concepts each well studied, linked by others, never together; and a growing concept', () => {
    const arts: Article[] = [];
    let n = 0;
    const add = (mesh: string[], year: number) =>
      arts.push({
        id: `g${n++}`,
        title: `paper ${n}`,
        abstract: '',
        authors: [],
        publicationTypes: [],
        mesh,
        year,
      });
    for (let i = 0; i < 8; i++) add(['Asthma', 'Obesity', 'Diet'], 2010 + (i % 4));
    for (let i = 0; i < 8; i++) add(['Vitamin D', 'Obesity', 'Diet'], 2010 + (i % 4));
    for (let i = 0; i < 8; i++) add(['Asthma', 'Inflammation'], 2010 + (i % 4));
    for (let i = 0; i < 8; i++) add(['Vitamin D', 'Inflammation'], 2010 + (i % 4));
    for (let i = 0; i < 8; i++) add(['Microbiome'], 2013);
    const r = findGaps(arts, { minConceptPapers: 5 });
    const gap = r.gaps.find((g) => [g.a, g.c].sort().join('|') === 'Asthma|Vitamin D');
    expect(gap).toBeDefined();
    expect(gap!.together).toBe(0);
    expect([...gap!.linkingConcepts].sort()).toEqual(['Diet', 'Inflammation', 'Obesity']);
    expect(r.gaps.some((g) => [g.a, g.c].sort().join('|') === 'Diet|Obesity')).toBe(false);
    const micro = r.trends.find((t) => t.concept === 'Microbiome');
    expect(micro?.direction).toBe('growing');
  });
});
