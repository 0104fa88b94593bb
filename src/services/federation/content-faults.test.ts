import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { decodeJwt } from 'jose';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';

// Review of stop 27, F3: a peer's message whose content the database refuses (a NUL in a comment,
// a constraint the checks did not foresee) is recorded as refused with its number, so the link
// moves on; it no longer fails its batch each time it is sent, holding up every later message.
// A fault that may pass on a second try (a serialization failure) still fails the batch, which the
// sender sends again.
const { net, us, india } = useUsIndiaPeered();

const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().where('peer_nation', '=', 'US').orderBy('seq').execute();
const author = { displayName: 'Col. Priya Raghavan', nation: 'IN', organisation: 'MoD' };

describe("a peer's message the database would refuse is refused with its number; the next applies (review of stop 27, F3)", () => {
  let requestId = '';
  const comment = (changes: { body?: string; author?: typeof author }) => ({
    request: { id: requestId, arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' },
    comment: { id: randomUUID(), author, visibility: 'shared', body: 'hello', createdAt: india.ctx.now().toISOString(), ...changes },
  });
  const send = (body: ReturnType<typeof comment>) =>
    india.ctx.store.db.transaction().execute(async (trx) => (await enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind: 'request.comment', object: { type: 'request', id: requestId, version: 1 }, body })).id);
  const held = async (id: string) => (await us.ctx.store.db.selectFrom('comments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  it('a NUL or an unpaired surrogate in a comment, and a comment a constraint of the database refuses', async () => {
    const submitted = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Commented with what a database cannot hold' }));
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    requestId = submitted.body.id;
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    // A rule of the database no check before the write knows of: what a schema the checks lag behind refuses (class 23).
    await sql`alter table comments add constraint review_f3_refused check (body <> 'refused by a constraint')`.execute(us.ctx.store.db);
    try {
      const bad = [
        comment({ body: 'a NUL \u0000 in the body' }),
        comment({ author: { ...author, displayName: 'Col. \u0000' } }),
        comment({ author: { ...author, organisation: 'MoD \ud800' } }),
        comment({ body: 'refused by a constraint' }),
      ];
      const badIds: string[] = [];
      for (const b of bad) badIds.push(await send(b));
      const good = comment({ body: 'The next comment applies.' });
      const goodId = await send(good);
      assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null, refused: 4 });
      const sent = await outbox(india);
      const refused = sent.filter((r) => badIds.includes(r.id));
      assert.deepEqual(refused.map((r) => [r.state, r.refusal_reason]), bad.map(() => ['refused', 'invalid_content']));
      assert.equal(sent.find((r) => r.id === goodId)!.state, 'delivered');
      // Recorded on the US with their numbers, in sequence, the last one applied after them.
      const inbox = await us.ctx.store.db.selectFrom('federation_inbox').select(['seq', 'refusal_reason', 'receipt']).where('sender_nation', '=', 'IN').orderBy('seq', 'desc').limit(5).execute();
      assert.deepEqual(inbox.reverse().map((r) => r.refusal_reason), ['invalid_content', 'invalid_content', 'invalid_content', 'invalid_content', null]);
      assert.deepEqual(inbox.map((r) => r.seq), refused.map((r) => r.seq).concat(sent.find((r) => r.id === goodId)!.seq));
      assert.match((decodeJwt(inbox[3]!.receipt) as { refusal: { detail: string } }).refusal.detail, /database refused its content \(SQLSTATE 23514\)/);
      assert.ok(!(await held(bad[3]!.comment.id)) && (await held(good.comment.id)));
    } finally {
      await sql`alter table comments drop constraint review_f3_refused`.execute(us.ctx.store.db);
    }
  });

  it('a serialization failure fails the delivery, which is sent again and then applied: not refused', async () => {
    await sql`create function review_f3_conflict() returns trigger language plpgsql as $$ begin raise exception 'a conflict' using errcode = '40001'; end $$`.execute(us.ctx.store.db);
    await sql`create trigger review_f3_conflict before insert on comments for each row execute function review_f3_conflict()`.execute(us.ctx.store.db);
    const retried = comment({ body: 'Sent again after a conflict.' });
    const id = await send(retried);
    try {
      const first = await net.deliver('IN', 'US');
      assert.equal(first.delivered, 0);
      assert.ok(first.blocked, JSON.stringify(first));
      assert.equal((await outbox(india)).find((r) => r.id === id)!.state, 'pending');
    } finally {
      await sql`drop trigger review_f3_conflict on comments; drop function review_f3_conflict()`.execute(us.ctx.store.db);
    }
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.ok(await held(retried.comment.id));
  });
});
