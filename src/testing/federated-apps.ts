import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPeer, checkPeerDescriptor, type AddPeerResult } from '../services/federation/add-peer.js';
import { exportDescriptor } from '../services/federation/export-descriptor.js';
import { generateSigningKey } from '../services/federation/key-store.js';
import { deliverToPeer, type PeerFetch } from '../services/federation/message-sender.js';
import { act, requestBody } from './request-builders.js';
import { createTestApp, type TestApp } from './test-app.js';
import { forwardingTestApp } from './use-test-app.js';

/**
 * Sovereign instances in one process (issue #13): each its own store, key folder and nation; a
 * peer's URL is routed to its app, as over HTTP. A nation's link can be cut (`down`): calls to it
 * then fail as a refused connection does. Peering as `sosa peer descriptor` and `sosa peer add` do it.
 */
export interface FederatedApps {
  app(nation: string): TestApp;
  url(nation: string): string;
  /** Nations whose instance cannot be reached. */
  down: Set<string>;
  fetch: PeerFetch;
  /** One delivery round of `from`'s queue to `to` now, through `fetch` (not waiting for the sender's schedule). */
  deliver(from: string, to: string): ReturnType<typeof deliverToPeer>;
  /**
   * `a` takes `b`'s descriptor, issued now by `b` for `arrangements`, as `sosa peer add` does. Each
   * test instance holds both nations' demo records (as one shared deployment would), which no real
   * instance holds when it is peered: what exists is shared only when a test asks (`shareExisting`).
   */
  peer(a: string, b: string, arrangements: string[], options?: { shareExisting?: boolean }): Promise<AddPeerResult>;
  close(): Promise<void>;
}

export async function startFederatedApps(nations: string[]): Promise<FederatedApps> {
  const root = mkdtempSync(join(tmpdir(), 'sosa-federated-apps-'));
  const apps = new Map<string, TestApp>();
  const byOrigin = new Map<string, string>();
  const down = new Set<string>();
  const url = (nation: string) => `http://127.0.0.1:${47_000 + nations.indexOf(nation) + 1}`;
  for (const nation of nations) {
    const t = await createTestApp({ config: { nation, keyDir: join(root, `${nation.toLowerCase()}-keys`) } });
    await generateSigningKey(t.ctx.config.keyDir, t.ctx.now());
    apps.set(nation, t);
    byOrigin.set(url(nation), nation);
  }
  const app = (nation: string) => {
    const t = apps.get(nation);
    if (!t) throw new Error(`no instance of ${nation}`);
    return t;
  };
  const fetch: PeerFetch = async (target, init) => {
    const nation = byOrigin.get(new URL(target).origin);
    if (!nation || down.has(nation)) throw new TypeError('fetch failed (connect ECONNREFUSED)');
    return app(nation).app.request(target, init);
  };
  return {
    app,
    url,
    down,
    fetch,
    deliver: (from, to) => deliverToPeer(app(from).ctx, to, { fetch, ignoreSchedule: true }),
    async peer(a, b, arrangements, options = {}) {
      const exported = await exportDescriptor({ nation: b, baseUrl: url(b), arrangements, keyDir: app(b).ctx.config.keyDir, now: app(b).ctx.now() });
      return addPeer({ ctx: app(a).ctx, checked: await checkPeerDescriptor(exported.jws, a), shareExisting: options.shareExisting === true });
    },
    async close() {
      for (const t of apps.values()) await t.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The US and India instances peered both ways for US-IN, as most federation tests start. */
export async function startUsIndiaPeered(): Promise<FederatedApps> {
  const net = await startFederatedApps(['US', 'IN']);
  await net.peer('US', 'IN', ['US-IN']);
  await net.peer('IN', 'US', ['US-IN']);
  return net;
}

/**
 * The US and India instances peered both ways, for the whole file or suite it is called in: started
 * by a `before` hook and closed by an `after` hook registered here. The handles forward to the
 * instances once the hook has started them. `setUp`, when given, runs on them in the same hook:
 * Node 20 runs a file's top-level `before` hooks at once, not one after the other.
 */
export function useUsIndiaPeered(setUp?: (net: FederatedApps) => Promise<unknown>): { net: FederatedApps; us: TestApp; india: TestApp } {
  let started: FederatedApps | undefined;
  before(async () => {
    started = await startUsIndiaPeered();
    await setUp?.(started);
  });
  after(() => started?.close());
  const current = (): FederatedApps => {
    if (!started) throw new Error('the instances are started in the before hook: use them inside hooks and tests');
    return started;
  };
  const net: FederatedApps = {
    app: (nation) => current().app(nation),
    url: (nation) => current().url(nation),
    get down() {
      return current().down;
    },
    fetch: (...args) => current().fetch(...args),
    deliver: (from, to) => current().deliver(from, to),
    peer: (a, b, arrangements, options) => current().peer(a, b, arrangements, options),
    close: () => current().close(),
  };
  return { net, us: forwardingTestApp(() => net.app('US')), india: forwardingTestApp(() => net.app('IN')) };
}

/**
 * `useUsIndiaPeered` with one request India's SOSA officer submitted to the US and the US office
 * acknowledged, which queues the first message of the US outbox to India: where the tests of
 * refused messages and signed fetches start. With `deliveredToIndia`, the hook also delivers it.
 * `request.id` is read inside hooks and tests, once the hook has made the request.
 */
export function useUsIndiaAcknowledgedRequest(
  title: string,
  options: { deliveredToIndia?: boolean } = {},
): ReturnType<typeof useUsIndiaPeered> & { request: { readonly id: string } } {
  let id: string | undefined;
  const peered = useUsIndiaPeered(async (net) => {
    const us = net.app('US');
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await act(us, 'us.sosa', created.body.id, 'acknowledge');
    if (options.deliveredToIndia) assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    id = created.body.id;
  });
  const request = {
    get id(): string {
      if (id === undefined) throw new Error('the request is made in the before hook: read its id inside hooks and tests');
      return id;
    },
  };
  return { ...peered, request };
}
