import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { capabilities as allCapabilities, createEngineRegistry } from '../app/capabilities.js';
import type { Capability } from '../app/capability.js';
import { type AppConfig, loadConfig } from '../app/config.js';
import type { AppContext } from '../app/context.js';
import { createAppContext } from '../app/create-context.js';
import { HEALTHGPT_VERSION } from '../app/version.js';
import { HealthGptError } from '../engine/errors.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerCaseCommands } from './commands/case.js';
import { registerEnginesCommand } from './commands/engines.js';
import { registerRunCommand } from './commands/run.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTokenCommands } from './commands/token.js';
import { registerUserCommands } from './commands/user.js';
import type { CliContext } from './context.js';
import { cliMessageOf, exitCodeOf } from './errors.js';
import { createProgress, silentProgress } from './progress.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Builds the `healthgpt` program with every capability's commands. */
export function buildProgram(
  options: {
    config?: AppConfig;
    capabilities?: readonly Capability[];
    io?: CliIo;
    openApp?: (config: AppConfig) => AppContext;
  } = {},
): { program: Command; close: () => void } {
  const io = options.io ?? processIo;
  const config = options.config ?? loadConfig();
  const program = new Command('healthgpt')
    .description(
      'HealthGPT: clinical decision support for clinicians (not a medical device, not a diagnosis).',
    )
    .version(HEALTHGPT_VERSION)
    .option('--json', 'machine-readable JSON output')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  let app: AppContext | undefined;
  let keepOpen = false;
  const json = () => Boolean(program.opts<{ json?: boolean }>().json);
  const evalCommand = program.command('eval').description('evaluate engines on annotated data sets');
  const cli: CliContext = {
    evalCommand,
    config,
    app() {
      app ??= (options.openApp ?? createAppContext)(config);
      return app;
    },
    json,
    keepOpen: () => {
      keepOpen = true;
    },
    print(result, human) {
      io.stdout(json() ? `${JSON.stringify(result, null, 2)}\n` : `${human(result)}\n`);
    },
    progress: (label, total) => (json() ? silentProgress : createProgress(label, total)),
  };
  registerServeCommand(program, cli);
  registerBackupCommands(program, cli);
  registerCaseCommands(program, cli);
  registerEnginesCommand(program, cli);
  registerRunCommand(program, cli, () =>
    app ? app.engines : createEngineRegistry(options.capabilities ?? allCapabilities),
  );
  registerUserCommands(program, cli);
  registerTokenCommands(program, cli);
  registerAuditCommands(program, cli);
  for (const capability of options.capabilities ?? allCapabilities)
    capability.registerCommands?.(program, cli);
  for (const command of [program, ...program.commands, ...evalCommand.commands]) command.exitOverride();
  oneLineUsageErrors(program, io);
  return { program, close: () => (keepOpen ? undefined : app?.store.close()) };
}

/**
 * Commander's usage errors (a missing required option, an unknown command or option, a bad argument, a command
 * group without its command) in the CLI's one format: one line, `healthgpt: …`, with the command's help hint inside
 * it; `main` then exits with 2. Help asked for (`--help`) still goes to stdout in full.
 */
function oneLineUsageErrors(command: Command, io: CliIo): void {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  const path = names.join(' ');
  const hint = `(run ${path} --help for usage)`;
  command.configureOutput({
    writeOut: io.stdout,
    // Commander writes the whole help to stderr when a command group is run without one of its commands.
    writeErr: (text) =>
      io.stderr(
        text.startsWith('Usage:')
          ? `healthgpt: ${command.parent ? `${names.slice(1).join(' ')} needs` : 'give'} a command ${hint}\n`
          : text,
      ),
    outputError: (text) =>
      io.stderr(
        `healthgpt: ${cliMessageOf(
          text
            .trim()
            .replace(/^error: /, '')
            .replace(/\s*\(Did you mean (.*)\?\)/, ', did you mean $1?'),
        )} ${hint}\n`,
      ),
  });
  for (const sub of command.commands) oneLineUsageErrors(sub, io);
}

/** Runs the CLI; returns the exit code. Errors are one clear line on stderr, never a stack trace. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const { program, close } = buildProgram({ io });
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; usage errors were already printed by commander, as one line.
      return error.exitCode === 0 ? 0 : 2;
    }
    io.stderr(`healthgpt: ${cliMessageOf(error)}\n`);
    return error instanceof HealthGptError ? exitCodeOf(error) : 1;
  } finally {
    close();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = await main(process.argv);
