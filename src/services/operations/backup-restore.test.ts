// Backup and restore (issue #16): a backup taken while a writer creates requests, restored into a
// fresh store, holds every write acknowledged before the backup began, and its chain verifies.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { openStore } from '../../store/database.js';
import { requestBody } from '../../testing/request-builders.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { createTestDatabaseUrl } from '../../testing/test-store.js';
import { backupTo, restoreFrom, type StoreTarget } from './backup-restore.js';

describe('backup under load, restore into a fresh store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sosa-backup-'));
  const file = join(dir, 'sosa.backup');
  let t: TestApp;
  let target: StoreTarget;
  let dropTarget = async () => {};

  before(async () => {
    t = await createTestApp();
    if (t.ctx.store.kind === 'postgres') {
      const db = await createTestDatabaseUrl();
      target = { databaseUrl: db.url };
      dropTarget = db.drop;
    } else {
      target = { dataDir: join(dir, 'restored') };
    }
  });
  after(async () => {
    await t.close();
    await dropTarget();
    rmSync(dir, { recursive: true, force: true });
    // PGlite leaves an armed interval timer (its setitimer shim) after a store loaded from a
    // tarball is closed, which would keep this file's process alive for ever. `sosa restore` exits
    // when its command ends; the test ends its own process the same way. Unref'd: it fires only if
    // something still holds the process once everything here is closed.
    setTimeout(() => process.exit(), 2000).unref();
  });

  it('keeps every acknowledged write and a verifying chain; refuses to restore over data without --force', async () => {
    const token = await t.login('in.sosa');
    const acked: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const res = await t.call(token, 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: `Under backup ${++n}` }));
        assert.equal(res.status, 201, JSON.stringify(res.body));
        acked.push(res.body.id as string);
        // In-memory PGlite answers in microtasks only: give the timers (the test's own waits) a turn.
        await new Promise((r) => setImmediate(r));
      }
    };
    let failure: unknown = null;
    const writers = [writer(), writer()].map((w) => w.catch((error: unknown) => void (failure ??= error)));
    const waitForAcks = async (count: number) => {
      while (acked.length < count) {
        if (failure) throw failure;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitForAcks(6);
    const ackedBeforeBackup = [...acked];

    // The backup of the running store, the two writers going on meanwhile.
    const lines: string[] = [];
    const source = t.ctx.store.kind === 'postgres' ? { databaseUrl: t.ctx.store.location } : { store: t.ctx.store };
    const backup = await backupTo(source, file, (line) => lines.push(line));
    assert.equal(backup.kind, t.ctx.store.kind);
    assert.ok(backup.bytes > 0);
    const ackedAtBackupEnd = acked.length;
    // The load went on during and after the backup.
    await waitForAcks(ackedAtBackupEnd + 2);
    stop = true;
    await Promise.all(writers);
    if (failure) throw failure;

    const restored = await restoreFrom(file, target, { force: false }, (line) => lines.push(line));
    assert.equal(restored.ok, true, restored.problem ?? '');
    assert.match(restored.checkpoint ?? '', /^\d+:[0-9a-f]{64}$/);
    assert.ok(restored.count >= ackedBeforeBackup.length, 'each acknowledged request wrote audit events');
    assert.deepEqual(restored.pendingMigrations, []);
    assert.ok(lines.some((l) => /Verifying the audit chain/.test(l)), lines.join('\n'));

    const store = await openStore('databaseUrl' in target ? { databaseUrl: target.databaseUrl, poolSize: 1 } : { dataDir: target.dataDir, lock: true });
    try {
      const found = await store.db.selectFrom('requests').select('id').where('id', 'in', ackedBeforeBackup).execute();
      assert.equal(found.length, ackedBeforeBackup.length, 'an acknowledged write is missing from the restored store');
    } finally {
      await store.close();
    }

    // The target now holds data: a second restore is refused, unless forced.
    await assert.rejects(restoreFrom(file, target, { force: false }), (error: unknown) => error instanceof AppError && error.code === 'CONFLICT' && /--force/.test(error.detail ?? ''));
    const forced = await restoreFrom(file, target, { force: true });
    assert.equal(forced.ok, true);
    assert.equal(forced.checkpoint, restored.checkpoint);
    if ('dataDir' in target) assert.ok(forced.movedAside, 'the replaced data folder is kept aside');

    // A truncated backup forced over a PostgreSQL database fails and leaves the database as it was.
    if ('databaseUrl' in target) {
      const truncated = join(dir, 'truncated.backup');
      writeFileSync(truncated, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)));
      await assert.rejects(restoreFrom(truncated, target, { force: true }));
      const after = await openStore({ databaseUrl: target.databaseUrl, poolSize: 1 });
      try {
        const found = await after.db.selectFrom('requests').select('id').where('id', 'in', ackedBeforeBackup).execute();
        assert.equal(found.length, ackedBeforeBackup.length, 'a failed restore emptied the database');
      } finally {
        await after.close();
      }
    }
  });
});
