import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { HealthGptError } from '../engine/errors.js';
import { EngineRegistry } from '../engine/registry.js';
import { serverTools } from '../llm/tools.js';
import { LITERATURE_TOOL, literatureGatewayTool } from './gateway-tool.js';
import { importArticles, openLibrary } from './library.js';

const xml = readFileSync(join(import.meta.dirname, 'fixtures', 'pubmed-small.xml'), 'utf8');

function contextWithLibrary(withArticles: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), 'healthgpt-lit-tool-'));
  if (withArticles) importArticles(openLibrary(dataDir), xml, 'pubmed-small.xml');
  return { config: loadConfig({}, { dataDir }) };
}

describe('literature search as a language-model gateway tool', () => {
  it('is offered beside the engine tools, under its own name, with a JSON schema', () => {
    const tools = serverTools(new EngineRegistry(), [literatureGatewayTool(contextWithLibrary(false))]);
    const tool = tools.get(LITERATURE_TOOL);
    expect(tool?.engineId).toBe('literature.search');
    expect(tool?.definition.function.parameters).toMatchObject({ properties: { query: { type: 'string' } } });
    expect(() => serverTools(new EngineRegistry(), [tool!, tool!])).toThrow(/two gateway tools/);
  });

  it("finds the library's articles with their evidence level, and says when the library has none", async () => {
    const found = await literatureGatewayTool(contextWithLibrary(true)).run({
      query: 'walking programme for knee osteoarthritis',
    });
    const output = found.output as { total: number; articles: { id: string; evidence: { level: number } }[] };
    expect(output.total).toBeGreaterThan(0);
    expect(output.articles).toContainEqual(
      expect.objectContaining({ id: '90000001', evidence: expect.objectContaining({ level: 2 }) }),
    );
    const empty = await literatureGatewayTool(contextWithLibrary(false)).run({ query: 'walking knee pain' });
    expect(empty.output).toMatchObject({ total: 0, note: expect.stringMatching(/no article/) });
  });

  it('refuses bad arguments with field errors', async () => {
    const tool = literatureGatewayTool(contextWithLibrary(false));
    await expect(tool.run({ query: 'x' })).rejects.toBeInstanceOf(HealthGptError);
    await expect(tool.run({ query: 'walking', maxLevel: 9 })).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: '/maxLevel' })],
    });
  });
});
