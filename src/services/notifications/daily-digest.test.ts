import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { F414_BLADES } from '../../testing/fixtures.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../testing/smtp-receiver.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_STORE } from '../../testing/test-store.js';
import { withTwoServers } from '../../testing/two-servers.js';
import { createRequest } from '../requests/create-request.js';
import { createMailTransport, deliverDueMail } from './mail-sender.js';
import { queueDailyDigests } from './daily-digest.js';
import { updatePreferences } from './notifications.js';

/**
 * The daily digest (issue #11): each user who chose it gets one e-mail a day, from 07:00 in their
 * nation's time zone, listing what waits on them and is due in the next three working days —
 * only their own work — through the outbox to a real SMTP receiver; never twice a day, not even
 * from two server processes on one PostgreSQL.
 */
describe('the daily digest of what is due, through a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let transport: ReturnType<typeof createMailTransport>;
  const as = async (user: string, method: string, path: string, body?: unknown) => t.call(await t.login(user), method, path, body);
  const deliver = () => deliverDueMail(t.ctx, transport!, 50);
  const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';
  const requestIds: string[] = [];

  before(async () => {
    smtp = await startSmtpReceiver();
    // Monday 23 November 2026, 09:00 in Washington.
    t = await createTestApp({ now: '2026-11-23T14:00:00Z', config: { smtpUrl: smtp.url, publicUrl: 'https://sosa.example/' } });
    transport = createMailTransport(t.ctx);
    for (const title of ['F414 blades lot 1', 'F414 blades lot 2']) {
      const created = await as('in.sosa', 'POST', '/requests', { ...F414_BLADES, title });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      requestIds.push(created.body.id);
    }
    // Lynn Turbine's own book: an order received 2 November, so its 15 working days end on 24 November.
    const lynn = await t.login('us.supplier');
    assert.equal((await t.call(lynn, 'POST', '/resources', { name: 'Blade line', capacityPerDay: 5 })).status, 201);
    assert.equal((await t.call(lynn, 'POST', '/rated-orders/import', { csv: [HEADER, 'D-7,US Navy,DO-A3,Blade line,4,2027-03-01,2026-11-02,false,Capt. R. Hale,true'].join('\n') })).status, 201);
    for (const user of ['us.sosa', 'us.supplier', 'us.dod']) assert.equal((await as(user, 'PUT', '/me/notification-preferences', { dailyDigest: true })).status, 200);
    assert.equal((await as('us.sosa', 'GET', '/me/notification-preferences')).body.dailyDigest, true);
    await deliver(); // the steps' own notices
    smtp.received = [];
  });
  beforeEach(() => {
    smtp.received = [];
  });
  after(async () => {
    transport?.close();
    await smtp.close();
    await t.close();
  });

  it('nothing before 07:00 local; then one digest each, listing only the reader’s own work', async () => {
    t.clock.set('2026-11-24T11:30:00Z'); // 06:30 in Washington
    assert.equal(await queueDailyDigests(t.ctx), 0);
    t.clock.set('2026-11-24T12:30:00Z'); // 07:30
    const [a, b] = await Promise.all([queueDailyDigests(t.ctx), queueDailyDigests(t.ctx)]);
    assert.equal(a + b, 2, 'us.sosa and us.supplier have work due; us.dod has none and gets no mail');
    assert.equal(await queueDailyDigests(t.ctx), 0, 'once a day');
    assert.deepEqual(await deliver(), { sent: 2, failed: 0 });
    const to = (user: string) => smtp.received.find((r) => r.to.includes(`${user}@sosa-desk.example`))?.mail;
    const sosa = to('us.sosa')!;
    assert.equal(sosa.subject, '[SOSA Desk] Due in the next 3 working days: 2 items');
    for (const id of requestIds) assert.match(sosa.text ?? '', new RegExp(`https://sosa\\.example/#/requests/${id}`));
    assert.match(sosa.text ?? '', /F414 blades lot 1”: Acknowledge receipt\n/);
    // 2 US working days after Mon 23 Nov: Wed 25 Nov, end of the day in Washington.
    assert.match(sosa.text ?? '', /due Wed 25 Nov 2026, 23:59 \(New York time\)/);
    assert.doesNotMatch(sosa.text ?? '', /D-7/, 'another company’s desk is not the SOSA office’s');
    const lynn = to('us.supplier')!;
    assert.match(lynn.text ?? '', /Rated order D-7 \(DO-A3, US Navy\): accept or reject \(15 CFR 700\.13\)/);
    assert.doesNotMatch(lynn.text ?? '', /F414 blades/, 'requests not put to the company are not in its digest');
    assert.equal(to('us.dod'), undefined);
  });

  it('the next morning brings the next digest; overdue work is listed as such', async () => {
    t.clock.set('2026-11-25T12:30:00Z');
    assert.equal(await queueDailyDigests(t.ctx), 2);
    await deliver();
    const lynn = smtp.received.find((r) => r.to.includes('us.supplier@sosa-desk.example'))!.mail;
    assert.match(lynn.subject ?? '', /1 item, 1 overdue$/);
    assert.match(lynn.text ?? '', /Overdue \(1\)\n- Rated order D-7[^\n]*\n  was due Tue 24 Nov 2026/);
  });

  it('turning e-mail off stops the digest', async () => {
    assert.equal((await as('us.sosa', 'PUT', '/me/notification-preferences', { emailDigest: 'off' })).status, 200);
    t.clock.set('2026-11-27T12:30:00Z');
    assert.equal(await queueDailyDigests(t.ctx), 1, 'only us.supplier');
    await deliver();
    assert.deepEqual(smtp.received.map((r) => r.to), [['us.supplier@sosa-desk.example']]);
  });

  it('a bad preference is refused naming the field', async () => {
    const bad = await as('us.sosa', 'PUT', '/me/notification-preferences', { dailyDigest: 'yes' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'dailyDigest');
  });
});

describe('two server processes on one PostgreSQL queue one digest per user and day', { skip: TEST_STORE !== 'postgres' && 'needs PostgreSQL: an embedded data folder is opened by one process only' }, () => {
  it('races both schedulers four times: one digest for the user', async () => {
    const clock = new Date('2026-11-24T12:30:00Z');
    await withTwoServers(() => clock, async ({ a, b, store, actorOf }) => {
      a.config.smtpUrl = 'smtp://127.0.0.1:9'; // the same config object serves both: mail is only queued here
      b.config.smtpUrl = 'smtp://127.0.0.1:9';
      const sosa = await actorOf('us.sosa');
      await updatePreferences(a, sosa, { dailyDigest: true });
      await createRequest(a, await actorOf('in.sosa'), { ...F414_BLADES } as never);
      const runs = await Promise.all([a, b, a, b].map((ctx) => queueDailyDigests(ctx)));
      assert.equal(runs.reduce((x, y) => x + y, 0), 1);
      const rows = await store.db.selectFrom('mail_outbox').select('subject').where('user_id', '=', sosa.userId).where('notification_id', 'is', null).execute();
      assert.deepEqual(rows.map((r) => r.subject), ['[SOSA Desk] Due in the next 3 working days: 1 item']);
    });
  });
});
