import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditActions } from '../../testing/audit-actions.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { addDirection, listDirections } from './arrangement-directions.js';

// Issue #13, a hub with several partners: the seed knows the US–India request paths only; an
// operator adds another partner's (`sosa arrangement add-direction`), which the desk then offers.
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());
const operator = { actor: 'cli', actorId: null, nation: 'US' };
const gbPath = { arrangementId: 'US-GB', fromNation: 'GB', toNation: 'US', workflowId: 'dpas' };

describe('the request paths of an arrangement (sosa arrangement add-direction)', () => {
  it('adds the UK’s path to the US once, audited for both nations; the same path again changes nothing', async () => {
    assert.equal((await listDirections(t.ctx.store.db)).some((d) => d.arrangementId === 'US-GB'), false, 'the seed has no UK path');
    assert.deepEqual(await addDirection(t.ctx.store.db, { ...gbPath, fromNation: 'gb' }, operator), { added: true, direction: gbPath });
    assert.deepEqual(await addDirection(t.ctx.store.db, gbPath, operator), { added: false, direction: gbPath });
    assert.deepEqual((await listDirections(t.ctx.store.db)).filter((d) => d.arrangementId === 'US-GB').map((d) => [d.fromNation, d.toNation, d.workflowId]), [['GB', 'US', 'dpas']]);
    assert.deepEqual(await auditActions(t, 'arrangement.direction'), ['arrangement.direction_add']);
    const event = await t.ctx.store.db.selectFrom('audit_events').select(['actor', 'parties', 'data']).where('action', '=', 'arrangement.direction_add').executeTakeFirstOrThrow();
    assert.deepEqual([event.actor, event.parties, event.data], ['cli', ['GB', 'US'], { fromNation: 'GB', toNation: 'US', workflowId: 'dpas' }]);
  });

  it('refuses a nation outside the arrangement, a path to itself, an unknown arrangement or workflow (each named), and another path from the same nation (409)', async () => {
    const refused = async (input: Partial<typeof gbPath>) => {
      const error = await addDirection(t.ctx.store.db, { ...gbPath, ...input }, operator).then(() => null, (e: { code?: string; errors?: Array<{ field: string }> }) => e);
      assert.ok(error, `accepted ${JSON.stringify(input)}`);
      return error.code === 'VALIDATION_FAILED' ? error.errors!.map((e) => e.field) : error.code;
    };
    assert.deepEqual(await refused({ fromNation: 'IN' }), ['fromNation']);
    assert.deepEqual(await refused({ fromNation: 'US', toNation: 'US' }), ['toNation']);
    assert.deepEqual(await refused({ arrangementId: 'US-FR' }), ['arrangementId']);
    assert.deepEqual(await refused({ fromNation: 'US', toNation: 'GB', workflowId: 'no_such_workflow' }), ['workflowId']);
    assert.equal(await refused({ workflowId: 'code_of_conduct' }), 'CONFLICT');
    assert.deepEqual(await auditActions(t, 'arrangement.direction'), ['arrangement.direction_add'], 'nothing refused is audited as added');
  });

  it('the US desk reads the path with the US-GB arrangement (GET /reference), as the request form offers it', async () => {
    const res = await t.call(await t.login('us.sosa'), 'GET', '/reference');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const gb = (res.body.arrangements as Array<{ id: string; directions: unknown[] }>).find((a) => a.id === 'US-GB');
    assert.deepEqual(gb?.directions, [{ fromNation: 'GB', toNation: 'US', workflowId: 'dpas' }]);
  });
});
