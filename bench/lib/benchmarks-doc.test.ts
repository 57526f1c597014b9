import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BenchmarkResults,
  countMarkers,
  DOC_PATH,
  documentsWithNumbers,
  parseBlocks,
  readResults,
  renderBenchmarksDoc,
  renderBlocks,
  renderMarkers,
} from './benchmarks-doc.js';

const results: BenchmarkResults = {
  sections: [
    {
      id: 'demo',
      title: 'Demo',
      command: 'npm run bench:demo',
      machine: 'test',
      run: '2026-01-01',
      blocks: parseBlocks(
        'Intro text.\n\n| system | mode | AUC |\n| --- | --- | --- |\n| a | full | 0.91 |\n| a | fast | 0.88 |\n| b | full | 0.75 |',
      ),
    },
  ],
};

describe('benchmark results and rendered docs', () => {
  it('parses a Markdown body into text and tables and renders it back unchanged', () => {
    const body = 'Intro.\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n\nAfter.\n\n| p |\n| --- |\n| q |';
    const blocks = parseBlocks(body);
    expect(blocks.filter((b) => 'table' in b)).toHaveLength(2);
    expect(renderBlocks(blocks)).toBe(body);
  });

  it('renders marked values and tables from the results, and refuses a reference that does not resolve', () => {
    const doc = [
      'AUC <!-- value {"s":"demo","t":1,"r":["a","fast"],"c":"AUC"} -->0.99<!-- /value --> on the fast mode.',
      '<!-- table {"s":"demo","t":1,"rows":[["b"],["a","full"]],"cols":["system","AUC"],"labels":["**b**"]} -->',
      'stale',
      '<!-- /table -->',
    ].join('\n');
    const rendered = renderMarkers(doc, results);
    expect(rendered).toContain('-->0.88<!-- /value -->');
    expect(rendered).toContain('| system | AUC |\n| --- | --- |\n| **b** | 0.75 |\n| a | 0.91 |');
    expect(renderMarkers(rendered, results)).toBe(rendered);
    expect(countMarkers(rendered)).toBe(2);
    // "a" alone matches two rows: ambiguous, so it fails instead of picking one.
    expect(() =>
      renderMarkers('<!-- value {"s":"demo","t":1,"r":["a"],"c":"AUC"} -->x<!-- /value -->', results),
    ).toThrow(/2 rows/);
    expect(() =>
      renderMarkers('<!-- value {"s":"demo","t":2,"r":["a"],"c":"AUC"} -->x<!-- /value -->', results),
    ).toThrow(/no table 2/);
    expect(() =>
      renderMarkers('<!-- value {"s":"demo","t":1,"r":["b"],"c":"F1"} -->x<!-- /value -->', results),
    ).toThrow(/no column 'F1'/);
  });

  it('docs/benchmarks.md is exactly what docs/benchmarks.json renders to (run `npm run docs:render`)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderBenchmarksDoc(readResults()));
  });

  it('every number marked in the docs and model cards agrees with docs/benchmarks.json', () => {
    const committed = readResults();
    let markers = 0;
    for (const path of documentsWithNumbers()) {
      const text = readFileSync(path, 'utf8');
      markers += countMarkers(text);
      expect(renderMarkers(text, committed), `${path} disagrees with docs/benchmarks.json`).toBe(text);
    }
    expect(markers).toBeGreaterThan(0);
  });
});
