import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { hashPassword } from '../auth/passwords.js';
import { TEST_PASSWORD } from '../../testing/test-app.js';
import { saveWorkflowDefinition } from './workflow-registry.js';
import { useTestApp } from '../../testing/use-test-app.js';

// A UK path written as configuration only: the JSON a ministry's admin would load. No code change.
const UK_WORKFLOW_JSON = `{
  "id": "uk_defence_supplier",
  "name": "UK defence supplier support (to the United Kingdom)",
  "initial": "submitted",
  "states": [
    { "id": "submitted", "label": "Submitted", "waitingOn": "supplying" },
    { "id": "mod_tasking", "label": "MOD tasking a supplier", "waitingOn": "supplying" },
    { "id": "in_performance", "label": "In performance", "waitingOn": "supplying" },
    { "id": "closed", "label": "Closed", "terminal": true },
    { "id": "withdrawn", "label": "Withdrawn", "terminal": true }
  ],
  "transitions": [
    { "action": "accept_tasking", "label": "Accept for tasking", "from": ["submitted"], "to": "mod_tasking", "side": "supplying", "roles": ["sosa_officer"] },
    { "action": "confirm_supplier", "label": "Confirm supplier", "from": ["mod_tasking"], "to": "in_performance", "side": "supplying", "roles": ["sosa_officer"],
      "fields": [{ "name": "supplier_name", "label": "Supplier", "type": "text", "required": true }] },
    { "action": "close", "label": "Close", "from": ["in_performance"], "to": "closed", "side": "requesting", "roles": ["sosa_officer"] },
    { "action": "withdraw", "label": "Withdraw", "from": ["submitted", "mod_tasking"], "to": "withdrawn", "side": "requesting", "roles": ["sosa_officer"],
      "fields": [{ "name": "reason", "label": "Reason", "type": "text", "required": true }] }
  ],
  "deadlines": [
    { "kind": "tasking", "label": "MOD tasking", "state": "mod_tasking", "decidingSide": "supplying",
      "due": { "basis": "working_days", "days": { "routine": 5, "emergency": 2, "armed_conflict": 1 } }, "escalateTo": "sosa_officer" }
  ]
}`;

describe('a third arrangement (US–UK) added as configuration only', () => {
  const t = useTestApp({ now: '2026-12-21T10:00:00Z' });
  before(async () => {
    const db = t.ctx.store.db;
    await saveWorkflowDefinition(db, JSON.parse(UK_WORKFLOW_JSON));
    await db.insertInto('arrangement_directions').values([
      { arrangement_id: 'US-GB', from_nation: 'US', to_nation: 'GB', workflow_id: 'uk_defence_supplier' },
      { arrangement_id: 'US-GB', from_nation: 'GB', to_nation: 'US', workflow_id: 'dpas' },
    ]).execute();
    const org = randomUUID();
    await db.insertInto('organisations').values({ id: org, nation: 'GB', kind: 'ministry', name: 'MOD Defence Equipment & Support', short_name: 'DE&S', code_of_conduct_since: null }).execute();
    await db.insertInto('programs').values({ id: 'GB-TYPE26', nation: 'GB', name: 'Type 26 frigate', description: '', dpas_program_symbol: 'A3' }).execute();
    await db.insertInto('users').values({ id: randomUUID(), username: 'gb.sosa', display_name: 'UK SOSA officer', password_hash: await hashPassword(TEST_PASSWORD), nation: 'GB', organisation_id: org, roles: ['sosa_officer'] }).execute();
  });

  it('runs a US request to the UK through the configured path, with UK working days', async () => {
    const us = await t.login('us.sosa');
    const gb = await t.login('gb.sosa');
    const created = await t.call(us, 'POST', '/requests', {
      toNation: 'GB', title: '155 mm shell bodies', programId: 'US-155MM', justification: 'Surge', urgency: 'routine', classification: 'UNCLASSIFIED', requiredBy: '2027-06-30',
      items: [{ partNumber: 'M795-BODY', description: 'Shell body', quantity: 2000, unit: 'EA', requiredDeliveryDate: '2027-06-30' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.workflowId, 'uk_defence_supplier');
    const id = created.body.id;
    const tasked = await t.call(gb, 'POST', `/requests/${id}/transitions`, { action: 'accept_tasking' });
    assert.equal(tasked.status, 200, JSON.stringify(tasked.body));
    const tasking = tasked.body.deadlines.find((d: { kind: string }) => d.kind === 'tasking');
    // 5 UK working days after Mon 2026-12-21: 22, 23, 24, (25 Christmas, 28 Boxing Day observed), 29, 30 → Wed 2026-12-30.
    assert.equal(tasking.basis.dueDate, '2026-12-30');
    assert.equal(tasking.nation, 'GB');
    const missing = await t.call(gb, 'POST', `/requests/${id}/transitions`, { action: 'confirm_supplier' });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.errors[0].field, 'supplier_name');
    await t.call(gb, 'POST', `/requests/${id}/transitions`, { action: 'confirm_supplier', supplier_name: 'Sheffield Forgemasters' });
    // The configured path tells the next person too: the UK office on submission, the US when it may close.
    const told = async (token: string) => (await t.call(token, 'GET', '/notifications')).body.items.filter((n: { link: string }) => n.link === `/requests/${id}`).map((n: { title: string }) => n.title);
    assert.deepEqual(await told(gb), [`${created.body.reference} waits on you: Accept for tasking`]);
    assert.deepEqual(await told(us), [`${created.body.reference} waits on you: Close`]);
    const closed = await t.call(us, 'POST', `/requests/${id}/transitions`, { action: 'close' });
    assert.equal(closed.body.state, 'closed');
  });

  it('keeps Indian users out of a US–UK request (404)', async () => {
    const us = await t.login('us.sosa');
    const created = await t.call(us, 'POST', '/requests', {
      toNation: 'GB', title: 'x', programId: 'US-155MM', justification: 'x', urgency: 'emergency', classification: 'UNCLASSIFIED', requiredBy: '2027-06-30',
      items: [{ partNumber: 'P', description: 'x', quantity: 1, unit: 'EA', requiredDeliveryDate: '2027-06-30' }],
    });
    const seen = await t.call(await t.login('in.sosa'), 'GET', `/requests/${created.body.id}`);
    assert.equal(seen.status, 404);
  });
});
