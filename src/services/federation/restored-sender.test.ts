import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MARK_TYPE } from '../../domain/federation/delivery.js';
import { signPayload } from '../../domain/federation/signing.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { findMirror } from '../../store/federation-messages.repository.js';
import { act, requestBody } from '../../testing/request-builders.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { generateSigningKey, loadActiveSigningKey } from './key-store.js';
import { deliverToPeer, type PeerFetch } from './message-sender.js';

// Issue #13: the US instance is restored from a backup older than what India applied from it.
// Its next sequence numbers were taken at India by messages the restore lost, so India refuses
// them as replays; the refusal carries India's signed mark and the US renumbers its pending
// messages after it. The restore is shown as the outbox sees it: the rows after the backup are
// gone (src/services/operations/backup-restore.test.ts proves the backup and restore themselves).
const { net, us, india } = useUsIndiaPeered();

const outbox = () => us.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const inbox = () => india.ctx.store.db.selectFrom('federation_inbox').select(['seq', 'message_id']).orderBy('seq').execute();
const deliver = (fetch: PeerFetch = net.fetch) => deliverToPeer(us.ctx, 'IN', { fetch, ignoreSchedule: true });
async function auditData(t: TestApp, action: string): Promise<Array<Record<string, any>>> {
  await sequencePendingAudit(t.ctx.store.db);
  return (await t.ctx.store.db.selectFrom('audit_events').select(['data']).where('action', '=', action).orderBy('seq').execute()).map((r) => r.data as Record<string, any>);
}
async function newRequest(title: string): Promise<string> {
  const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}
/** What a restore from the backup taken after message `seq` leaves of the outbox. */
async function restoreOutboxTo(seq: number): Promise<void> {
  await us.ctx.store.db.deleteFrom('federation_outbox').where('seq', '>', seq).execute();
}

describe('a sender restored from an older backup (issue #13)', () => {
  it('its reused numbers are refused as replays (audited), it renumbers its pending messages after India’s signed mark, and each crosses once, in order', async () => {
    const a = await newRequest('Before the backup');
    await act(us, 'us.sosa', a, 'acknowledge');
    assert.deepEqual(await deliver(), { delivered: 1, blocked: null });
    // After the backup: two more messages that India applies and the restore loses.
    const b = await newRequest('Lost with the restore');
    await act(us, 'us.sosa', b, 'acknowledge');
    await act(us, 'us.sosa', a, 'forward_for_determination');
    assert.deepEqual(await deliver(), { delivered: 2, blocked: null });
    await restoreOutboxTo(1);

    const c = await newRequest('After the restore');
    await act(us, 'us.sosa', c, 'acknowledge');
    await act(us, 'us.sosa', c, 'forward_for_determination');
    const queued = await outbox();
    assert.deepEqual(queued.map((r) => [r.seq, r.state]), [[1, 'delivered'], [2, 'pending'], [3, 'pending']], 'the restored outbox numbers on from the backup');
    const ids = queued.slice(1).map((r) => r.id);

    assert.deepEqual(await deliver(), { delivered: 2, blocked: null }, 'the queue is not blocked');
    const after = await outbox();
    assert.deepEqual(after.map((r) => [r.seq, r.state]), [[1, 'delivered'], [4, 'delivered'], [5, 'delivered']], 'moved after India’s mark (3), in their order');
    assert.deepEqual(after.slice(1).map((r) => r.id), ids, 'the same messages, by id');
    const got = await inbox();
    assert.deepEqual(got.map((r) => r.seq), [1, 2, 3, 4, 5]);
    assert.equal(new Set(got.map((r) => r.message_id)).size, 5, 'none applied twice');
    assert.deepEqual((await auditData(india, 'federation.message_refused')).map((d) => d.reason), ['replayed'], 'India audited the reused number');
    const renumbered = await auditData(us, 'federation.outbox_renumbered');
    assert.deepEqual(renumbered.map((d) => [d.peerLastSeq, d.from, d.to, d.shift]), [[3, 2, 3, 2]], 'and the US what it did about it');
    const mirror = await findMirror(india.ctx.store.db, 'US', 'request', c);
    assert.equal((mirror?.body.request as { state?: string } | undefined)?.state, 'program_determination');
  });

  it('a mark that India did not sign moves nothing: the queue waits with its backoff', async () => {
    const d = await newRequest('Forged mark');
    await act(us, 'us.sosa', d, 'acknowledge');
    const before = (await outbox()).at(-1)!;
    const strangerDir = mkdtempSync(join(tmpdir(), 'sosa-stranger-'));
    try {
      await generateSigningKey(strangerDir, us.ctx.now());
      const forged = await signPayload({ from: 'IN', to: 'US', lastSeq: 1_000, issuedAt: us.ctx.now().toISOString() }, await loadActiveSigningKey(strangerDir), MARK_TYPE);
      const liar: PeerFetch = async () => new Response(JSON.stringify({ status: 403, reason: 'replayed', mark: forged }), { status: 403, headers: { 'content-type': 'application/problem+json' } });
      const result = await deliver(liar);
      assert.equal(result.delivered, 0);
      assert.match(result.blocked ?? '', /403/);
      const row = (await outbox()).at(-1)!;
      assert.deepEqual([row.id, row.seq], [before.id, before.seq], 'not renumbered');
    } finally {
      rmSync(strangerDir, { recursive: true, force: true });
    }
    assert.deepEqual(await deliver(), { delivered: 1, blocked: null }, 'the real India takes it');
  });
});
