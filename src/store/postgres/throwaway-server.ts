import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL server of its own for a test run: a fresh cluster in a temporary folder, on 127.0.0.1 only. */
export interface ThrowawayPostgres {
  /** `postgresql://` URL of the `postgres` database, as the superuser `healthgpt`. */
  readonly connectionString: string;
  /** The same server, another database (create it first). */
  urlFor(database: string): string;
  /** Stops the server (immediate shutdown) and deletes its folder. */
  stop(): void;
}

/**
 * The folder holding `initdb` and `pg_ctl`: `HEALTHGPT_PG_BIN` when set, else the newest Debian
 * `/usr/lib/postgresql/<major>/bin`, else `pg_config --bindir`. Undefined when PostgreSQL is not installed.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const hasTools = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (env.HEALTHGPT_PG_BIN) return hasTools(env.HEALTHGPT_PG_BIN) ? env.HEALTHGPT_PG_BIN : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const dir = join(debian, major, 'bin');
      if (hasTools(dir)) return dir;
    }
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = pgConfig.status === 0 ? pgConfig.stdout.trim() : '';
  return dir && hasTools(dir) ? dir : undefined;
}

/**
 * Why a throwaway server cannot start here (no binaries; running as root without a `postgres` user, since
 * PostgreSQL refuses to run as root), or undefined when it can.
 */
export function throwawayPostgresUnavailableReason(): string | undefined {
  const configured = process.env.HEALTHGPT_PG_BIN;
  if (configured && !findPostgresBinDir()) {
    return `HEALTHGPT_PG_BIN=${configured} holds no initdb and pg_ctl`;
  }
  if (!findPostgresBinDir()) {
    return 'PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or pg_config --bindir (apt-get install postgresql, or set HEALTHGPT_PG_BIN)';
  }
  if (isRoot() && postgresUser() === undefined) {
    return 'running as root and there is no `postgres` user to run the server as';
  }
  return undefined;
}

/** Starts a fresh cluster (about a second): `initdb`, then `pg_ctl start` on 127.0.0.1, a free port and a private socket folder. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error(throwawayPostgresUnavailableReason());
  const owner = isRoot() ? postgresUser() : undefined;
  if (isRoot() && !owner) throw new Error(throwawayPostgresUnavailableReason());
  const root = mkdtempSync(join(tmpdir(), 'healthgpt-pg-'));
  const dataDir = join(root, 'data');
  const passwordFile = join(root, 'password');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  const run = (tool: string, args: readonly string[]) => {
    const command = owner ? 'runuser' : join(binDir, tool);
    const argv = owner ? ['-u', 'postgres', '--', join(binDir, tool), ...args] : [...args];
    execFileSync(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  try {
    run('initdb', [
      '-D',
      dataDir,
      '-U',
      'healthgpt',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${root}`,
      '-c listen_addresses=127.0.0.1',
      // A throwaway cluster: durability is the SQLite suite's and the operator's business, speed is ours.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['start', '-w', '-t', '30', '-D', dataDir, '-l', join(root, 'server.log'), '-o', options]);
    const urlFor = (database: string) =>
      `postgresql://healthgpt:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    let stopped = false;
    return {
      connectionString: urlFor('postgres'),
      urlFor,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          run('pg_ctl', ['stop', '-m', 'immediate', '-w', '-D', dataDir]);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not start a throwaway PostgreSQL: ${stderr || (error as Error).message}`, {
      cause: error,
    });
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
