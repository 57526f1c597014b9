import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { guidelinesCapability } from './capability.js';
import { parseQuestionsJsonl } from './qa-eval.js';

const dir = mkdtempSync(join(tmpdir(), 'healthgpt-guidelines-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const good = write(
  'q.jsonl',
  '{"id":"af","question":"When does the ESC recommend anticoagulation by CHA2DS2-VA score?"}\n\n{"id":7,"question":"NEWS2 score that triggers an emergency response"}\n',
);

describe('healthgpt eval guideline-qa', () => {
  it('prints the contract: n, answers with an extractive answer and at least 3 ranked citations', async () => {
    const { code, stdout, stderr } = await runCli(['eval', 'guideline-qa', '--questions', good, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r).sort()).toEqual(['answers', 'n']);
    expect(r.n).toBe(2);
    expect(r.answers.map((a: { id: string }) => a.id)).toEqual(['af', '7']);
    for (const a of r.answers) {
      expect(Object.keys(a).sort()).toEqual(['answer', 'citations', 'id']);
      expect(a.answer).toMatch(/^Not generated \(retrieval only/);
      expect(a.citations.length).toBeGreaterThanOrEqual(3);
      for (const c of a.citations) {
        expect(Object.keys(c).sort()).toEqual(['current', 'edition', 'guideline', 'text']);
        expect(typeof c.current).toBe('boolean');
      }
    }
    expect(r.answers[0].citations[0]).toMatchObject({
      guideline: 'ESC atrial fibrillation',
      edition: '2024',
      current: true,
    });
    expect(r.answers[1].citations[0]).toMatchObject({
      guideline: 'RCP National Early Warning Score',
      current: true,
    });
  });

  it.each([
    ['not JSON', 'hello\n', /line 1 is not JSON/],
    ['no question', '{"id":"a"}\n', /line 1 has no "question"/],
    ['no id', '{"question":"nodule"}\n', /line 1 has no "id"/],
    ['empty file', '\n\n', /no questions/],
    ['array line', '[1,2]\n', /line 1 is not a JSON object/],
  ])('bad input (%s) → one line on stderr, non-zero exit', async (_label, text, message) => {
    const path = write(`bad-${_label.replace(/ /g, '-')}.jsonl`, text);
    const { code, stderr, stdout } = await runCli(['eval', 'guideline-qa', '--questions', path, '--json']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('answers with lexical retrieval alone when asked, and refuses an unknown mode', async () => {
    const lexical = await runCli([
      'eval',
      'guideline-qa',
      '--questions',
      good,
      '--retrieval',
      'lexical',
      '--json',
    ]);
    expect(lexical.code).toBe(0);
    expect(JSON.parse(lexical.stdout).answers[0].citations[0].edition).toBe('2024');
    const bad = await runCli(['eval', 'guideline-qa', '--questions', good, '--retrieval', 'magic', '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--retrieval must be fused or lexical/);
  });

  it('refuses a missing file with one line', async () => {
    const { code, stderr } = await runCli(['eval', 'guideline-qa', '--questions', join(dir, 'nope.jsonl')]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/cannot read questions/);
  });

  it('parses ids given as numbers as strings and names the bad line', () => {
    expect(parseQuestionsJsonl('{"id":1,"question":"x"}')).toEqual([{ id: '1', question: 'x' }]);
    expect(() => parseQuestionsJsonl('{"id":1,"question":"x"}\n{"id":2}')).toThrow(/line 2/);
  });
});

describe('healthgpt guidelines list|search', () => {
  it('lists editions as JSON and explains each search rank in text', async () => {
    const list = await runCli(['guidelines', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(
      JSON.parse(list.stdout).find((g: { id: string }) => g.id === 'ada-standards').editions,
    ).toHaveLength(3);
    const search = await runCli(['guidelines', 'search', 'qSOFA', 'sepsis', 'screening', '--limit', '2']);
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(
      /^1\. Surviving Sepsis Campaign 2021 .*bm25 #\d+, 4-gram #\d+, embedding #\d+; matched /m,
    );
    const bad = await runCli(['guidelines', 'search', 'nodule', '--limit', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--limit/);
  });
});

describe('GET /v1/guidelines', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([guidelinesCapability]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists guidelines with editions and status', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/v1/guidelines' });
    expect(response.statusCode).toBe(200);
    const lungRads = response.json().guidelines.find((g: { id: string }) => g.id === 'lung-rads');
    expect(
      lungRads.editions.map((e: { edition: string; status: string }) => `${e.edition}:${e.status}`),
    ).toEqual(['v2022:current', 'v1.1:superseded']);
  });

  it('searches with an explanation of each rank', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/v1/guidelines/search?q=${encodeURIComponent('Fleischner solid nodule 6 to 8 mm follow-up')}&limit=3`,
    });
    expect(response.statusCode).toBe(200);
    const r = response.json();
    expect(r.hits).toHaveLength(3);
    expect(r.hits[0].passage.guideline).toBe('fleischner');
    expect(r.hits[0].matchedTerms.length).toBeGreaterThan(0);
    expect(r.method).toMatch(/BM25/);
  });

  it('answers a missing or empty query with a 400 problem document', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/v1/guidelines/search' })).statusCode).toBe(400);
    const empty = await server.app.inject({ method: 'GET', url: '/v1/guidelines/search?q=%3F%3F' });
    expect(empty.statusCode).toBe(400);
    const unknown = await server.app.inject({
      method: 'GET',
      url: '/v1/guidelines/search?q=nodule&guideline=x',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('admits an auditor (no patient data) but not a device', async () => {
    const auditor = await server.app.inject({
      method: 'GET',
      url: '/v1/guidelines',
      headers: { authorization: `Bearer ${server.tokenFor('auditor')}` },
    });
    expect(auditor.statusCode).toBe(200);
    const device = await server.app.inject({
      method: 'GET',
      url: '/v1/guidelines',
      headers: { authorization: `Bearer ${server.tokenFor('device')}` },
    });
    expect(device.statusCode).toBe(403);
  });
});
