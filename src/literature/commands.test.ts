import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';

const fixture = join(import.meta.dirname, 'fixtures', 'pubmed-small.xml');
const dir = mkdtempSync(join(tmpdir(), 'healthgpt-literature-cli-'));

describe('healthgpt literature and healthgpt screen', () => {
  it('imports, searches with a level filter and finds no gaps in three papers (and says why)', async () => {
    const imp = await runCli(['literature', 'import', fixture, '--json']);
    expect(imp.stderr).toBe('');
    expect(JSON.parse(imp.stdout)).toMatchObject({ format: 'medline-xml', added: 3, total: 3 });
    const again = await runCli(['literature', 'import', fixture], imp.stateDir);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already in the library/);

    const s = await runCli(
      ['literature', 'search', 'knee', 'osteoarthritis', '--max-level', '1', '--json'],
      imp.stateDir,
    );
    const r = JSON.parse(s.stdout);
    expect(r.hits.map((h: { article: { id: string } }) => h.article.id)).toEqual(['90000002']);
    const human = await runCli(['literature', 'search', 'knee', '--w-evidence', '1'], imp.stateDir);
    expect(human.stdout).toMatch(/weights relevance 0.7, evidence 1, recency 0.1/);
    const bad = await runCli(['literature', 'search', 'knee', '--max-level', '9'], imp.stateDir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--max-level must be a whole number 1–5/);

    const g = await runCli(['literature', 'gaps', '--json'], imp.stateDir);
    const gaps = JSON.parse(g.stdout);
    expect(gaps.papers).toBe(3);
    expect(gaps.gaps).toEqual([]);
    expect(gaps.note).toMatch(/only 2 papers with MeSH/);
  });

  it('refuses MEDLINE XML with a character reference to no character: one line naming the file, exit 2', async () => {
    for (const reference of ['&#99999999;', '&#x110000;', '&#0;', '&#xD800;']) {
      const path = join(dir, 'bad-entity.xml');
      writeFileSync(
        path,
        readFileSync(fixture, 'utf8').replace('<ArticleTitle>', `<ArticleTitle>Bad ${reference} `),
      );
      const r = await runCli(['literature', 'import', path, '--json']);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`healthgpt: ${path}: record 1: invalid character reference ${reference}\n`);
    }
  });

  it('creates a screening project, decides, suggests and exports', async () => {
    const rows = ['record_id,title,abstract'];
    for (let i = 0; i < 10; i++)
      rows.push(i % 2 ? `a${i},Parking ${i},Parking` : `t${i},Triptan trial ${i},Triptan migraine`);
    const file = join(dir, 'r.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const c = await runCli(['screen', 'create', '--name', 'T', '--records', file, '--json']);
    expect(c.stderr).toBe('');
    const id = JSON.parse(c.stdout).id as string;
    await runCli(['screen', 'decide', id, 't0', 'include'], c.stateDir);
    await runCli(['screen', 'decide', id, 'a1', 'exclude'], c.stateDir);
    const n = JSON.parse((await runCli(['screen', 'next', id, '--limit', '4', '--json'], c.stateDir)).stdout);
    expect(n.progress).toMatchObject({ screened: 2, included: 1, excluded: 1 });
    expect(n.next.map((s: { record: { id: string } }) => s.record.id).sort()).toEqual([
      't2',
      't4',
      't6',
      't8',
    ]);
    const e = await runCli(['screen', 'export', id], c.stateDir);
    expect(e.stdout.split('\n').slice(0, 3)).toEqual([
      'record_id,title,decision,decided_by,decided_at',
      expect.stringMatching(/^t0,Triptan trial 0,include,cli,/),
      expect.stringMatching(/^a1,Parking 1,exclude,cli,/),
    ]);
    const wrong = await runCli(['screen', 'decide', id, 't2', 'maybe'], c.stateDir);
    expect(wrong.stderr).toMatch(/include or exclude/);
  });

  it('imports from PubMed through E-utilities (a local server replaying hand-written responses)', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url?.startsWith('/esearch.fcgi'))
        res.end(
          JSON.stringify({ esearchresult: { count: '3', idlist: ['90000001', '90000002', '90000003'] } }),
        );
      else if (req.url?.startsWith('/efetch.fcgi')) res.end(readFileSync(fixture));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.HEALTHGPT_PUBMED_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r = await runCli(['literature', 'pubmed', 'knee', 'osteoarthritis', '--max', '3', '--json']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ count: 3, fetched: 3, added: 3, total: 3 });
      expect(new URL(seen[0]!, 'http://x').searchParams.get('term')).toBe('knee osteoarthritis');
    } finally {
      delete process.env.HEALTHGPT_PUBMED_BASE_URL;
      server.close();
    }
  });
});
