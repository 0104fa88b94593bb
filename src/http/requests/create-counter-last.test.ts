import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { F414_BLADES } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { TEST_STORE } from '../../testing/test-store.js';

// Issue #14: the reference series' counter row stays locked from its increment to the commit, and
// every create of the series (one nation to another, one year) queues for it. A create writes the
// request, its lines, its first event and its deadlines with its number in one statement, so the
// queue waits only for that statement and the few after it (the audit event, the notifications);
// and the request row is written once: no UPDATE for its number or its next deadline.
describe('creating a request takes its reference number with its rows, in one statement', () => {
  it('the counter is incremented by the statement that writes the request, its lines, event and deadlines; the request row is not updated; the reference is the series number', { skip: TEST_STORE !== 'postgres' && 'reads the statements at the pg driver (PostgreSQL)' }, async () => {
    const t = await createTestApp();
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    try {
      const inSosa = await t.login('in.sosa');
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const first = args[0] as string | { text?: string };
        sent.push(typeof first === 'string' ? first : (first?.text ?? ''));
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      const created = await t.call(inSosa, 'POST', '/requests', F414_BLADES);
      pg.Client.prototype.query = original;
      assert.equal(created.status, 201);
      assert.match(created.body.reference, /^SOSA-IN-US-\d{4}-\d{5}$/);
      const at = (pattern: RegExp) => sent.findIndex((s) => pattern.test(s));
      const counter = at(/reference_counters/);
      assert.ok(counter > 0, 'the counter was incremented');
      for (const table of ['requests', 'request_items', 'request_events', 'deadlines']) {
        assert.match(sent[counter]!, new RegExp(`insert into ${table} \\(`), `the counter's statement writes ${table}`);
        assert.equal(at(new RegExp(`^insert into "${table}"`)), -1, `no statement of its own for ${table}`);
      }
      assert.ok(sent.slice(0, counter).every((s) => !/^\s*(insert|update|delete)/i.test(s)), `nothing written before the counter: ${sent.slice(0, counter).join(' | ')}`);
      assert.equal(at(/^update "requests"/), -1, 'the request row is written once');
      const commit = at(/^commit/i);
      assert.ok(commit - counter <= 7, `${commit - counter - 1} statements between the counter and the commit`);
      const row = await t.ctx.store.db.selectFrom('requests').select(['reference', 'next_due_at']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
      assert.equal(row.reference, created.body.reference);
      const due = await t.ctx.store.db.selectFrom('deadlines').select((eb) => eb.fn.min('due_at').as('due')).where('request_id', '=', created.body.id).where('stopped_at', 'is', null).executeTakeFirstOrThrow();
      assert.equal(new Date(row.next_due_at as unknown as Date).getTime(), new Date(due.due as unknown as Date).getTime(), 'next_due_at is the earliest running deadline');
    } finally {
      pg.Client.prototype.query = original;
      await t.close();
    }
  });
});
