import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { hashAuditRecord } from '../../domain/audit/hash-chain.js';
import { MESSAGE_TYPE } from '../../domain/federation/descriptor.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { signPayload, type SigningKey } from '../../domain/federation/signing.js';
import { appendAudit, sequencePendingAudit, verifyAuditLog } from '../../store/audit.repository.js';
import { listHeldCheckpoints } from '../../store/audit-checkpoints.repository.js';
import { lastInboundSeq } from '../../store/federation-messages.repository.js';
import type { Database } from '../../store/schema.js';
import { auditActions } from '../../testing/audit-actions.js';
import { signedUsToIndia } from '../../testing/signed-message.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { TEST_STORE } from '../../testing/test-store.js';
import type { TestApp } from '../../testing/test-app.js';
import { generateSigningKey, loadActiveSigningKey } from '../federation/key-store.js';
import { startAuditCheckpointLoop } from './checkpoint-loop.js';
import { sendAuditCheckpoints } from './send-audit-checkpoints.js';
import { verifyPeerCheckpoints } from './verify-peer-checkpoints.js';

// Issue #13 "Evidence": the instances exchange signed checkpoints of their audit chains, so
// neither can rewrite its log without the other holding proof (`sosa audit verify --peer-checkpoints`).

// One pair of peered instances for the whole file (two stores are what a test here costs); the
// cases run in order, and those that tamper with the US log come after those that need it whole.
const { net: n, us, india } = useUsIndiaPeered();

/** Some of the US instance's own events, chained. */
async function usEvents(us: TestApp, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await us.ctx.store.db.transaction().execute((trx) => appendAudit(trx, { actorId: null, actor: 'us.sosa', nation: 'US', action: 'request.transition', entityType: 'request', entityId: `request-${i}`, data: { step: i } }));
  }
  await sequencePendingAudit(us.ctx.store.db);
}

/** A checkpoint from the US sent and delivered to India; its chain position. */
async function checkpointToIndia(): Promise<number> {
  const [sent] = await sendAuditCheckpoints(n.app('US').ctx);
  assert.equal(sent?.peer, 'IN');
  assert.deepEqual(await n.deliver('US', 'IN'), { delivered: 1, blocked: null });
  return sent.seq;
}

/**
 * What an owner of the database does who knows the hash is public: edits event `from` and
 * recomputes every later hash, with the append-only triggers off (as audit-tampering.test.ts).
 */
async function rewriteFrom(db: Kysely<Database>, from: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    const rows = await trx.selectFrom('audit_events').selectAll().where('seq', '>=', from).orderBy('seq').execute();
    let prevHash = rows[0]!.prev_hash;
    for (const r of rows) {
      const data = r.seq === from ? { step: 'rewritten' } : r.data;
      const hash = hashAuditRecord(prevHash, { seq: r.seq, at: r.at, actorId: r.actor_id, actor: r.actor, nation: r.nation, action: r.action, entityType: r.entity_type, entityId: r.entity_id, data, parties: r.parties ?? undefined });
      await trx.updateTable('audit_events').set({ data: JSON.stringify(data), prev_hash: prevHash, hash }).where('seq', '=', r.seq).execute();
      prevHash = hash;
    }
    await sql`alter table audit_events enable trigger user`.execute(trx);
  });
}

/** A checkpoint message signed with `key`, as the US would send it, with what a test changes. */
function checkpointMessage(key: SigningKey, changes: Partial<FederationMessage> = {}): Promise<string> {
  const at = new Date().toISOString();
  return signedUsToIndia(key, { kind: 'audit.checkpoint', object: { type: 'audit_chain', id: 'US', version: 3 }, body: { checkpoint: { seq: 3, hash: 'f'.repeat(64), at, previous: null } }, ...changes });
}

const day = 86_400_000;
const sentRows = () => us.ctx.store.db.selectFrom('federation_outbox').select(['id', 'jws']).where('kind', '=', 'audit.checkpoint').orderBy('seq').execute();

describe(`signed audit checkpoints between peers (issue #13, ${TEST_STORE})`, () => {
  it('the checkpoint loop sends each peer one checkpoint per interval, counted from the peering and then from the last one', async () => {
    assert.deepEqual(await sendAuditCheckpoints(us.ctx, { dueAfterMs: day }), [], 'not due on the day of the peering');
    us.clock.advanceHours(25);
    const stop = startAuditCheckpointLoop(us.ctx);
    for (let i = 0; i < 250 && (await sentRows()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    assert.equal((await sentRows()).length, 1, 'the loop sent one at its first round');
    assert.deepEqual(await sendAuditCheckpoints(us.ctx, { dueAfterMs: day }), [], 'not again the same day');
    assert.deepEqual(await n.deliver('US', 'IN'), { delivered: 1, blocked: null });
  });

  let kept = 0;
  it('a checkpoint crosses to the peer, which keeps it once with its signature verified; both sides verify', async () => {
    await usEvents(us, 5);
    kept = await checkpointToIndia();

    const held = await listHeldCheckpoints(india.ctx.store.db, 'US');
    assert.equal(held.length, 2);
    const indiaSide = await verifyPeerCheckpoints(india.ctx.store.db, 'IN');
    assert.equal(indiaSide.ok, true, JSON.stringify(indiaSide.problems));
    assert.deepEqual(indiaSide.held.map((h) => [h.peer, h.signature]), [['US', 'valid'], ['US', 'valid']]);
    assert.equal(indiaSide.held[1]!.seq, kept);
    assert.deepEqual(await auditActions(india, 'audit.peer_checkpoint'), ['audit.peer_checkpoint_received', 'audit.peer_checkpoint_received']);

    const usSide = await verifyPeerCheckpoints(us.ctx.store.db, 'US');
    assert.equal(usSide.ok, true, JSON.stringify(usSide.problems));
    assert.deepEqual(usSide.sent.map((s) => [s.peer, s.receipt, s.chain]), [['IN', 'received', 'intact'], ['IN', 'received', 'intact']]);
    assert.equal(usSide.sent[1]!.seq, kept);
    assert.deepEqual(await auditActions(us, 'audit.checkpoint'), ['audit.checkpoint_sent', 'audit.checkpoint_sent']);

    // The same message again (a retry, a replay on the link): the same receipt, still two held.
    const again = await india.call(null, 'POST', '/federation/inbox', { message: (await sentRows())[1]!.jws });
    assert.equal(again.body.outcome, 'duplicate');
    assert.equal((await listHeldCheckpoints(india.ctx.store.db, 'US')).length, 2);
  });

  it('an unsigned checkpoint, and one signed by a key the US descriptor does not list, are refused and never held', async () => {
    const post = (message: string) => india.call(null, 'POST', '/federation/inbox', { message });
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: MESSAGE_TYPE })).toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    assert.equal((await post(unsigned)).status, 403);
    const forgerDir = mkdtempSync(join(tmpdir(), 'sosa-forger-'));
    try {
      await generateSigningKey(forgerDir, new Date());
      const forged = await post(await checkpointMessage(await loadActiveSigningKey(forgerDir), { seq: await lastInboundSeq(india.ctx.store.db, 'US') + 1 }));
      assert.equal(forged.status, 403);
      assert.equal(forged.body.reason, 'unknown_key');
    } finally {
      rmSync(forgerDir, { recursive: true, force: true });
    }
    assert.equal((await listHeldCheckpoints(india.ctx.store.db)).length, 2);
    assert.equal((await auditActions(india, 'audit.peer_checkpoint')).length, 2);
  });

  let rewritten = 0;
  it('our log rewritten after a checkpointed position, every later hash recomputed, passes the chain alone and fails the peer checkpoints at that position', async () => {
    await usEvents(us, 8);
    rewritten = await checkpointToIndia();
    const before = await verifyPeerCheckpoints(us.ctx.store.db, 'US');
    assert.equal(before.ok, true, 'the untampered chain passes');

    // One of the eight events just written: after the earlier checkpoints, before this one.
    await rewriteFrom(us.ctx.store.db, rewritten - 3);
    const chain = await verifyAuditLog(us.ctx.store.db);
    assert.equal(chain.ok, true, 'the re-hashed chain verifies on its own');
    const verdict = await verifyPeerCheckpoints(us.ctx.store.db, 'US');
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.problems.map((p) => [p.side, p.peer, p.position]), [['own', 'IN', rewritten]]);
    assert.match(verdict.problems[0]!.problem, new RegExp(`event ${rewritten} no longer has the hash of the checkpoint sent to IN .*which IN received at .* \\(its signed receipt is held\\): the log was rewritten up to it`));
  });

  it('a later checkpoint that contradicts an earlier one at the same position is flagged by the peer, which keeps both as proof', async () => {
    // The US's next checkpoint restates the hash its rewritten chain has now at the last one's position.
    const next = await checkpointToIndia();
    assert.ok(next > rewritten);
    assert.equal((await listHeldCheckpoints(india.ctx.store.db, 'US')).length, 4);
    assert.deepEqual((await auditActions(india, 'audit.peer_checkpoint')).slice(-2), ['audit.peer_checkpoint_received', 'audit.peer_checkpoint_conflict']);
    const verdict = await verifyPeerCheckpoints(india.ctx.store.db, 'IN');
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.problems.map((p) => [p.side, p.peer, p.position]), [['peer', 'US', rewritten]]);
    assert.match(verdict.problems[0]!.problem, new RegExp(`says position ${rewritten} now has hash .*; the checkpoint held says .*: the log was rewritten up to it`));

    // India's auditor sees the same while the server runs; the check is audited; others may not ask.
    const online = await india.call(await india.login('in.auditor'), 'GET', '/audit/peer-checkpoints');
    assert.equal(online.status, 200, JSON.stringify(online.body));
    assert.deepEqual([online.body.ok, online.body.problems.map((p: { position: number }) => p.position)], [false, [rewritten]]);
    assert.deepEqual(await auditActions(india, 'audit.verify_peer_checkpoints'), ['audit.verify_peer_checkpoints']);
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', '/audit/peer-checkpoints')).status, 403);
  });

  it('an UPDATE of the hash at a checkpointed position, and our copy of a checkpoint re-signed to say another hash, are reported', async () => {
    const db = us.ctx.store.db;
    await sql`alter table audit_events disable trigger user`.execute(db);
    await db.updateTable('audit_events').set({ hash: 'e'.repeat(64) }).where('seq', '=', kept).execute();
    await sql`alter table audit_events enable trigger user`.execute(db);
    const [first, second] = await sentRows();
    const payload = JSON.parse(Buffer.from(first!.jws.split('.')[1]!, 'base64url').toString('utf8')) as FederationMessage;
    const claim = payload.body.checkpoint as { seq: number };
    const resigned = await signPayload({ ...payload, body: { checkpoint: { ...claim, hash: 'd'.repeat(64) } } }, await loadActiveSigningKey(us.ctx.config.keyDir), MESSAGE_TYPE);
    await db.updateTable('federation_outbox').set({ jws: resigned }).where('id', '=', first!.id).execute();

    const verdict = await verifyPeerCheckpoints(db, 'US');
    const about = (id: string) => verdict.problems.filter((p) => p.messageId === id).map((p) => [p.position, p.problem]);
    assert.deepEqual(about(second!.id).map(([position]) => position), [kept]);
    assert.match(String(about(second!.id)[0]![1]), new RegExp(`event ${kept} no longer has the hash of the checkpoint sent to IN`));
    assert.deepEqual(about(first!.id), [
      [claim.seq, `event ${claim.seq} no longer has the hash of the checkpoint sent to IN at ${(payload.body.checkpoint as { at: string }).at}: the log was rewritten up to it`],
      [claim.seq, `IN's receipt for the checkpoint at ${claim.seq} does not hold: it names other bytes than the copy kept here: the copy was altered`],
    ]);
  });

  it('a message signed by the US key that carries no checkpoint is refused and not held as one', async () => {
    const usKey = await loadActiveSigningKey(us.ctx.config.keyDir);
    const malformed = await india.call(null, 'POST', '/federation/inbox', { message: await checkpointMessage(usKey, { seq: (await lastInboundSeq(india.ctx.store.db, 'US')) + 1, body: { checkpoint: { seq: 'head' } } }) });
    assert.equal(malformed.status, 403, JSON.stringify(malformed.body));
    assert.equal(malformed.body.reason, 'invalid_content');
    assert.equal((await listHeldCheckpoints(india.ctx.store.db)).length, 4);
  });

  it('two server processes due at once send one checkpoint, not two naming the same previous one (which the peer would flag)', async () => {
    us.clock.advanceHours(25);
    const before = (await sentRows()).length;
    const runs = await Promise.all([sendAuditCheckpoints(us.ctx, { dueAfterMs: day }), sendAuditCheckpoints(us.ctx, { dueAfterMs: day })]);
    assert.equal(runs.flat().length, 1);
    assert.equal((await sentRows()).length, before + 1);
  });
});
