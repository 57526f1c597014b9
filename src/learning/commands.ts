import type { Command } from 'commander';
import type { CliContext } from '../app/capability.js';
import { ddxEngine } from '../diagnosis/ddx-engine.js';
import { HealthGptError } from '../engine/errors.js';
import { readPatientsFile } from '../fairness/read-patients.js';
import {
  DEFAULT_FAMILY,
  FamilyRegistry,
  listAllModels,
  MODEL_FAMILIES,
  type ModelFamily,
  modelFamilyOf,
} from './registry.js';
import { LearningService } from './service.js';
import { evaluateFeedbackLoop } from './simulate.js';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

function intOption(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw HealthGptError.invalid(`${flag} must be an integer ${min}–${max}, not '${value}'`);
  return n;
}

/** `healthgpt learn diagnosis`, `healthgpt models list|promote|rollback`, `healthgpt eval feedback`. */
export function registerLearningCommands(program: Command, cli: CliContext): void {
  const service = () => {
    const app = cli.app();
    return new LearningService(app.store, app.config.dataDir, app.config.datasetsDir);
  };

  program
    .command('learn')
    .description('train a candidate model from the original training data plus clinician-confirmed cases')
    .argument('<model>', 'which model: diagnosis')
    .option(
      '--promote',
      'promote the candidate when the promotion rule passes (otherwise it waits as candidate)',
    )
    .option('--epochs <n>', 'training epochs (default: as npm run train:ddx)')
    .action((which: string, options: { promote?: boolean; epochs?: string }) => {
      if (which !== 'diagnosis')
        throw HealthGptError.invalid(`unknown model '${which}' (expected: diagnosis)`);
      const epochs = options.epochs ? intOption(options.epochs, '--epochs', 1, 200) : undefined;
      const result = service().learn({
        by: 'cli',
        autoPromote: options.promote === true,
        ...(epochs ? { epochs } : {}),
      });
      cli.print(
        {
          candidate: result.candidate.version,
          modelVersion: result.candidate.modelVersion,
          promoted: result.promoted,
          active: result.active.version,
          decision: result.decision,
          check: {
            n: result.check.candidate.n,
            candidate: result.check.candidate.overall.gtpa_at_1,
            active: result.check.active.overall.gtpa_at_1,
          },
          seconds: Number(result.seconds.toFixed(1)),
          cpuSeconds: Number(result.cpuSeconds.toFixed(1)),
        },
        (r) =>
          [
            `candidate ${r.candidate} (${r.modelVersion}) trained in ${r.seconds} s; check cases ${r.check.n}: candidate GTPA@1 ${pct(r.check.candidate)}, active ${pct(r.check.active)}`,
            r.decision.promote
              ? r.promoted
                ? `promoted: ${r.candidate} is active (served from the next start)`
                : `the promotion rule passes: healthgpt models promote ${r.candidate}`
              : `not promoted: ${r.decision.reasons.join('; ')}`,
          ].join('\n'),
      );
    });

  const models = program
    .command('models')
    .description('the model registry: the diagnosis model (family ddx) and federated models');
  const familyOption = (value: string) => modelFamilyOf(value);
  /** The registry of one family: the diagnosis model's (with its committed v1), or another family's. */
  const registryOf = (family: ModelFamily): FamilyRegistry => {
    if (family === DEFAULT_FAMILY) return service().registry;
    const app = cli.app();
    return new FamilyRegistry(app.store.documents, app.config.dataDir, family);
  };
  models
    .command('list')
    .description('every version with family, state, data hash and check metrics')
    .option(
      '--family <family>',
      `${MODEL_FAMILIES.join(', ')}, or all (default ddx)`,
      (v: string) => (v === 'all' ? 'all' : familyOption(v)),
      DEFAULT_FAMILY,
    )
    .action((options: { family: ModelFamily | 'all' }) => {
      service(); // registers the committed diagnosis model as v1 on first use
      const list =
        options.family === 'all'
          ? listAllModels(cli.app().store.documents)
          : registryOf(options.family).list();
      const others = [...new Set(listAllModels(cli.app().store.documents).map((r) => r.family))].filter(
        (f) => f !== options.family,
      );
      cli.print(list, (rows) =>
        [
          ...rows.map((r) => {
            const check = (r.metrics?.check as { gtpa_at_1?: number; n?: number } | undefined) ?? {};
            const family = r.family === DEFAULT_FAMILY ? '' : `${r.family} `;
            return `${family}${r.version.padEnd(4)} ${r.state.padEnd(9)} ${r.modelVersion}  data ${r.dataHash.slice(0, 12)}${check.gtpa_at_1 !== undefined ? `  check GTPA@1 ${pct(check.gtpa_at_1)} (n ${check.n})` : ''}`;
          }),
          ...(options.family !== 'all' && others.length
            ? [`(other families: ${others.join(', ')} — --family <name> or --family all)`]
            : []),
        ].join('\n'),
      );
    });
  models
    .command('promote')
    .description(
      'make a candidate active — only when its promotion check passed (or --override with a reason, admin)',
    )
    .argument('<version>', 'candidate version, e.g. v2')
    .option('--override <reason>', 'promote although the rule failed; the reason is recorded')
    .option('--family <family>', MODEL_FAMILIES.join(', '), familyOption, DEFAULT_FAMILY)
    .action((version: string, options: { override?: string; family: ModelFamily }) => {
      const registry = registryOf(options.family);
      const record = registry.get(version);
      const decision = record.metrics?.promotion as { promote?: boolean; reasons?: string[] } | undefined;
      if (!decision?.promote && !options.override)
        throw new HealthGptError(
          'precondition-failed',
          `${version} did not pass the promotion rule (${decision?.reasons?.join('; ') ?? 'no check recorded'}); use --override "reason" to promote anyway`,
        );
      const promoted = registry.promote(
        version,
        'cli',
        options.override ? `override: ${options.override}` : 'promotion rule passed',
      );
      cli.print(promoted, (r) =>
        r.family === DEFAULT_FAMILY
          ? `${r.version} (${r.modelVersion}) is active; served from the next start`
          : `${r.version} (${r.modelVersion}) is the active ${r.family} model`,
      );
    });
  models
    .command('rollback')
    .description('retire the active version and make the one it replaced active again')
    .option('--family <family>', MODEL_FAMILIES.join(', '), familyOption, DEFAULT_FAMILY)
    .action((options: { family: ModelFamily }) => {
      const { from, to } = registryOf(options.family).rollback('cli');
      cli.print(
        { from: from.version, to: to.version, modelVersion: to.modelVersion, family: options.family },
        (r) =>
          `rolled back ${r.from} → ${r.to} (${r.modelVersion})${r.family === DEFAULT_FAMILY ? '; served from the next start' : ` of ${r.family}`}`,
      );
    });

  cli.evalCommand
    .command('feedback')
    .description(
      'simulate the learning loop: a fresh model on --initial, --stream fed month by month as confirmed cases through learning and promotion, measured on --test',
    )
    .requiredOption('--initial <file>', 'DDXPlus patient CSV: the starting training data')
    .requiredOption('--stream <file>', 'DDXPlus patient CSV: cases confirmed over the months, in order')
    .requiredOption(
      '--test <file>',
      'DDXPlus patient CSV: held-out patients (never trained on, never used to promote)',
    )
    .option('--months <n>', 'months to cut the stream into', '6')
    .option('--epochs <n>', 'training epochs (default: as npm run train:ddx)')
    .option('--seed <n>', 'training seed', '6')
    .action(
      (options: {
        initial: string;
        stream: string;
        test: string;
        months: string;
        epochs?: string;
        seed: string;
      }) => {
        const months = intOption(options.months, '--months', 1, 60);
        const seed = intOption(options.seed, '--seed', 0, 2 ** 31);
        const epochs = options.epochs ? intOption(options.epochs, '--epochs', 1, 200) : undefined;
        const model = ddxEngine().model;
        const initial = readPatientsFile(options.initial, model, '--initial');
        const stream = readPatientsFile(options.stream, model, '--stream');
        const test = readPatientsFile(options.test, model, '--test');
        const spec = model.spec;
        const progress = cli.progress('eval feedback (months)', months);
        const result = evaluateFeedbackLoop(spec, initial, stream, test, {
          months,
          seed,
          ...(epochs ? { train: { epochs } } : {}),
          onMonth: (m) => progress.tick(m.month),
        });
        progress.done();
        const { audits: _audits, decisions: _decisions, testItems: _testItems, ...contract } = result;
        cli.print(contract, (r) =>
          [
            `initial (${r.n.initial} patients): GTPA@1 ${pct(r.initial.gtpa_at_1)}, worst-group gap ${pct(r.initial.worst_group_gap)}`,
            ...r.months.map(
              (m) =>
                `month ${m.month}: +${m.added} confirmed, ${m.promoted ? `promoted ${m.active_version}` : `kept ${m.active_version} (${m.reasons.join('; ')})`}; GTPA@1 ${pct(m.gtpa_at_1)}, gap ${pct(m.worst_group_gap)}`,
            ),
            `final: GTPA@1 ${pct(r.final.gtpa_at_1)}, worst-group gap ${pct(r.final.worst_group_gap)} (test ${r.n.test} patients)`,
          ].join('\n'),
        );
      },
    );
}
