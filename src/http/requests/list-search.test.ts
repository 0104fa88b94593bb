// The request list's search box (`?q=`): a fragment anywhere in the title or the reference, any
// case, with the whole count; `%` and `_` are letters, not patterns. Since migration 0033 trigram
// indexes answer it (issue #14; requests-at-scale.test.ts checks the plan at 100,000 requests), so
// this guards that the index changed nothing a user sees, on both stores.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { F414_BLADES } from '../../testing/fixtures.js';
import { useTestApp } from '../../testing/use-test-app.js';

describe('request list: search (?q=)', () => {
  const t = useTestApp();
  let token: string;
  const titles = ['Afterburner liners for the Tejas line', 'Turbine blades, second lot', 'Blade coating 100% inspection', 'Seal_kit for the gearbox'];
  const made = new Map<string, { id: string; reference: string }>();
  before(async () => {
    token = await t.login('in.sosa');
    for (const title of titles) {
      const res = await t.call(token, 'POST', '/requests', { ...F414_BLADES, title });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      made.set(title, { id: res.body.id, reference: res.body.reference });
    }
  });

  async function search(q: string): Promise<{ titles: string[]; total: number }> {
    const res = await t.call(token, 'GET', `/requests?limit=200&q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return { titles: res.body.items.map((r: { title: string }) => r.title).sort(), total: res.body.total };
  }

  it('finds a word inside a title in any case, with the count of what it found', async () => {
    assert.deepEqual(await search('BLADE'), { titles: ['Blade coating 100% inspection', 'Turbine blades, second lot'], total: 2 });
    assert.deepEqual(await search('tejas'), { titles: ['Afterburner liners for the Tejas line'], total: 1 });
  });

  it('finds a request by a fragment of its reference', async () => {
    const { reference } = made.get('Turbine blades, second lot')!;
    const tail = reference.slice(-4);
    const found = await search(tail.toLowerCase());
    assert.ok(found.titles.includes('Turbine blades, second lot'), `${tail} finds ${reference}: ${JSON.stringify(found)}`);
  });

  it('reads % and _ as the letters typed, and a fragment of one or two letters still finds', async () => {
    assert.deepEqual(await search('100%'), { titles: ['Blade coating 100% inspection'], total: 1 });
    assert.deepEqual(await search('Turbine_blades'), { titles: [], total: 0 }, '_ is not "any letter"');
    assert.deepEqual(await search('_kit'), { titles: ['Seal_kit for the gearbox'], total: 1 });
    assert.ok((await search('ne')).total >= 2, 'two letters (shorter than a trigram) still match');
  });
});
