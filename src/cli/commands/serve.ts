import type { Command } from 'commander';
import { capabilities } from '../../app/capabilities.js';
import { HealthGptError } from '../../engine/errors.js';
import { createServer } from '../../server/create-server.js';
import { loggerOptions, planListen } from '../../server/serve-security.js';
import type { CliContext } from '../context.js';

/** `healthgpt serve`: the whole product (API, CDS Hooks, web UI) on one port. */
export function registerServeCommand(program: Command, cli: CliContext) {
  program
    .command('serve')
    .description('start the HealthGPT server (API, CDS Hooks and web UI)')
    .option('-p, --port <port>', 'port to listen on (env HEALTHGPT_PORT)')
    .option('--host <host>', 'address to listen on (env HEALTHGPT_HOST)')
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS (env HEALTHGPT_TLS_CERT)')
    .option('--tls-key <file>', 'PEM private key of the certificate (env HEALTHGPT_TLS_KEY)')
    .action(async (options: { port?: string; host?: string; tlsCert?: string; tlsKey?: string }) => {
      const port = options.port === undefined ? cli.config.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw HealthGptError.invalid(`invalid port '${options.port}'`);
      const host = options.host ?? cli.config.host;
      // Plain HTTP only on loopback (or behind a declared TLS proxy); files the server writes are owner-only.
      const plan = planListen(host, cli.config.security, {
        ...(options.tlsCert ? { tlsCert: options.tlsCert } : {}),
        ...(options.tlsKey ? { tlsKey: options.tlsKey } : {}),
      });
      process.umask(0o077);
      const context = cli.app();
      cli.keepOpen();
      const app = await createServer(context, capabilities, {
        logger: loggerOptions(cli.config.security, process.env.LOG_LEVEL ?? 'info'),
        ...(plan.https ? { https: plan.https } : {}),
        warmWorkers: true,
      });
      if (plan.notice) process.stderr.write(`healthgpt: ${plan.notice}\n`);
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
        typeof address === 'object' && address
          ? `${plan.scheme}://${host}:${address.port}`
          : `${plan.scheme}://${host}:${port}`;
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
