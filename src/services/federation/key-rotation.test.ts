import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { countInbound } from '../../store/federation-messages.repository.js';
import { act, requestBody } from '../../testing/request-builders.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { listKeys, removeRetiredKey, rotateSigningKey } from './key-store.js';

// Issue #13: `sosa keys rotate` while messages flow, on the sender and on the receiver, and
// `sosa keys remove` of the old key. Two instances in one process (src/testing/federated-apps.ts).
const { net, us, india } = useUsIndiaPeered();

const outbox = () => us.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const kidOf = (jws: string) => decodeProtectedHeader(jws).kid as string;
const deliver = () => net.deliver('US', 'IN');
async function auditData(t: TestApp, action: string): Promise<Array<Record<string, any>>> {
  await sequencePendingAudit(t.ctx.store.db);
  const rows = await t.ctx.store.db.selectFrom('audit_events').select(['data']).where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => r.data as Record<string, any>);
}
async function newAcknowledged(title: string): Promise<string> {
  const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await act(us, 'us.sosa', created.body.id, 'acknowledge');
  return created.body.id;
}

describe('key rotation while messages flow between two instances (issue #13)', () => {
  let oldKid = '';

  it('the sender rotates with a message in the queue: what the old key signed still crosses; what the new key signs waits, refused and audited, until India takes the new descriptor', async () => {
    oldKid = (await listKeys(us.ctx.config.keyDir))[0]!.kid;
    await newAcknowledged('Signed before the rotation');
    const { active } = await rotateSigningKey(us.ctx.config.keyDir, us.ctx.now());
    await newAcknowledged('Signed after the rotation');
    const rows = await outbox();
    assert.deepEqual(rows.map((r) => kidOf(r.jws)), [oldKid, active.kid], 'each message is signed once, when it is queued, by the key active then');

    const first = await deliver();
    assert.equal(first.delivered, 1, 'the message signed by the old key is delivered');
    assert.match(first.blocked ?? '', /403.*unknown_key|unknown_key|refused \(unknown_key\)/);
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 1);
    assert.deepEqual((await auditData(india, 'federation.message_refused')).map((d) => d.reason), ['unknown_key'], 'India audited the refusal');
    assert.equal((await auditData(us, 'federation.message_refused_by_peer')).length, 1, 'and the US that India refused it');

    us.clock.advanceHours(1);
    await net.peer('IN', 'US', ['US-IN']);
    assert.deepEqual(await deliver(), { delivered: 1, blocked: null }, 'after the descriptor update the queue moves on');
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 2);
  });

  it('the receiver rotates: its receipts signed by the new key are not taken until the US has the new descriptor, and the message is applied once all the same', async () => {
    await rotateSigningKey(india.ctx.config.keyDir, india.ctx.now());
    await newAcknowledged('Received after India rotated');
    const blocked = await deliver();
    assert.equal(blocked.delivered, 0);
    assert.match(blocked.blocked ?? '', /receipt was refused/);
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 3, 'India applied it: only its receipt was not recognised');
    india.clock.advanceHours(1);
    await net.peer('US', 'IN', ['US-IN']);
    assert.deepEqual(await deliver(), { delivered: 1, blocked: null }, 'the retry gets the same receipt, now verified');
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 3, 'and nothing was applied twice');
  });

  it('a removed key: once India takes the descriptor without it, what that key signs is refused and audited, never applied, even a copy of a message it once accepted', async () => {
    const [signedByOld] = (await outbox()).filter((r) => kidOf(r.jws) === oldKid);
    await removeRetiredKey(us.ctx.config.keyDir, oldKid);
    assert.ok(!(await listKeys(us.ctx.config.keyDir)).some((k) => k.kid === oldKid));
    us.clock.advanceHours(1);
    await net.peer('IN', 'US', ['US-IN']);
    const res = await india.call(null, 'POST', '/federation/inbox', { message: signedByOld!.jws });
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.reason, 'unknown_key');
    assert.deepEqual((await auditData(india, 'federation.message_refused')).map((d) => d.reason), ['unknown_key', 'unknown_key']);
    // Traffic goes on under the active key.
    await newAcknowledged('After the removal');
    assert.deepEqual(await deliver(), { delivered: 1, blocked: null });
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 4);
  });

  it('the active key cannot be removed, only a retired one', async () => {
    const [active] = (await listKeys(us.ctx.config.keyDir)).filter((k) => k.status === 'active');
    await assert.rejects(removeRetiredKey(us.ctx.config.keyDir, active!.kid), /active key: rotate first/);
  });
});
