import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { HealthGptError } from '../engine/errors.js';
import { migrations } from './migrations.js';
import { openSqliteDatabase, prepareSqlitePath, restrictSqliteFiles } from './sqlite-file.js';

/**
 * Backups of the SQLite store. A plain database is copied with SQLite's online backup API
 * (https://www.sqlite.org/backup.html), consistent while the server keeps running; an encrypted one with
 * `VACUUM INTO`, which writes the copy encrypted with the same key. Backups are owner-only (0600). A restore first
 * checks the file (it opens, `integrity_check` is ok, it is a HealthGPT database this version knows) and never
 * replaces the live database with something it cannot read.
 */
export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly cases: number;
  readonly schemaVersion: number;
  readonly encrypted: boolean;
}

function inspect(db: ReturnType<typeof openSqliteDatabase>, file: string) {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok')
    throw HealthGptError.unprocessable(`${file} fails SQLite's integrity check: ${integrity}`);
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  if (!tables.has('schema_migrations') || !tables.has('cases'))
    throw HealthGptError.unprocessable(
      `${file} is not a HealthGPT database (no cases or schema_migrations table)`,
    );
  const schemaVersion =
    (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const known = Math.max(...migrations.map((m) => m.version));
  if (schemaVersion > known)
    throw HealthGptError.unprocessable(
      `${file} has schema version ${schemaVersion}, newer than this HealthGPT knows (${known}); upgrade HealthGPT first`,
    );
  const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  return { schemaVersion, cases };
}

const isPlainSqlite = (file: string) =>
  readFileSync(file).subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000';

/** Writes a consistent copy of the database at `dbPath` to `file` (refuses to overwrite an existing file). */
export async function backupSqlite(
  dbPath: string,
  file: string,
  options: { key?: string } = {},
): Promise<BackupResult> {
  if (!existsSync(dbPath)) throw HealthGptError.notFound('database', dbPath);
  if (existsSync(file)) throw HealthGptError.invalid(`${file} exists; choose a new file name for the backup`);
  const db = openSqliteDatabase(dbPath, options.key ? { key: options.key } : {});
  try {
    if (options.key) {
      db.prepare('VACUUM INTO ?').run(file);
    } else {
      closeSync(openSync(file, 'wx', 0o600));
      await db.backup(file);
    }
  } finally {
    db.close();
  }
  restrictSqliteFiles(file);
  const check = openSqliteDatabase(file, { ...(options.key ? { key: options.key } : {}), readonly: true });
  try {
    const { schemaVersion, cases } = inspect(check, file);
    return { file, bytes: statSync(file).size, cases, schemaVersion, encrypted: !isPlainSqlite(file) };
  } finally {
    check.close();
  }
}

/**
 * Replaces the database at `dbPath` with the backup `file`, after checking it. A plain database is restored with
 * the online backup API (a running server sees the restored data); an encrypted one by an atomic file replacement,
 * which needs the server stopped.
 */
export async function restoreSqlite(
  file: string,
  dbPath: string,
  options: { key?: string } = {},
): Promise<BackupResult> {
  if (!existsSync(file)) throw HealthGptError.notFound('backup file', file);
  const source = openSqliteDatabase(file, { ...(options.key ? { key: options.key } : {}), readonly: true });
  try {
    const { schemaVersion, cases } = inspect(source, file);
    if (options.key) {
      prepareSqlitePath(dbPath);
      const staging = join(dirname(dbPath), `.restore-${process.pid}.db`);
      copyFileSync(file, staging);
      restrictSqliteFiles(staging);
      for (const companion of [`${dbPath}-wal`, `${dbPath}-shm`]) rmSync(companion, { force: true });
      renameSync(staging, dbPath);
    } else {
      prepareSqlitePath(dbPath);
      await source.backup(dbPath);
      restrictSqliteFiles(dbPath);
    }
    return { file, bytes: statSync(file).size, cases, schemaVersion, encrypted: Boolean(options.key) };
  } finally {
    source.close();
  }
}
