import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { act, buildRequest, requestBody, type BuiltRequest } from '../../testing/request-builders.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../testing/smtp-receiver.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { createMailTransport, deliverDueMail } from './mail-sender.js';

/**
 * E-mail notifications against a real SMTP receiver (smtp-server on a random port), each message
 * parsed with mailparser: the right person gets the right mail; internal content never goes to
 * the other nation; a refusal is retried with backoff; preferences turn e-mail off.
 */
describe('e-mail notifications through a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let request: BuiltRequest;
  let threadId: string;
  let transport: ReturnType<typeof createMailTransport>;
  const as = async (user: string, method: string, path: string, body?: unknown) => t.call(await t.login(user), method, path, body);
  const deliver = () => deliverDueMail(t.ctx, transport!);

  before(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({ now: '2026-11-23T14:00:00Z', config: { smtpUrl: smtp.url, publicUrl: 'https://sosa.example/' } });
    transport = createMailTransport(t.ctx);
    assert.ok(transport, 'an SMTP URL enables e-mail');
    request = await buildRequest(t, 'IN->US', 'placed');
    await deliver(); // the rated order's notice to the supplier
    const created = await as('in.sosa', 'POST', '/threads', { subjectKind: 'request', subjectId: request.id, title: 'Blade lot acceptance' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    threadId = created.body.id;
  });
  beforeEach(() => {
    smtp.received = [];
    smtp.refuseNext = 0;
  });
  after(async () => {
    transport?.close();
    await smtp.close();
    await t.close();
  });

  it('a mention sends the mentioned user one e-mail with the message and a link to the thread', async () => {
    const posted = await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: '@us.sosa please confirm the first lot date for the F414 blades.' });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.deepEqual(await deliver(), { sent: 1, failed: 0 });
    assert.equal(smtp.received.length, 1);
    const [{ to, mail }] = smtp.received as [(typeof smtp.received)[0]];
    assert.deepEqual(to, ['us.sosa@sosa-desk.example']);
    assert.equal(mail.subject, '[SOSA Desk] Col. Priya Raghavan mentioned you in “Blade lot acceptance”');
    assert.match(mail.text ?? '', /please confirm the first lot date for the F414 blades/);
    assert.match(mail.text ?? '', new RegExp(`https://sosa\\.example/#/threads/${threadId}`));
    assert.match(mail.from?.text ?? '', /SOSA Desk/);
    assert.deepEqual(await deliver(), { sent: 0, failed: 0 }, 'sent once');
  });

  it('a workflow step e-mails whoever the request now waits on (issue #11: every step tells the next person)', async () => {
    const created = await as('in.sosa', 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Nozzles for the test cell' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await deliver();
    const mailTo = (address: string) => smtp.received.filter((r) => r.to.includes(address));
    assert.equal(mailTo('us.sosa@sosa-desk.example').length, 1, 'the US SOSA office acknowledges next');
    assert.match(mailTo('us.sosa@sosa-desk.example')[0]!.mail.text ?? '', new RegExp(created.body.id));
    assert.equal(mailTo('us.dod@sosa-desk.example').length, 0, 'DoD is not yet the one it waits on');
    smtp.received = [];
    await act(t, 'us.sosa', created.body.id, 'acknowledge');
    await act(t, 'us.sosa', created.body.id, 'forward_for_determination');
    await deliver();
    assert.equal(mailTo('us.dod@sosa-desk.example').length, 1, 'DoD makes the program determination next');
    assert.match(mailTo('us.dod@sosa-desk.example')[0]!.mail.subject ?? '', new RegExp(`${created.body.reference} waits on you: Determine`));
  });

  it('an internal message sends nothing to the other nation, even to a follower who wants every message by e-mail', async () => {
    for (const user of ['us.sosa', 'in.auditor']) {
      assert.equal((await as(user, 'PUT', '/me/notification-preferences', { channels: { thread_message: { email: true } } })).status, 200);
      assert.equal((await as(user, 'POST', `/threads/${threadId}/follow`, { following: true })).status, 200);
    }
    const posted = await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Internal: the lot date already slipped once.', visibility: 'internal' });
    assert.equal(posted.status, 201);
    await deliver();
    assert.deepEqual(smtp.received.map((r) => r.to), [['in.auditor@sosa-desk.example']]);
    assert.match(smtp.received[0]!.mail.subject ?? '', /\(internal\)/);
    const outbox = await t.ctx.store.db.selectFrom('mail_outbox').select('to_address').where('body', 'like', '%slipped%').execute();
    assert.deepEqual(outbox.map((o) => o.to_address), ['in.auditor@sosa-desk.example'], 'no US address was ever queued');
    for (const user of ['us.sosa', 'in.auditor']) await as(user, 'PUT', '/me/notification-preferences', { channels: { thread_message: { email: false } } });
  });

  it('when the SMTP server refuses once, the outbox retries after a backoff and delivers once', async () => {
    smtp.refuseNext = 1;
    assert.equal((await as('us.sosa', 'POST', `/threads/${threadId}/messages`, { body: 'Noted, @in.sosa: the date holds.' })).status, 201);
    assert.deepEqual(await deliver(), { sent: 0, failed: 1 });
    const row = await t.ctx.store.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'in.sosa@sosa-desk.example').executeTakeFirstOrThrow();
    assert.equal(row.attempts, 1);
    assert.equal(row.sent_at, null);
    assert.match(row.last_error ?? '', /451|busy/i);
    assert.equal(row.next_attempt_at.getTime() - t.clock.now().getTime(), 30_000, 'first retry after 30 s');
    assert.deepEqual(await deliver(), { sent: 0, failed: 0 }, 'not before the backoff');
    t.clock.advanceHours(1 / 60);
    assert.deepEqual(await deliver(), { sent: 1, failed: 0 });
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]!.to, ['in.sosa@sosa-desk.example']);
    const sent = await t.ctx.store.db.selectFrom('mail_outbox').select(['sent_at', 'attempts']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.ok(sent.sent_at);
    assert.equal(sent.attempts, 2);
  });

  it('preferences turn e-mail off: the mention is in the app but no mail is queued or sent', async () => {
    assert.equal((await as('us.dod', 'PUT', '/me/notification-preferences', { emailDigest: 'off' })).status, 200);
    assert.equal((await as('us.sosa', 'PUT', '/me/notification-preferences', { channels: { mention: { email: false } } })).status, 200);
    assert.equal((await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: '@us.dod and @us.sosa: determination reference please.' })).status, 201);
    await deliver();
    assert.deepEqual(smtp.received, []);
    for (const user of ['us.dod', 'us.sosa']) {
      const n = await as(user, 'GET', '/notifications?unread=true');
      assert.equal(n.body.items[0].kind, 'mention', `${user} still sees the mention in the app`);
    }
  });

  it('two senders running at once deliver each mail exactly once', async () => {
    const names = ['us.sosa', 'us.dod', 'us.commerce', 'us.supplier'];
    for (const user of ['us.sosa', 'us.dod']) await as(user, 'PUT', '/me/notification-preferences', { emailDigest: 'immediate', channels: { mention: { email: true } } });
    for (let i = 0; i < 3; i++) {
      assert.equal((await as('in.sosa', 'POST', `/threads/${threadId}/messages`, { body: `Round ${i}: ${names.map((n) => `@${n}`).join(' ')}` })).status, 201);
    }
    const [a, b] = await Promise.all([deliverDueMail(t.ctx, transport!, 50), deliverDueMail(t.ctx, transport!, 50)]);
    assert.equal(a.sent + b.sent, 12);
    assert.equal(smtp.received.length, 12);
    const perAddress = new Map<string, number>();
    for (const r of smtp.received) for (const to of r.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    assert.deepEqual([...perAddress.values()], [3, 3, 3, 3]);
    assert.deepEqual(await deliver(), { sent: 0, failed: 0 });
  });

  it('no SMTP server configured: e-mail is disabled and nothing is queued', async () => {
    const plain = await createTestApp({ config: { smtpUrl: undefined } });
    try {
      assert.equal(createMailTransport(plain.ctx), null);
      const r = await buildRequest(plain, 'IN->US', 'placed');
      const created = await plain.call(await plain.login('in.sosa'), 'POST', '/threads', { subjectKind: 'request', subjectId: r.id, title: 'x', message: { body: '@us.sosa hello' } });
      assert.equal(created.status, 201);
      const queued = await plain.ctx.store.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(queued.n), 0);
      assert.equal((await plain.call(await plain.login('us.sosa'), 'GET', '/me/notification-preferences')).body.emailAvailable, false);
    } finally {
      await plain.close();
    }
  });
});
