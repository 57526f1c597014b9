import type { Command } from 'commander';
import { capabilities } from '../../app/capabilities.js';
import { HealthGptError } from '../../engine/errors.js';
import { createServer } from '../../server/create-server.js';
import type { CliContext } from '../context.js';

/** `healthgpt serve`: the whole product (API, CDS Hooks, web UI) on one port. */
export function registerServeCommand(program: Command, cli: CliContext) {
  program
    .command('serve')
    .description('start the HealthGPT server (API, CDS Hooks and web UI)')
    .option('-p, --port <port>', 'port to listen on (env HEALTHGPT_PORT)')
    .option('--host <host>', 'address to listen on (env HEALTHGPT_HOST)')
    .action(async (options: { port?: string; host?: string }) => {
      const port = options.port === undefined ? cli.config.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw HealthGptError.invalid(`invalid port '${options.port}'`);
      const context = cli.app();
      cli.keepOpen();
      const app = await createServer(context, capabilities, {
        logger: { level: process.env.LOG_LEVEL ?? 'info' },
      });
      const host = options.host ?? cli.config.host;
      try {
        await app.listen({ port, host });
      } catch (error) {
        throw new HealthGptError(
          'unavailable',
          `cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const address = app.server.address();
      const url =
        typeof address === 'object' && address ? `http://${host}:${address.port}` : `http://${host}:${port}`;
      process.stderr.write(
        `HealthGPT is running at ${url}/ (API docs ${url}/docs). Decision support, not a diagnosis.\n`,
      );
      const stop = async () => {
        await app.close();
        context.store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
