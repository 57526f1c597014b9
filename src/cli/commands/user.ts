import type { Command } from 'commander';
import { createUser } from '../../auth/accounts.js';
import { HealthGptError } from '../../engine/errors.js';
import type { CliContext } from '../context.js';

/** Reads the whole of stdin (a password piped in), without its final line break. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY) {
    process.stderr.write('password (then Enter; it will be shown, prefer piping it in): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    if ((stream as { isTTY?: boolean }).isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `healthgpt user add --name NAME --role ROLE` (password on stdin), `user list`, `user disable --name NAME`: local
 * accounts in the same state folder (or database) the server uses.
 */
export function registerUserCommands(
  program: Command,
  cli: CliContext,
  readPassword: () => Promise<string> = () => readStdin(),
) {
  const user = program.command('user').description('local accounts for the web UI (password sign-in)');
  user
    .command('add')
    .description('create an account; the password is read from stdin (12 to 256 characters)')
    .requiredOption('--name <name>', 'sign-in name (A-Z a-z 0-9 . _ @ -, up to 64)')
    .requiredOption('--role <role>', 'admin, clinician, researcher, auditor or device')
    .action(async (options: { name: string; role: string }) => {
      const password = await readPassword();
      if (password === '') throw HealthGptError.invalid('no password on stdin');
      const account = await createUser(cli.app().store, { ...options, password }, { actor: 'cli' });
      cli.print(account, (a) => `created ${a.role} '${a.name}' (${a.id})`);
    });
  user
    .command('list')
    .description('list accounts (never their passwords)')
    .action(() => {
      const items = cli.app().store.users.list();
      cli.print({ items }, ({ items: all }) =>
        all.length === 0
          ? 'no accounts'
          : all
              .map((a) => `${a.name}\t${a.role}\t${a.disabledAt ? `disabled ${a.disabledAt}` : 'active'}`)
              .join('\n'),
      );
    });
  user
    .command('disable')
    .description('disable an account: its sessions stop working at once')
    .requiredOption('--name <name>', 'the account')
    .action((options: { name: string }) => {
      const { store } = cli.app();
      const account = store.users.findByName(options.name);
      if (!account) throw HealthGptError.notFound('user', options.name);
      const disabled = store.transaction(() => {
        const changed = store.users.disable(account.id);
        if (changed) {
          store.audit.record({
            actor: 'cli',
            action: 'user.disable',
            resourceType: 'user',
            resourceId: account.id,
            outcome: 'success',
          });
        }
        return changed;
      });
      cli.print({ name: account.name, disabled }, (r) =>
        r.disabled ? `disabled '${r.name}'` : `'${r.name}' was already disabled`,
      );
    });
}
