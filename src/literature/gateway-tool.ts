import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { parseOrThrow } from '../engine/errors.js';
import type { ServerTool } from '../llm/tools.js';
import { openLibrary, searchLibrary } from './library.js';

/** The name the language-model gateway offers literature search under. */
export const LITERATURE_TOOL = 'literature_search';

const literatureArgs = z
  .object({
    query: z.string().min(3).max(500).describe('what to look for, in words'),
    maxLevel: z
      .number()
      .int()
      .min(1)
      .max(5)
      .optional()
      .describe(
        'only articles graded at this Oxford CEBM 2011 level or better (1 = systematic reviews of trials)',
      ),
    yearFrom: z.number().int().min(1800).max(2100).optional().describe('only articles from this year on'),
    limit: z.number().int().min(1).max(10).optional().describe('how many articles (default 5)'),
  })
  .strict();

/**
 * Literature search over the hospital's own library (`healthgpt literature import`) as a gateway tool: BM25 over
 * titles, abstracts and MeSH, ranked with evidence level and recency (the default weights). The model reads titles,
 * years, evidence levels and the first 400 characters of each abstract; the answer's citations carry the whole result.
 */
export function literatureGatewayTool(context: Pick<AppContext, 'config'>): ServerTool {
  return {
    engineId: 'literature.search',
    definition: {
      type: 'function',
      function: {
        name: LITERATURE_TOOL,
        description:
          "Search the hospital's literature library (imported MEDLINE/PubMed records and other article sets) for articles on a question, ranked by relevance, level of evidence and recency.",
        parameters: z.toJSONSchema(literatureArgs, { io: 'input' }) as Record<string, unknown>,
      },
    },
    async run(args) {
      const { query, maxLevel, yearFrom, limit } = parseOrThrow(
        literatureArgs,
        args,
        'literature search arguments',
      );
      const library = openLibrary(context.config.dataDir);
      const result = await searchLibrary(library, query, {
        limit: limit ?? 5,
        ...(maxLevel !== undefined ? { maxLevel } : {}),
        ...(yearFrom !== undefined ? { yearFrom } : {}),
      });
      return {
        output: {
          total: result.total,
          ...(result.total === 0
            ? { note: 'no article in the library matches; the library holds only what the hospital imported' }
            : {}),
          articles: result.hits.map((hit) => ({
            id: hit.article.id,
            title: hit.article.title,
            year: hit.article.year,
            journal: hit.article.journal,
            evidence: { design: hit.evidence.label, level: hit.evidence.level },
            abstract: hit.article.abstract.slice(0, 400),
          })),
        },
      };
    },
  };
}
