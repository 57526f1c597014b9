import { resolve } from 'node:path';
import type { Command } from 'commander';
import { HealthGptError } from '../../engine/errors.js';
import { type BackupResult, backupSqlite, restoreSqlite } from '../../store/backup.js';
import { selectStore } from '../../store/postgres/select-store.js';
import type { CliContext } from '../context.js';

function sqlitePath(cli: CliContext): string {
  const selection = selectStore(process.env, cli.config.dataDir);
  if (selection.kind !== 'sqlite')
    throw HealthGptError.invalid(
      'the store is PostgreSQL (HEALTHGPT_DATABASE_URL): back it up with pg_dump / pg_restore or your database service',
    );
  return selection.path;
}

const keyOption = () => (process.env.HEALTHGPT_DB_KEY ? { key: process.env.HEALTHGPT_DB_KEY } : {});
const describe = (verb: string, r: BackupResult) =>
  `${verb} ${r.file}: ${r.cases} cases, schema version ${r.schemaVersion}, ${r.bytes} bytes${r.encrypted ? ', encrypted' : ''}`;

/** `healthgpt backup FILE` and `healthgpt restore FILE` (SQLite store). */
export function registerBackupCommands(program: Command, cli: CliContext) {
  program
    .command('backup')
    .description('write a consistent copy of the SQLite database to FILE (safe while the server runs; 0600)')
    .argument('<file>', 'the backup file to create (must not exist)')
    .action(async (file: string) => {
      const result = await backupSqlite(sqlitePath(cli), resolve(file), keyOption());
      cli.print(result, (r) => describe('backed up to', r));
    });
  program
    .command('restore')
    .description(
      'replace the SQLite database with a checked backup FILE (plain databases: online; encrypted: stop the server first)',
    )
    .argument('<file>', 'a file written by healthgpt backup')
    .action(async (file: string) => {
      const result = await restoreSqlite(resolve(file), sqlitePath(cli), keyOption());
      cli.print(result, (r) => describe('restored from', r));
    });
}
