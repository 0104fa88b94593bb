import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { escalateOverdueDeadlines } from '../../services/deadlines/escalate-overdue-deadlines.js';
import { addThirdNations, buildRequest, type BuiltRequest } from '../../testing/request-builders.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Threads and notifications through the API, on the real store. The sovereignty rule is the
 * point: an internal message is never shown, counted or notified to the other nation.
 */
describe('communication channels: threads, mentions, notifications', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z', config: { smtpUrl: 'smtp://127.0.0.1:9' } });
  let inToUs: BuiltRequest;
  let threadId: string;
  const as = async (user: string, method: string, path: string, body?: unknown) => t.call(await t.login(user), method, path, body);
  // The requests' own steps tell the next person too (workflow-notifications.test.ts); this file looks at the rest.
  const notifications = async (user: string) => {
    const body = (await as(user, 'GET', '/notifications')).body as { items: Array<{ kind: string; title: string; body: string; link: string; id: string }>; unread: number };
    return { ...body, items: body.items.filter((i) => i.kind !== 'request_waiting' && i.kind !== 'request_update') };
  };
  const count = async (table: 'thread_messages' | 'notifications' | 'mail_outbox') => Number((await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    await addThirdNations(t);
    inToUs = await buildRequest(t, 'IN->US', 'placed');
    await t.ctx.store.db.updateTable('notifications').set({ read_at: t.clock.now() }).where('kind', 'in', ['request_waiting', 'request_update']).execute();
  });

  it('an Indian officer opens a thread on a request with a shared message mentioning a US officer, who is notified and reads it', async () => {
    const created = await as('in.sosa', 'POST', '/threads', { subjectKind: 'request', subjectId: inToUs.id, title: 'Blade lot acceptance', message: { body: 'Can you confirm the first lot date, @us.sosa?' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    threadId = created.body.id;
    assert.deepEqual(created.body.nations, ['IN', 'US']);
    assert.equal(created.body.subject.kind, 'request');
    assert.match(created.body.subject.label, /F414|IN->US/);

    const n = await notifications('us.sosa');
    assert.equal(n.unread, 1);
    assert.equal(n.items[0]!.kind, 'mention');
    assert.match(n.items[0]!.title, /mentioned you in “Blade lot acceptance”/);
    assert.equal(n.items[0]!.link, `/threads/${threadId}`);
    const read = await as('us.sosa', 'GET', `/threads/${threadId}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.messages.map((m: { body: string; mentions: string[] }) => [m.body, m.mentions]), [['Can you confirm the first lot date, @us.sosa?', ['us.sosa']]]);
    assert.equal((await as('in.sosa', 'GET', '/notifications/unread-count')).body.unread, 0, 'the author is not notified of its own message');
  });

  it('a reply notifies the thread’s creator; the replier now follows the thread', async () => {
    const reply = await as('us.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Confirmed for 31 March.' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.following, true);
    const n = await notifications('in.sosa');
    assert.deepEqual(n.items.map((i) => i.kind), ['thread_message']);
  });

  it('an internal message is not shown, counted or notified to the other nation or to a company', async () => {
    const before = { us: (await notifications('us.sosa')).unread, supplier: (await notifications('us.supplier')).unread, inAuditor: (await notifications('in.auditor')).unread };
    // in.auditor follows, so an Indian follower does get the internal message.
    assert.equal((await as('in.auditor', 'POST', `/threads/${threadId}/follow`, { following: true })).status, 200);
    const posted = await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Internal: the lot date slipped once already; escalate if it moves.', visibility: 'internal' });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.equal(posted.body.messages.length, 3, 'the author sees its internal message');

    for (const user of ['us.sosa', 'us.dod', 'us.supplier']) {
      const thread = await as(user, 'GET', `/threads/${threadId}`);
      assert.equal(thread.status, 200, user);
      assert.ok(!JSON.stringify(thread.body).includes('slipped'), `${user} sees the internal message`);
      assert.equal(thread.body.messages.length, 2, user);
      const listed = await as(user, 'GET', `/threads?subjectKind=request&subjectId=${inToUs.id}`);
      assert.equal(listed.body.items[0].messageCount, 2, `${user} counts the internal message`);
    }
    const listedIn = await as('in.sosa', 'GET', `/threads?subjectKind=request&subjectId=${inToUs.id}`);
    assert.equal(listedIn.body.items[0].messageCount, 3);
    assert.equal((await notifications('us.sosa')).unread, before.us, 'us.sosa follows but is not told of an internal message');
    assert.equal((await notifications('us.supplier')).unread, before.supplier);
    const auditor = await notifications('in.auditor');
    assert.equal(auditor.unread, before.inAuditor + 1);
    assert.match(auditor.items[0]!.title, /\(internal\)/);
    const leaked = await t.ctx.store.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select(['users.username', 'body']).where('body', 'like', '%slipped%').execute();
    assert.deepEqual(leaked.map((l) => l.username), ['in.auditor']);
  });

  it('mentioning someone who may not see the message is refused, naming them, and writes nothing', async () => {
    const before = { messages: await count('thread_messages'), notifications: await count('notifications'), mail: await count('mail_outbox') };
    const internal = await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Internal, @us.sosa should not see this', visibility: 'internal' });
    assert.equal(internal.status, 422);
    assert.match(internal.body.detail, /@us\.sosa may not see this internal message/);
    // us.supplier2 (Ohio Castings) is not put to this request.
    const company = await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Ask @us.supplier2 as well' });
    assert.equal(company.status, 422);
    assert.match(company.body.detail, /@us\.supplier2/);
    const unknown = await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Ping @nobody.here' });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body.detail, /@nobody\.here may not see this message/, 'an unknown name gets the same answer as a hidden one');
    assert.deepEqual({ messages: await count('thread_messages'), notifications: await count('notifications'), mail: await count('mail_outbox') }, before);
  });

  it('a company not put to the request, and a third nation, do not find the thread (404)', async () => {
    for (const user of ['us.supplier2', 'in.supplier', 'gb.sosa']) {
      assert.equal((await as(user, 'GET', `/threads/${threadId}`)).status, 404, user);
      assert.equal((await as(user, 'POST', `/threads/${threadId}/messages`, { body: 'hello' })).status, 404, user);
      const listed = await as(user, 'GET', '/threads');
      assert.ok(!listed.body.items.some((i: { id: string }) => i.id === threadId), `${user} lists the thread`);
    }
  });

  it('a company writes only shared messages; an auditor reads and does not write', async () => {
    assert.equal((await as('us.supplier', 'POST', `/threads/${threadId}/messages`, { body: 'internal?', visibility: 'internal' })).status, 403);
    assert.equal((await as('us.supplier', 'POST', `/threads/${threadId}/messages`, { body: 'Lot 1 ships on time.' })).status, 201);
    assert.equal((await as('in.auditor', 'POST', `/threads/${threadId}/messages`, { body: 'noted' })).status, 403);
    assert.equal((await as('in.auditor', 'GET', `/threads/${threadId}`)).status, 200);
  });

  it('an internal general thread stays with its nation; a working-group thread is the arrangement’s two nations, officials only', async () => {
    const internal = await as('us.sosa', 'POST', '/threads', { subjectKind: 'general', title: 'US-only: SOSA office coordination', scope: 'internal', message: { body: 'Coordinate with @us.dod before Friday.' } });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    assert.deepEqual(internal.body.nations, ['US']);
    assert.equal(internal.body.mayWriteInternal, false);
    assert.equal((await as('in.sosa', 'GET', `/threads/${internal.body.id}`)).status, 404);
    assert.ok(!(await as('in.sosa', 'GET', '/threads')).body.items.some((i: { id: string }) => i.id === internal.body.id));
    assert.equal((await notifications('us.dod')).items[0]!.kind, 'mention');
    const mentionIn = await as('us.sosa', 'POST', `/threads/${internal.body.id}/messages`, { body: 'And @in.sosa?' });
    assert.equal(mentionIn.status, 422);

    const group = await as('us.sosa', 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Jet engines (threads test)', members: [] });
    const wg = await as('us.sosa', 'POST', '/threads', { subjectKind: 'working_group', subjectId: group.body.id, title: 'Jet engines working group', arrangementId: 'US-IN' });
    assert.equal(wg.status, 201, JSON.stringify(wg.body));
    assert.deepEqual(wg.body.nations, ['US', 'IN']);
    assert.equal((await as('in.sosa', 'GET', `/threads/${wg.body.id}`)).status, 200);
    assert.equal((await as('in.supplier', 'GET', `/threads/${wg.body.id}`)).status, 404);
    assert.equal((await as('gb.sosa', 'GET', `/threads/${wg.body.id}`)).status, 404);
    const filtered = await as('in.sosa', 'GET', '/threads?subjectKind=working_group');
    assert.deepEqual(filtered.body.items.map((i: { id: string }) => i.id), [wg.body.id]);
  });

  it('refuses threads it cannot place: an arrangement of others, a general thread with a subject, a company outside requests', async () => {
    assert.equal((await as('in.sosa', 'POST', '/threads', { subjectKind: 'general', title: 'x', arrangementId: 'GB-JP' })).status, 422);
    assert.equal((await as('in.sosa', 'POST', '/threads', { subjectKind: 'general', title: 'x' })).status, 422, 'a shared general thread names its arrangement');
    assert.equal((await as('in.sosa', 'POST', '/threads', { subjectKind: 'general', subjectId: 'x', title: 'x', scope: 'internal' })).status, 422);
    assert.equal((await as('in.supplier', 'POST', '/threads', { subjectKind: 'general', title: 'x', arrangementId: 'US-IN' })).status, 403);
    // A request of others is refused like a missing one: 422 naming the field, no existence leak.
    assert.equal((await as('gb.sosa', 'POST', '/threads', { subjectKind: 'request', subjectId: inToUs.id, title: 'x' })).status, 422);
    assert.equal((await as('in.auditor', 'POST', '/threads', { subjectKind: 'general', title: 'x', scope: 'internal' })).status, 403);
  });

  it('an internal thread on a request is hidden from the company put to it and from the other nation', async () => {
    const usToIn = await buildRequest(t, 'US->IN', 'routed', ['BPF']);
    const internal = await as('in.sosa', 'POST', '/threads', { subjectKind: 'request', subjectId: usToIn.id, title: 'IN only: which company can commit', scope: 'internal', message: { body: 'BPF has capacity; DEA does not.' } });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    assert.deepEqual(internal.body.nations, ['IN']);
    for (const user of ['in.supplier', 'us.sosa']) {
      assert.equal((await as(user, 'GET', `/threads/${internal.body.id}`)).status, 404, user);
      assert.ok(!(await as(user, 'GET', `/threads?subjectId=${usToIn.id}`)).body.items.some((i: { id: string }) => i.id === internal.body.id), user);
    }
    const mention = await as('in.sosa', 'POST', `/threads/${internal.body.id}/messages`, { body: '@in.supplier can you confirm?' });
    assert.equal(mention.status, 422, 'a company cannot be brought into an internal thread by a mention');
    assert.equal((await as('in.supplier', 'POST', '/threads', { subjectKind: 'request', subjectId: usToIn.id, title: 'x', scope: 'internal' })).status, 403);
    const shared = await as('in.supplier', 'POST', '/threads', { subjectKind: 'request', subjectId: usToIn.id, title: 'BPF question on the drawing', message: { body: 'Which revision of the drawing applies?' } });
    assert.equal(shared.status, 201, 'a company put to the request opens a shared thread on it');
    assert.deepEqual(shared.body.nations, ['US', 'IN']);
    assert.equal(shared.body.mayWriteInternal, false);
  });

  it('marks notifications read: one’s own by id or all; another user’s ids are untouched', async () => {
    const usN = await notifications('us.sosa');
    assert.ok(usN.unread > 0);
    const inN = (await as('in.sosa', 'GET', '/notifications')).body as { items: Array<{ id: string }> };
    const mark = await as('in.sosa', 'POST', '/notifications/read', { ids: [usN.items[0]!.id, ...inN.items.map((i) => i.id)] });
    assert.equal(mark.status, 200);
    assert.equal(mark.body.unread, 0);
    assert.equal((await notifications('us.sosa')).unread, usN.unread, 'us.sosa’s notification is not marked by in.sosa');
    const all = await as('us.sosa', 'POST', '/notifications/read', { all: true });
    assert.deepEqual([all.body.marked, all.body.unread], [usN.unread, 0]);
    assert.equal((await as('us.sosa', 'GET', '/notifications?unread=true')).body.items.length, 0);
    assert.equal((await as('us.sosa', 'POST', '/notifications/read', {})).status, 422);
  });

  it('notifies a company when a request is put to it, not the others', async () => {
    const routed = await buildRequest(t, 'US->IN', 'routed', ['BPF']);
    const about = <T extends { kind: string; link: string }>(items: T[]) => items.filter((i) => i.kind === 'request_assigned' && i.link === `/requests/${routed.id}`);
    const bpf = about((await notifications('in.supplier')).items);
    assert.equal(bpf.length, 1);
    assert.match(bpf[0]!.title, /Request put to your company/);
    assert.equal(about((await notifications('in.supplier2')).items).length, 0);
    // The rated order placed with Lynn Turbine in the setup told us.supplier.
    assert.equal((await notifications('us.supplier')).items.filter((i) => i.kind === 'request_assigned').length, 1);
  });

  it('notifies those an overdue deadline escalates to, once, in the deciding nation', async () => {
    const r = await buildRequest(t, 'IN->US', 'submitted');
    const deadlines = await t.ctx.store.db.selectFrom('deadlines').select(['id', 'nation', 'basis']).where('request_id', '=', r.id).where('stopped_at', 'is', null).execute();
    assert.ok(deadlines.length > 0);
    t.clock.set('2027-06-01T00:00:00Z');
    await escalateOverdueDeadlines(t.ctx);
    await escalateOverdueDeadlines(t.ctx);
    const rows = await t.ctx.store.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select(['users.username', 'users.nation', 'notifications.subject_id']).where('kind', '=', 'deadline_escalated').where('subject_id', '=', r.id).execute();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((n) => deadlines.some((d) => d.nation === n.nation)), JSON.stringify(rows));
    assert.equal(new Set(rows.map((n) => n.username)).size, rows.length, 'one notification per user per escalation');
    t.clock.set('2026-11-23T14:00:00Z');
  });

  it('request comments keep their API and notify @mentions by the same rule; an internal comment cannot mention the other nation', async () => {
    const before = (await notifications('us.commerce')).unread;
    const shared = await as('in.sosa', 'POST', `/requests/${inToUs.id}/comments`, { body: '@us.commerce is the DO rating confirmed?' });
    assert.equal(shared.status, 201);
    const n = await notifications('us.commerce');
    assert.equal(n.unread, before + 1);
    assert.match(n.items[0]!.title, /mentioned you in a comment on SOSA-/);
    assert.equal(n.items[0]!.link, `/requests/${inToUs.id}`);
    const comments = (await t.ctx.store.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const internal = await as('in.sosa', 'POST', `/requests/${inToUs.id}/comments`, { body: 'Internal note for @us.commerce', visibility: 'internal' });
    assert.equal(internal.status, 422);
    assert.match(internal.body.detail, /@us\.commerce may not see this internal comment/);
    assert.equal((await t.ctx.store.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n, comments, 'the refused comment is not written');
    assert.equal((await as('in.sosa', 'POST', `/requests/${inToUs.id}/comments`, { body: 'A note without mentions, mail to ops@mod.example' })).status, 201);
  });

  it('reads and changes one’s own preferences; bad input is refused', async () => {
    const got = await as('in.sosa', 'GET', '/me/notification-preferences');
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.channels.mention, { inApp: true, email: true });
    assert.equal(got.body.email, 'in.sosa@sosa-desk.example');
    assert.equal(got.body.emailAvailable, true);
    const put = await as('in.sosa', 'PUT', '/me/notification-preferences', { channels: { thread_message: { email: true } }, emailDigest: 'off', email: 'priya.raghavan@mod.example' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual([put.body.channels.thread_message, put.body.emailDigest, put.body.email], [{ inApp: true, email: true }, 'off', 'priya.raghavan@mod.example']);
    assert.equal((await as('us.sosa', 'GET', '/me/notification-preferences')).body.emailDigest, 'immediate', 'another user is unchanged');
    assert.equal((await as('in.sosa', 'PUT', '/me/notification-preferences', { email: 'not-an-address' })).status, 422);
    assert.equal((await as('in.sosa', 'PUT', '/me/notification-preferences', { channels: { telepathy: { email: true } } })).status, 422);
  });
});
