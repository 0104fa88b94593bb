import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { MESSAGE_KINDS, THREAD_MESSAGE_OBJECT, WORKING_GROUP_OBJECT, workingGroupChangeBodySchema, type ThreadMessageBody, type WorkingGroupChangeBody, type WorkingGroupSetBody } from '../../domain/federation/bodies.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { userId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { shareExistingThreadsWith } from './share-thread-change.js';
import { shareExistingWorkingGroupsWith } from './share-working-group-change.js';

// Issue #13: a working group (dpas-sosa-sources.md §2.1, "The Arrangements institute working
// groups") is held by the instance of the nation whose officer created it, and reaches the
// partner's instance as `working_group.set`, a read-only copy both nations read as on a shared
// instance. A thread shared by the two nations is held by its opener's instance (`thread.set`);
// each nation's shared messages cross from the instance they were written on (`thread.message`);
// internal messages and internal threads never leave. One pair of instances serves the file; each
// test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
const CANARY = `CANARY-INTERNAL-${randomUUID()}`;
let groupId = '';
let threadId = '';

const read = async (t: TestApp, user: string, path: string) => {
  const res = await t.call(await t.login(user), 'GET', path);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
/** What the other nation's official reads of the group, without what belongs to one instance: which member is which local account, what the reader may do, who holds it and what was sent to the holder. */
const record = (g: Record<string, any>) => ({ ...g, canEdit: undefined, heldBy: undefined, changesSent: undefined, youAreMember: undefined, members: g.members.map((m: Record<string, unknown>) => ({ ...m, userId: undefined, external: undefined })) });
/** Every message body an instance has queued for its peers, decoded from the signed messages. */
const outboxBodies = async (t: TestApp) => {
  const rows = await t.ctx.store.db.selectFrom('federation_outbox').select(['jws', 'kind']).orderBy('seq').execute();
  return rows.map((r) => ({ kind: r.kind, payload: Buffer.from(r.jws.split('.')[1]!, 'base64url').toString('utf8') }));
};
/** The shared messages of a thread as read: nation and words (a US official also reads the US's internal note). */
const sharedWords = (thread: { messages: Array<{ visibility: string; body: string; author: { nation: string } }> }) => thread.messages.filter((m) => m.visibility === 'shared').map((m) => [m.author.nation, m.body]);
const queue = (t: TestApp, peer: string, kind: string, object: { type: string; id: string; version: number }, body: Record<string, unknown>, arrangement = 'US-IN') =>
  t.ctx.store.db.transaction().execute((trx) => enqueueOutbound(t.ctx, trx, { peerNation: peer, arrangement, kind, object, body }));

describe("working groups cross to the partner's instance (issue #13)", () => {
  it("a US officer creates a group: India's officials read the copy as they read the group on the US desk; its officer's changes go to the US (below), an auditor's are refused (403)", async () => {
    const res = await us.call(await us.login('us.sosa'), 'POST', '/working-groups', {
      arrangementId: 'US-IN',
      name: 'Jet engine co-production (F414) working group',
      purpose: 'Castings, forgings and blades of the F414-INS6.',
      members: [{ userId: await userId(us, 'us.sosa'), chair: true }, { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL Engine Division', email: 's.menon@example.in', chair: true }],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    groupId = res.body.id;
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/working-groups/${groupId}`)).status, 404, 'not on India’s instance before it is delivered');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await read(india, 'in.sosa', `/working-groups/${groupId}`);
    assert.deepEqual(record(copy), record(await read(us, 'in.sosa', `/working-groups/${groupId}`)), 'the copy is what India’s officer reads on the holder');
    assert.deepEqual([copy.canEdit, copy.heldBy, copy.changesSent], [true, 'US', []]);
    assert.equal((await read(india, 'in.auditor', '/working-groups')).items.some((g: { id: string }) => g.id === groupId), true, 'listed as any group');
    const auditor = await india.login('in.auditor');
    const meeting = await india.call(auditor, 'POST', `/working-groups/${groupId}/meetings`, { title: 'Kick-off', startsAt: '2027-01-12T10:00:00+05:30', timeZone: 'Asia/Kolkata' });
    assert.equal(meeting.status, 403, JSON.stringify(meeting.body));
    const members = await india.call(auditor, 'POST', `/working-groups/${groupId}/members`, { members: [{ name: 'Cdr. R. Iyer', nation: 'IN' }] });
    assert.equal(members.status, 403);
  });

  it('each change on the US (a meeting, minutes, an action item, its completion) reaches India under a higher version; an older version arriving late changes nothing', async () => {
    const officer = await us.login('us.sosa');
    const before = await us.ctx.store.db.selectFrom('working_groups').select('version').where('id', '=', groupId).executeTakeFirstOrThrow();
    const meeting = await us.call(officer, 'POST', `/working-groups/${groupId}/meetings`, { title: 'Kick-off', startsAt: '2027-01-12T10:00:00+05:30', timeZone: 'Asia/Kolkata', agenda: '1. Castings lead time' });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    const group = await read(us, 'us.sosa', `/working-groups/${groupId}`);
    const menon = group.members.find((m: { name: string }) => m.name === 'Dr. S. Menon').id;
    assert.equal((await us.call(officer, 'PATCH', `/working-groups/${groupId}/meetings/${meeting.body.id}`, { minutes: 'Castings: 14 weeks.', attendance: [{ memberId: menon, present: true }] })).status, 200);
    const item = await us.call(officer, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Forging capacity plan', ownerMemberId: menon, meetingId: meeting.body.id, dueInWorkingDays: 5 });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    assert.equal((await us.call(officer, 'PATCH', `/working-groups/${groupId}/action-items/${item.body.id}`, { status: 'done' })).status, 200);
    const sent = await us.ctx.store.db.selectFrom('federation_outbox').select('object_version').where('object_id', '=', groupId).orderBy('seq').execute();
    assert.deepEqual(sent.map((r) => r.object_version).slice(-4), [before.version + 1, before.version + 2, before.version + 3, before.version + 4]);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 4, blocked: null });
    const copy = await read(india, 'in.sosa', `/working-groups/${groupId}`);
    assert.deepEqual(record(copy), record(await read(us, 'in.sosa', `/working-groups/${groupId}`)));
    assert.deepEqual([copy.meetings[0].minutes, copy.meetings[0].attendance[0].present, copy.actionItems[0].status], ['Castings: 14 weeks.', true, 'done']);
    // The first state of the group, in a new message (a sender restored from a backup): older than the copy, it changes nothing.
    const [first] = await us.ctx.store.db.selectFrom('federation_outbox').select('jws').where('object_id', '=', groupId).orderBy('seq').limit(1).execute();
    const stale = JSON.parse(Buffer.from(first!.jws.split('.')[1]!, 'base64url').toString('utf8')).body as WorkingGroupSetBody;
    await queue(us, 'IN', MESSAGE_KINDS.workingGroupSet, { type: WORKING_GROUP_OBJECT, id: groupId, version: 1 }, stale);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await read(india, 'in.sosa', `/working-groups/${groupId}`), copy);
  });

  it('India may not send the US group, nor a group of an arrangement it does not share, nor one that does not hold together: each is refused, applies nothing, and is audited on both sides', async () => {
    const copy = await read(india, 'in.sosa', `/working-groups/${groupId}`);
    const body = (g: Partial<WorkingGroupSetBody['group']>): WorkingGroupSetBody => ({
      group: { id: randomUUID(), arrangementId: 'US-IN', name: 'Munitions working group', purpose: '', programId: null, status: 'active', createdAt: india.ctx.now().toISOString(), members: [], meetings: [], actionItems: [], ...g },
    });
    const member = { id: randomUUID(), nation: 'IN', name: 'Cdr. R. Iyer', organisation: '', email: null, chair: true };
    const refusedBefore = (await auditActions(india, 'federation.message_refused_by_peer')).length;
    const send = (b: WorkingGroupSetBody, version = 99) => queue(india, 'US', MESSAGE_KINDS.workingGroupSet, { type: WORKING_GROUP_OBJECT, id: b.group.id, version }, b);
    await send(body({ id: groupId, name: 'Taken over' }));
    await send(body({ arrangementId: 'US-GB' }));
    await send(body({ members: [member], actionItems: [{ id: randomUUID(), meetingId: null, title: 'Owned by no member', ownerMemberId: randomUUID(), ownerNation: 'IN', dueDate: '2027-02-01', dueAt: '2027-02-01T18:29:59.999Z', dueBasis: {}, status: 'open', closedAt: null, escalatedAt: null, escalatedTo: null }] }));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 3 });
    const reasons = await us.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', 'IN').where('outcome', '=', 'refused').orderBy('seq').execute();
    assert.deepEqual(reasons.map((r) => r.refusal_reason).slice(-3), ['wrong_nation', 'out_of_arrangement', 'invalid_content']);
    assert.equal((await read(us, 'us.sosa', `/working-groups/${groupId}`)).name, copy.name, 'the US group is untouched');
    assert.equal((await us.ctx.store.db.selectFrom('working_groups').select('id').where('name', '=', 'Munitions working group').execute()).length, 0);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length, refusedBefore + 3);
    assert.equal((await auditActions(us, 'federation.message_refused')).length >= 3, true);
  });
});

describe("threads cross to the partner's instance (issue #13)", () => {
  it("a thread the US opens on the group reaches India with its shared messages; an internal message, and an internal thread, never leave the US instance", async () => {
    const officer = await us.login('us.sosa');
    const opened = await us.call(officer, 'POST', '/threads', { subjectKind: 'working_group', subjectId: groupId, title: 'Castings lead time', message: { body: 'Can HAL confirm the 14-week lead time?', visibility: 'shared' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    threadId = opened.body.id;
    assert.equal((await us.call(officer, 'POST', `/threads/${threadId}/messages`, { body: `Our own view: ${CANARY}`, visibility: 'internal' })).status, 201);
    const internal = await us.call(officer, 'POST', '/threads', { subjectKind: 'general', title: `US only ${CANARY}`, scope: 'internal', message: { body: CANARY, visibility: 'internal' } });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    const bodies = await outboxBodies(us);
    assert.deepEqual(bodies.slice(-2).map((b) => b.kind), [MESSAGE_KINDS.threadSet, MESSAGE_KINDS.threadMessage], 'the thread, then its one shared message');
    assert.equal(bodies.some((b) => b.payload.includes(CANARY)), false, 'no internal word in any message to the peer');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const copy = await read(india, 'in.sosa', `/threads/${threadId}`);
    const held = await read(us, 'in.sosa', `/threads/${threadId}`);
    const words = (t: Record<string, any>) => ({ ...t, following: undefined, messages: t.messages.map((m: Record<string, any>) => ({ ...m, author: { ...m.author, username: undefined } })) });
    assert.deepEqual(words(copy), words(held), 'India reads on its instance what it reads on the holder');
    assert.deepEqual(copy.messages.map((m: { body: string }) => m.body), ['Can HAL confirm the 14-week lead time?']);
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/threads/${internal.body.id}`)).status, 404);
    assert.equal(JSON.stringify(await read(india, 'in.auditor', '/threads')).includes(CANARY), false);
  });

  it('an Indian officer answers on its own instance: the shared answer reaches the US thread once, its internal note stays in India', async () => {
    // An hour later (the two instances' clocks are set, not running).
    india.clock.advanceHours(1);
    us.clock.advanceHours(1);
    const officer = await india.login('in.sosa');
    const shared = await india.call(officer, 'POST', `/threads/${threadId}/messages`, { body: 'Confirmed: 14 weeks from the order.', visibility: 'shared' });
    assert.equal(shared.status, 201, JSON.stringify(shared.body));
    assert.equal((await india.call(officer, 'POST', `/threads/${threadId}/messages`, { body: `Between us: ${CANARY}`, visibility: 'internal' })).status, 201);
    assert.equal((await outboxBodies(india)).some((b) => b.payload.includes(CANARY)), false);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const onUs = await read(us, 'us.sosa', `/threads/${threadId}`);
    assert.deepEqual(sharedWords(onUs), [['US', 'Can HAL confirm the 14-week lead time?'], ['IN', 'Confirmed: 14 weeks from the order.']]);
    assert.equal(JSON.stringify(onUs).includes('Between us'), false);
    // The same message again (a link that duplicates it) is known by its id and adds nothing.
    const [again] = await india.ctx.store.db.selectFrom('federation_outbox').select('jws').where('kind', '=', MESSAGE_KINDS.threadMessage).orderBy('seq', 'desc').limit(1).execute();
    assert.equal((await us.call(null, 'POST', '/federation/inbox', { message: again!.jws })).status, 200);
    assert.equal(sharedWords(await read(us, 'us.sosa', `/threads/${threadId}`)).length, 2);
    // India's own internal note is still there for India's officials.
    assert.equal((await read(india, 'in.sosa', `/threads/${threadId}`)).messages.some((m: { body: string }) => m.body.includes(CANARY)), true);
  });

  it('a message in a thread the US does not keep, or one India claims a US official wrote, is refused and applies nothing', async () => {
    const message = (author: string): ThreadMessageBody['message'] => ({ id: randomUUID(), author: { displayName: 'Someone', nation: author, organisation: null }, visibility: 'shared', body: 'Hello', createdAt: india.ctx.now().toISOString() });
    const send = (thread: string, m: ThreadMessageBody['message']) => queue(india, 'US', MESSAGE_KINDS.threadMessage, { type: THREAD_MESSAGE_OBJECT, id: m.id, version: 1 }, { thread: { id: thread, nations: ['US', 'IN'], arrangementId: 'US-IN' }, message: m });
    await send(randomUUID(), message('IN'));
    await send(threadId, message('US'));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 2 });
    const reasons = await us.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', 'IN').where('outcome', '=', 'refused').orderBy('seq').execute();
    assert.deepEqual(reasons.map((r) => r.refusal_reason).slice(-2), ['unknown_object', 'wrong_nation']);
    assert.equal(sharedWords(await read(us, 'us.sosa', `/threads/${threadId}`)).length, 2);
  });
});

describe('what exists when two instances are first peered (issue #13)', () => {
  it("shareExisting… queues each group and thread the peer's nation reads, as they stand, with no internal word; applied again, they change nothing", async () => {
    const from = (await us.ctx.store.db.selectFrom('federation_outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
    const queued = await us.ctx.store.db.transaction().execute(async (trx) => ({ groups: await shareExistingWorkingGroupsWith(us.ctx, trx, 'IN'), threads: await shareExistingThreadsWith(us.ctx, trx, 'IN') }));
    // The demo channel seeded on the US instance, with the US's one shared message in it (not India's,
    // not the internal ones); this file's thread and its message were sent before, so not again.
    assert.deepEqual(queued, { groups: 1, threads: 2 });
    const rows = await us.ctx.store.db.selectFrom('federation_outbox').select(['jws', 'kind']).where('seq', '>', Number(from)).orderBy('seq').execute();
    assert.deepEqual(rows.map((r) => r.kind), [MESSAGE_KINDS.workingGroupSet, MESSAGE_KINDS.threadSet, MESSAGE_KINDS.threadMessage]);
    assert.equal(rows.some((r) => Buffer.from(r.jws.split('.')[1]!, 'base64url').toString('utf8').includes(CANARY)), false);
    const group = await read(india, 'in.sosa', `/working-groups/${groupId}`);
    const thread = await read(india, 'in.sosa', `/threads/${threadId}`);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 3, blocked: null });
    assert.deepEqual(await read(india, 'in.sosa', `/working-groups/${groupId}`), group);
    assert.deepEqual(await read(india, 'in.sosa', `/threads/${threadId}`), thread);
  });
});

// The other nation's changes (issue #13): on a shared instance the SOSA officers of both nations
// change a group; on sovereign instances the other nation's officer makes the change on its own
// desk, where the group is a copy: it goes to the holder as `working_group.change`, the holder
// applies it through the use case its own officers' changes take (or refuses it, audited, nothing
// applied) and sends the group back as `working_group.set`, answering the change, which replaces
// the copy. A group of its own, after the tests above (they count what the instances hold).
let changedGroupId = '';
let meetingId = '';
let menonId = '';

const groupOn = (t: TestApp, user = t === us ? 'us.sosa' : 'in.sosa') => read(t, user, `/working-groups/${changedGroupId}`);
const version = async (t: TestApp) => (await t.ctx.store.db.selectFrom('working_groups').select('version').where('id', '=', changedGroupId).executeTakeFirstOrThrow()).version;
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
      name: 'Castings and forgings working group',
      members: [{ userId: await userId(us, 'us.sosa'), chair: true }, { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL Engine Division', chair: true }],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    changedGroupId = res.body.id;
    menonId = res.body.members.find((m: { name: string }) => m.name === 'Dr. S. Menon').id;
    const meeting = await us.call(officer, 'POST', `/working-groups/${changedGroupId}/meetings`, { title: 'Kick-off', startsAt: '2027-01-12T10:00:00+05:30', timeZone: 'Asia/Kolkata' });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    meetingId = meeting.body.id;
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const copy = await groupOn(india);
    assert.deepEqual([copy.heldBy, copy.canEdit, copy.meetings.length], ['US', true, 1]);
  });

  it("India's officer adds members, records minutes and attendance, adds an action item and schedules a meeting on its copy: each is sent (202), shown as not yet applied, and carries no account of India's", async () => {
    const officer = await india.login('in.sosa');
    const before = await groupOn(india);
    const inSosa = await userId(india, 'in.sosa');
    const sent = [
      await india.call(officer, 'POST', `/working-groups/${changedGroupId}/members`, { members: [{ userId: inSosa }, { name: 'Cdr. R. Iyer', nation: 'IN', organisation: 'Naval HQ', email: 'r.iyer@example.in' }] }),
      await india.call(officer, 'PATCH', `/working-groups/${changedGroupId}/meetings/${meetingId}`, { minutes: 'Castings: 14 weeks.', attendance: [{ memberId: menonId, present: true }] }),
      await india.call(officer, 'POST', `/working-groups/${changedGroupId}/action-items`, { title: 'Forging capacity plan', ownerMemberId: menonId, meetingId, dueInWorkingDays: 5 }),
      await india.call(officer, 'POST', `/working-groups/${changedGroupId}/meetings`, { title: 'Blades review', startsAt: '2027-02-02T10:00:00+05:30', timeZone: 'Asia/Kolkata', location: 'Bengaluru' }),
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
    const held = await groupOn(us);
    // India's officer, added as a user of India's instance, is a named member here (no account of the US's).
    assert.deepEqual(held.members.filter((m: { nation: string }) => m.nation === 'IN').map((m: { name: string; external: boolean }) => [m.name, m.external]).sort(), [['Cdr. R. Iyer', true], ['Col. Priya Raghavan', true], ['Dr. S. Menon', true]]);
    const kickOff = held.meetings.find((m: { id: string }) => m.id === meetingId);
    assert.deepEqual([kickOff.minutes, kickOff.attendance.map((a: { memberId: string; present: boolean }) => [a.memberId, a.present])], ['Castings: 14 weeks.', [[menonId, true]]]);
    assert.deepEqual(held.actionItems.map((i: { title: string; ownerNation: string }) => [i.title, i.ownerNation]), [['Forging capacity plan', 'IN']]);
    assert.equal(held.meetings.some((m: { title: string; location: string }) => m.title === 'Blades review' && m.location === 'Bengaluru'), true);
    // The audit names India's official as a nation and a name, not an account of the US instance.
    const created = (await audited(us, 'action_item.create')).at(-1);
    assert.deepEqual([created!.actor, created!.actor_id, created!.nation], ['federation', null, 'US']);
    assert.deepEqual([(created!.data as Record<string, unknown>).byNation, (created!.data as Record<string, unknown>).by], ['IN', 'Col. Priya Raghavan']);
    // India's copy: taken in by the US, its answers not yet delivered.
    assert.deepEqual((await groupOn(india)).changesSent.map((c: { delivery: string }) => c.delivery), ['delivered', 'delivered', 'delivered', 'delivered']);
    // Each answer names the change it applied.
    const changes = await outbox(india, MESSAGE_KINDS.workingGroupChange);
    const answers = (await outbox(us, MESSAGE_KINDS.workingGroupSet)).slice(-4).map((r) => r.answers_hash);
    assert.deepEqual(answers, changes.map((c) => c.message_hash));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 4, blocked: null });
    const copy = await groupOn(india);
    assert.deepEqual(record(copy), record(await groupOn(us)));
    assert.deepEqual(copy.changesSent, []);
  });

  it("India sets its member's action item done on its desk; the same status again sends nothing (200)", async () => {
    const officer = await india.login('in.sosa');
    const item = (await groupOn(india)).actionItems[0];
    const res = await india.call(officer, 'PATCH', `/working-groups/${changedGroupId}/action-items/${item.id}`, { status: 'done' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.actionItems[0].status, 'open');
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await groupOn(india);
    assert.deepEqual([copy.actionItems[0].status, copy.changesSent.length], ['done', 0]);
    assert.deepEqual(record(copy), record(await groupOn(us)));
    const queued = (await outbox(india, MESSAGE_KINDS.workingGroupChange)).length;
    const again = await india.call(officer, 'PATCH', `/working-groups/${changedGroupId}/action-items/${item.id}`, { status: 'done' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal((await outbox(india, MESSAGE_KINDS.workingGroupChange)).length, queued);
  });

  it('on the copy, a user who may not change the group is refused (403), a meeting or item it does not have is 404, a bad field 422; nothing is sent', async () => {
    const queued = (await outbox(india, MESSAGE_KINDS.workingGroupChange)).length;
    const auditor = await india.login('in.auditor');
    const item = (await groupOn(india)).actionItems[0];
    assert.equal((await india.call(auditor, 'PATCH', `/working-groups/${changedGroupId}/action-items/${item.id}`, { status: 'open' })).status, 403);
    assert.equal((await india.call(auditor, 'PATCH', `/working-groups/${changedGroupId}/meetings/${meetingId}`, { minutes: 'x' })).status, 403);
    assert.equal((await india.call(auditor, 'POST', `/working-groups/${changedGroupId}/members`, { members: [{ name: 'X', nation: 'IN' }] })).status, 403);
    assert.equal((await groupOn(india, 'in.auditor')).canEdit, false);
    const officer = await india.login('in.sosa');
    assert.equal((await india.call(officer, 'PATCH', `/working-groups/${changedGroupId}/meetings/${randomUUID()}`, { minutes: 'x' })).status, 404);
    const noOwner = await india.call(officer, 'POST', `/working-groups/${changedGroupId}/action-items`, { title: 'Nobody', ownerMemberId: randomUUID(), dueDate: '2027-03-01' });
    assert.equal(noOwner.status, 422, JSON.stringify(noOwner.body));
    assert.equal((await india.call(officer, 'POST', `/working-groups/${changedGroupId}/members`, { members: [{ name: 'Someone', nation: 'GB' }] })).status, 422);
    // India's officer is a member already (a named one: no account crosses), as on a shared instance.
    assert.equal((await india.call(officer, 'POST', `/working-groups/${changedGroupId}/members`, { members: [{ userId: await userId(india, 'in.sosa') }] })).status, 409);
    assert.equal((await outbox(india, MESSAGE_KINDS.workingGroupChange)).length, queued);
  });

  it('a change the US can no longer apply is refused: the copy shows it refused until the next change is sent', async () => {
    const officer = await india.login('in.sosa');
    const item = (await groupOn(india)).actionItems[0];
    assert.equal((await india.call(officer, 'PATCH', `/working-groups/${changedGroupId}/action-items/${item.id}`, { status: 'open' })).status, 202);
    // Meanwhile the item is gone on the US desk (no endpoint removes one; the store stands in for it).
    await us.ctx.store.db.deleteFrom('working_group_action_items').where('id', '=', item.id).execute();
    const from = await version(us);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal(await version(us), from, 'nothing applied');
    const copy = await groupOn(india);
    assert.deepEqual(copy.changesSent.map((c: { delivery: string; refusalReason: string }) => [c.delivery, c.refusalReason]), [['refused', 'unknown_object']]);
    assert.equal((await india.call(officer, 'PATCH', `/working-groups/${changedGroupId}/meetings/${meetingId}`, { agenda: '1. Castings' })).status, 202);
    assert.deepEqual((await groupOn(india)).changesSent.map((c: { change: string; delivery: string }) => [c.change, c.delivery]), [['update_meeting', 'pending']]);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(record(await groupOn(india)), record(await groupOn(us)));
  });

  it('a change for another nation’s official, a group not held on the US, of another arrangement, or that breaks the rules is refused, applies nothing, and is audited on both sides', async () => {
    // A group India holds: the US has its copy, and takes no change to it from India.
    const own = await india.call(await india.login('in.sosa'), 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Munitions working group', members: [{ name: 'Cdr. R. Iyer', nation: 'IN', chair: true }] });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const held = await groupOn(us);
    const actor = { displayName: 'Col. Priya Raghavan', nation: 'IN', organisation: 'Ministry of Defence' };
    const body = (over: Partial<WorkingGroupChangeBody>, id = changedGroupId): WorkingGroupChangeBody => ({ group: { id, arrangementId: 'US-IN' }, change: { kind: 'set_action_item_status', itemId: randomUUID(), status: 'done' }, actor, takenAt: india.ctx.now().toISOString(), ...over });
    const send = (b: Record<string, unknown>, id = changedGroupId) =>
      india.ctx.store.db.transaction().execute((trx) => enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind: MESSAGE_KINDS.workingGroupChange, object: { type: WORKING_GROUP_OBJECT, id, version: 1 }, body: b }));
    const change = { kind: 'create_meeting' as const, title: 'Taken over', startsAt: '2027-03-01T10:00:00.000Z', timeZone: 'Asia/Kolkata', location: '', agenda: '' };
    await send(body({ change, actor: { ...actor, nation: 'US' } }));
    const unknown = randomUUID();
    await send(body({ change }, unknown), unknown);
    await send(body({ change }, own.body.id), own.body.id);
    await send(body({ change, group: { id: changedGroupId, arrangementId: 'US-GB' } }));
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
    assert.deepEqual(record(await groupOn(us)), record(held), 'the US group is untouched');
    assert.equal((await read(us, 'us.sosa', `/working-groups/${own.body.id}`)).meetings.length, 0);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length, refusedByPeer + 8);
    assert.equal((await audited(us, 'federation.message_refused')).filter((e) => (e.data as { kind?: string }).kind === MESSAGE_KINDS.workingGroupChange).length >= 8, true);
  });
});
