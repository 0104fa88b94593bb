// Both stores at once: the US hub on PostgreSQL, India and the United Kingdom on PGlite.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { DateTime } from 'luxon';
import { DPAS_WORKFLOW } from './domain/workflows/dpas-workflow.js';
import { requestBorderBody } from './services/federation/request-border-body.js';
import type { Store } from './store/database.js';
import { auditEvents, call, waitFor } from './testing/federated-instances.js';
import { HUB_DEMO_PASSWORD, startFederatedHub, UK_ADMIN, UK_MINISTRY, type FederatedHub, type HubNation } from './testing/federated-hub.js';
import { requestBody } from './testing/request-builders.js';

// Issue #13, "Hub" and "Tests (real processes, real faults)": three sovereign instances, each its
// own `sosa serve` process and database (src/testing/federated-hub.ts): the US hub on PostgreSQL,
// India and the UK on their own embedded data folders, the hub peered with each (US-IN, US-GB), the
// partners not with each other. India and the UK each submit a DPAS request to the US from their
// own desk at the same time, and the US works both through to delivery. India is SIGKILLed while
// the hub delivers to it; the hub goes on delivering to the UK, whose flow closes meanwhile. India
// restarts on the same data folder, catches up and closes its own. Then: India's copy is the hub's
// projection for India (the UK's for the UK), each message was applied once, the three audit chains
// verify, neither partner holds or reads anything of the other's arrangement, and a canary sweep
// across the three finds no internal canary in any message of any instance nor on any peer's API.
// DESIGN.md, sovereignty rule; README "Sovereign instances". Every wait is bounded.
const WAIT_MS = 60_000;
const UK_PASSWORD = 'Royal-Navy-desk-passphrase-2026';
const PASSWORDS: Record<string, string> = { 'gb.admin': UK_ADMIN.password, 'gb.sosa': UK_PASSWORD, 'gb.auditor': UK_PASSWORD };
const trace = (step: string) => process.env.SOSA_HUB_TRACE && console.error(`${new Date().toISOString()} ${step}`);

type Res = { status: number; body: any };

// ——— canaries: internal ones never cross; shared ones cross to their own arrangement's partner only ———
type Arrangement = 'US-IN' | 'US-GB';
const internalCanaries = new Map<string, { on: HubNation; label: string }>();
const sharedCanaries = new Map<string, { arrangement: Arrangement; label: string }>();
let canarySeq = 0;
const nextCanary = (kind: 'I' | 'S') => `HUBCNRY-${kind}-${String(++canarySeq).padStart(4, '0')}`;
function internal(on: HubNation, label: string): string {
  const c = nextCanary('I');
  internalCanaries.set(c, { on, label });
  return c;
}
function shared(arrangement: Arrangement, label: string): string {
  const c = nextCanary('S');
  sharedCanaries.set(c, { arrangement, label });
  return c;
}
const CANARY = /HUBCNRY-[IS]-\d{4}/g;
const canariesIn = (text: string) => new Set(text.match(CANARY) ?? []);
/** A compact JWS with its payload decoded, so that text inside the signed message is searched too. */
const readable = (jws: string) => `${jws}\n${Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')}`;

describe('a US hub with India and the UK in three real processes (US on PostgreSQL, India and the UK on PGlite)', () => {
  // Should the test's own bound cut it short, the processes, the database and the folders still go.
  let cleanUp: (() => Promise<void>) | null = null;
  after(() => cleanUp?.());
  it('both partners’ DPAS flows cross at once, India is killed mid-delivery while the UK’s completes, all converge, and nothing internal or of the other arrangement crosses', { timeout: 300_000 }, async (t) => {
    const started = Date.now();
    const mark = (what: string) => t.diagnostic(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    let hub: FederatedHub | null = null;
    let hubStore: Store | null = null;
    try {
      hub = await startFederatedHub();
      const net = hub;
      hubStore = await net.openStoreOf('US');
      cleanUp = async () => {
        await hubStore?.close();
        await net.close();
      };
      const hubDb = hubStore.db;
      mark('three instances up');

      const tokens = new Map<string, string>();
      const token = async (nation: HubNation, username: string) => {
        const key = `${nation}:${username}`;
        if (!tokens.has(key)) {
          const res = await call(net.url(nation), null, 'POST', '/session', { username, password: PASSWORDS[username] ?? HUB_DEMO_PASSWORD });
          assert.equal(res.status, 200, `${username} logs in on ${nation}: ${JSON.stringify(res.body)}`);
          tokens.set(key, res.body.token);
        }
        return tokens.get(key)!;
      };
      const api = async (nation: HubNation, username: string, method: string, path: string, body?: unknown): Promise<Res> => call(net.url(nation), await token(nation, username), method, path, body);
      const must = async (expected: number, nation: HubNation, username: string, method: string, path: string, body?: unknown) => {
        const res = await api(nation, username, method, path, body);
        assert.equal(res.status, expected, `${username} ${method} ${path} on ${nation}: ${JSON.stringify(res.body).slice(0, 500)}`);
        return res.body;
      };
      const companyId = async (shortName: string) => (await hubDb.selectFrom('organisations').select('id').where('nation', '=', 'US').where('short_name', '=', shortName).executeTakeFirstOrThrow()).id;
      // Delivered on the day the order was placed, in the supplying nation's zone (the step checks
      // both: not before the placement, not in the future there). The UTC day before failed from
      // 05:00 UTC on, when the placement's day in New York is the UTC day.
      const deliveredOn = DateTime.now().setZone('America/New_York').toISODate()!;

      // ——— the UK desk as its admin sets it up: its officer and auditor, its program ———
      const ukOrg = ((await must(200, 'GB', 'gb.admin', 'GET', '/organisations')).items as Array<{ id: string; name: string }>).find((o) => o.name === UK_MINISTRY)!;
      await must(201, 'GB', 'gb.admin', 'POST', '/users', { username: 'gb.sosa', displayName: 'Cdr. Alice Hartley', password: UK_PASSWORD, organisationId: ukOrg.id, roles: ['sosa_officer'] });
      await must(201, 'GB', 'gb.admin', 'POST', '/users', { username: 'gb.auditor', displayName: 'Owen Price', password: UK_PASSWORD, organisationId: ukOrg.id, roles: ['auditor'] });
      await must(201, 'GB', 'gb.sosa', 'POST', '/programs', { id: 'GB-TYPE26', name: 'Type 26 frigate', status: 'active', partnerNations: ['US'], dpasProgramSymbol: 'A3' });

      // ——— what stays on each partner's desk: an internal thread of its officers ———
      for (const [nation, officer] of [['IN', 'in.sosa'], ['GB', 'gb.sosa']] as const) {
        await must(201, nation, officer, 'POST', '/threads', { subjectKind: 'general', title: internal(nation, 'internal thread title'), scope: 'internal', message: { body: internal(nation, 'internal thread message') } });
      }

      // ——— both partners submit from their own desks at the same time ———
      const submit = async (nation: 'IN' | 'GB', officer: string, program: string, arrangement: Arrangement) => {
        const body = requestBody('US', program, { title: shared(arrangement, 'request title'), justification: shared(arrangement, 'justification') });
        const sent = await must(202, nation, officer, 'POST', '/requests', body);
        assert.equal(sent.heldBy, 'US');
        return sent.id as string;
      };
      const [inId, gbId] = await Promise.all([submit('IN', 'in.sosa', 'IN-LCA-MK2-ENGINE', 'US-IN'), submit('GB', 'gb.sosa', 'GB-TYPE26', 'US-GB')]);
      const copy = (nation: 'IN' | 'GB', id: string) => api(nation, nation === 'IN' ? 'in.sosa' : 'gb.sosa', 'GET', `/partner-copies/${id}`);
      const held = await waitFor(WAIT_MS, () => Promise.all([copy('IN', inId), copy('GB', gbId)]), (cs) => cs.every((c) => c.status === 200 && c.body.request.reference !== ''));
      assert.deepEqual(held.map((c) => [c.body.request.state, c.body.peer]), [['submitted', 'US'], ['submitted', 'US']], 'each desk holds the hub’s copy of its request, numbered by the hub');
      mark('both requests held by the hub');

      const hubStep = async (id: string, user: string, action: string, fields: Record<string, unknown> = {}) => must(200, 'US', user, 'POST', `/requests/${id}/transitions`, { action, ...fields });
      const hubComment = async (id: string, user: string, visibility: 'shared' | 'internal', text: string) => must(201, 'US', user, 'POST', `/requests/${id}/comments`, { body: text, visibility });
      const delivery = async (id: string) => {
        const d = await must(200, 'US', 'us.sosa', 'GET', `/requests/${id}`);
        return { state: d.state as string, version: d.version as number, partner: d.partnerDelivery as Array<{ peer: string; state: string; version: number; unreachableSince: string | null }> };
      };
      /** The partner's copy holds the hub's latest version of the request (what the hub says it delivered, and what the partner shows). */
      const converged = async (nation: 'IN' | 'GB', id: string) => {
        const [d, c] = await Promise.all([delivery(id), copy(nation, id)]);
        return d.partner.length === 1 && d.partner[0]!.peer === nation && d.partner[0]!.state === 'delivered' && d.partner[0]!.version === d.version && c.status === 200 && c.body.version === d.version && c.body.stepSent === null;
      };
      const waitConverged = async (nation: 'IN' | 'GB', id: string, what: string) => {
        const ok = await waitFor(WAIT_MS, () => converged(nation, id), (v) => v);
        assert.ok(ok, `${what}: ${JSON.stringify(await delivery(id))}`);
      };
      /** The requesting nation closes on its copy once the copy shows the delivery: a step sent to the hub, which applies it. */
      const closeFromDesk = async (nation: 'IN' | 'GB', officer: string, id: string, arrangement: Arrangement) => {
        const ready = await waitFor(WAIT_MS, () => copy(nation, id), (c) => c.body.request.state === 'delivered');
        assert.equal(ready.body.request.state, 'delivered', `${nation}'s copy shows the delivery`);
        await must(202, nation, officer, 'POST', `/partner-copies/${id}/steps`, { action: 'confirm_receipt_and_close', note: shared(arrangement, 'closing note') });
      };

      // ——— the UK's flow, through to its close, while India is down ———
      const ukFlow = async () => {
        await hubStep(gbId, 'us.sosa', 'acknowledge', { note: shared('US-GB', 'acknowledgement note') });
        await hubComment(gbId, 'us.sosa', 'internal', internal('US', 'internal comment on the UK request'));
        await hubComment(gbId, 'us.sosa', 'shared', shared('US-GB', 'shared comment'));
        await hubStep(gbId, 'us.sosa', 'forward_for_determination', { note: shared('US-GB', 'forward note') });
        await hubComment(gbId, 'us.dod', 'internal', internal('US', 'DoD internal comment on the UK request'));
        await hubStep(gbId, 'us.dod', 'determine_program', { approved_program: 'Type 26 frigate support', determination_reference: shared('US-GB', 'determination reference') });
        await hubStep(gbId, 'us.commerce', 'authorize_rating', { rating: 'DO-A3', authorization_reference: shared('US-GB', 'authorization reference') });
        await hubStep(gbId, 'us.sosa', 'place_rated_order', { supplier: await companyId('LYNN-TURB'), order_number: 'PO-GB-1', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
        // Lynn's refusal is its own record: the UK, which may know only the company that performs, never reads it.
        await hubStep(gbId, 'us.supplier', 'reject_rated_order', { ground: 'terms_of_sale_not_met', reasons: internal('US', "Lynn's rejection reasons") });
        await hubStep(gbId, 'us.sosa', 'place_rated_order', { supplier: await companyId('OHIO-CAST'), order_number: 'PO-GB-2', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
        await hubStep(gbId, 'us.supplier2', 'accept_rated_order', { promised_delivery_date: '2027-03-20' });
        await hubStep(gbId, 'us.supplier2', 'mark_delivered', { delivered_on: deliveredOn, shipment_reference: shared('US-GB', 'shipment reference') });
        await closeFromDesk('GB', 'gb.sosa', gbId, 'US-GB');
        await waitFor(WAIT_MS, () => delivery(gbId), (d) => d.state === 'closed');
        await waitConverged('GB', gbId, 'the UK’s close reaches the hub and its answer the UK');
      };

      // ——— India's request worked on the hub; India is SIGKILLed while the hub delivers to it ———
      let killedAt = 0;
      const indiaSteps = async () => {
        await hubStep(inId, 'us.sosa', 'acknowledge', { note: shared('US-IN', 'acknowledgement note') });
        // At once: the sender wakes when the step commits, so the acknowledgement is on its way to India.
        await net.kill('IN');
        killedAt = Date.now();
        trace('India killed');
        await hubComment(inId, 'us.sosa', 'internal', internal('US', 'internal comment on the Indian request'));
        await hubComment(inId, 'us.sosa', 'shared', shared('US-IN', 'shared comment'));
        await hubStep(inId, 'us.sosa', 'forward_for_determination', { note: shared('US-IN', 'forward note') });
        await hubComment(inId, 'us.dod', 'internal', internal('US', 'DoD internal comment on the Indian request'));
        await hubStep(inId, 'us.dod', 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: shared('US-IN', 'determination reference') });
        await hubStep(inId, 'us.commerce', 'authorize_rating', { rating: 'DO-A1', authorization_reference: shared('US-IN', 'authorization reference') });
        await hubStep(inId, 'us.sosa', 'place_rated_order', { supplier: await companyId('LYNN-TURB'), order_number: 'PO-IN-1', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
        await hubStep(inId, 'us.supplier', 'accept_rated_order', { promised_delivery_date: '2027-03-25' });
        await hubStep(inId, 'us.supplier', 'mark_delivered', { delivered_on: deliveredOn, shipment_reference: shared('US-IN', 'shipment reference') });
      };
      await Promise.all([indiaSteps(), ukFlow()]);
      mark('the UK’s flow closed while India was down');

      // While India was down every step was acknowledged to the US officials, its messages wait, and the UK's flow closed.
      const waiting = await delivery(inId);
      assert.equal(waiting.partner[0]?.state, 'pending', 'India has not received the latest change');
      const ukClosed = await copy('GB', gbId);
      assert.equal(ukClosed.body.request.state, 'closed', 'the UK’s copy closed while India was down');
      assert.ok(killedAt > 0 && Date.parse(ukClosed.body.lastReceivedAt) > killedAt, 'the UK received the hub’s answer after India went down');

      const restartedAt = Date.now();
      await net.restart('IN');
      mark('India restarted');
      await waitConverged('IN', inId, 'every change reaches India after its restart');
      await closeFromDesk('IN', 'in.sosa', inId, 'US-IN');
      await waitFor(WAIT_MS, () => delivery(inId), (d) => d.state === 'closed');
      await waitConverged('IN', inId, 'India’s close reaches the hub and its answer India');
      mark('India’s flow closed');

      // ——— each desk sees what the sovereignty rule says ———
      const [inCopy, gbCopy] = [(await copy('IN', inId)).body, (await copy('GB', gbId)).body];
      const copyText = (c: any) => JSON.stringify({ ...c, trail: undefined, sent: undefined });
      assert.equal(inCopy.supplier?.name, 'Lynn Turbine Components Inc.', 'India knows the company that performs its order');
      assert.equal(gbCopy.supplier?.name, 'Ohio Precision Castings LLC', 'the UK knows the company that performs its order');
      assert.ok(!copyText(gbCopy).includes('Lynn Turbine'), 'the UK’s copy never names the company whose order it no longer is');
      assert.ok(!copyText(inCopy).includes('Ohio Precision'), 'India’s copy names no company of another request');
      for (const [nation, own, other] of [['IN', inId, gbId], ['GB', gbId, inId]] as const) {
        const officer = nation === 'IN' ? 'in.sosa' : 'gb.sosa';
        const list = await must(200, nation, officer, 'GET', '/partner-copies?limit=100');
        assert.deepEqual(list.items.map((i: { id: string }) => i.id), [own], `${nation}'s desk lists its own request only`);
        assert.deepEqual(list.instance, { nation, peers: ['US'] });
        assert.equal((await api(nation, officer, 'GET', `/partner-copies/${other}`)).status, 404, `${nation}'s desk has no copy of the other partner's request`);
      }
      // On the hub, each company reads the request its line is on, not the other.
      assert.equal((await api('US', 'us.supplier', 'GET', `/requests/${inId}`)).status, 200);
      assert.equal((await api('US', 'us.supplier', 'GET', `/requests/${gbId}`)).status, 404, 'Lynn, rejected on the UK request, reads it no more');
      assert.equal((await api('US', 'us.supplier2', 'GET', `/requests/${inId}`)).status, 404);
      assert.equal((await api('US', 'us.supplier2', 'GET', `/requests/${gbId}`)).status, 200);
      // The hub's officers read their internal comments; the partners' copies carry only the shared ones.
      for (const [id, c, arrangement] of [[inId, inCopy, 'US-IN'], [gbId, gbCopy, 'US-GB']] as const) {
        const onHub = canariesIn(JSON.stringify(await must(200, 'US', 'us.dod', 'GET', `/requests/${id}`)));
        assert.ok([...internalCanaries].some(([k, v]) => v.on === 'US' && onHub.has(k)), 'the hub’s own officials read its internal comments');
        const onCopy = canariesIn(copyText(c));
        assert.deepEqual([...onCopy].filter((k) => !sharedCanaries.has(k) || sharedCanaries.get(k)!.arrangement !== arrangement), [], 'a copy carries only its own arrangement’s shared text');
        assert.ok(c.comments.length === 1 && sharedCanaries.get(c.comments[0].body)?.label === 'shared comment', 'the shared comment crossed, the internal ones did not');
      }

      // ——— every message applied once, on each side of each link ———
      const auditorOf: Record<HubNation, string> = { US: 'us.auditor', IN: 'in.auditor', GB: 'gb.auditor' };
      const events = async (nation: HubNation, action: string) => auditEvents(net.url(nation), await token(nation, auditorOf[nation]), action);
      const ids = (list: Array<{ data: Record<string, any> }>, key: 'to' | 'from', peer: string) => list.filter((e) => e.data[key] === peer).map((e) => e.data.messageId as string);
      const links: Array<[HubNation, HubNation]> = [['US', 'IN'], ['US', 'GB'], ['IN', 'US'], ['GB', 'US']];
      for (const [from, to] of links) {
        const queued = ids(await events(from, 'federation.message_queued'), 'to', to);
        const received = await waitFor(WAIT_MS, async () => ids(await events(to, 'federation.message_received'), 'from', from), (r) => r.length >= queued.length);
        t.diagnostic(`${from}→${to}: ${queued.length} messages queued, ${received.length} applied`);
        assert.ok(queued.length > 0);
        assert.deepEqual([...received].sort(), [...queued].sort(), `${to} applied every message ${from} queued for it, none twice`);
      }
      for (const nation of ['US', 'IN', 'GB'] as const) {
        const verified = await must(200, nation, auditorOf[nation], 'POST', '/audit/verify', {});
        assert.equal(verified.ok, true, `${nation}'s audit chain: ${JSON.stringify(verified)}`);
      }
      mark('counts and audit chains checked');

      // ——— the canary sweep across the three instances, through their APIs ———
      // The officers and auditors read the most of what their instance holds (every role's reads on one instance: canary-sweep.test.ts).
      const readers: Record<HubNation, string[]> = { US: ['us.sosa', 'us.auditor'], IN: ['in.sosa', 'in.auditor'], GB: ['gb.sosa', 'gb.auditor'] };
      const openapi = await call(net.url('US'), null, 'GET', '/openapi.json');
      const plainGets = Object.entries(openapi.body.paths as Record<string, Record<string, unknown>>)
        .filter(([path, ops]) => 'get' in ops && !path.includes('{'))
        .map(([path]) => path.replace(/^\/api\/v1/, ''))
        .filter((path) => path !== '/openapi.json' && path !== '/audit');
      const sweepPaths = [...plainGets, '/audit?limit=500', '/threads?limit=200', '/requests?limit=200', ...[inId, gbId].flatMap((id) => [`/requests/${id}`, `/partner-copies/${id}`])];
      const readOn = new Map<HubNation, Set<string>>();
      await Promise.all(
        (['US', 'IN', 'GB'] as const).map(async (nation) => {
          const seen = new Set<string>();
          for (const user of readers[nation]) {
            const bearer = await token(nation, user);
            const paths = [...sweepPaths];
            for (let i = 0; i < paths.length; i++) {
              const path = paths[i]!;
              const res = await fetch(`${net.url(nation)}/api/v1${path}`, { headers: { authorization: `Bearer ${bearer}` } });
              const text = await res.text();
              assert.ok(res.status < 500, `${user} GET ${path} on ${nation}: ${res.status} ${text.slice(0, 200)}`);
              for (const c of canariesIn(text)) seen.add(c);
              // Each thread the reader lists is read whole (its messages are not in the list).
              if (path.startsWith('/threads?') && res.status === 200) paths.push(...(JSON.parse(text).items as Array<{ id: string }>).map((th) => `/threads/${th.id}`));
            }
          }
          readOn.set(nation, seen);
        }),
      );
      const partnerOf: Record<Arrangement, HubNation> = { 'US-IN': 'IN', 'US-GB': 'GB' };
      for (const nation of ['US', 'IN', 'GB'] as const) {
        const seen = readOn.get(nation)!;
        const foreignInternal = [...seen].filter((c) => internalCanaries.has(c) && internalCanaries.get(c)!.on !== nation);
        assert.deepEqual(foreignInternal.map((c) => `${c} (${internalCanaries.get(c)!.label} on ${internalCanaries.get(c)!.on})`), [], `no other instance's internal text is read on ${nation}`);
        const otherArrangement = [...seen].filter((c) => sharedCanaries.has(c) && nation !== 'US' && partnerOf[sharedCanaries.get(c)!.arrangement] !== nation);
        assert.deepEqual(otherArrangement, [], `nothing of the other partner's arrangement is read on ${nation}`);
      }
      // The sweep reads where things live: each internal canary on its own desk, each shared one on its partner's.
      for (const [c, { on, label }] of internalCanaries) assert.ok(readOn.get(on)!.has(c), `${label} is read back on ${on}`);
      for (const [c, { arrangement, label }] of sharedCanaries) assert.ok(readOn.get(partnerOf[arrangement])!.has(c), `${label} of ${arrangement} is read on ${partnerOf[arrangement]}`);
      mark(`API sweep: ${sweepPaths.length} paths × ${Object.values(readers).flat().length} users`);

      // ——— the projection: each partner's copy is what the hub projects for it now ———
      const projections = new Map<string, Record<string, unknown>>();
      for (const [id, nation] of [[inId, 'IN'], [gbId, 'GB']] as const) {
        const projected = await hubDb.transaction().execute((trx) => requestBorderBody(trx, DPAS_WORKFLOW, id, nation));
        assert.ok(projected, `the hub projects ${nation}'s request for ${nation}`);
        projections.set(id, JSON.parse(JSON.stringify(projected.body)));
        assert.equal(await hubDb.transaction().execute((trx) => requestBorderBody(trx, DPAS_WORKFLOW, id, nation === 'IN' ? 'GB' : 'IN')), null, 'the hub projects nothing of it for the other partner');
      }

      // ——— the federation tables of each store ———
      await net.stop('IN');
      await net.stop('GB');
      mark('partners stopped');
      const federationTables = async (db: Store['db']) => ({
        outbox: await db.selectFrom('federation_outbox').selectAll().execute(),
        inbox: await db.selectFrom('federation_inbox').selectAll().execute(),
        mirrors: await db.selectFrom('federation_mirrors').selectAll().execute(),
        peers: await db.selectFrom('federation_peers').select(['nation', 'arrangements']).execute(),
      });
      const tables = new Map<HubNation, Awaited<ReturnType<typeof federationTables>>>([['US', await federationTables(hubDb)]]);
      for (const nation of ['IN', 'GB'] as const) {
        const store = await net.openStoreOf(nation);
        try {
          tables.set(nation, await federationTables(store.db));
        } finally {
          await store.close();
        }
      }
      const messageText = (ft: Awaited<ReturnType<typeof federationTables>>) => [...ft.outbox.map((r) => readable(r.jws)), ...ft.inbox.map((r) => readable(r.jws)), ...ft.mirrors.map((r) => JSON.stringify(r.body))].join('\n');
      for (const [nation, ft] of tables) {
        const crossed = [...canariesIn(messageText(ft))].filter((c) => internalCanaries.has(c));
        assert.deepEqual(crossed.map((c) => `${c} (${internalCanaries.get(c)!.label})`), [], `no internal canary in any message or copy held on ${nation}`);
        assert.deepEqual(ft.outbox.filter((r) => r.state !== 'delivered').map((r) => [r.peer_nation, r.kind, r.state]), [], `${nation}'s outbox is all delivered, nothing refused`);
      }
      for (const [nation, own, other, arrangement] of [['IN', inId, gbId, 'US-IN'], ['GB', gbId, inId, 'US-GB']] as const) {
        const ft = tables.get(nation)!;
        assert.deepEqual(ft.peers, [{ nation: 'US', arrangements: [arrangement] }], `${nation} trusts the hub for ${arrangement} only`);
        const requestRows = [...ft.outbox, ...ft.inbox, ...ft.mirrors].filter((r) => r.object_type === 'request');
        assert.deepEqual([...new Set(requestRows.map((r) => r.object_id))], [own], `${nation}'s federation tables hold its own request only`);
        const text = messageText(ft);
        assert.ok(!text.includes(other), `${nation}'s store never names the other partner's request`);
        assert.deepEqual([...canariesIn(text)].filter((c) => sharedCanaries.get(c)?.arrangement !== arrangement && !internalCanaries.has(c)), [], `${nation}'s store holds no text of the other arrangement`);
        // Nothing applied twice: one inbox row per message the hub sent it, each message once.
        const hubToIt = tables.get('US')!.outbox.filter((r) => r.peer_nation === nation);
        assert.deepEqual(ft.inbox.map((r) => r.message_id).sort(), hubToIt.map((r) => r.id).sort(), `${nation}'s inbox holds each message of the hub once`);
        assert.deepEqual(ft.inbox.map((r) => r.seq).sort((a, b) => a - b), hubToIt.map((_, i) => i + 1), 'in sequence, without gaps');
        const mirror = ft.mirrors.find((r) => r.object_type === 'request' && r.object_id === own)!;
        assert.deepEqual(mirror.body, projections.get(own), `${nation}'s copy is the hub's projection for ${nation}`);
        // And the hub's messages to one partner never name the other's request.
        for (const r of [...hubToIt, ...ft.outbox]) {
          const m = decodeJwt(r.jws) as { arrangement?: string; from?: string; to?: string };
          assert.deepEqual([m.arrangement, [m.from, m.to].sort()], [arrangement, [nation, 'US'].sort()], `each message between the hub and ${nation} is of ${arrangement}`);
          assert.ok(!readable(r.jws).includes(other), `the ${r.kind} between the hub and ${nation} names nothing of the other partner's request`);
        }
      }
      // While India was down the hub retried India's queue and delivered the UK's.
      const hubOutbox = tables.get('US')!.outbox;
      const deliveredBetween = (peer: string, from: number, to: number) => hubOutbox.filter((r) => r.peer_nation === peer && r.delivered_at!.getTime() > from && r.delivered_at!.getTime() < to).length;
      const retriedForIndia = hubOutbox.filter((r) => r.peer_nation === 'IN' && r.attempts > 1).length;
      t.diagnostic(`while India was down the hub delivered ${deliveredBetween('GB', killedAt, restartedAt)} messages to the UK and ${deliveredBetween('IN', killedAt, restartedAt)} to India; ${retriedForIndia} of India's were retried; India applied ${deliveredBetween('IN', 0, killedAt)} before it was killed and ${deliveredBetween('IN', restartedAt, Date.now())} after its restart`);
      assert.ok(deliveredBetween('GB', killedAt, restartedAt) >= 5, 'the UK’s queue went on while India was down');
      assert.ok(retriedForIndia >= 1, 'the hub kept trying India');
      // The shared comment and the six steps taken after the kill, and the answer to India's close.
      assert.ok(deliveredBetween('IN', restartedAt, Date.now()) >= 8, 'India caught up after its restart');
      const hubInbox = tables.get('US')!.inbox;
      assert.deepEqual([...new Set(hubInbox.filter((r) => r.object_type === 'request' && r.sender_nation === 'IN').map((r) => r.object_id))], [inId]);
      assert.deepEqual([...new Set(hubInbox.filter((r) => r.object_type === 'request' && r.sender_nation === 'GB').map((r) => r.object_id))], [gbId]);
      mark('stores checked');
    } finally {
      await hubStore?.close();
      await hub?.close();
      cleanUp = null;
    }
  });
});
