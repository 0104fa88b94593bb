import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../app.js';
import { loadConfig, type Config } from '../../config.js';
import { createLogger } from '../../logger.js';
import { createContext } from '../../services/context.js';
import { seedDemoData } from '../../services/reference/seed-demo-data.js';
import { seedReferenceData } from '../../services/reference/seed-reference-data.js';
import { openStore } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { createTestDatabaseUrl, TEST_STORE } from '../../testing/test-store.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Issue #10.3: login throttling must not be a way to lock a user out. Failures count per
 * (username, client address) and per address, with delays that grow, never as a fixed lock of the
 * account for everybody; the client address comes from X-Forwarded-For only behind a trusted
 * proxy (TRUST_PROXY); the state is in the database, shared by every server process.
 */

type App = { request: TestApp['app']['request'] };

/** A login as it arrives on a socket from `address` (the in-process app has no real socket). */
async function loginFrom(app: App, address: string, username: string, password: string, headers: Record<string, string> = {}) {
  const res = await app.request(
    '/api/v1/session',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) },
    { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
}

async function auditOf(t: TestApp, auditor: string, query = '') {
  const res = await t.call(await t.login(auditor), 'GET', `/audit?limit=500${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Array<{ action: string; actor: string; entityId: string; data: Record<string, unknown> }>;
}

describe('login throttling cannot be turned against a user (#10.3)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('five wrong passwords for us.commerce, in any casing and with any X-Forwarded-For, do not refuse the real user from another address', async () => {
    const attacker = '198.51.100.7';
    for (const [i, name] of ['us.commerce', 'US.Commerce', 'us.COMMERCE', 'Us.Commerce', 'us.commerce', 'US.COMMERCE', 'us.commerce'].entries()) {
      const res = await loginFrom(t.app, attacker, name, `guess-${i}`, { 'x-forwarded-for': `10.0.0.${i}` });
      assert.ok([401, 429].includes(res.status), `attempt ${i}: ${res.status}`);
    }
    // The attacker's own further attempts are slowed (casing and X-Forwarded-For change nothing) …
    const again = await loginFrom(t.app, attacker, 'US.commerce', 'guess-x', { 'x-forwarded-for': '10.9.9.9' });
    assert.equal(again.status, 429);
    // … but the rating authority at its desk logs in at once.
    const real = await loginFrom(t.app, '203.0.113.20', 'us.commerce', TEST_PASSWORD);
    assert.equal(real.status, 200, JSON.stringify(real.body));
  });

  it('the delay grows with each failure (exponential backoff), never a fixed 15-minute lock', async () => {
    const from = '198.51.100.8';
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      let res = await loginFrom(t.app, from, 'us.dod', `wrong-${i}`);
      if (res.status === 429) {
        waits.push(res.retryAfter);
        // Wait out the delay on the app's clock, then fail once more.
        t.clock.set(new Date(t.clock.now().getTime() + res.retryAfter * 1000));
        res = await loginFrom(t.app, from, 'us.dod', `wrong-${i}`);
      }
      assert.equal(res.status, 401, `attempt ${i} after its delay`);
    }
    assert.ok(waits.length >= 3, `delays seen: ${waits.join(', ')}`);
    for (let i = 1; i < waits.length; i++) assert.ok(waits[i]! > waits[i - 1]!, `each delay is longer than the one before: ${waits.join(', ')}`);
    assert.ok(waits[0]! <= 5, `the first delay is seconds, not a lock: ${waits[0]}`);
    // After its delay, the right password from that address works and clears the count.
    const blocked = await loginFrom(t.app, from, 'us.dod', TEST_PASSWORD);
    if (blocked.status === 429) t.clock.set(new Date(t.clock.now().getTime() + blocked.retryAfter * 1000));
    assert.equal((await loginFrom(t.app, from, 'us.dod', TEST_PASSWORD)).status, 200);
    assert.equal((await loginFrom(t.app, from, 'us.dod', 'one-more-typo')).status, 401, 'a success starts the count again');
  });

  it('30+ failed logins with invented names from one address (an office NAT) do not lock out its users who logged in there before', async () => {
    const office = '192.0.2.50';
    assert.equal((await loginFrom(t.app, office, 'us.sosa', TEST_PASSWORD)).status, 200, 'us.sosa works from the office');
    for (let i = 0; i < 40; i++) await loginFrom(t.app, office, `invented.${i}`, 'x-password-guess');
    const sprayed = await loginFrom(t.app, office, 'invented.41', 'x-password-guess');
    assert.equal(sprayed.status, 429, 'the spraying address is slowed down');
    assert.equal((await loginFrom(t.app, office, 'us.sosa', TEST_PASSWORD)).status, 200, 'a user known at this address is not refused');
    assert.equal((await loginFrom(t.app, '203.0.113.99', 'us.analyst', TEST_PASSWORD)).status, 200, 'another address is untouched');
  });

  it('every refusal (429) is audited and visible to the auditors of the instance; unknown usernames too', async () => {
    const from = '198.51.100.9';
    for (let i = 0; i < 7; i++) await loginFrom(t.app, from, 'us.supplier2', `wrong-${i}`);
    for (let i = 0; i < 7; i++) await loginFrom(t.app, from, 'nobody.here', `wrong-${i}`);
    const us = await auditOf(t, 'us.auditor');
    const refusedKnown = us.filter((e) => e.action === 'session.login_throttled' && e.actor === 'us.supplier2');
    assert.ok(refusedKnown.length >= 1, 'the refusals for a US user are in the US audit');
    assert.equal(refusedKnown[0]!.data.clientAddress, from);
    assert.ok(typeof refusedKnown[0]!.data.retryAfter === 'number');
    for (const auditor of ['us.auditor', 'in.auditor']) {
      const events = await auditOf(t, auditor);
      assert.ok(events.some((e) => e.action === 'session.login_failed' && e.actor === 'nobody.here'), `${auditor} sees failed logins of an unknown name`);
      assert.ok(events.some((e) => e.action === 'session.login_throttled' && e.actor === 'nobody.here'), `${auditor} sees refusals of an unknown name`);
    }
    const india = await auditOf(t, 'in.auditor');
    assert.ok(!india.some((e) => e.actor === 'us.supplier2'), "India's auditors do not see a US user's failed logins");
  });
});

describe('TRUST_PROXY: the client address behind a reverse proxy', () => {
  const PROXY = '10.20.30.40';

  async function appWith(trustProxy: Partial<Config>) {
    return createTestApp({ now: '2026-11-23T14:00:00Z', config: trustProxy });
  }

  it('without TRUST_PROXY, X-Forwarded-For is ignored: the socket address is the client', async () => {
    const t = await appWith({});
    try {
      for (let i = 0; i < 6; i++) await loginFrom(t.app, PROXY, 'in.sosa', `wrong-${i}`, { 'x-forwarded-for': `203.0.113.${i}` });
      const res = await loginFrom(t.app, PROXY, 'in.sosa', TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.200' });
      assert.equal(res.status, 429, 'a forged header does not escape the count');
      const events = await auditOf(t, 'in.auditor');
      assert.ok(events.filter((e) => e.action === 'session.login_failed').every((e) => e.data.clientAddress === PROXY));
    } finally {
      await t.close();
    }
  });

  it('with TRUST_PROXY=1, the address the proxy saw is the client: clients behind one proxy are apart', async () => {
    const t = await appWith({ trustProxy: { hops: 1 } });
    try {
      for (let i = 0; i < 6; i++) await loginFrom(t.app, PROXY, 'in.sosa', `wrong-${i}`, { 'x-forwarded-for': '198.51.100.66' });
      assert.equal((await loginFrom(t.app, PROXY, 'in.sosa', 'wrong', { 'x-forwarded-for': '198.51.100.66' })).status, 429);
      // A client-supplied first entry changes nothing: only the hop the proxy appended counts.
      assert.equal((await loginFrom(t.app, PROXY, 'in.sosa', 'wrong', { 'x-forwarded-for': '1.2.3.4, 198.51.100.66' })).status, 429);
      assert.equal((await loginFrom(t.app, PROXY, 'in.sosa', TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.5' })).status, 200);
      const events = await auditOf(t, 'in.auditor');
      assert.ok(events.some((e) => e.action === 'session.login_failed' && e.data.clientAddress === '198.51.100.66'));
    } finally {
      await t.close();
    }
  });

  it('with TRUST_PROXY as CIDRs, X-Forwarded-For is read only when the socket is one of them', async () => {
    const t = await appWith({ trustProxy: { cidrs: ['10.0.0.0/8'] } });
    try {
      for (let i = 0; i < 6; i++) await loginFrom(t.app, PROXY, 'in.analyst', `wrong-${i}`, { 'x-forwarded-for': '198.51.100.77' });
      assert.equal((await loginFrom(t.app, PROXY, 'in.analyst', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.77' })).status, 429);
      assert.equal((await loginFrom(t.app, PROXY, 'in.analyst', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.78' })).status, 200);
      // A socket outside the trusted ranges cannot choose its address with the header.
      for (let i = 0; i < 6; i++) await loginFrom(t.app, '203.0.113.9', 'in.admin', `wrong-${i}`, { 'x-forwarded-for': `198.51.100.${100 + i}` });
      assert.equal((await loginFrom(t.app, '203.0.113.9', 'in.admin', TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.200' })).status, 429);
    } finally {
      await t.close();
    }
  });

  it('TRUST_PROXY is parsed once: hops, CIDRs, or a clear error naming the variable', () => {
    assert.deepEqual(loadConfig({ TRUST_PROXY: '2' }).trustProxy, { hops: 2 });
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }).trustProxy, { cidrs: ['10.0.0.0/8', '192.168.1.5'] });
    assert.equal(loadConfig({}).trustProxy, null);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), (e: { errors: Array<{ field: string }> }) => e.errors.some((x) => x.field === 'TRUST_PROXY'));
    assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }), (e: { errors: Array<{ field: string }> }) => e.errors.some((x) => x.field === 'TRUST_PROXY'));
  });
});

describe('two server processes on one PostgreSQL share the throttle', { skip: TEST_STORE !== 'postgres' && 'PostgreSQL only' }, () => {
  it('failures counted by one instance slow the attacker on the other', async () => {
    const { url, drop } = await createTestDatabaseUrl();
    const stores = [await openStore({ databaseUrl: url, poolSize: 2 }), await openStore({ databaseUrl: url, poolSize: 2 })];
    try {
      await migrateToLatest(stores[0]!.db);
      await seedReferenceData(stores[0]!.db);
      await seedDemoData(stores[0]!.db, TEST_PASSWORD);
      const now = () => new Date('2026-11-23T14:00:00Z');
      const [a, b] = stores.map((s) => createApp(createContext(s, loadConfig({}), createLogger('silent'), now)));
      const from = '198.51.100.10';
      // Alternate between the instances, as a load balancer would.
      for (let i = 0; i < 5; i++) assert.equal((await loginFrom(i % 2 ? b! : a!, from, 'us.commerce', `wrong-${i}`)).status, 401);
      assert.equal((await loginFrom(b!, from, 'us.commerce', 'wrong-5')).status, 429, 'the second instance knows the first one’s failures');
      assert.equal((await loginFrom(a!, from, 'us.commerce', 'wrong-6')).status, 429);
    } finally {
      for (const s of stores) await s.close();
      await drop();
    }
  });
});
