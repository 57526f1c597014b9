import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIfAvailable } from '../../test/describe-if-available.js';
import { cipherBuildAvailable } from './sqlite-file.js';
import { openSqliteStore } from './sqlite-store.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const newCase = { title: 'PRIVACY-MARKER-4471', patient: {}, findings: [], observations: [], images: [] };

describe('SQLite file privacy', () => {
  it('creates the state folder 0700 and the database, WAL and shared-memory files 0600', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'healthgpt-perm-')), 'state');
    const path = join(folder, 'healthgpt.db');
    const previous = process.umask(0o022); // the usual umask, which would give 0755 / 0644
    try {
      const store = openSqliteStore(path);
      store.cases.create(newCase);
      expect(mode(folder)).toBe(0o700);
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
      expect(mode(`${path}-shm`)).toBe(0o600);
      store.close();
    } finally {
      process.umask(previous);
    }
  });
});

describeIfAvailable(
  'encryption at rest (HEALTHGPT_DB_KEY)',
  cipherBuildAvailable()
    ? undefined
    : 'the optional better-sqlite3-multiple-ciphers build is not installed (npm install builds it)',
  () => {
    it('stores nothing readable without the key and reads back with it', () => {
      const path = join(mkdtempSync(join(tmpdir(), 'healthgpt-enc-')), 'healthgpt.db');
      const store = openSqliteStore(path, { key: 'correct horse battery staple' });
      const created = store.cases.create(newCase);
      store.close();
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes(Buffer.from('PRIVACY-MARKER-4471'))).toBe(false);
      expect(() => openSqliteStore(path)).toThrow();
      expect(() => openSqliteStore(path, { key: 'wrong key' })).toThrow(/wrong key/);
      const again = openSqliteStore(path, { key: 'correct horse battery staple' });
      expect(again.cases.get(created.id)?.title).toBe('PRIVACY-MARKER-4471');
      again.close();
    });
  },
);
