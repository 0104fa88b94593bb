import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { useTestApp } from '../../testing/use-test-app.js';

// Posture per arrangement (issue #15): an arrangement whose posture changed many times answers
// with its latest changes only, on the PUT that sets it and on the list, so neither answer grows
// with the years of changes behind it.
describe('posture answers are bounded (issue #15)', () => {
  const t = useTestApp();
  const OLD_CHANGES = 130;

  before(async () => {
    // Years of alternating changes of US-IN, older than the test's clock, set by the US officer.
    const officer = await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', 'us.sosa').executeTakeFirstOrThrow();
    const start = t.ctx.now().getTime() - OLD_CHANGES * 86_400_000;
    await t.ctx.store.db
      .insertInto('arrangement_postures')
      .values(Array.from({ length: OLD_CHANGES }, (_, i) => ({ id: randomUUID(), arrangement_id: 'US-IN', posture: i % 2 === 0 ? ('emergency' as const) : ('peacetime' as const), note: `change ${i}`, set_by: officer.id, set_by_nation: 'US', set_at: new Date(start + i * 86_400_000) })))
      .execute();
  });

  it('PUT /postures/{id} answers the arrangement just set with its latest 50 changes, the new one first, and the count of all', async () => {
    const res = await t.call(await t.login('us.sosa'), 'PUT', '/postures/US-IN', { posture: 'armed_conflict', note: 'Bounded answer' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.arrangementId, 'US-IN');
    assert.equal(res.body.posture, 'armed_conflict');
    assert.equal(res.body.history.length, 50, 'the latest 50 changes, not every one');
    assert.equal(res.body.historyTotal, OLD_CHANGES + 1, 'how many there are in all');
    assert.equal(res.body.history[0].note, 'Bounded answer');
    assert.equal(res.body.history[49].note, `change ${OLD_CHANGES - 49}`, 'the newest ones, in order');
  });

  it('GET /postures lists each arrangement with its latest 50 changes at most, however many the others have', async () => {
    const res = await t.call(await t.login('us.sosa'), 'GET', '/postures');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const usIn = res.body.items.find((a: { arrangementId: string }) => a.arrangementId === 'US-IN');
    assert.equal(usIn.history.length, 50);
    assert.equal(usIn.historyTotal, OLD_CHANGES + 1);
    for (const a of res.body.items) assert.ok(a.history.length <= 50, `${a.arrangementId}: ${a.history.length} changes`);
  });
});
