import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

const newCase = { title: 'Cough', patient: { ageYears: 40 }, findings: [], observations: [], images: [] };

describe('openSqliteStore', () => {
  it('creates, reads, lists and updates cases', () => {
    const store = openSqliteStore(':memory:');
    const a = store.cases.create(newCase);
    const b = store.cases.create({ ...newCase, title: 'Fever' });
    expect(store.cases.get(a.id)).toEqual(a);
    expect(store.cases.get('missing')).toBeUndefined();
    expect(store.cases.list().total).toBe(2);
    const updated = store.cases.update(a.id, { ...newCase, title: 'Cough, 3 days' });
    expect(updated?.createdAt).toBe(a.createdAt);
    expect(store.cases.list({ limit: 1 }).items[0]?.id).toBe(updated?.id);
    expect(store.cases.update('missing', newCase)).toBeUndefined();
    expect(b.id).not.toBe(a.id);
    store.close();
  });

  it('stores assessments with provenance and an audit log', () => {
    const store = openSqliteStore(':memory:');
    const c = store.cases.create(newCase);
    const assessment = store.assessments.create({
      caseId: c.id,
      engineId: 'curb65',
      risk: { modelId: 'curb65', score: 2, applicable: true },
      explanation: { contributions: [] },
      provenance: { engineId: 'curb65', engineVersion: '1.0.0', generatedAt: 'now' },
    });
    expect(store.assessments.listForCase(c.id)).toEqual([assessment]);
    expect(() => store.assessments.create({ ...assessment, caseId: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    store.audit.record({
      actor: 'api',
      action: 'case.create',
      resourceType: 'case',
      resourceId: c.id,
      outcome: 'success',
    });
    expect(store.audit.list({ resourceId: c.id })).toMatchObject([
      { action: 'case.create', outcome: 'success' },
    ]);
    store.close();
  });

  it('keeps documents by collection and key, and blobs', () => {
    const store = openSqliteStore(':memory:');
    const interviews = store.documents.collection<{ caseId: string; turns: number }>(
      'interviews',
      (d) => d.caseId,
    );
    interviews.put('i1', { caseId: 'c1', turns: 1 });
    interviews.put('i2', { caseId: 'c2', turns: 0 });
    interviews.put('i1', { caseId: 'c1', turns: 2 });
    expect(interviews.get('i1')).toEqual({ caseId: 'c1', turns: 2 });
    expect(interviews.list({ key: 'c1' }).items.map((i) => i.id)).toEqual(['i1']);
    expect(store.documents.collection('forecasts').list().total).toBe(0);
    expect(interviews.delete('i2')).toBe(true);
    expect(interviews.delete('i2')).toBe(false);
    const id = store.blobs.put(new Uint8Array([1, 2, 3]), 'image/png');
    expect(store.blobs.get(id)).toEqual({ bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png' });
    store.close();
  });

  it('rolls a failed transaction back whole', () => {
    const store = openSqliteStore(':memory:');
    expect(() =>
      store.transaction(() => {
        store.cases.create(newCase);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.cases.list().total).toBe(0);
    store.close();
  });
});

describe('migrate', () => {
  it('applies each migration once and refuses a newer database', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.prepare('INSERT INTO schema_migrations VALUES (999, ?, ?)').run('future', 'now');
    expect(() => migrate(db)).toThrow(/newer than this HealthGPT knows/);
  });
});

describe('durability', () => {
  it('loses no committed case when the writing process is killed mid-write', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'healthgpt-crash-')), 'crash.db');
    const writer = `
      import { openSqliteStore } from './src/store/sqlite-store.ts';
      const store = openSqliteStore(${JSON.stringify(path)});
      for (let i = 0; ; i++) {
        const c = store.cases.create({ title: 'case ' + i, patient: {}, findings: [], observations: [], images: [] });
        process.stdout.write(c.id + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        committed.push(...lines);
        if (committed.length >= 200) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(committed.length).toBeGreaterThanOrEqual(200);
    const store = openSqliteStore(path);
    for (const id of committed) expect(store.cases.get(id)?.id).toBe(id);
    store.close();
  });
});

describe('audit log hash chain (SQLite)', () => {
  const record = (store: ReturnType<typeof openSqliteStore>, action: string) =>
    store.audit.record({
      actor: 'user:alice',
      role: 'clinician',
      action,
      resourceType: 'case',
      outcome: 'success',
    });

  it('refuses UPDATE and DELETE, and detects an entry edited or removed behind its back', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'healthgpt-audit-')), 'healthgpt.db');
    const store = openSqliteStore(path);
    for (const action of ['case.read', 'case.update', 'case.read']) record(store, action);
    expect(store.audit.verify()).toMatchObject({ ok: true, checked: 3 });
    store.close();

    const raw = new Database(path);
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'user:mallory' WHERE id = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => raw.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    // Someone with the file and a SQLite shell can drop the triggers; the chain still tells.
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
    raw.prepare("UPDATE audit_log SET actor = 'user:mallory' WHERE id = 2").run();
    raw.close();
    const edited = openSqliteStore(path);
    expect(edited.audit.verify()).toEqual({
      ok: false,
      checked: 1,
      unchained: 0,
      brokenAt: { id: 2, reason: 'content does not match its hash (entry edited)' },
    });
    edited.close();

    const raw2 = new Database(path);
    raw2.prepare("UPDATE audit_log SET actor = 'user:alice' WHERE id = 2").run();
    raw2.prepare('DELETE FROM audit_log WHERE id = 2').run();
    raw2.close();
    const cut = openSqliteStore(path);
    expect(cut.audit.verify()).toMatchObject({
      ok: false,
      brokenAt: { id: 3, reason: expect.stringMatching(/removed/) },
    });
    cut.close();
  });

  it('counts entries written before the chain existed as unchained and chains the new ones after them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'healthgpt-audit-')), 'healthgpt.db');
    const old = new Database(path);
    migrate(old, migrations.slice(0, 1));
    old
      .prepare(
        "INSERT INTO audit_log (at, actor, action, resource_type, outcome) VALUES ('2026-01-01T00:00:00.000Z', 'api', 'case.create', 'case', 'success')",
      )
      .run();
    old.close();
    const store = openSqliteStore(path);
    record(store, 'case.read');
    expect(store.audit.verify()).toMatchObject({ ok: true, checked: 1, unchained: 1 });
    store.close();
  });
});
