import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedDemoOrderBook } from './seed-demo-orders.js';
import { useTestApp } from '../../testing/use-test-app.js';

describe('the demo order book (us.supplier2)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('shows every desk status once, with a clock on the pending rated orders; seeding again adds nothing', async () => {
    assert.equal(await seedDemoOrderBook(t.ctx.store.db, t.clock.now()), 5);
    assert.equal(await seedDemoOrderBook(t.ctx.store.db, t.clock.now()), 0);
    const list = await t.call(await t.login('us.supplier2'), 'GET', '/rated-orders');
    const by = Object.fromEntries(list.body.items.map((o: { orderNumber: string }) => [o.orderNumber, o]));
    assert.deepEqual(
      Object.fromEntries(Object.entries(by).map(([n, o]: [string, any]) => [n, o.status])),
      { 'OH-24017': 'accepted', 'OH-24031': 'awaiting_decision', 'OH-24035': 'awaiting_decision', 'OH-24038': 'not_yet_rated', 'OH-U-5520': 'accepted' },
    );
    assert.equal(by['OH-24035'].acceptance.urgent, true, 'the DX order received 16 days ago is nearly due');
    assert.equal(by['OH-24031'].acceptance.urgent, false);
    assert.ok(by['OH-U-5520'].daysLate > 0, 'the unrated order is late in the schedule');
    assert.deepEqual((await t.call(await t.login('us.supplier'), 'GET', '/rated-orders')).body.items, []);
  });
});
