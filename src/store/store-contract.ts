import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAssessment } from '../clinical/assessment.js';
import type { NewClinicalCase } from '../clinical/case.js';
import { auditEntryHash, GENESIS_HASH } from './audit-chain.js';
import type { AuditEvent, Store } from './store.js';

const newCase: NewClinicalCase = {
  title: 'Cough',
  patient: { ageYears: 40 },
  findings: [],
  observations: [],
  images: [],
};

const assessmentFor = (caseId: string, engineId = 'curb65'): NewAssessment => ({
  caseId,
  engineId,
  risk: { modelId: engineId, score: 2, applicable: true },
  explanation: { contributions: [] },
  provenance: { engineId, engineVersion: '1.0.0', generatedAt: '2026-01-01T00:00:00.000Z' },
});

/**
 * Waits (busily, at most a few milliseconds) until the wall clock has moved on, so that the next write gets a
 * strictly later timestamp than the last: stores order by time, and two writes in one millisecond tie.
 */
function nextMillisecond(): void {
  const start = Date.now();
  while (Date.now() === start) {
    // spin
  }
}

/**
 * The behaviour every `Store` must share, whatever holds the data: run it for each implementation
 * (`store-contract.test.ts`). `open` returns a fresh, empty store for each test; the suite closes it afterwards
 * and then calls `cleanup`.
 */
export function describeStoreContract(name: string, open: () => Store, cleanup?: () => void): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    const fresh = (): Store => {
      const store = open();
      opened.push(store);
      return store;
    };
    afterEach(() => {
      for (const store of opened.splice(0)) store.close();
      cleanup?.();
    });

    describe('cases', () => {
      it('creates, reads and updates a case, keeping its id and creation time', () => {
        const store = fresh();
        const created = store.cases.create(newCase);
        expect(created).toMatchObject({ ...newCase, id: expect.any(String) });
        expect(created.createdAt).toBe(created.updatedAt);
        expect(store.cases.get(created.id)).toEqual(created);
        expect(store.cases.get('no-such-case')).toBeUndefined();
        nextMillisecond();
        const updated = store.cases.update(created.id, { ...newCase, title: 'Cough, 3 days' });
        expect(updated).toMatchObject({
          id: created.id,
          title: 'Cough, 3 days',
          createdAt: created.createdAt,
        });
        expect(Date.parse(updated?.updatedAt ?? '')).toBeGreaterThan(Date.parse(created.createdAt));
        expect(store.cases.get(created.id)).toEqual(updated);
        expect(store.cases.update('no-such-case', newCase)).toBeUndefined();
        expect(store.cases.list().total).toBe(1);
      });

      it('lists newest first by update time, pages with limit and offset, and counts all', () => {
        const store = fresh();
        const ids: string[] = [];
        for (const title of ['first', 'second', 'third']) {
          ids.push(store.cases.create({ ...newCase, title }).id);
          nextMillisecond();
        }
        const [first, second, third] = ids as [string, string, string];
        expect(store.cases.list().items.map((c) => c.id)).toEqual([third, second, first]);
        store.cases.update(first, { ...newCase, title: 'first, revised' });
        expect(store.cases.list().items.map((c) => c.title)).toEqual(['first, revised', 'third', 'second']);
        const page = store.cases.list({ limit: 1, offset: 1 });
        expect(page.items.map((c) => c.id)).toEqual([third]);
        expect(page.total).toBe(3);
        expect(store.cases.list({ offset: 5 })).toEqual({ items: [], total: 3 });
      });

      it('orders cases updated in the same millisecond by id', () => {
        const store = fresh();
        const created = store.transaction(() => [1, 2, 3, 4, 5].map(() => store.cases.create(newCase)));
        const sameTime = created.filter((c) => c.updatedAt === created[0]?.updatedAt).map((c) => c.id);
        const listed = store.cases
          .list()
          .items.filter((c) => sameTime.includes(c.id))
          .map((c) => c.id);
        expect(listed).toEqual([...sameTime].sort(compareBytes));
      });

      it('round-trips rich content exactly: nested values, numbers, Unicode, quotes, newlines', () => {
        const store = fresh();
        const rich: NewClinicalCase = {
          title: 'Douleur thoracique — 胸痛 — "quoted" \'single\' \\ backslash 🫀',
          patient: { ageYears: 67.5, sex: 'female' },
          findings: [
            { conceptId: 'SNOMED:29857009', label: 'Chest pain', status: 'present', durationDays: 0.5 },
            { conceptId: 'SNOMED:386661006', status: 'absent', value: ['a', 'b'], temporality: 'recent' },
          ],
          observations: [
            { code: { system: 'http://loinc.org', code: '2160-0' }, value: { value: 1.05, unit: 'mg/dL' } },
            {
              // A code no plausibility range covers, so that a tiny negative number can be round-tripped.
              code: { system: 'urn:healthgpt:test', code: 'delta' },
              value: { value: -0.000123, unit: 'mm[Hg]' },
            },
          ],
          images: [],
          note: 'Line one\nLine two\ttabbed\r\nemoji 👩🏽‍⚕️ and a big number 12345678901234',
        };
        const created = store.cases.create(rich);
        expect(store.cases.get(created.id)).toEqual(created);
        expect(store.cases.list().items[0]).toEqual(created);
      });
    });

    describe('case versions and validation', () => {
      it('counts versions and refuses a stale ifVersion without writing', () => {
        const store = fresh();
        const created = store.cases.create(newCase);
        expect(created.version).toBe(1);
        const second = store.cases.update(created.id, { ...newCase, title: 'second' }, { ifVersion: 1 });
        expect(second?.version).toBe(2);
        expect(() =>
          store.cases.update(created.id, { ...newCase, title: 'stale' }, { ifVersion: 1 }),
        ).toThrow(expect.objectContaining({ code: 'precondition-failed' }));
        expect(store.cases.get(created.id)?.title).toBe('second');
        expect(store.cases.update(created.id, { ...newCase, title: 'any' })?.version).toBe(3);
      });

      it('refuses to store a case the API could not serve', () => {
        const store = fresh();
        const images = Array.from({ length: 201 }, (_, i) => ({
          id: `i${i}`,
          contentType: 'image/png',
          blobId: `b${i}`,
        }));
        expect(() => store.cases.create({ ...newCase, images })).toThrow(
          expect.objectContaining({ code: 'unprocessable' }),
        );
        const created = store.cases.create(newCase);
        expect(() => store.cases.update(created.id, { ...newCase, images })).toThrow(
          expect.objectContaining({ code: 'unprocessable' }),
        );
        expect(store.cases.get(created.id)?.images).toEqual([]);
        expect(store.cases.list().total).toBe(1);
      });
    });

    describe('assessments', () => {
      it('stores assessments of a case, oldest first, and reads one by id', () => {
        const store = fresh();
        const c = store.cases.create(newCase);
        const other = store.cases.create(newCase);
        const first = store.assessments.create(assessmentFor(c.id, 'curb65'));
        nextMillisecond();
        const second = store.assessments.create(assessmentFor(c.id, 'qsofa'));
        store.assessments.create(assessmentFor(other.id));
        expect(store.assessments.listForCase(c.id)).toEqual([first, second]);
        expect(store.assessments.get(second.id)).toEqual(second);
        expect(store.assessments.get('no-such-assessment')).toBeUndefined();
        expect(store.assessments.listForCase('no-such-case')).toEqual([]);
      });

      it('refuses an assessment of a case that does not exist (foreign key)', () => {
        const store = fresh();
        expect(() => store.assessments.create(assessmentFor('no-such-case'))).toThrow(/foreign key/i);
        expect(store.assessments.listForCase('no-such-case')).toEqual([]);
      });
    });

    describe('audit log', () => {
      it('records events and lists them newest first, by resource and with a limit', () => {
        const store = fresh();
        store.audit.record({
          actor: 'api',
          action: 'case.create',
          resourceType: 'case',
          resourceId: 'c1',
          requestId: 'r1',
          outcome: 'success',
        });
        store.audit.record({
          actor: 'cli',
          action: 'fhir.import',
          resourceType: 'bundle',
          outcome: 'failure',
        });
        store.audit.record({
          actor: 'api',
          action: 'case.update',
          resourceType: 'case',
          resourceId: 'c1',
          outcome: 'success',
        });
        const all = store.audit.list();
        expect(all.map((e) => e.action)).toEqual(['case.update', 'fhir.import', 'case.create']);
        expect(all[2]).toEqual({
          id: expect.any(Number),
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          actor: 'api',
          action: 'case.create',
          resourceType: 'case',
          resourceId: 'c1',
          requestId: 'r1',
          outcome: 'success',
          prevHash: GENESIS_HASH,
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
        expect(all[1]).not.toHaveProperty('resourceId');
        expect(all[1]).not.toHaveProperty('requestId');
        const ids = all.map((e) => e.id);
        expect(ids).toEqual([...ids].sort((a, b) => b - a));
        expect(store.audit.list({ resourceId: 'c1' }).map((e) => e.action)).toEqual([
          'case.update',
          'case.create',
        ]);
        expect(store.audit.list({ limit: 1 }).map((e) => e.action)).toEqual(['case.update']);
        expect(store.audit.list({ resourceId: 'nothing' })).toEqual([]);
      });

      it('chains each entry to the one before by hash, and verifies the chain', () => {
        const store = fresh();
        expect(store.audit.verify()).toEqual({ ok: true, checked: 0, unchained: 0 });
        for (const action of ['case.read', 'case.update', 'audit.read']) {
          store.audit.record({
            actor: 'user:alice',
            role: 'clinician',
            clientAddress: '127.0.0.1',
            action,
            resourceType: 'case',
            resourceId: 'c1',
            requestId: `r-${action}`,
            clientRequestId: 'client-1',
            outcome: 'success',
          });
        }
        const [newest, middle, oldest] = store.audit.list() as [AuditEvent, AuditEvent, AuditEvent];
        expect(oldest.prevHash).toBe(GENESIS_HASH);
        expect(middle.prevHash).toBe(oldest.hash);
        expect(newest.prevHash).toBe(middle.hash);
        expect(oldest).toMatchObject({
          role: 'clinician',
          clientAddress: '127.0.0.1',
          clientRequestId: 'client-1',
        });
        const { id: _id, hash: _hash, prevHash: _prev, ...fields } = oldest;
        expect(auditEntryHash(GENESIS_HASH, fields)).toBe(oldest.hash);
        expect(store.audit.verify()).toEqual({ ok: true, checked: 3, unchained: 0, head: newest.hash });
      });

      it('records inside a transaction and undoes the entry with it', () => {
        const store = fresh();
        expect(() =>
          store.transaction(() => {
            store.audit.record({ actor: 'cli', action: 'x', resourceType: 'case', outcome: 'success' });
            throw new Error('rolled back');
          }),
        ).toThrow('rolled back');
        store.transaction(() =>
          store.audit.record({ actor: 'cli', action: 'y', resourceType: 'case', outcome: 'success' }),
        );
        expect(store.audit.list().map((e) => e.action)).toEqual(['y']);
        expect(store.audit.verify().ok).toBe(true);
      });

      it('searches by actor, action, resource, outcome and time, newest first, with paging and a total', () => {
        const store = fresh();
        const record = (actor: string, action: string, resourceId: string, outcome: 'success' | 'failure') =>
          store.audit.record({ actor, action, resourceType: 'case', resourceId, outcome });
        record('user:a', 'case.read', 'c1', 'success');
        record('user:b', 'case.read', 'c2', 'failure');
        record('user:a', 'case.update', 'c1', 'success');
        record('user:a', 'case.read', 'c2', 'success');
        expect(store.audit.search({ actor: 'user:a' }).total).toBe(3);
        expect(
          store.audit.search({ action: 'case.read', resourceId: 'c2' }).items.map((e) => e.actor),
        ).toEqual(['user:a', 'user:b']);
        expect(store.audit.search({ outcome: 'failure' }).items.map((e) => e.actor)).toEqual(['user:b']);
        const page = store.audit.search({ limit: 2, offset: 1 });
        expect(page.total).toBe(4);
        expect(page.items.map((e) => e.action)).toEqual(['case.update', 'case.read']);
        const at = store.audit.list({ limit: 4 }).map((e) => e.at);
        expect(store.audit.search({ since: at[3], until: at[0] }).total).toBe(4);
        expect(store.audit.search({ since: '2999-01-01T00:00:00.000Z' }).total).toBe(0);
        expect(store.audit.search({ until: '2000-01-01T00:00:00.000Z' }).total).toBe(0);
      });

      it('refuses an outcome other than success or failure', () => {
        const store = fresh();
        expect(() =>
          store.audit.record({
            actor: 'api',
            action: 'x',
            resourceType: 'case',
            outcome: 'maybe' as 'success',
          }),
        ).toThrow();
        expect(store.audit.list()).toEqual([]);
      });
    });

    describe('users', () => {
      it('creates accounts with unique names, finds them by name with the hash, lists, disables', () => {
        const store = fresh();
        expect(store.users.count()).toBe(0);
        const alice = store.users.create({ name: 'alice', role: 'clinician', passwordHash: 'h1' });
        expect(alice).toEqual({
          id: expect.any(String),
          name: 'alice',
          role: 'clinician',
          createdAt: expect.stringMatching(/Z$/),
        });
        expect(() => store.users.create({ name: 'alice', role: 'admin', passwordHash: 'h2' })).toThrow(
          /already exists/,
        );
        expect(() =>
          store.users.create({ name: 'bob', role: 'superuser' as 'admin', passwordHash: 'h2' }),
        ).toThrow();
        store.users.create({ name: 'ada', role: 'auditor', passwordHash: 'h3' });
        expect(store.users.count()).toBe(2);
        expect(store.users.list().map((u) => u.name)).toEqual(['ada', 'alice']);
        expect(store.users.list()[0]).not.toHaveProperty('passwordHash');
        expect(store.users.get(alice.id)).toEqual(alice);
        expect(store.users.findByName('alice')).toEqual({ ...alice, passwordHash: 'h1' });
        expect(store.users.findByName('nobody')).toBeUndefined();
        expect(store.users.setPassword(alice.id, 'h9')).toBe(true);
        expect(store.users.findByName('alice')?.passwordHash).toBe('h9');
        expect(store.users.disable(alice.id)).toBe(true);
        expect(store.users.disable(alice.id)).toBe(false);
        expect(store.users.get(alice.id)?.disabledAt).toMatch(/Z$/);
      });
    });

    describe('tokens', () => {
      it('stores tokens by hash, finds, lists newest first by kind, and revokes once', () => {
        const store = fresh();
        const expiresAt = '2030-01-01T00:00:00.000Z';
        const api = store.tokens.create({
          tokenHash: 'a'.repeat(64),
          kind: 'api',
          name: 'scanner',
          role: 'device',
          expiresAt,
        });
        nextMillisecond();
        const user = store.users.create({ name: 'alice', role: 'clinician', passwordHash: 'h' });
        const session = store.tokens.create({
          tokenHash: 'b'.repeat(64),
          kind: 'session',
          name: 'alice',
          role: 'clinician',
          userId: user.id,
          expiresAt,
        });
        expect(api).toEqual({
          id: expect.any(String),
          kind: 'api',
          name: 'scanner',
          role: 'device',
          createdAt: expect.stringMatching(/Z$/),
          expiresAt,
        });
        expect(store.tokens.findByHash('a'.repeat(64))).toEqual(api);
        expect(store.tokens.findByHash('c'.repeat(64))).toBeUndefined();
        expect(store.tokens.get(session.id)).toEqual(session);
        expect(store.tokens.list().map((t) => t.kind)).toEqual(['session', 'api']);
        expect(store.tokens.list({ kind: 'api' })).toEqual([api]);
        expect(() =>
          store.tokens.create({
            tokenHash: 'a'.repeat(64),
            kind: 'api',
            name: 'x',
            role: 'device',
            expiresAt,
          }),
        ).toThrow();
        expect(store.tokens.revoke(api.id)).toBe(true);
        expect(store.tokens.revoke(api.id)).toBe(false);
        expect(store.tokens.revoke('no-such-token')).toBe(false);
        expect(store.tokens.findByHash('a'.repeat(64))?.revokedAt).toMatch(/Z$/);
        expect(store.tokens.touch(session.id, '2029-06-01T12:00:00.000Z')).toBe(true);
        expect(store.tokens.get(session.id)?.lastUsedAt).toBe('2029-06-01T12:00:00.000Z');
        expect(store.tokens.touch('no-such-token', '2029-06-01T12:00:00.000Z')).toBe(false);
      });
    });

    describe('documents', () => {
      interface Interview {
        readonly caseId?: string;
        readonly turns: number;
      }

      it('puts, replaces, gets and deletes documents by collection and id', () => {
        const store = fresh();
        const interviews = store.documents.collection<Interview>('interviews', (d) => d.caseId);
        const forecasts = store.documents.collection<Interview>('forecasts');
        interviews.put('i1', { caseId: 'c1', turns: 1 });
        interviews.put('i1', { caseId: 'c1', turns: 2 });
        forecasts.put('i1', { turns: 99 });
        expect(interviews.get('i1')).toEqual({ caseId: 'c1', turns: 2 });
        expect(forecasts.get('i1')).toEqual({ turns: 99 });
        expect(interviews.get('missing')).toBeUndefined();
        expect(interviews.list().total).toBe(1);
        expect(interviews.delete('i1')).toBe(true);
        expect(interviews.delete('i1')).toBe(false);
        expect(interviews.get('i1')).toBeUndefined();
        expect(forecasts.get('i1')).toEqual({ turns: 99 });
        expect(store.documents.collection('empty').list()).toEqual({ items: [], total: 0 });
      });

      it('lists newest first, filters on the secondary key, and pages', () => {
        const store = fresh();
        const interviews = store.documents.collection<Interview>('interviews', (d) => d.caseId);
        interviews.put('a', { caseId: 'c1', turns: 1 });
        nextMillisecond();
        interviews.put('b', { caseId: 'c2', turns: 1 });
        nextMillisecond();
        interviews.put('c', { caseId: 'c1', turns: 1 });
        nextMillisecond();
        interviews.put('d', { turns: 0 });
        expect(interviews.list().items.map((i) => i.id)).toEqual(['d', 'c', 'b', 'a']);
        expect(interviews.list({ key: 'c1' })).toEqual({
          items: [
            { id: 'c', document: { caseId: 'c1', turns: 1 } },
            { id: 'a', document: { caseId: 'c1', turns: 1 } },
          ],
          total: 2,
        });
        expect(interviews.list({ key: 'c1', limit: 1, offset: 1 })).toEqual({
          items: [{ id: 'a', document: { caseId: 'c1', turns: 1 } }],
          total: 2,
        });
        nextMillisecond();
        interviews.put('a', { caseId: 'c2', turns: 2 });
        expect(interviews.list().items.map((i) => i.id)).toEqual(['a', 'd', 'c', 'b']);
        expect(interviews.list({ key: 'c1' }).items.map((i) => i.id)).toEqual(['c']);
        expect(interviews.list({ key: 'c2' }).items.map((i) => i.id)).toEqual(['a', 'b']);
        expect(interviews.list({ limit: 2, offset: 1 }).items.map((i) => i.id)).toEqual(['d', 'c']);
      });

      it('keeps any JSON value as a document', () => {
        const store = fresh();
        const values = store.documents.collection<unknown>('values');
        const cases: [string, unknown][] = [
          ['array', [1, 'two', { three: [3] }, null, true]],
          ['string', 'just text ✓'],
          ['number', 0.1 + 0.2],
          ['nested', { a: { b: { c: { d: [{}, []] } } }, empty: '' }],
        ];
        for (const [id, value] of cases) values.put(id, value);
        for (const [id, value] of cases) expect(values.get(id)).toEqual(value);
      });
    });

    describe('blobs', () => {
      it('stores bytes with their content type', () => {
        const store = fresh();
        const small = store.blobs.put(new Uint8Array([0, 1, 2, 255]), 'image/png');
        expect(store.blobs.get(small)).toEqual({
          bytes: new Uint8Array([0, 1, 2, 255]),
          contentType: 'image/png',
        });
        const empty = store.blobs.put(new Uint8Array(), 'application/octet-stream');
        expect(store.blobs.get(empty)?.bytes.byteLength).toBe(0);
        const big = new Uint8Array(randomBytes(2 * 1024 * 1024));
        const bigId = store.blobs.put(big, 'application/dicom');
        expect(Buffer.from(store.blobs.get(bigId)?.bytes ?? []).equals(big)).toBe(true);
        expect(store.blobs.get('no-such-blob')).toBeUndefined();
        expect(new Set([small, empty, bigId]).size).toBe(3);
      });

      it('stores only the viewed bytes of a Uint8Array that is a view into a larger buffer', () => {
        const store = fresh();
        const whole = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
        const id = store.blobs.put(whole.subarray(2, 5), 'image/jpeg');
        expect(store.blobs.get(id)?.bytes).toEqual(new Uint8Array([1, 2, 3]));
      });
    });

    describe('transactions', () => {
      it('commits all writes of the work together and returns its result', () => {
        const store = fresh();
        const id = store.transaction(() => {
          const c = store.cases.create(newCase);
          store.assessments.create(assessmentFor(c.id));
          store.audit.record({
            actor: 'api',
            action: 'case.create',
            resourceType: 'case',
            resourceId: c.id,
            outcome: 'success',
          });
          return c.id;
        });
        expect(store.cases.get(id)?.id).toBe(id);
        expect(store.assessments.listForCase(id)).toHaveLength(1);
        expect(store.audit.list({ resourceId: id })).toHaveLength(1);
      });

      it('rolls every write back when the work throws', () => {
        const store = fresh();
        const kept = store.cases.create(newCase);
        const documents = store.documents.collection<{ n: number }>('docs');
        documents.put('d', { n: 1 });
        expect(() =>
          store.transaction(() => {
            const c = store.cases.create(newCase);
            store.cases.update(kept.id, { ...newCase, title: 'changed' });
            store.assessments.create(assessmentFor(c.id));
            store.audit.record({
              actor: 'api',
              action: 'case.create',
              resourceType: 'case',
              outcome: 'success',
            });
            documents.put('d', { n: 2 });
            documents.put('e', { n: 3 });
            store.blobs.put(new Uint8Array([1]), 'image/png');
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect(store.cases.list()).toEqual({ items: [kept], total: 1 });
        expect(store.audit.list()).toEqual([]);
        expect(documents.list()).toEqual({ items: [{ id: 'd', document: { n: 1 } }], total: 1 });
      });

      it('rolls back when a statement inside the work fails, and the store stays usable', () => {
        const store = fresh();
        expect(() =>
          store.transaction(() => {
            store.cases.create(newCase);
            store.assessments.create(assessmentFor('no-such-case'));
          }),
        ).toThrow(/foreign key/i);
        expect(store.cases.list().total).toBe(0);
        const c = store.cases.create(newCase);
        expect(store.cases.get(c.id)).toEqual(c);
      });

      it('undoes only a failed statement when the work catches its error, and commits the rest', () => {
        const store = fresh();
        const id = store.transaction(() => {
          const c = store.cases.create(newCase);
          expect(() => store.assessments.create(assessmentFor('no-such-case'))).toThrow(/foreign key/i);
          store.assessments.create(assessmentFor(c.id));
          return c.id;
        });
        expect(store.cases.get(id)?.id).toBe(id);
        expect(store.assessments.listForCase(id)).toHaveLength(1);
      });

      it('lets a nested transaction join the outer one: the outer rollback undoes it', () => {
        const store = fresh();
        expect(() =>
          store.transaction(() => {
            store.cases.create({ ...newCase, title: 'outer' });
            store.transaction(() => store.cases.create({ ...newCase, title: 'inner' }));
            throw new Error('outer fails');
          }),
        ).toThrow('outer fails');
        expect(store.cases.list().total).toBe(0);
        store.transaction(() => {
          store.cases.create({ ...newCase, title: 'outer' });
          store.transaction(() => store.cases.create({ ...newCase, title: 'inner' }));
        });
        expect(store.cases.list().total).toBe(2);
      });

      it('undoes only a nested transaction that fails when the outer work catches its error', () => {
        const store = fresh();
        store.transaction(() => {
          store.cases.create({ ...newCase, title: 'outer' });
          try {
            store.transaction(() => {
              store.cases.create({ ...newCase, title: 'inner' });
              throw new Error('inner fails');
            });
          } catch {
            // the outer work goes on without the inner writes
          }
          store.cases.create({ ...newCase, title: 'after' });
        });
        expect(
          store.cases
            .list()
            .items.map((c) => c.title)
            .sort(),
        ).toEqual(['after', 'outer']);
      });

      it('refuses work that returns a promise, writing nothing', () => {
        const store = fresh();
        expect(() =>
          store.transaction(() => {
            store.cases.create(newCase);
            return Promise.resolve(1);
          }),
        ).toThrow(/promise/i);
        expect(store.cases.list().total).toBe(0);
      });
    });
  });
}

/** Bytewise order of ASCII strings (what SQLite's BINARY collation and PostgreSQL's "C" collation give). */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
