import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { F414_BLADES } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { TEST_STORE } from '../../testing/test-store.js';

// Issue #14: the reference series' counter row stays locked from its increment to the commit, and
// every create of the series (one nation to another, one year) queues for it. A create takes its
// number after the request's rows are written, so the queue waits only for the last statements.
describe('creating a request takes its reference number last', () => {
  it('the counter is incremented after the request, its lines, event and deadlines are written, and the reference is the series number', { skip: TEST_STORE !== 'postgres' && 'reads the statements at the pg driver (PostgreSQL)' }, async () => {
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
        const written = at(new RegExp(`^insert into "${table}"`));
        assert.ok(written >= 0 && written < counter, `insert into ${table} (statement ${written}) before the counter (statement ${counter})`);
      }
    } finally {
      pg.Client.prototype.query = original;
      await t.close();
    }
  });
});
