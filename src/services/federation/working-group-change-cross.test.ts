import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { MESSAGE_KINDS, WORKING_GROUP_OBJECT, workingGroupChangeBodySchema, type WorkingGroupChangeBody } from '../../domain/federation/bodies.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { userId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';

// Issue #13: a working group is held by its creator's nation's instance (working-groups-threads-
// cross.test.ts). On a shared instance the SOSA officers of both nations change it; on sovereign
// instances the other nation's officer makes the change on its own desk, where the group is a copy:
// it goes to the holder as `working_group.change`, the holder applies it through the use case its
// own officers' changes take (or refuses it, audited, nothing applied) and sends the group back as
// `working_group.set`, answering the change, which replaces the copy. One pair of instances serves
// the file; each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
let groupId = '';
let meetingId = '';
let menon = '';

const read = async (t: TestApp, user: string, path: string) => {
  const res = await t.call(await t.login(user), 'GET', path);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
const group = (t: TestApp, user = t === us ? 'us.sosa' : 'in.sosa') => read(t, user, `/working-groups/${groupId}`);
/** The joint record, without what belongs to one instance: local accounts, what the reader may do, who holds it, what was sent. */
const record = (g: Record<string, any>) => ({ ...g, canEdit: undefined, heldBy: undefined, changesSent: undefined, youAreMember: undefined, members: g.members.map((m: Record<string, unknown>) => ({ ...m, userId: undefined, external: undefined })) });
const version = async (t: TestApp) => (await t.ctx.store.db.selectFrom('working_groups').select('version').where('id', '=', groupId).executeTakeFirstOrThrow()).version;
const outbox = (t: TestApp, kind: string) => t.ctx.store.db.selectFrom('federation_outbox').select(['id', 'jws', 'message_hash', 'answers_hash']).where('kind', '=', kind).orderBy('seq').execute();
const payload = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as { body: Record<string, unknown> };
/** The audit events of an action on the instance, newest last. */
const audited = async (t: TestApp, action: string) => {
  await sequencePendingAudit(t.ctx.store.db);
  return t.ctx.store.db.selectFrom('audit_events').select(['actor', 'actor_id', 'nation', 'data']).where('action', '=', action).orderBy('seq').execute();
};
const refusalsOn = async (t: TestApp, from: string) =>
  (await t.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', from).where('outcome', '=', 'refused').orderBy('seq').execute()).map((r) => r.refusal_reason);

describe("the other nation's changes to a working group, taken on its own desk (issue #13)", () => {
  it('the US creates a group with a meeting; India holds its copy', async () => {
    const officer = await us.login('us.sosa');
    const res = await us.call(officer, 'POST', '/working-groups', {
      arrangementId: 'US-IN',
      name: 'Jet engine co-production (F414) working group',
      members: [{ userId: await userId(us, 'us.sosa'), chair: true }, { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL Engine Division', chair: true }],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    groupId = res.body.id;
    menon = res.body.members.find((m: { name: string }) => m.name === 'Dr. S. Menon').id;
    const meeting = await us.call(officer, 'POST', `/working-groups/${groupId}/meetings`, { title: 'Kick-off', startsAt: '2027-01-12T10:00:00+05:30', timeZone: 'Asia/Kolkata' });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    meetingId = meeting.body.id;
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const copy = await group(india);
    assert.deepEqual([copy.heldBy, copy.canEdit, copy.meetings.length], ['US', true, 1]);
  });

  it("India's officer adds members, records minutes and attendance, adds an action item and schedules a meeting on its copy: each is sent (202), shown as not yet applied, and carries no account of India's", async () => {
    const officer = await india.login('in.sosa');
    const before = await group(india);
    const inSosa = await userId(india, 'in.sosa');
    const sent = [
      await india.call(officer, 'POST', `/working-groups/${groupId}/members`, { members: [{ userId: inSosa }, { name: 'Cdr. R. Iyer', nation: 'IN', organisation: 'Naval HQ', email: 'r.iyer@example.in' }] }),
      await india.call(officer, 'PATCH', `/working-groups/${groupId}/meetings/${meetingId}`, { minutes: 'Castings: 14 weeks.', attendance: [{ memberId: menon, present: true }] }),
      await india.call(officer, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Forging capacity plan', ownerMemberId: menon, meetingId, dueInWorkingDays: 5 }),
      await india.call(officer, 'POST', `/working-groups/${groupId}/meetings`, { title: 'Blades review', startsAt: '2027-02-02T10:00:00+05:30', timeZone: 'Asia/Kolkata', location: 'Bengaluru' }),
    ];
    assert.deepEqual(sent.map((r) => r.status), [202, 202, 202, 202], JSON.stringify(sent.map((r) => r.body)));
    const copy = sent.at(-1)!.body;
    assert.deepEqual(record(copy), record(before), 'nothing is applied on the copy: the holder applies it');
    assert.deepEqual(
      copy.changesSent.map((c: Record<string, unknown>) => [c.change, c.delivery, c.sentBy]),
      ['add_members', 'update_meeting', 'create_action_item', 'create_meeting'].map((k) => [k, 'pending', 'Col. Priya Raghavan']),
    );
    assert.match(copy.changesSent[0].summary, /Iyer \(IN\)/);
    // Each crosses as the strict schema has it, naming India's official, never an account of India's instance.
    const bodies = (await outbox(india, MESSAGE_KINDS.workingGroupChange)).map((r) => payload(r.jws).body);
    assert.equal(bodies.length, 4);
    for (const b of bodies) workingGroupChangeBodySchema.parse(b);
    assert.equal(JSON.stringify(bodies).includes(inSosa), false, 'no user id of the sending instance');
    assert.equal(JSON.stringify(bodies).includes('userId'), false);
    assert.deepEqual((bodies[0] as WorkingGroupChangeBody).actor.nation, 'IN');
    assert.equal((await auditActions(india, 'working_group.change_sent_to_peer')).length, 4);
  });

  it('the US applies each through the same use cases (audited naming India’s official), counts up the version and answers; the copy converges and shows nothing pending', async () => {
    const from = await version(us);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 4, blocked: null });
    assert.equal(await version(us), from + 4);
    const held = await group(us);
    // India's officer, added as a user of India's instance, is a named member here (no account of the US's).
    assert.deepEqual(held.members.filter((m: { nation: string }) => m.nation === 'IN').map((m: { name: string; external: boolean }) => [m.name, m.external]).sort(), [['Cdr. R. Iyer', true], ['Col. Priya Raghavan', true], ['Dr. S. Menon', true]]);
    const kickOff = held.meetings.find((m: { id: string }) => m.id === meetingId);
    assert.deepEqual([kickOff.minutes, kickOff.attendance.map((a: { memberId: string; present: boolean }) => [a.memberId, a.present])], ['Castings: 14 weeks.', [[menon, true]]]);
    assert.deepEqual(held.actionItems.map((i: { title: string; ownerNation: string }) => [i.title, i.ownerNation]), [['Forging capacity plan', 'IN']]);
    assert.equal(held.meetings.some((m: { title: string; location: string }) => m.title === 'Blades review' && m.location === 'Bengaluru'), true);
    // The audit names India's official as a nation and a name, not an account of the US instance.
    const [created] = await audited(us, 'action_item.create');
    assert.deepEqual([created!.actor, created!.actor_id, created!.nation], ['federation', null, 'US']);
    assert.deepEqual([(created!.data as Record<string, unknown>).byNation, (created!.data as Record<string, unknown>).by], ['IN', 'Col. Priya Raghavan']);
    // India's copy: taken in by the US, its answers not yet delivered.
    assert.deepEqual((await group(india)).changesSent.map((c: { delivery: string }) => c.delivery), ['delivered', 'delivered', 'delivered', 'delivered']);
    // Each answer names the change it applied.
    const changes = await outbox(india, MESSAGE_KINDS.workingGroupChange);
    const answers = (await outbox(us, MESSAGE_KINDS.workingGroupSet)).slice(-4).map((r) => r.answers_hash);
    assert.deepEqual(answers, changes.map((c) => c.message_hash));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 4, blocked: null });
    const copy = await group(india);
    assert.deepEqual(record(copy), record(await group(us)));
    assert.deepEqual(copy.changesSent, []);
  });

  it("India sets its member's action item done on its desk; the same status again sends nothing (200)", async () => {
    const officer = await india.login('in.sosa');
    const item = (await group(india)).actionItems[0];
    const res = await india.call(officer, 'PATCH', `/working-groups/${groupId}/action-items/${item.id}`, { status: 'done' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.actionItems[0].status, 'open');
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await group(india);
    assert.deepEqual([copy.actionItems[0].status, copy.changesSent.length], ['done', 0]);
    assert.deepEqual(record(copy), record(await group(us)));
    const queued = (await outbox(india, MESSAGE_KINDS.workingGroupChange)).length;
    const again = await india.call(officer, 'PATCH', `/working-groups/${groupId}/action-items/${item.id}`, { status: 'done' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal((await outbox(india, MESSAGE_KINDS.workingGroupChange)).length, queued);
  });

  it('on the copy, a user who may not change the group is refused (403), a meeting or item it does not have is 404, a bad field 422; nothing is sent', async () => {
    const queued = (await outbox(india, MESSAGE_KINDS.workingGroupChange)).length;
    const auditor = await india.login('in.auditor');
    const item = (await group(india)).actionItems[0];
    assert.equal((await india.call(auditor, 'PATCH', `/working-groups/${groupId}/action-items/${item.id}`, { status: 'open' })).status, 403);
    assert.equal((await india.call(auditor, 'PATCH', `/working-groups/${groupId}/meetings/${meetingId}`, { minutes: 'x' })).status, 403);
    assert.equal((await india.call(auditor, 'POST', `/working-groups/${groupId}/members`, { members: [{ name: 'X', nation: 'IN' }] })).status, 403);
    assert.equal((await group(india, 'in.auditor')).canEdit, false);
    const officer = await india.login('in.sosa');
    assert.equal((await india.call(officer, 'PATCH', `/working-groups/${groupId}/meetings/${randomUUID()}`, { minutes: 'x' })).status, 404);
    const noOwner = await india.call(officer, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Nobody', ownerMemberId: randomUUID(), dueDate: '2027-03-01' });
    assert.equal(noOwner.status, 422, JSON.stringify(noOwner.body));
    assert.equal((await india.call(officer, 'POST', `/working-groups/${groupId}/members`, { members: [{ name: 'Someone', nation: 'GB' }] })).status, 422);
    // India's officer is a member already (a named one: no account crosses), as on a shared instance.
    assert.equal((await india.call(officer, 'POST', `/working-groups/${groupId}/members`, { members: [{ userId: await userId(india, 'in.sosa') }] })).status, 409);
    assert.equal((await outbox(india, MESSAGE_KINDS.workingGroupChange)).length, queued);
  });

  it('a change the US can no longer apply is refused: the copy shows it refused until the next change is sent', async () => {
    const officer = await india.login('in.sosa');
    const item = (await group(india)).actionItems[0];
    assert.equal((await india.call(officer, 'PATCH', `/working-groups/${groupId}/action-items/${item.id}`, { status: 'open' })).status, 202);
    // Meanwhile the item is gone on the US desk (no endpoint removes one; the store stands in for it).
    await us.ctx.store.db.deleteFrom('working_group_action_items').where('id', '=', item.id).execute();
    const from = await version(us);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal(await version(us), from, 'nothing applied');
    const copy = await group(india);
    assert.deepEqual(copy.changesSent.map((c: { delivery: string; refusalReason: string }) => [c.delivery, c.refusalReason]), [['refused', 'unknown_object']]);
    assert.equal((await india.call(officer, 'PATCH', `/working-groups/${groupId}/meetings/${meetingId}`, { agenda: '1. Castings' })).status, 202);
    assert.deepEqual((await group(india)).changesSent.map((c: { change: string; delivery: string }) => [c.change, c.delivery]), [['update_meeting', 'pending']]);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(record(await group(india)), record(await group(us)));
  });

  it('a change for another nation’s official, a group not held on the US, of another arrangement, or that breaks the rules is refused, applies nothing, and is audited on both sides', async () => {
    // A group India holds: the US has its copy, and takes no change to it from India.
    const own = await india.call(await india.login('in.sosa'), 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Munitions working group', members: [{ name: 'Cdr. R. Iyer', nation: 'IN', chair: true }] });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const held = await group(us);
    const actor = { displayName: 'Col. Priya Raghavan', nation: 'IN', organisation: 'Ministry of Defence' };
    const body = (over: Partial<WorkingGroupChangeBody>, id = groupId): WorkingGroupChangeBody => ({ group: { id, arrangementId: 'US-IN' }, change: { kind: 'set_action_item_status', itemId: randomUUID(), status: 'done' }, actor, takenAt: india.ctx.now().toISOString(), ...over });
    const send = (b: Record<string, unknown>, id = groupId) =>
      india.ctx.store.db.transaction().execute((trx) => enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind: MESSAGE_KINDS.workingGroupChange, object: { type: WORKING_GROUP_OBJECT, id, version: 1 }, body: b }));
    const change = { kind: 'create_meeting' as const, title: 'Taken over', startsAt: '2027-03-01T10:00:00.000Z', timeZone: 'Asia/Kolkata', location: '', agenda: '' };
    await send(body({ change, actor: { ...actor, nation: 'US' } }));
    const unknown = randomUUID();
    await send(body({ change }, unknown), unknown);
    await send(body({ change }, own.body.id), own.body.id);
    await send(body({ change, group: { id: groupId, arrangementId: 'US-GB' } }));
    await send(body({ change: { kind: 'create_action_item', title: 'Owned by no member', ownerMemberId: randomUUID(), meetingId: null, dueInWorkingDays: null, dueDate: '2027-03-01' } }));
    await send(body({ change: { kind: 'update_meeting', meetingId, agenda: null, minutes: 'x', attendance: [{ memberId: randomUUID(), present: true }] } }));
    await send(body({}));
    await send({ ...body({}), change: { kind: 'add_members', members: [{ userId: randomUUID(), name: 'X', nation: 'IN', organisation: '', email: null, chair: false }] } });
    const refusedByPeer = (await auditActions(india, 'federation.message_refused_by_peer')).length;
    const from = await version(us);
    // India's own group went first (the India-held copy is applied on the US), then the eight changes.
    const delivered = await net.deliver('IN', 'US');
    assert.deepEqual(delivered, { delivered: 1, blocked: null, refused: 8 });
    assert.deepEqual((await refusalsOn(us, 'IN')).slice(-8), ['wrong_nation', 'unknown_object', 'unknown_object', 'out_of_arrangement', 'invalid_content', 'invalid_content', 'unknown_object', 'invalid_content']);
    assert.equal(await version(us), from);
    assert.deepEqual(record(await group(us)), record(held), 'the US group is untouched');
    assert.equal((await read(us, 'us.sosa', `/working-groups/${own.body.id}`)).meetings.length, 0);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length, refusedByPeer + 8);
    assert.equal((await audited(us, 'federation.message_refused')).filter((e) => (e.data as { kind?: string }).kind === MESSAGE_KINDS.workingGroupChange).length >= 8, true);
  });
});
