// Both stores at once: the US instance on the store under test, India on PGlite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { F414_BLADES } from './testing/fixtures.js';
import { auditEvents, call, login, startFederatedPair, waitFor, type FederatedPair } from './testing/federated-instances.js';
import { TEST_STORE } from './testing/test-store.js';

// Issue #13, faults on the link between two sovereign instances in real processes: a test proxy
// on loopback stands between the US's sender and India's inbox and cuts the link (connections
// reset, or taken and never answered), delivers a message twice, holds one back until the next
// has passed (two deliveries in the other order), and replays what it saw, as is and altered.
// The two processes serve every case of the file. The attempt timeout is 2 s so that a hung link
// costs seconds; the retries are at most 2 s apart.
const BOUND_MS = 60_000;
let pair: FederatedPair;
let usOfficer = '';
let requester = '';
const ids: string[] = [];

async function newRequest(title: string): Promise<string> {
  const created = await call(pair.us.url, requester, 'POST', '/requests', { ...F414_BLADES, title });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  ids.push(created.body.id);
  return created.body.id;
}

async function step(id: string, action: string): Promise<void> {
  const res = await call(pair.us.url, usOfficer, 'POST', `/requests/${id}/transitions`, { action });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** What the US shows its officer about India's copy of each request (`partnerDelivery`). */
async function deliveries(of: string[]) {
  const details = await Promise.all(of.map((id) => call(pair.us.url, usOfficer, 'GET', `/requests/${id}`)));
  return details.map((d) => ({ version: d.body.version as number, ...(d.body.partnerDelivery[0] ?? { state: 'none' }) }));
}

async function waitDelivered(of: string[]): Promise<void> {
  const ds = await waitFor(BOUND_MS, () => deliveries(of), (v) => v.every((d: any) => d.state === 'delivered'));
  assert.deepEqual(ds.map((d: any) => d.state), of.map(() => 'delivered'), 'every change reaches India once the link carries again');
}

const indiaAuditor = () => login(pair.india.url, 'in.auditor');
// Messages about requests, the flows under test (the demo's working group crosses too, when the
// scheduler escalates its overdue item at start).
const received = async () => (await auditEvents(pair.india.url, await indiaAuditor(), 'federation.message_received')).filter((e) => e.entityType === 'request');

before(async () => {
  pair = await startFederatedPair({ SOSA_FEDERATION_ATTEMPT_TIMEOUT_SECONDS: '2' });
  [usOfficer, requester] = [await login(pair.us.url, 'us.sosa'), await login(pair.us.url, 'in.sosa')];
});
after(async () => {
  await pair?.close();
});

describe(`faults on the link between two sovereign instances in real processes (US on ${TEST_STORE}, India on PGlite, a proxy between them)`, { timeout: 300_000 }, () => {
  it('the link cut (connections reset): the US keeps the changes, says since when India is unreachable, and delivers them in order when the link returns', async () => {
    pair.proxy.setMode('refuse');
    const a = await newRequest('Link cut A');
    const b = await newRequest('Link cut B');
    await step(a, 'acknowledge');
    await step(b, 'acknowledge');
    await step(a, 'forward_for_determination');
    const down = await waitFor(BOUND_MS, () => deliveries([a, b]), (v) => v.every((d: any) => d.state === 'pending' && d.unreachableSince));
    assert.deepEqual(down.map((d: any) => [d.state, typeof d.unreachableSince]), [['pending', 'string'], ['pending', 'string']]);
    assert.equal((await received()).length, 0, 'nothing crossed a cut link');
    pair.proxy.setMode('pass');
    await waitDelivered([a, b]);
  });

  it('the link hangs (taken, never answered): each attempt times out, and the queue resumes when the link answers again', async () => {
    pair.proxy.setMode('hang');
    const c = await newRequest('Link hangs');
    await step(c, 'acknowledge');
    const down = await waitFor(BOUND_MS, () => deliveries([c]), (v) => v[0]?.unreachableSince);
    assert.equal(typeof (down[0] as any).unreachableSince, 'string', 'a hung attempt counts as a failure');
    pair.proxy.setMode('pass');
    await waitDelivered([c]);
  });

  it('a delivery duplicated on the way is applied once: the second copy gets the same receipt, and India records it', async () => {
    const copies = pair.proxy.duplicateNext();
    const d = await newRequest('Duplicated');
    await step(d, 'acknowledge');
    const { first, second } = await copies;
    const [one, two] = [JSON.parse(first.body), JSON.parse(second.body)];
    assert.equal(one.outcome, 'applied');
    assert.equal(two.outcome, 'duplicate');
    assert.equal(two.receipt, one.receipt, 'the same receipt, not a second application');
    await waitDelivered([d]);
    const messageId = (decodeJwt(one.receipt) as { messageId: string }).messageId;
    // One event per transaction that took copies, naming each (the single inbox is a batch of one).
    const names = (e: { data: Record<string, unknown> }) => (e.data.messages as Array<{ messageId: string }> | undefined)?.some((m) => m.messageId === messageId) ?? false;
    const duplicates = await waitFor(BOUND_MS, async () => auditEvents(pair.india.url, await indiaAuditor(), 'federation.message_duplicate'), (v) => v.some(names));
    const event = duplicates.find(names);
    assert.ok(event, 'India audited the copy');
    assert.deepEqual([event.entityType, event.data.from, event.data.count], ['federation_peer', 'US', 1]);
  });

  it('a delivery held back until the next one passed (two deliveries in the other order) is not applied again and changes nothing', async () => {
    const e = await newRequest('Reordered');
    const holding = pair.proxy.holdNext();
    await step(e, 'acknowledge');
    await holding;
    // The sender's attempt times out, it sends the same message again (it passes), then the next.
    await step(e, 'forward_for_determination');
    await waitDelivered([e]);
    const [now] = await deliveries([e]);
    const late = await pair.proxy.release();
    assert.equal(late.status, 200, late.body);
    assert.equal(JSON.parse(late.body).outcome, 'duplicate', 'the late copy of the earlier message is answered as seen, not applied');
    const [still] = await deliveries([e]);
    assert.deepEqual([still!.state, still!.version], ['delivered', now!.version]);
  });

  it('a replay of what the proxy saw: the same bytes are answered with their receipt and audited; altered bytes are refused and audited on India, never applied', async () => {
    const before = (await received()).length;
    const [old] = pair.proxy.delivered;
    const again = await pair.proxy.inject(old!);
    assert.equal(again.status, 200, again.body);
    assert.equal(JSON.parse(again.body).outcome, 'duplicate');
    // The replay with its sequence number changed: the signature no longer matches.
    const jws = (JSON.parse(old!) as { message: string }).message;
    const [header, payload, signature] = jws.split('.');
    const changed = { ...(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as object), seq: 1_000 };
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    const refused = await pair.proxy.inject(JSON.stringify({ message: forged }));
    assert.equal(refused.status, 403, refused.body);
    assert.equal(JSON.parse(refused.body).reason, 'bad_signature');
    const audited = await waitFor(BOUND_MS, async () => auditEvents(pair.india.url, await indiaAuditor(), 'federation.message_refused'), (v) => v.some((e) => e.data.reason === 'bad_signature'));
    assert.ok(audited.some((e) => e.data.reason === 'bad_signature'), 'the altered replay is in India’s audit log');
    assert.equal((await received()).length, before, 'neither replay was applied');
  });

  it('after all of it: India applied every message the US queued, once each, in sequence order, and both audit chains verify', async () => {
    await waitDelivered(ids);
    const queued = await auditEvents(pair.us.url, await login(pair.us.url, 'us.auditor'), 'federation.message_queued');
    const got = await waitFor(BOUND_MS, async () => auditEvents(pair.india.url, await indiaAuditor(), 'federation.message_received'), (v) => v.length >= queued.length);
    assert.deepEqual(got.map((e) => e.data.messageId).sort(), queued.map((e) => e.data.messageId).sort(), 'every queued message applied, none twice');
    assert.deepEqual(got.map((e) => e.data.seq), queued.map((_, i) => i + 1), 'applied in sequence order, without gaps');
    for (const [url, user] of [[pair.us.url, 'us.auditor'], [pair.india.url, 'in.auditor']] as const) {
      const verified = await call(url, await login(url, user), 'POST', '/audit/verify', {});
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.ok, true, `${user}'s chain: ${JSON.stringify(verified.body)}`);
    }
  });
});
