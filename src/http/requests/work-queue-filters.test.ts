// The work queue's statement is built and compiled once per shape of its filters, its values
// bound per call (store/requests.repository.ts, issue #14). A shape that named too little would
// answer one caller's filter with the SQL compiled for another's. Over the demo month (requests
// in every state, both directions, all urgencies), each filter, asked in turn for officials and
// companies of both nations in one process, answers exactly those requests of the caller's
// unfiltered queue that match it, in the queue's order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiAnswer } from '../../contract/api-schema.js';
import { URGENCIES } from '../../domain/workflows/workflow-definition.js';
import { seedDemoLife } from '../../services/reference/demo-life/index.js';
import { seedDemoOrderBook } from '../../services/reference/seed-demo-orders.js';
import { seedPartnershipDemoData } from '../../services/reference/seed-partnership-demo.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

// The list's answer as the contract declares it.
type QueuePage = ApiAnswer<'getRequests'>;
type QueueItem = QueuePage['items'][number];

const CALLERS = [
  { username: 'us.sosa', nation: 'US', official: true },
  { username: 'in.sosa', nation: 'IN', official: true },
  { username: 'us.supplier', nation: 'US', official: false },
  { username: 'in.supplier', nation: 'IN', official: false },
] as const;

describe('the work queue answers each filter with its own requests (#14, statements compiled once per shape)', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const unfiltered = new Map<string, QueueItem[]>();

  const queue = async (username: string, filter: string): Promise<QueuePage> => {
    const res = await t.call(tokens.get(username)!, 'GET', `/requests?queue=mine&limit=200${filter ? `&${filter}` : ''}`);
    assert.equal(res.status, 200, `${username} ${filter}: ${JSON.stringify(res.body)}`);
    return res.body as QueuePage;
  };

  before(async () => {
    t = await createTestApp({ now: '2026-11-23T14:00:00Z' });
    await seedDemoOrderBook(t.ctx.store.db, t.ctx.now());
    await seedPartnershipDemoData(t.ctx.store.db, t.ctx.now());
    assert.equal((await seedDemoLife(t.ctx)).seeded, true);
    for (const c of CALLERS) {
      tokens.set(c.username, await t.login(c.username));
      const page = await queue(c.username, '');
      assert.ok(page.total <= 200, 'the whole queue fits one page, so every filter can be checked against it');
      unfiltered.set(c.username, page.items);
    }
    for (const [username, items] of unfiltered) assert.ok(items.length >= 2, `${username} has work in the demo month`);
  });
  after(() => t.close());

  /** Asks every caller in turn (so each compiled shape is reused with another caller's values). */
  async function eachCaller(filter: string, expected: (item: QueueItem, caller: (typeof CALLERS)[number]) => boolean, callers: readonly (typeof CALLERS)[number][] = CALLERS) {
    for (const c of callers) {
      const page = await queue(c.username, filter);
      const want = unfiltered.get(c.username)!.filter((i) => expected(i, c));
      assert.deepEqual(page.items.map((i) => i.reference), want.map((i) => i.reference), `${c.username}, ${filter}`);
      assert.equal(page.total, want.length, `${c.username}, ${filter}: the total`);
    }
  }

  it('urgency', async () => {
    for (const urgency of URGENCIES) await eachCaller(`urgency=${urgency}`, (i) => i.urgency === urgency);
  });

  it('state, for every state some queue holds, and a state no request is in', async () => {
    const states = new Set([...unfiltered.values()].flat().map((i) => i.state));
    assert.ok(states.size >= 3, `the demo month's queues hold requests in several states (${[...states]})`);
    for (const state of [...states, 'withdrawn']) await eachCaller(`state=${state}`, (i) => i.state === state);
  });

  it("direction, as the official's nation sees it", async () => {
    const officials = CALLERS.filter((c) => c.official);
    await eachCaller('direction=incoming', (i, c) => i.toNation === c.nation, officials);
    await eachCaller('direction=outgoing', (i, c) => i.fromNation === c.nation, officials);
  });

  it('overdue', async () => {
    await eachCaller('overdue=true', (i) => i.nextDeadline?.overdue === true);
  });

  it('search, alone and with urgency and state', async () => {
    const sample = unfiltered.get('us.sosa')![0]!;
    const word = sample.title.split(/\s+/).find((w) => w.length >= 5)!;
    const matches = (i: QueueItem) => i.title.toLowerCase().includes(word.toLowerCase()) || i.reference.toLowerCase().includes(word.toLowerCase());
    await eachCaller(`q=${encodeURIComponent(word)}`, matches);
    await eachCaller(`q=${encodeURIComponent(word)}&urgency=${sample.urgency}`, (i) => matches(i) && i.urgency === sample.urgency);
    await eachCaller(`q=${encodeURIComponent(word)}&state=${sample.state}&urgency=${sample.urgency}`, (i) => matches(i) && i.state === sample.state && i.urgency === sample.urgency);
  });
});
