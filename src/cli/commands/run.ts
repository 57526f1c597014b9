import type { Command } from 'commander';
import { readJsonFile } from '../../app/text-input.js';
import type { EngineResult } from '../../engine/engine.js';
import { HealthGptError } from '../../engine/errors.js';
import type { EngineRegistry } from '../../engine/registry.js';
import type { CliContext } from '../context.js';

function humanResult(engineId: string, result: EngineResult<unknown>): string {
  const { explanation, provenance } = result;
  const lines = [`${engineId}: ${explanation.summary ?? '(no summary)'}`];
  if (result.risk) {
    const r = result.risk;
    lines.push(
      r.applicable
        ? `  ${[r.probability !== undefined ? `probability ${(r.probability * 100).toFixed(1)} %` : '', r.score !== undefined ? `score ${r.score}` : '', r.category !== undefined ? `category ${r.category}` : ''].filter(Boolean).join(', ')}`
        : `  not applicable: ${r.notApplicableReason ?? ''}`,
    );
  }
  for (const entry of result.differential?.entries.slice(0, 5) ?? [])
    lines.push(`  ${entry.label}: ${(entry.probability * 100).toFixed(1)} %`);
  for (const r of result.recommendations ?? []) lines.push(`  next: ${r.text}`);
  for (const c of explanation.contributions.slice(0, 12))
    lines.push(`  ${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(2)} ${c.unit}  ${c.label}`);
  for (const rule of explanation.rulesFired?.slice(0, 12) ?? []) lines.push(`  · ${rule}`);
  for (const warning of explanation.warnings ?? []) lines.push(`  warning: ${warning}`);
  lines.push(
    `${provenance.engineId} v${provenance.engineVersion}${provenance.modelVersion ? ` (model ${provenance.modelVersion})` : ''}. Decision support for clinicians, not a diagnosis.`,
  );
  return lines.join('\n');
}

/** `healthgpt run ENGINE --input FILE|-`: any engine on a JSON input, as `POST /v1/engines/{id}/run`. */
export function registerRunCommand(program: Command, cli: CliContext, engines: () => EngineRegistry) {
  program
    .command('run')
    .description(
      'run an engine on a JSON input (`healthgpt engines` lists them; former ids such as brock work too)',
    )
    .argument('<engine>', 'engine id, e.g. risk.curb65, diagnosis.ddx, intake.consultation')
    .requiredOption('--input <file>', "the engine input as a JSON file, or '-' for stdin")
    .action(async (engineId: string, options: { input: string }) => {
      const registry = engines();
      const engine = registry.get(engineId);
      if (!engine) {
        throw HealthGptError.invalid(
          `unknown engine '${engineId}' (known: ${registry
            .list()
            .map((e) => e.id)
            .join(', ')})`,
        );
      }
      const result: EngineResult<unknown> = await engine.run(readJsonFile(options.input));
      cli.print(result, (r) => humanResult(engine.id, r));
    });
}
