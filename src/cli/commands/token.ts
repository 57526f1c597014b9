import type { Command } from 'commander';
import { issueToken, revokeTokens } from '../../auth/accounts.js';
import { parseLifetime } from '../../auth/tokens.js';
import { HealthGptError } from '../../engine/errors.js';
import type { CliContext } from '../context.js';

/**
 * `healthgpt token create --name NAME --role ROLE [--expires 30d] --json` → `{ "token": "…" }` (send it as
 * `Authorization: Bearer …`; shown once, only its SHA-256 is stored), `token list`, `token revoke ID|NAME`.
 */
export function registerTokenCommands(program: Command, cli: CliContext) {
  const token = program.command('token').description('API tokens for scripts, devices and integrations');
  token
    .command('create')
    .description('create an API token; it is printed once and cannot be shown again')
    .requiredOption(
      '--name <name>',
      'what uses it (A-Z a-z 0-9 . _ @ -, up to 64), as the audit log will show it',
    )
    .requiredOption('--role <role>', 'admin, clinician, researcher, auditor or device')
    .option('--expires <lifetime>', 'lifetime: a number and m, h or d, from 1m to 365d', '30d')
    .action((options: { name: string; role: string; expires: string }) => {
      const issued = issueToken(
        cli.app().store,
        { kind: 'api', name: options.name, role: options.role, lifetimeMs: parseLifetime(options.expires) },
        { actor: 'cli' },
      );
      if (cli.json()) {
        cli.print({ token: issued.token }, () => '');
        return;
      }
      cli.print(
        issued,
        (i) =>
          `${i.token}\n(${i.record.role} token '${i.record.name}', expires ${i.record.expiresAt}; shown only now: keep it in a secret store)`,
      );
    });
  token
    .command('list')
    .description('list API tokens (never the secrets)')
    .action(() => {
      const items = cli.app().store.tokens.list({ kind: 'api' });
      const now = Date.now();
      const state = (t: (typeof items)[number]) =>
        t.revokedAt
          ? `revoked ${t.revokedAt}`
          : Date.parse(t.expiresAt) <= now
            ? `expired ${t.expiresAt}`
            : `expires ${t.expiresAt}`;
      cli.print({ items }, ({ items: all }) =>
        all.length === 0
          ? 'no tokens'
          : all.map((t) => `${t.id}\t${t.name}\t${t.role}\t${state(t)}`).join('\n'),
      );
    });
  token
    .command('revoke')
    .description('revoke an API token by id, or every live token with that name')
    .argument('<id-or-name>')
    .action((idOrName: string) => {
      const revoked = revokeTokens(cli.app().store, idOrName, { actor: 'cli' });
      if (revoked === 0) throw HealthGptError.notFound('live API token', idOrName);
      cli.print({ revoked }, (r) => `revoked ${r.revoked} token${r.revoked === 1 ? '' : 's'}`);
    });
}
