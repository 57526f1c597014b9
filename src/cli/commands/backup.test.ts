import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-harness.js';
import { describeIfAvailable } from '../../../test/describe-if-available.js';
import { cipherBuildAvailable } from '../../store/sqlite-file.js';
import { openSqliteStore } from '../../store/sqlite-store.js';

const newCase = { title: 'Backup me', patient: {}, findings: [], observations: [], images: [] };
const scratch = () => mkdtempSync(join(tmpdir(), 'healthgpt-backup-'));

afterEach(() => {
  delete process.env.HEALTHGPT_DB_KEY;
});

describe('healthgpt backup / restore', () => {
  it('backs up with the online backup API while the store is open, and restores the copy', async () => {
    const stateDir = scratch();
    const store = openSqliteStore(join(stateDir, 'healthgpt.db'));
    const kept = store.cases.create(newCase);
    const file = join(scratch(), 'copy.db');
    const backup = await runCli(['--json', 'backup', file], stateDir);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ cases: 1, encrypted: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Changes after the backup are undone by the restore; the running store sees the restored data.
    store.cases.create({ ...newCase, title: 'after the backup' });
    expect(store.cases.list().total).toBe(2);
    const restore = await runCli(['--json', 'restore', file], stateDir);
    expect(restore.code).toBe(0);
    expect(store.cases.list().total).toBe(1);
    expect(store.cases.get(kept.id)?.title).toBe('Backup me');
    store.close();
  });

  it('refuses to overwrite a file, and refuses to restore what is not a sound HealthGPT database', async () => {
    const stateDir = scratch();
    openSqliteStore(join(stateDir, 'healthgpt.db')).close();
    const file = join(scratch(), 'copy.db');
    writeFileSync(file, 'not a database');
    const over = await runCli(['backup', file], stateDir);
    expect(over.code).not.toBe(0);
    expect(over.stderr).toMatch(/exists/);
    const bad = await runCli(['restore', file], stateDir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const missing = await runCli(['restore', join(scratch(), 'none.db')], stateDir);
    expect(missing.code).not.toBe(0);
  });

  describeIfAvailable(
    'backup of an encrypted database',
    cipherBuildAvailable()
      ? undefined
      : 'the optional better-sqlite3-multiple-ciphers build is not installed (npm install builds it)',
    () => {
      it('keeps an encrypted database encrypted in its backup', async () => {
        process.env.HEALTHGPT_DB_KEY = 'backup key';
        const stateDir = scratch();
        const store = openSqliteStore(join(stateDir, 'healthgpt.db'), { key: 'backup key' });
        store.cases.create(newCase);
        store.close();
        const file = join(scratch(), 'copy.db');
        const backup = await runCli(['--json', 'backup', file], stateDir);
        expect(backup.code).toBe(0);
        expect(JSON.parse(backup.stdout)).toMatchObject({ cases: 1, encrypted: true });
        expect(readFileSync(file).includes(Buffer.from('Backup me'))).toBe(false);
        const restore = await runCli(['--json', 'restore', file], stateDir);
        expect(restore.code).toBe(0);
        const again = openSqliteStore(join(stateDir, 'healthgpt.db'), { key: 'backup key' });
        expect(again.cases.list().total).toBe(1);
        again.close();
      });
    },
  );
});
