import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { hashPassword } from '../auth/passwords.js';
import { MESSAGE_KINDS, SPA_REQUEST_OBJECT, WORKING_GROUP_OBJECT } from '../../domain/federation/bodies.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { freshNotifications, type Note } from '../../testing/fresh-notifications.js';
import { act, buildRequest, requestBody, userId } from '../../testing/request-builders.js';
import { TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { queueDailyDigests } from '../notifications/daily-digest.js';
import { escalateOverdueActionItems } from '../partnership/working-groups/escalate-overdue-action-items.js';
import { enqueueOutbound } from './enqueue-outbound.js';

// Issue #13, the officials' day on sovereign instances: every step that tells the next person on a
// shared instance (issue #11, notify-workflow-step.ts) tells the same people when it reaches the
// other nation's instance as a message — this nation's users who may read it, in the inbox's
// transaction, once however often the message or the record arrives, nobody for a refused message,
// and never a word the other nation keeps internal. One pair of instances serves the file; each
// test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
const CANARY = `CANARY-INTERNAL-${randomUUID()}`;
const news: Record<'US' | 'IN', () => Promise<Note[]>> = { US: async () => [], IN: async () => [] };
/** Who was told since the last look, as [username, kind, link]. */
const told = async (nation: 'US' | 'IN') => (await news[nation]()).map((n) => [n.username, n.kind, n.link]);
let requestId = '';

/** The last message `from` queued of a kind, as signed: what a link that duplicates it delivers again. */
const lastSigned = async (t: TestApp, kind: string) => (await t.ctx.store.db.selectFrom('federation_outbox').select('jws').where('kind', '=', kind).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).jws;
const redeliver = async (to: TestApp, jws: string) => {
  const res = await to.call(null, 'POST', '/federation/inbox', { message: jws });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.outcome, 'duplicate');
};
const step = async (user: string, action: string, fields: Record<string, unknown> = {}) => {
  const res = await india.call(await india.login(user), 'POST', `/partner-copies/${requestId}/steps`, { action, ...fields });
  assert.equal(res.status, 202, JSON.stringify(res.body));
};

describe("a request's steps tell the next person on the other nation's instance (issue #13)", () => {
  it("India submits on its desk: the US official it waits on is told on the US instance, once however often it arrives, and no account of India's there", async () => {
    news.US = freshNotifications(us);
    news.IN = freshNotifications(india);
    await news.US();
    await news.IN();
    // A second Indian SOSA officer: the one who takes a step is never told of it, the other is.
    const mod = await india.ctx.store.db.selectFrom('users').select('organisation_id').where('username', '=', 'in.sosa').executeTakeFirstOrThrow();
    await india.ctx.store.db.insertInto('users').values({ id: randomUUID(), username: 'in.sosa.b', display_name: 'Cdr. B. Rao', email: 'b.rao@mod.example.in', password_hash: await hashPassword(TEST_PASSWORD), nation: 'IN', organisation_id: mod.organisation_id, roles: ['sosa_officer'] }).execute();

    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades for the officials’ day' }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    requestId = res.body.id;
    assert.deepEqual(await told('IN'), [], 'nothing on the requesting desk');
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await told('US'), [['us.sosa', 'request_waiting', `/requests/${requestId}`]], 'as on a shared instance, without in.sosa’s account on the US desk');
    await redeliver(us, await lastSigned(india, MESSAGE_KINDS.requestSubmit));
    assert.deepEqual(await told('US'), [], 'a redelivered submission tells nobody again');
    assert.equal((await net.deliver('US', 'IN')).delivered, 1);
    assert.deepEqual(await told('IN'), [], 'a submission tells the requesting nation nothing');
  });

  it("the US returns it for information: India's officer is told on India's desk, linking to the copy, with nothing the US keeps internal", async () => {
    await act(us, 'us.sosa', requestId, 'acknowledge');
    const comment = await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/comments`, { body: `Between us: ${CANARY}`, visibility: 'internal' });
    assert.equal(comment.status, 201, JSON.stringify(comment.body));
    await act(us, 'us.sosa', requestId, 'return_for_information', { question: 'Which alloy is specified for the blades?' });
    // This test instance also holds India's demo accounts (as a migrated shared database would): the
    // US desk tells none of them, India's desk tells its officers once the step arrives there.
    assert.deepEqual(await told('US'), [], 'no notice on the US desk for India’s accounts held there');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    const notes = await news.IN();
    assert.deepEqual(notes.map((n) => [n.username, n.kind, n.link]), [['in.sosa', 'request_waiting', `/partner-copies/${requestId}`], ['in.sosa.b', 'request_waiting', `/partner-copies/${requestId}`]]);
    assert.match(notes[0]!.title, /waits on you: Resubmit with information/);
    assert.match(notes[0]!.title, /^SOSA-IN-US-/, 'named by the US reference');
    assert.equal(JSON.stringify(notes).includes(CANARY), false);
    assert.equal(JSON.stringify(notes).includes('Which alloy'), false, 'no step text in a notification');
  });

  it('India resubmits on its copy: the US officer is told; the answer back tells India nothing (it waits on the US)', async () => {
    await step('in.sosa', 'resubmit', { answer: 'Alloy 718.' });
    assert.deepEqual(await told('IN'), [], 'sent, not applied: nobody is told yet');
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await told('US'), [['us.sosa', 'request_waiting', `/requests/${requestId}`]]);
    assert.equal((await net.deliver('US', 'IN')).delivered, 1);
    assert.deepEqual(await told('IN'), []);
  });

  it("India's officer withdraws it: the US is told it ended; on India's desk the other officer is, the one who withdrew it is not", async () => {
    await step('in.sosa', 'withdraw', { reason: 'No longer needed.' });
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await told('US'), [['us.sosa', 'request_update', `/requests/${requestId}`]]);
    assert.equal((await net.deliver('US', 'IN')).delivered, 1);
    const notes = await news.IN();
    assert.deepEqual(notes.map((n) => [n.username, n.kind, n.link]), [['in.sosa.b', 'request_update', `/partner-copies/${requestId}`]]);
    assert.match(notes[0]!.body, /No further step is expected/);
  });

  it('the same record sent again (a new message: a peering that shares what exists) tells nobody twice', async () => {
    const last = decodeJwt(await lastSigned(us, 'request.transition')) as { body: Record<string, unknown>; object: { version: number } };
    await us.ctx.store.db.transaction().execute((trx) => enqueueOutbound(us.ctx, trx, { peerNation: 'IN', arrangement: 'US-IN', kind: MESSAGE_KINDS.requestShared, object: { type: 'request', id: requestId, version: last.object.version }, body: last.body }));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await told('IN'), []);
  });

  it('a refused message tells nobody', async () => {
    const refused = (body: Record<string, unknown>) => india.ctx.store.db.transaction().execute((trx) => enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind: MESSAGE_KINDS.requestStep, object: { type: 'request', id: requestId, version: 1 }, body }));
    const ref = { id: requestId, fromNation: 'IN', toNation: 'US', arrangementId: 'US-IN' };
    // Withdrawn: a resubmission is no step it allows; a step claimed for a US official is India's to refuse.
    await refused({ request: ref, action: 'resubmit', fields: { answer: 'Again.' }, actor: { displayName: 'Col. Priya Raghavan', nation: 'IN', organisation: 'Ministry of Defence' }, takenAt: india.ctx.now().toISOString() });
    await refused({ request: ref, action: 'withdraw', fields: {}, actor: { displayName: 'Dana Whitfield', nation: 'US', organisation: null }, takenAt: india.ctx.now().toISOString() });
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 2 });
    assert.deepEqual(await told('US'), []);
  });
});

describe("an SPA's end tells the partner nation's officers on their instance (issue #13)", () => {
  let spaId = '';
  const spaStep = async (action: string, note?: string) => {
    const res = await us.call(await us.login('us.sosa'), 'POST', `/spa-requests/${spaId}/transitions`, { action, ...(note ? { note } : {}) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };

  it("filed and reviewed, it tells India nothing (as on a shared instance); resolved, India's SOSA officers, once, with nothing of the filing", async () => {
    const request = (await buildRequest(us, 'IN->US', 'placed')).id;
    await net.deliver('US', 'IN');
    const book = await us.call(await us.login('us.supplier'), 'GET', '/rated-orders');
    const order = (book.body.items as Array<{ id: string; orderNumber: string; requestId: string | null }>).find((o) => o.requestId === request)!;
    const filed = await us.call(await us.login('us.supplier'), 'POST', '/spa-requests', {
      requester: { name: 'Ruth Okoye', title: 'Plant manager', email: 'ruth@lynn.example', phone: '+1-555-0100' },
      customer: 'GE Aerospace',
      supplier: { name: 'Allvac', contact: 'Desk' },
      orders: [{ orderId: order.id, orderNumber: order.orderNumber, rating: 'DO-A1', items: 'F414 HPT blades', quantity: 40, requiredDeliveryDate: '2027-03-31', promisedDeliveryDate: '2027-05-15' }],
      program: 'F414-INS6 co-production',
      problem: `Press down: ${CANARY}`,
      attemptsMade: 'Called three mills.',
      actionRequested: 'Direct the forging mill to schedule the rated order ahead of unrated work.',
      submit: true,
    });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    spaId = filed.body.id;
    await news.IN();
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    await spaStep('start_review');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    assert.deepEqual(await told('IN'), []);
    await news.US();
    await spaStep('resolve', `Mill directed. ${CANARY}`);
    const spaLink = `/spa/${spaId}`;
    assert.deepEqual(await told('US'), [['us.dod', 'spa_request', spaLink], ['us.supplier', 'spa_request', spaLink]], 'the US desk tells its own; India’s officers held there are told on India’s desk');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    const notes = await news.IN();
    assert.deepEqual(notes.map((n) => [n.username, n.kind, n.link]), [['in.sosa', 'spa_request', `/spa/${spaId}`], ['in.sosa.b', 'spa_request', `/spa/${spaId}`]]);
    assert.match(notes[0]!.title, /Resolved/);
    assert.equal(JSON.stringify(notes).includes(CANARY), false);
    await redeliver(india, await lastSigned(us, MESSAGE_KINDS.spaSet));
    assert.deepEqual(await told('IN'), []);
    assert.equal((await india.ctx.store.db.selectFrom('federation_mirrors').select('object_id').where('object_type', '=', SPA_REQUEST_OBJECT).where('object_id', '=', spaId).execute()).length, 1);
  });
});

describe("a working group's action items tell their owner on the owner's instance (issue #13)", () => {
  let groupId = '';
  let raoItem = '';

  it("an item the US assigns to India's member tells the Indian official with that address, once; the US's own member's item tells India nothing", async () => {
    const officer = await us.login('us.sosa');
    const res = await us.call(officer, 'POST', '/working-groups', {
      arrangementId: 'US-IN',
      name: 'Blade castings working group',
      purpose: 'Castings of the F414-INS6.',
      members: [{ userId: await userId(us, 'us.sosa'), chair: true }, { name: 'Cdr. B. Rao', nation: 'IN', organisation: 'MoD India', email: 'B.Rao@mod.example.in', chair: true }, { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL' }],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    groupId = res.body.id;
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    await news.IN();
    const members = res.body.members as Array<{ id: string; name: string }>;
    const memberId = (name: string) => members.find((m) => m.name === name)!.id;
    const item = (title: string, owner: string) => us.call(officer, 'POST', `/working-groups/${groupId}/action-items`, { title, ownerMemberId: memberId(owner), dueDate: '2026-11-25' });
    const rao = await item('Casting capacity plan', 'Cdr. B. Rao');
    assert.equal(rao.status, 201, JSON.stringify(rao.body));
    raoItem = rao.body.id;
    assert.equal((await item('US mill survey', 'Dana Whitfield')).status, 201);
    assert.equal((await item('HAL furnace figures', 'Dr. S. Menon')).status, 201);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 3, blocked: null });
    const notes = await news.IN();
    assert.deepEqual(notes.map((n) => [n.username, n.kind, n.link, n.title]), [['in.sosa.b', 'action_item', `/working-groups/${groupId}`, 'Action item for you: Casting capacity plan']]);
    await redeliver(india, await lastSigned(us, MESSAGE_KINDS.workingGroupSet));
    assert.deepEqual(await told('IN'), []);
  });

  it("overdue, the US escalates it: India's owner and SOSA officers are told on India's desk; closed on the US, its owner", async () => {
    us.clock.advanceHours(72);
    india.clock.advanceHours(72);
    await news.US();
    assert.equal(await escalateOverdueActionItems(us.ctx), 3);
    // Only the US's own member and officers, on the US desk: India's accounts held there are not told (India's desk tells them).
    assert.deepEqual(await told('US'), [['us.sosa', 'action_item', `/working-groups/${groupId}`]], 'the US’s own member and officers, on the US desk');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    assert.deepEqual((await news.IN()).map((n) => [n.username, n.title]), [
      ['in.sosa', 'Overdue action item: Casting capacity plan'],
      ['in.sosa', 'Overdue action item: HAL furnace figures'],
      ['in.sosa.b', 'Overdue action item: Casting capacity plan'],
      ['in.sosa.b', 'Overdue action item: HAL furnace figures'],
    ]);
    assert.equal((await us.call(await us.login('us.sosa'), 'PATCH', `/working-groups/${groupId}/action-items/${raoItem}`, { status: 'done' })).status, 200);
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    assert.deepEqual((await news.IN()).map((n) => [n.username, n.title]), [['in.sosa.b', 'Action item done: Casting capacity plan']]);
    assert.ok((await india.ctx.store.db.selectFrom('federation_inbox').select('message_id').where('object_type', '=', WORKING_GROUP_OBJECT).execute()).length > 0);
  });

  it("an item for India's officer whose account the US desk also holds (a migrated shared database) tells them once, on India's desk, not on the US desk", async () => {
    const officer = await us.login('us.sosa');
    const account = await userId(us, 'in.sosa');
    const res = await us.call(officer, 'POST', `/working-groups/${groupId}/members`, { members: [{ userId: account, email: 'in.sosa@sosa-desk.example' }] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const member = (res.body.members as Array<{ id: string; userId: string | null }>).find((m) => m.userId === account)!;
    await news.US();
    const item = await us.call(officer, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Forging slots for lot 2', ownerMemberId: member.id, dueDate: '2026-12-09' });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    assert.deepEqual(await told('US'), [], 'a local step on the US desk tells none of India’s accounts held there');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    assert.deepEqual((await news.IN()).map((n) => [n.username, n.title]), [['in.sosa', 'Action item for you: Forging slots for lot 2']]);
  });
});

describe("a thread's shared messages tell its followers on the other nation's instance (issue #13)", () => {
  let threadId = '';

  it("India answers in the US's thread: the US follower is told, once; the US answers back: India's follower is; an internal message tells nobody there", async () => {
    const opened = await us.call(await us.login('us.sosa'), 'POST', '/threads', { subjectKind: 'general', title: 'Casting lead times', scope: 'arrangement', arrangementId: 'US-IN', message: { body: 'Can HAL confirm 14 weeks?', visibility: 'shared' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    threadId = opened.body.id;
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    assert.deepEqual(await told('IN'), [], 'nobody follows it on India’s desk yet');
    const answer = await india.call(await india.login('in.sosa'), 'POST', `/threads/${threadId}/messages`, { body: 'Confirmed: 14 weeks.', visibility: 'shared' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    await news.US();
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const notes = await news.US();
    assert.deepEqual(notes.map((n) => [n.username, n.kind, n.link]), [['us.sosa', 'thread_message', `/threads/${threadId}`]]);
    assert.equal(notes[0]!.title, 'New message from Col. Priya Raghavan in “Casting lead times”');
    await redeliver(us, await lastSigned(india, MESSAGE_KINDS.threadMessage));
    assert.deepEqual(await told('US'), []);

    const officer = await us.login('us.sosa');
    assert.equal((await us.call(officer, 'POST', `/threads/${threadId}/messages`, { body: `Our own view: ${CANARY}`, visibility: 'internal' })).status, 201);
    assert.equal((await us.call(officer, 'POST', `/threads/${threadId}/messages`, { body: 'Thank you, noted.', visibility: 'shared' })).status, 201);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await told('IN'), [['in.sosa', 'thread_message', `/threads/${threadId}`]]);
  });

  it("no notification on India's instance carries a word the US keeps internal", async () => {
    const all = await india.ctx.store.db.selectFrom('notifications').select(['title', 'body', 'link']).execute();
    assert.ok(all.length > 0);
    assert.equal(JSON.stringify(all).includes(CANARY), false);
  });
});

describe("the daily digest on a sovereign instance lists what waits on this nation in the partner's records (issue #13)", () => {
  let copyId = '';
  let groupId = '';
  /** The digests queued on an instance since the last look, by username, as [subject, body]. */
  const digests = async (t: TestApp, since: Date) =>
    (
      await t.ctx.store.db
        .selectFrom('mail_outbox')
        .innerJoin('users', 'users.id', 'mail_outbox.user_id')
        .select(['users.username', 'subject', 'body'])
        .where('notification_id', 'is', null)
        .where('mail_outbox.created_at', '>=', since)
        .orderBy('users.username')
        .execute()
    ).map((m) => [m.username, m.subject, m.body]);

  before(() => {
    // Mail is only queued here (nothing listens on port 9): the digest is read from the outbox.
    us.ctx.config.smtpUrl = 'smtp://127.0.0.1:9';
    india.ctx.config.smtpUrl = 'smtp://127.0.0.1:9';
  });
  after(() => {
    us.ctx.config.smtpUrl = undefined;
    india.ctx.config.smtpUrl = undefined;
  });

  it("India's officers read the US's request returned to India, linking to the copy, and India's officer reads their item in the US's working group; the US desk sends no digest to India's account it holds", async () => {
    // A request India made, held by the US and returned to India for information: it waits on India's SOSA officers.
    const submitted = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Seals for the digest' }));
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    copyId = submitted.body.id;
    assert.equal((await net.deliver('IN', 'US')).blocked, null);
    await act(us, 'us.sosa', copyId, 'acknowledge');
    await act(us, 'us.sosa', copyId, 'return_for_information', { question: 'Which seal compound?' });
    // A US working group with India's officer (their account on the US desk, as a database once shared holds it, with their address), another Indian member and the US's officer.
    const officer = await us.login('us.sosa');
    const group = await us.call(officer, 'POST', '/working-groups', {
      arrangementId: 'US-IN',
      name: 'Seals working group',
      members: [{ userId: await userId(us, 'us.sosa'), chair: true }, { userId: await userId(us, 'in.sosa'), email: 'in.sosa@sosa-desk.example' }, { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL' }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    groupId = group.body.id;
    const members = group.body.members as Array<{ id: string; name: string; nation: string; userId: string | null }>;
    const owner = (nation: string, external: boolean) => members.find((m) => m.nation === nation && (m.userId === null) === external)!.id;
    const item = async (title: string, ownerMemberId: string, dueDate: string) => assert.equal((await us.call(officer, 'POST', `/working-groups/${groupId}/action-items`, { title, ownerMemberId, dueDate })).status, 201);
    await item('Seal compound answer', owner('IN', false), '2026-11-30');
    await item('Seal qualification plan', owner('IN', false), '2027-01-15');
    await item('HAL seal figures', owner('IN', true), '2026-11-30');
    await item('US seal survey', owner('US', false), '2026-11-30');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    for (const [t, user] of [[india, 'in.sosa'], [india, 'in.sosa.b'], [us, 'in.sosa'], [us, 'us.sosa']] as const) {
      assert.equal((await t.call(await t.login(user), 'PUT', '/me/notification-preferences', { dailyDigest: true })).status, 200);
    }

    const since = india.ctx.now(); // Thursday 26 November, 19:30 in New Delhi, 09:00 in Washington
    assert.equal(await queueDailyDigests(india.ctx), 2);
    const onIndia = await digests(india, since);
    assert.deepEqual(onIndia.map(([user, subject]) => [user, subject]), [
      ['in.sosa', '[SOSA Desk] Due in the next 3 working days: 1 item; 1 partner request waiting on you'],
      ['in.sosa.b', '[SOSA Desk] 1 partner request waiting on you'],
    ]);
    const body = onIndia[0]![2]!;
    assert.match(body, /- Action item “Seal compound answer” \(Seals working group, kept by United States\)\n  due Mon 30 Nov 2026, 23:59 \(Kolkata time\)\n  \/#\/working-groups\//);
    assert.ok(body.includes(`/#/working-groups/${groupId}`));
    assert.match(body, /Waiting on you in partners' requests \(1;[^\n]*\)\n- SOSA-IN-US-[^ ]+ “Seals for the digest” \(held by United States\): Resubmit with information\n  waiting since Thu 26 Nov 2026, 19:30 \(Kolkata time\)\n/);
    assert.ok(body.includes(`/#/partner-copies/${copyId}`), 'the link opens the copy’s page');
    for (const other of ['Seal qualification plan', 'HAL seal figures', 'US seal survey']) assert.equal(body.includes(other), false, `${other}: not India’s officer’s, or not due yet`);
    assert.equal(onIndia[1]![2]!.includes('Seal compound answer'), false, 'another officer’s item is not in.sosa.b’s');

    // The US desk digests its own officer only: India's account it holds gets India's digest from India's desk.
    await queueDailyDigests(us.ctx);
    assert.deepEqual((await digests(us, since)).map(([user]) => user), ['us.sosa']);
    assert.match((await digests(us, since))[0]![2]!, /US seal survey/);
  });

  it("a step sent from the copy takes it off the next day's digest: it no longer waits on India", async () => {
    const sent = await india.call(await india.login('in.sosa'), 'POST', `/partner-copies/${copyId}/steps`, { action: 'resubmit', answer: 'Compound FKM-75.' });
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    us.clock.advanceHours(24);
    india.clock.advanceHours(24);
    const since = india.ctx.now();
    assert.equal(await queueDailyDigests(india.ctx), 1, 'in.sosa.b has nothing left');
    const [[user, subject, body]] = (await digests(india, since)) as [[string, string, string]];
    assert.deepEqual([user, subject], ['in.sosa', '[SOSA Desk] Due in the next 3 working days: 1 item']);
    assert.equal(body.includes('/#/partner-copies/'), false);
  });
});
