import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildRequest } from '../../testing/request-builders.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Issue #11.11: the auditors' search of the audit log (object, actor, action, time; paged) and the
 * online verification of the hash chain with a checkpoint to keep, while the server runs.
 */

describe('audit search and online verification (#11.11)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  let requestId: string;
  before(async () => {
    requestId = (await buildRequest(t, 'IN->US', 'submitted')).id;
  });

  it('searches by object (type and id, or a reference), actor, action and time range, newest first, paged', async () => {
    const auditor = await t.login('in.auditor');
    const reference = (await t.call(await t.login('in.sosa'), 'GET', `/requests/${requestId}`)).body.reference as string;
    const byObject = await t.call(auditor, 'GET', `/audit?entityType=request&entity=${requestId}`);
    assert.equal(byObject.status, 200, JSON.stringify(byObject.body));
    assert.ok(byObject.body.items.length >= 2);
    assert.ok(byObject.body.items.every((e: { entityType: string; entityId: string }) => e.entityType === 'request' && e.entityId === requestId));
    const byReference = await t.call(auditor, 'GET', `/audit?entity=${encodeURIComponent(reference)}`);
    assert.deepEqual(byReference.body.items.map((e: { seq: number }) => e.seq).sort(), byObject.body.items.map((e: { seq: number }) => e.seq).sort(), 'the reference finds the same events');

    const byActor = await t.call(auditor, 'GET', '/audit?actor=in.sosa&order=desc');
    assert.ok(byActor.body.items.length > 0 && byActor.body.items.every((e: { actor: string }) => e.actor === 'in.sosa'));
    const seqs = byActor.body.items.map((e: { seq: number }) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');

    const byAction = await t.call(auditor, 'GET', '/audit?action=session.login');
    assert.ok(byAction.body.items.length > 0 && byAction.body.items.every((e: { action: string }) => e.action === 'session.login'));
    const byPrefix = await t.call(auditor, 'GET', '/audit?action=request.');
    assert.ok(byPrefix.body.items.length > 0 && byPrefix.body.items.every((e: { action: string }) => e.action.startsWith('request.')));

    const future = await t.call(auditor, 'GET', '/audit?from=2100-01-01T00:00:00Z');
    assert.deepEqual(future.body.items, []);
    const all = await t.call(auditor, 'GET', `/audit?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&order=desc&limit=2`);
    assert.equal(all.body.items.length, 2);
    assert.ok(all.body.next, 'a cursor to the next page');
    const page2 = await t.call(auditor, 'GET', `/audit?order=desc&limit=2&beforeSeq=${all.body.next.beforeSeq}`);
    assert.ok(page2.body.items.every((e: { seq: number }) => e.seq < all.body.items[1].seq), 'the next page continues where the first ended');

    for (const bad of ['from=yesterday', 'order=sideways', 'limit=0', 'entityType=' + 'x'.repeat(100)]) {
      const res = await t.call(auditor, 'GET', `/audit?${bad}`);
      assert.equal(res.status, 422, bad);
      assert.equal(res.body.errors[0].field, bad.split('=')[0]);
    }
  });

  it('verifies the chain online and returns a checkpoint; a kept checkpoint is checked; auditors only', async () => {
    const auditor = await t.login('us.auditor');
    const res = await t.call(auditor, 'POST', '/audit/verify', {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.ok, true);
    const { total } = await t.ctx.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    assert.ok(res.body.count >= 1 && res.body.count <= Number(total));
    assert.match(res.body.checkpoint, /^\d+:[0-9a-f]{64}$/);
    const [seq, hash] = res.body.checkpoint.split(':');
    const row = await t.ctx.store.db.selectFrom('audit_events').select('hash').where('seq', '=', Number(seq)).executeTakeFirstOrThrow();
    assert.equal(row.hash, hash, 'the checkpoint is the last verified event');

    const kept = await t.call(auditor, 'POST', '/audit/verify', { expect: res.body.checkpoint });
    assert.equal(kept.body.ok, true);
    assert.equal(kept.body.checkpointMatched, true);
    const wrong = await t.call(auditor, 'POST', '/audit/verify', { expect: `${seq}:${'f'.repeat(64)}` });
    assert.equal(wrong.status, 200);
    assert.equal(wrong.body.ok, false);
    assert.match(wrong.body.problem, /no longer has the checkpoint's hash/);
    assert.equal(wrong.body.checkpoint, null, 'no fresh checkpoint when the check failed');
    const malformed = await t.call(auditor, 'POST', '/audit/verify', { expect: 'nonsense' });
    assert.equal(malformed.status, 422);
    assert.equal(malformed.body.errors[0].field, 'expect');

    for (const user of ['us.admin', 'us.sosa', 'in.supplier']) assert.equal((await t.call(await t.login(user), 'POST', '/audit/verify', {})).status, 403, user);
    assert.ok((await t.call(auditor, 'GET', '/audit?action=audit.verify')).body.items.some((e: { actor: string }) => e.actor === 'us.auditor'), 'the verification itself is recorded');
  });

  it('finds a tampered event and names it', async () => {
    const auditor = await t.login('in.auditor');
    await t.ctx.store.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger user`.execute(trx);
      await sql`update audit_events set actor = 'someone.else' where seq = 3`.execute(trx);
      await sql`alter table audit_events enable trigger user`.execute(trx);
    });
    const res = await t.call(auditor, 'POST', '/audit/verify', {});
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, false);
    assert.equal(res.body.firstBadSeq, 3);
    assert.match(res.body.problem, /event 3 was altered/);
    assert.equal(res.body.checkpoint, null);
  });
});
