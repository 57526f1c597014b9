import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import type { EngineResult } from '../engine/engine.js';
import { HealthGptError } from '../engine/errors.js';
import { RISK_ENGINES, riskEngine } from './engines.js';
import { percent, type RiskOutput } from './risk-engine.js';

/** Human-readable result: number or category, the next steps, the contributions and warnings. */
export function formatRiskResult(result: EngineResult<RiskOutput>): string {
  const o = result.output;
  const lines: string[] = [];
  if (!o.applicable) {
    lines.push(`${o.modelId}: NOT APPLICABLE — ${o.notApplicableReason ?? ''}`);
  } else {
    const parts = [
      o.probability !== undefined ? `probability ${percent(o.probability)}` : undefined,
      o.score !== undefined ? `score ${o.score}` : undefined,
      o.category !== undefined ? `category ${o.category}` : undefined,
    ].filter(Boolean);
    lines.push(`${o.modelId}: ${parts.join(', ')}`);
  }
  if (result.explanation.summary) lines.push(result.explanation.summary);
  if (result.explanation.baseline !== undefined && result.explanation.baseline !== 0) {
    lines.push(`  ${result.explanation.baseline.toFixed(3)} baseline (intercept)`);
  }
  for (const c of result.explanation.contributions) {
    const sign = c.contribution >= 0 ? '+' : '';
    lines.push(
      `  ${sign}${c.contribution.toFixed(c.unit === 'points' ? 1 : 3)} ${c.unit.padEnd(8)} ${c.label}${c.value === undefined ? '' : ` = ${c.value}`}`,
    );
  }
  for (const r of o.recommendations) {
    const g = r.guideline
      ? ` [${r.guideline.title} ${r.guideline.version}${r.guideline.current ? '' : ' — NOT CURRENT'}]`
      : '';
    lines.push(`Next: ${r.text}${g}`);
  }
  for (const rule of result.explanation.rulesFired ?? []) lines.push(`Rule: ${rule}`);
  for (const warning of result.explanation.warnings ?? []) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

/** `healthgpt risk <model> --input '<json>'` and `healthgpt risk list`. */
export function registerRiskCommands(program: Command, cli: CliContext): void {
  const risk = program
    .command('risk')
    .description('run a clinical risk model or score (healthgpt risk list shows them)')
    .argument('<model>', "model id, or 'list'")
    .option('--input <json>', 'model inputs as a JSON object')
    .action((model: string, options: { input?: string }) => {
      if (model === 'list') {
        const items = RISK_ENGINES.map((e) => ({
          id: e.id,
          family: e.family,
          title: e.title,
          example: e.example as unknown,
        }));
        cli.print(items, (list) =>
          list.map((e) => `${e.id.padEnd(14)} ${e.family.padEnd(20)} ${e.title}`).join('\n'),
        );
        return;
      }
      const engine = riskEngine(model);
      if (!engine)
        throw HealthGptError.invalid(
          `unknown risk model '${model}' (known: ${RISK_ENGINES.map((e) => e.id).join(', ')})`,
        );
      if (options.input === undefined) {
        throw HealthGptError.invalid(
          `--input '<json>' is required, e.g. --input '${JSON.stringify(engine.example)}'`,
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(options.input);
      } catch (error) {
        throw HealthGptError.invalid(`--input is not valid JSON: ${(error as Error).message}`);
      }
      // The engine validates: invalid input is an `invalid` error naming each field (`/age: …`).
      const result: EngineResult<RiskOutput> = engine.run(body);
      cli.print(result, formatRiskResult);
    });
  risk.addHelpText('after', `\nModels: ${RISK_ENGINES.map((e) => e.id).join(', ')}`);
}
