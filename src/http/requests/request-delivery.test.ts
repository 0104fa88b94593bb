import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody } from '../../testing/request-builders.js';

// Issue #13: the request page asks every few seconds whether India's instance has the request's
// latest change, while it lacks it; it asks only that (GET /requests/{id}/delivery), not the
// whole request. The answer is the detail's own `partnerDelivery`, read by the same people.
const { net, us } = useUsIndiaPeered();
let requestId = '';
const delivery = async (user: string, id = requestId) => us.call(await us.login(user), 'GET', `/requests/${id}/delivery`);
const detail = async (user: string) => (await us.call(await us.login(user), 'GET', `/requests/${requestId}`)).body;

describe('GET /requests/{id}/delivery (issue #13)', () => {
  it("says what the request detail says of India's delivery: pending while India lacks the change, then delivered", async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Delivery polled' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    assert.equal((await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/comments`, { body: 'Seen.', visibility: 'shared' })).status, 201);
    net.down.add('IN');
    try {
      assert.match((await net.deliver('US', 'IN')).blocked ?? '', /IN unreachable/);
      const pending = await delivery('us.sosa');
      assert.equal(pending.status, 200, JSON.stringify(pending.body));
      assert.deepEqual(pending.body, { partnerDelivery: (await detail('us.sosa')).partnerDelivery });
      const [line] = pending.body.partnerDelivery;
      assert.deepEqual([line.peer, line.state, typeof line.pendingSince, typeof line.unreachableSince], ['IN', 'pending', 'string', 'string']);
    } finally {
      net.down.delete('IN');
    }
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    const delivered = await delivery('us.auditor');
    assert.deepEqual(delivered.body, { partnerDelivery: (await detail('us.auditor')).partnerDelivery });
    assert.deepEqual(delivered.body.partnerDelivery.map((d: { state: string }) => d.state), ['delivered']);
  });

  it("is read by whoever reads the request, 404 for anyone else; the link's state is this nation's officials' alone", async () => {
    // A US company not on the request, and an id that names no request, read nothing, as for the detail.
    for (const [user, id] of [['us.supplier', requestId], ['us.sosa', randomUUID()], ['us.sosa', 'not-an-id']] as const) {
      const res = await delivery(user, id);
      assert.equal(res.status, 404, `${user} ${id}: ${JSON.stringify(res.body)}`);
      assert.equal((await us.call(await us.login(user), 'GET', `/requests/${id}`)).status, 404);
    }
    // India's officer reads the request on the US instance, but not how the US link to India fares.
    const indian = await delivery('in.sosa');
    assert.equal(indian.status, 200, JSON.stringify(indian.body));
    assert.deepEqual(indian.body, { partnerDelivery: [] });
    assert.equal((await us.call(null, 'GET', `/requests/${requestId}/delivery`)).status, 401);
  });
});
