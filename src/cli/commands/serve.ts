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
        // Stop what was started (worker threads, the store), or the process would stay up serving nothing.
        await app.close().catch(() => undefined);
        context.store.close();
        throw listenError(error, host, port, options.port !== undefined);
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

/**
 * The one line for a failed listen, saying what to do: a port in use (`EADDRINUSE`), a port below 1024 without the
 * right to bind it (`EACCES`), or an address that is not this machine's (`EADDRNOTAVAIL`).
 */
export function listenError(
  error: unknown,
  host: string,
  port: number,
  portFromFlag: boolean,
): HealthGptError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${host}:${port}`;
  const choosePort = portFromFlag
    ? 'choose another with --port'
    : 'choose another with --port or HEALTHGPT_PORT';
  const message =
    code === 'EADDRINUSE'
      ? `cannot listen on ${where}: port ${port} is already in use (another HealthGPT or another program); stop that program or ${choosePort}`
      : code === 'EACCES'
        ? `cannot listen on ${where}: permission denied (ports below 1024 need privileges); ${choosePort}`
        : code === 'EADDRNOTAVAIL'
          ? `cannot listen on ${where}: ${host} is not an address of this machine; choose another with --host or HEALTHGPT_HOST`
          : `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  return new HealthGptError('unavailable', message, { cause: error });
}
