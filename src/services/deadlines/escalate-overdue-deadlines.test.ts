import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyAuditLog } from '../../store/audit.repository.js';
import { F414_BLADES } from '../../testing/fixtures.js';
import { TEST_STORE } from '../../testing/test-store.js';
import { withTwoServers } from '../../testing/two-servers.js';
import { escalateOverdueDeadlines } from './escalate-overdue-deadlines.js';
import { useTestApp } from '../../testing/use-test-app.js';

describe('overdue deadlines are escalated exactly once', () => {
  // Friday 2026-11-20, 10:00 in Washington: the acknowledgement clock gives 2 US working days.
  const t = useTestApp({ now: '2026-11-20T15:00:00Z' });

  it('marks the deadline overdue after its last working day, escalates once, and not again on a re-run', async () => {
    const id = (await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES)).body.id;
    const before = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    const ack = before.body.deadlines.find((d: { kind: string }) => d.kind === 'acknowledgement');
    assert.equal(ack.basis.dueDate, '2026-11-24'); // Mon 23, Tue 24
    t.clock.set('2026-11-25T04:59:00Z'); // 23:59 on Tue 24 in New York: not yet
    assert.equal(await escalateOverdueDeadlines(t.ctx), 0);
    t.clock.set('2026-11-25T05:00:01Z');
    assert.equal(await escalateOverdueDeadlines(t.ctx), 1);
    assert.equal(await escalateOverdueDeadlines(t.ctx), 0, 'a second run (a restart) escalates nothing again');
    const after = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    const overdue = after.body.deadlines.find((d: { kind: string }) => d.kind === 'acknowledgement');
    assert.ok(overdue.overdueAt);
    assert.equal(overdue.escalated, true);
    assert.equal(after.body.nextDeadline.overdue, true);
    const list = await t.call(await t.login('us.sosa'), 'GET', '/requests?overdue=true');
    assert.deepEqual(list.body.items.map((r: { id: string }) => r.id), [id]);
    const rows = await t.ctx.store.db.selectFrom('audit_events').select('action').where('action', '=', 'deadline.escalate').execute();
    assert.equal(rows.length, 1);
  });

  it('does not escalate a deadline that was met (stopped) before it passed', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    const id = (await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES)).body.id;
    await t.call(await t.login('us.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'acknowledge' });
    t.clock.set('2026-11-25T06:00:00Z');
    await escalateOverdueDeadlines(t.ctx);
    const view = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    const ack = view.body.deadlines.find((d: { kind: string }) => d.kind === 'acknowledgement');
    assert.equal(ack.stoppedBy, 'acknowledge');
    assert.equal(ack.escalated, false);
  });
});

describe('two server processes on one PostgreSQL never double-escalate', { skip: TEST_STORE !== 'postgres' && 'needs PostgreSQL: an embedded data folder is opened by one process only' }, () => {
  it('races two schedulers with their own connection pools over 40 overdue deadlines: 40 escalations in all', async () => {
    let clock = new Date('2026-11-20T15:00:00Z');
    await withTwoServers(() => clock, async ({ a, b, store, actorOf }) => {
      const { createRequest } = await import('../requests/create-request.js');
      const actor = await actorOf('in.sosa');
      for (let i = 0; i < 40; i++) await createRequest(a, actor, { ...F414_BLADES, urgency: 'routine', classification: 'UNCLASSIFIED' } as never);
      clock = new Date('2026-12-01T00:00:00Z');
      const runs = await Promise.all([0, 1, 2, 3].map((i) => escalateOverdueDeadlines(i % 2 ? a : b)));
      assert.equal(runs.reduce((x, y) => x + y, 0), 40);
      const { n } = await store.db.selectFrom('escalations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(n), 40);
      assert.ok((await verifyAuditLog(store.db)).ok);
    });
  });
});
