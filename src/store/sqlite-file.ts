import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { HealthGptError } from '../engine/errors.js';

/**
 * Opening the SQLite file so that the record stays private (issue 12): the state folder is made 0700 and the
 * database, its WAL and shared-memory files 0600 (owner only), and — when `HEALTHGPT_DB_KEY` is set — the file is
 * encrypted at rest with SQLite3 Multiple Ciphers (https://utelle.github.io/SQLite3MultipleCiphers/, the
 * `better-sqlite3-multiple-ciphers` build, SQLCipher 4 format: AES-256 in CBC mode, HMAC-SHA512 per page).
 */

/** Files SQLite keeps beside the database. */
export const sqliteCompanionFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`, `${path}-journal`];

function ownedByMe(path: string): boolean {
  try {
    return typeof process.getuid !== 'function' || statSync(path).uid === process.getuid();
  } catch {
    return false;
  }
}

/** Makes the database's files owner-only (those that exist and belong to this user). */
export function restrictSqliteFiles(path: string): void {
  for (const file of sqliteCompanionFiles(path)) {
    if (existsSync(file) && ownedByMe(file)) chmodSync(file, 0o600);
  }
}

/** Creates the state folder (0700) and an empty database file (0600) before SQLite does, with looser modes. */
export function prepareSqlitePath(path: string): void {
  if (path === ':memory:') return;
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (ownedByMe(folder)) chmodSync(folder, 0o700);
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  restrictSqliteFiles(path);
}

type DatabaseConstructor = typeof Database;

/** The SQLite build to use: the cipher build when a key is given (an optional dependency), else better-sqlite3. */
function driverFor(key: string | undefined): DatabaseConstructor {
  if (!key) return Database;
  try {
    return createRequire(import.meta.url)('better-sqlite3-multiple-ciphers') as DatabaseConstructor;
  } catch (error) {
    throw new HealthGptError(
      'unavailable',
      'HEALTHGPT_DB_KEY is set but the encryption build of SQLite (better-sqlite3-multiple-ciphers, an optional dependency) is not installed; run npm install with build tools, or unset the key',
      { cause: error },
    );
  }
}

/** Quotes a key as an SQL string literal for `PRAGMA key`. */
const quoteKey = (key: string) => `'${key.replaceAll("'", "''")}'`;

/**
 * Opens (creating if needed) a SQLite database with private file modes; with `key`, an encrypted one. A wrong key,
 * or a key for a plain file, is a clear error rather than garbage.
 */
export function openSqliteDatabase(
  path: string,
  options: { key?: string; readonly?: boolean } = {},
): Database.Database {
  if (!options.readonly) prepareSqlitePath(path);
  const Driver = driverFor(options.key);
  const db = new Driver(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  if (options.key) {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma(`legacy = 4`);
    db.pragma(`key = ${quoteKey(options.key)}`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      db.close();
      throw new HealthGptError(
        'unavailable',
        `cannot open ${path} with HEALTHGPT_DB_KEY: wrong key, or the file is not encrypted (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
  }
  return db;
}

/** Whether the cipher build is installed (for `healthgpt` to say so, and for tests to skip). */
export function cipherBuildAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    return true;
  } catch {
    return false;
  }
}
