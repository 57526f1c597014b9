import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** `healthgpt engines`: the engines on offer with their versions. */
export function registerEnginesCommand(program: Command, cli: CliContext) {
  program
    .command('engines')
    .description('list the engines with their validation status, versions and sources')
    .action(() => {
      const engines = cli.app().engines.info();
      cli.print(engines, (list) =>
        list.length === 0
          ? 'No engines registered.'
          : list
              .map(
                (e) =>
                  `${e.id.padEnd(28)} ${e.validation.status.padEnd(12)} v${e.version}${e.modelVersion ? ` (model ${e.modelVersion})` : ''}  ${e.title}`,
              )
              .join('\n'),
      );
    });
}
