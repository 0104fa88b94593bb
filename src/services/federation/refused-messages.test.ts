import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import type { FederationMessage, FederationReceipt } from '../../domain/federation/message.js';
import { signPayload, verifySigned } from '../../domain/federation/signing.js';
import { federationReceiptSchema } from '../../domain/federation/message.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { findMirror, lastInboundSeq, latestOutboundHash } from '../../store/federation-messages.repository.js';
import { findPeer } from '../../store/federation-peers.repository.js';
import { useUsIndiaAcknowledgedRequest } from '../../testing/federated-apps.js';
import { act } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { generateSigningKey, loadActiveSigningKey } from './key-store.js';
import { catchUpFromPeer, deliverToPeer, type PeerFetch } from './message-sender.js';

// Issue #13: a message that the receiving instance refuses for what it says (an object it does not
// hold, another arrangement, an answer to no message exchanged) used to roll back, answer 403 and
// be retried with backoff for ever, so nothing the sender queued after it ever arrived. Now the
// receiver records it as refused (it takes its sequence number, applies nothing, is audited) and
// answers with a signed refusal receipt; the sender keeps the receipt, marks the message refused
// and delivers the next one. One pair of instances serves the file; each test goes on from the last.
const { net, us, india, request } = useUsIndiaAcknowledgedRequest('Refusals do not block', { deliveredToIndia: true });

const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const inbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_inbox').select(['seq', 'outcome', 'refusal_reason']).orderBy('seq').execute();
const usVersion = async () => (await us.ctx.store.db.selectFrom('requests').select('version').where('id', '=', request.id).executeTakeFirstOrThrow()).version;
const delivery = async () => (await us.call(await us.login('us.sosa'), 'GET', `/requests/${request.id}`)).body.partnerDelivery.map((d: { peer: string; state: string; refusedReason: string | null }) => [d.peer, d.state, d.refusedReason]);
async function auditData(t: TestApp, action: string): Promise<Array<Record<string, unknown>>> {
  await sequencePendingAudit(t.ctx.store.db);
  const rows = await t.ctx.store.db.selectFrom('audit_events').select('data').where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>);
}
const author = { displayName: 'Dana Whitfield', nation: 'US', organisation: 'DoD' };
const sharedComment = (body: string) => ({ id: randomUUID(), author, visibility: 'shared', body, createdAt: us.ctx.now().toISOString() });

/** A comment message the US instance queues to India in its own outbox (its next number, signed now), as its code would. */
async function queueComment(request: { id: string; arrangementId: string }, body: string, answers: string | null = null): Promise<void> {
  await us.ctx.store.db.transaction().execute((trx) =>
    enqueueOutbound(us.ctx, trx, {
      peerNation: 'IN',
      arrangement: 'US-IN',
      kind: 'request.comment',
      object: { type: 'request', id: request.id, version: 1 },
      answers,
      body: { request: { id: request.id, arrangementId: request.arrangementId, fromNation: 'IN', toNation: 'US' }, comment: sharedComment(body) },
    }),
  );
}

describe('a message refused for its content is recorded and does not hold up the queue (issue #13)', () => {
  it('India records the refused message with its number and a signed refusal; the US marks it refused and the next change is delivered', async () => {
    await queueComment({ id: request.id, arrangementId: 'US-GB' }, 'Of another arrangement');
    assert.deepEqual(await delivery(), [['IN', 'pending', null]]);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: 1 });

    const refused = (await outbox(us)).slice(-1)[0]!;
    assert.deepEqual([refused.seq, refused.state, refused.refusal_reason], [2, 'refused', 'out_of_arrangement']);
    const peer = await findPeer(us.ctx.store.db, 'IN');
    const receipt = await verifySigned(refused.receipt!, peer!.keys, RECEIPT_TYPE, federationReceiptSchema);
    assert.ok(receipt.ok, 'the refusal is signed by India');
    assert.deepEqual([receipt.value.outcome, receipt.value.refusal?.reason, receipt.value.messageHash, receipt.value.seq], ['refused', 'out_of_arrangement', refused.message_hash, 2]);
    // The request page tells the US officials that India refused the change, and why.
    assert.deepEqual(await delivery(), [['IN', 'refused', 'out_of_arrangement']]);

    assert.deepEqual(await inbox(india), [
      { seq: 1, outcome: 'applied', refusal_reason: null },
      { seq: 2, outcome: 'refused', refusal_reason: 'out_of_arrangement' },
    ]);
    assert.deepEqual(((await findMirror(india.ctx.store.db, 'US', 'request', request.id))?.body.comments as unknown[] | undefined) ?? [], [], 'nothing of it applied');
    assert.deepEqual((await auditData(india, 'federation.message_refused')).map((d) => [d.reason, d.seq, d.recorded]), [['out_of_arrangement', 2, true]]);
    assert.deepEqual((await auditData(us, 'federation.message_refused_by_peer')).map((d) => [d.reason, d.seq, d.recorded]), [['out_of_arrangement', 2, true]]);

    // The next step on the request reaches India: the queue was not held up.
    await act(us, 'us.sosa', request.id, 'forward_for_determination');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await findMirror(india.ctx.store.db, 'US', 'request', request.id))?.objectVersion, await usVersion());
    assert.deepEqual(await delivery(), [['IN', 'delivered', null]]);
  });

  it('the refused message posted again gets the same signed refusal and takes no second number', async () => {
    const refused = (await outbox(us)).find((r) => r.state === 'refused')!;
    const again = await india.call(null, 'POST', '/federation/inbox', { message: refused.jws });
    assert.equal(again.status, 403, JSON.stringify(again.body));
    assert.deepEqual([again.body.reason, again.body.outcome, again.body.seq, again.body.receipt], ['out_of_arrangement', 'refused', 2, refused.receipt]);
    assert.equal(await lastInboundSeq(india.ctx.store.db, 'US'), 3);
  });

  it('a refusal receipt not signed by India, or naming other bytes, does not move the queue: the message stays pending and is retried', async () => {
    await queueComment({ id: randomUUID(), arrangementId: 'US-IN' }, 'On a request India does not hold');
    const row = (await outbox(us)).slice(-1)[0]!;
    const strangerDir = mkdtempSync(join(tmpdir(), 'sosa-stranger-keys-'));
    try {
      await generateSigningKey(strangerDir, us.ctx.now());
      const forged: FederationReceipt = { messageId: row.id, messageHash: row.message_hash, from: 'IN', to: 'US', seq: row.seq, receivedAt: us.ctx.now().toISOString(), outcome: 'refused', refusal: { reason: 'unknown_object', detail: 'forged' } };
      const indiaKey = await loadActiveSigningKey(india.ctx.config.keyDir);
      const receipts = [
        await signPayload(forged, await loadActiveSigningKey(strangerDir), RECEIPT_TYPE),
        await signPayload({ ...forged, messageHash: createHash('sha256').update('other bytes').digest('hex') }, indiaKey, RECEIPT_TYPE),
      ];
      for (const receipt of receipts) {
        const answer: PeerFetch = async () => new Response(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, reason: 'unknown_object', receipt }), { status: 403, headers: { 'content-type': 'application/problem+json' } });
        const result = await deliverToPeer(us.ctx, 'IN', { fetch: answer, ignoreSchedule: true });
        assert.equal(result.delivered, 0);
        assert.match(result.blocked ?? '', /IN answered 403/);
        assert.equal((await outbox(us)).slice(-1)[0]!.state, 'pending');
      }
    } finally {
      rmSync(strangerDir, { recursive: true, force: true });
    }
    // India itself refuses it, signed: then it is done with.
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal((await outbox(us)).slice(-1)[0]!.refusal_reason, 'unknown_object');
  });

  it('India catching up after an outage records a refused message and applies what follows it; the US then takes both answers', async () => {
    net.down.add('IN');
    await queueComment({ id: request.id, arrangementId: 'US-GB' }, 'During the outage, of another arrangement');
    await act(us, 'us.dod', request.id, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-7' });
    assert.match((await net.deliver('US', 'IN')).blocked ?? '', /IN unreachable/);
    const firstPending = async () => (await outbox(us)).find((r) => r.state === 'pending')!;
    assert.ok((await firstPending()).next_attempt_at > us.ctx.now(), 'the failed attempt is retried after its backoff');
    net.down.delete('IN');
    assert.equal(await catchUpFromPeer(india.ctx, 'US', { fetch: net.fetch }), 1, 'the step after the refused message is applied');
    // India fetched the last page of what it lacked, so it is up: the US's retry is due now, not after the backoff.
    assert.ok((await firstPending()).next_attempt_at <= us.ctx.now(), "India's catch-up makes the US's retry due at once");
    assert.deepEqual((await inbox(india)).slice(-2).map((r) => r.outcome), ['refused', 'applied']);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null, refused: 1 });
    assert.equal((await findMirror(india.ctx.store.db, 'US', 'request', request.id))?.objectVersion, await usVersion());
    assert.deepEqual((await outbox(us)).map((r) => r.seq), (await inbox(india)).map((r) => r.seq), 'both sides hold the same numbers');
  });
});

describe("a message's answers hash is checked against the messages exchanged (issue #13)", () => {
  it('a comment answering a message India never exchanged with the US about the request is refused; one answering the latest is applied', async () => {
    const nothing = createHash('sha256').update('a message that never crossed').digest('hex');
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Answers nothing India knows', nothing);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal((await outbox(us)).slice(-1)[0]!.refusal_reason, 'answers_mismatch');
    const comments = () => findMirror(india.ctx.store.db, 'US', 'request', request.id).then((m) => ((m?.body.comments ?? []) as Array<{ body: string }>).map((c) => c.body));
    assert.deepEqual(await comments(), []);

    // A hash of a message about another object does not do either.
    const other = (await outbox(us)).find((r) => r.object_id !== request.id)!;
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Answers a message about another request', other.message_hash);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: 1 });

    const latestDelivered = (await outbox(us)).filter((r) => r.object_id === request.id && r.state === 'delivered').slice(-1)[0]!;
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Answers the latest step', latestDelivered.message_hash);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await comments(), ['Answers the latest step']);
    assert.ok(await latestOutboundHash(us.ctx.store.db, 'IN', 'request', request.id));
    const answered = decodeJwt((await outbox(us)).slice(-1)[0]!.jws) as unknown as FederationMessage;
    assert.equal(answered.answers, latestDelivered.message_hash);
  });
});

describe('the batched inbox takes several messages as the inbox takes each alone (issue #13)', () => {
  it('keeps their order, records a refused one in the middle with its number and applies the rest; the same batch again gets the same receipts, audited once', async () => {
    const before = await lastInboundSeq(india.ctx.store.db, 'US');
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Batch first');
    await queueComment({ id: request.id, arrangementId: 'US-GB' }, 'Batch refused, of another arrangement');
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Batch third');
    const sent = (await outbox(us)).slice(-3);
    const messages = sent.map((r) => r.jws);
    const first = await india.call(null, 'POST', '/federation/inbox/batch', { messages });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.answers.map((a: { status: number; outcome: string; seq: number; reason?: string }) => [a.status, a.outcome, a.seq, a.reason ?? null]), [
      [200, 'applied', before + 1, null],
      [403, 'refused', before + 2, 'out_of_arrangement'],
      [200, 'applied', before + 3, null],
    ]);
    assert.deepEqual((await inbox(india)).slice(-3), [
      { seq: before + 1, outcome: 'applied', refusal_reason: null },
      { seq: before + 2, outcome: 'refused', refusal_reason: 'out_of_arrangement' },
      { seq: before + 3, outcome: 'applied', refusal_reason: null },
    ]);
    const comments = ((await findMirror(india.ctx.store.db, 'US', 'request', request.id))?.body.comments ?? []) as Array<{ body: string }>;
    assert.deepEqual(comments.map((c) => c.body).filter((b) => b.startsWith('Batch')), ['Batch first', 'Batch third'], 'the refused one undone alone, the others applied in order');
    const received = (await auditData(india, 'federation.message_received')).slice(-2).map((d) => d.seq);
    assert.deepEqual(received, [before + 1, before + 3], 'each applied message has its own audit event');
    const peer = await findPeer(us.ctx.store.db, 'IN');
    for (const [i, a] of (first.body.answers as Array<{ receipt: string }>).entries()) {
      const receipt = await verifySigned(a.receipt, peer!.keys, RECEIPT_TYPE, federationReceiptSchema);
      assert.ok(receipt.ok, 'each answer carries a receipt signed by India');
      assert.deepEqual([receipt.value.messageId, receipt.value.seq], [sent[i]!.id, sent[i]!.seq]);
    }

    // The same batch again (a sender's retry after a lost answer): the same receipts, nothing applied again, one audit event naming each copy.
    const duplicatesBefore = (await auditData(india, 'federation.message_duplicate')).length;
    const again = await india.call(null, 'POST', '/federation/inbox/batch', { messages });
    assert.deepEqual(again.body.answers.map((a: { outcome: string; receipt: string }) => [a.outcome, a.receipt]), [
      ['duplicate', first.body.answers[0].receipt],
      ['refused', first.body.answers[1].receipt],
      ['duplicate', first.body.answers[2].receipt],
    ]);
    assert.equal(await lastInboundSeq(india.ctx.store.db, 'US'), before + 3);
    const duplicates = (await auditData(india, 'federation.message_duplicate')).slice(duplicatesBefore);
    assert.deepEqual(duplicates.map((d) => (d.messages as Array<{ seq: number }>).map((m) => m.seq)), [[before + 1, before + 2, before + 3]]);

    // A batch after a gap is answered 409 with the number expected, as the inbox answers it alone.
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Batch fourth');
    await queueComment({ id: request.id, arrangementId: 'US-IN' }, 'Batch fifth');
    const gap = await india.call(null, 'POST', '/federation/inbox/batch', { messages: [(await outbox(us)).slice(-1)[0]!.jws] });
    assert.deepEqual(gap.body.answers.map((a: { status: number; expectedSeq: number }) => [a.status, a.expectedSeq]), [[409, before + 4]]);

    // The US's sender posts its five pending messages in one batch and keeps the answers: India's receipts for the three it had, and the two new ones applied.
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 4, blocked: null, refused: 1 });
    const stored = (await outbox(us)).slice(-5);
    assert.deepEqual(stored.slice(0, 3).map((r) => r.receipt), first.body.answers.map((a: { receipt: string }) => a.receipt));
    assert.deepEqual(stored.map((r) => r.state), ['delivered', 'refused', 'delivered', 'delivered', 'delivered']);
    assert.equal(await lastInboundSeq(india.ctx.store.db, 'US'), before + 5);
  });
});
