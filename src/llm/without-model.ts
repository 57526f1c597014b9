import type { ClinicalCase } from '../clinical/case.js';
import type { EngineRegistry } from '../engine/registry.js';
import { extractiveAnswer, searchGuidelinesSemantic } from '../guidelines/library.js';
import { type Citation, passageCitation, type ToolCitation, toolNameOf } from './tools.js';

export const RETRIEVAL_MODEL = 'healthgpt-retrieval';

export interface ExtractiveAnswer {
  readonly content: string;
  readonly citations: readonly Citation[];
}

/**
 * The answer when no language model is configured: nothing is generated. The best guideline passages for the
 * question (current edition preferred, older editions that differ named), and, with a case attached, the result of
 * every engine that runs on the case — each labelled as such, with citations.
 */
export async function answerWithoutModel(
  question: string,
  engines: EngineRegistry,
  clinicalCase?: ClinicalCase,
): Promise<ExtractiveAnswer> {
  const retrieval = await searchGuidelinesSemantic(question, { limit: 3 });
  const citations: Citation[] = retrieval.hits.map(passageCitation);
  const lines = [
    'No language model is configured: this answer is not generated. It is the guideline library’s best passage for the question' +
      (clinicalCase ? ' and the results of HealthGPT’s engines on the case.' : '.'),
    extractiveAnswer(retrieval),
  ];
  if (clinicalCase) {
    for (const engine of engines.list()) {
      if (!engine.fromCase) continue;
      const input = engine.fromCase(clinicalCase);
      if (input === undefined) continue;
      try {
        const result = await engine.run(input);
        const summary = summarise(result);
        lines.push(
          `${engine.title} (${engine.id} ${engine.version}, ${engine.validation.status}): ${summary}`,
        );
        const citation: ToolCitation = {
          kind: 'tool',
          toolCallId: `case_${toolNameOf(engine.id)}`,
          tool: toolNameOf(engine.id),
          engineId: engine.id,
          engineVersion: engine.version,
          arguments: input,
          ok: true,
          result: { output: result.output, explanation: result.explanation },
        };
        citations.push(citation);
      } catch {
        // The case lacks something this engine needs in a form it accepts: it is not run, and not cited.
      }
    }
  }
  return { content: lines.join('\n\n'), citations };
}

function summarise(result: {
  risk?: {
    score?: number;
    probability?: number;
    category?: string;
    applicable: boolean;
    notApplicableReason?: string;
  };
  differential?: { entries: readonly { label: string; probability: number }[] };
  recommendations?: readonly { text: string }[];
}): string {
  const parts: string[] = [];
  if (result.risk) {
    if (!result.risk.applicable)
      parts.push(`not applicable: ${result.risk.notApplicableReason ?? 'outside its population'}`);
    if (result.risk.score !== undefined) parts.push(`score ${result.risk.score}`);
    if (result.risk.probability !== undefined) parts.push(`${(100 * result.risk.probability).toFixed(1)} %`);
    if (result.risk.category) parts.push(`category ${result.risk.category}`);
  }
  if (result.differential)
    parts.push(
      result.differential.entries
        .slice(0, 3)
        .map((e) => `${e.label} ${(100 * e.probability).toFixed(0)} %`)
        .join('; '),
    );
  if (result.recommendations?.[0]) parts.push(result.recommendations[0].text);
  return parts.join(', ') || 'see the cited result';
}
