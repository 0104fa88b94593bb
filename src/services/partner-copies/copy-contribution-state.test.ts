import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody } from '../../testing/request-builders.js';
import { removePeer } from '../federation/remove-peer.js';

// Issue #13, README "Comments and files written on a copy": what India's officials add on their copy
// of a request the US holds shows, on the copy, what became of it. The US keeps it in the very
// transaction in which it signs its receipt (apply-copy-contribution.ts), so a receipt saying
// "applied" is the holder's word that it holds it: the copy shows it applied from then on, and not
// "not yet applied" for as long as the US's answer (`request.contribution_applied`) takes, or for
// ever when that answer never comes (the peering ended before it was sent, a link that stays cut).
const { net, us, india } = useUsIndiaPeered();

describe("a comment sent from a copy reaches a final state on the copy once the holder took it (issue #13)", () => {
  it("the US takes India's comment and its answer never comes: India's copy shows it applied, as the US's signed receipt says, not pending for ever", async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Request whose holder stops answering' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const requestId: string = created.body.id;
    assert.equal((await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/transitions`, { action: 'acknowledge' })).status, 200);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });

    const officer = await india.login('in.sosa');
    const sent = await india.call(officer, 'POST', `/partner-copies/${requestId}/comments`, { body: 'India confirms lot 7.', visibility: 'shared' });
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    const state = async () => {
      const copy = await india.call(officer, 'GET', `/partner-copies/${requestId}`);
      assert.equal(copy.status, 200, JSON.stringify(copy.body));
      const c = (copy.body.contributions as Array<{ id: string; state: string; appliedAt: string | null }>).find((x) => x.id === sent.body.id)!;
      return [c.state, c.appliedAt];
    };
    assert.deepEqual(await state(), ['pending', null], 'on its way');

    // The US takes it in and keeps it; its answer waits in its outbox, and the US ends the peering.
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const kept = await us.ctx.store.db.selectFrom('comments').select('id').where('id', '=', sent.body.id).executeTakeFirst();
    assert.ok(kept, 'the US holds the comment');
    await removePeer({ store: us.ctx.store, ownNation: 'US', peerNation: 'IN' });
    assert.match((await net.deliver('US', 'IN')).blocked ?? '', /not a peer/);

    const message = await india.ctx.store.db.selectFrom('federation_outbox').select(['state', 'receipt']).where('id', '=', sent.body.messageId).executeTakeFirstOrThrow();
    const receipt = decodeJwt(message.receipt!) as { outcome: string; receivedAt: string };
    assert.equal(receipt.outcome, 'applied');
    assert.deepEqual(await state(), ['applied', receipt.receivedAt], "applied, when the US's receipt says it took it");
  });
});
