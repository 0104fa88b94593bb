// A request's reference is gapless in its series (issue #10 item 9; store/reference-counters.ts):
// SOSA-<from>-<to>-<year>-<number>, consecutive, also when officers submit at the same moment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestBody } from '../../testing/request-builders.js';
import { useTestApp } from '../../testing/use-test-app.js';

const suffix = (reference: string) => Number(/(\d+)$/.exec(reference)![1]);

describe('request references: one gapless series per direction and year (#10.9)', () => {
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' });

  it('numbers follow each other, a refused request takes none, and simultaneous submissions get distinct consecutive numbers', async () => {
    const india = await t.login('in.sosa');
    const submit = (over: Record<string, unknown> = {}) => t.call(india, 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', over));
    const first = await submit();
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.match(first.body.reference, /^SOSA-IN-US-2026-\d{5}$/);
    assert.equal((await submit({ requiredBy: '9999-12-31' })).status, 422);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => submit({ title: `Simultaneous ${i}` })));
    assert.ok(results.every((r) => r.status === 201), JSON.stringify(results.map((r) => r.status)));
    const numbers = results.map((r) => suffix(r.body.reference)).sort((a, b) => a - b);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6].map((k) => suffix(first.body.reference) + k), 'no number lost, none twice');
  });

  it('the other direction keeps its own series', async () => {
    const us = await t.call(await t.login('us.sosa'), 'POST', '/requests', requestBody('IN', 'US-155MM', {}));
    if (us.status !== 201) assert.fail(`US request refused: ${JSON.stringify(us.body)}`);
    assert.match(us.body.reference, /^SOSA-US-IN-2026-00001$/);
  });
});
