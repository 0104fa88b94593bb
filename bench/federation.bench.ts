// Messages between sovereign instances over real HTTP on loopback (issue #13). Each instance is a
// real `sosa serve` process (src/testing/server-process.ts) with its own embedded store in its own
// data folder and its own signing key, keyed and peered for US-IN as `sosa keys generate`,
// `sosa peer descriptor` and `sosa peer add` do it (keyAndPeer, as the real-process federation
// tests start them); the US's sender posts to India's inbox at http://127.0.0.1:<port> with no
// proxy between. The change is an edit of a liaison posting of a US officer to an Indian command
// (`PUT /liaison-officers/{id}`, one `posting.set` message each), made by the bench over HTTP like
// any client; `inFlight` clients each edit their own posting, so a stream has several changes in
// flight (a posture, the change this bench used before, is one per arrangement: its changes are
// serial, and its answer carries the whole history, which grows with every change). The baseline
// is the same edit on the same US process of postings to a UK command: the UK has no instance
// peered, so it is the code path of a single instance (no message written), measured in the same
// run on the same store, and the ratios hold the process, the store and the load alike.
//
// This replaces the in-process figures (two apps in one process, a peer's URL routed to its app,
// no socket): those measured the message code alone, which these rows include, and CI pays for
// one federation bench only.
//
// Times of delivery come from the instances' own audit chains (read over the API afterwards):
// `federation.message_queued` is written in the change's own transaction (the change committed),
// `federation.message_delivered` when the US stored India's signed receipt, and on India
// `federation.message_received` when the message was applied. The processes share the machine's
// clock, so the differences are delivery latencies (millisecond timestamps).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, FEDERATION_TEST_PASSWORD, keyAndPeer, login } from '../src/testing/federated-instances.js';
import { freePort } from '../src/testing/free-port.js';
import { killHard, startServerProcess, type ServerProcess } from '../src/testing/server-process.js';
import { elapsedMs, percentile, type BenchOptions } from './measure.js';
import { formatCount, formatMs, formatNumber, formatRatio, type BenchResult, type BenchRow } from './table.js';

const POSTING_OBJECT = 'liaison_posting';
const WARM_UP = 10;
/** The host nation whose instance is the US's peer, and one no peer stands for (the baseline). */
const PEERED = 'IN';
const ALONE = 'GB';
const ON = 'PGlite, 2 processes, HTTP on 127.0.0.1';

export interface FederationBenchSettings {
  /** Changes made one at a time, each once the last one's receipt is stored (the latency rows). */
  paced: number;
  /** Changes in the live stream, `inFlight` at a time (each client edits its own posting). */
  stream: number;
  inFlight: number;
  /** Changes queued while India is down, then caught up (10,000 in the full run). */
  backlog: number;
}

export function federationBenchSettings(options: BenchOptions): FederationBenchSettings {
  // --quick (CI) keeps to a few hundred changes: most of its seconds are the three process starts.
  const sizes = options.quick ? { paced: 20, stream: 100, inFlight: 4, backlog: 200 } : { paced: 200, stream: 2_000, inFlight: 4, backlog: 10_000 };
  // FEDERATION_BENCH_STREAM / FEDERATION_BENCH_BACKLOG: other sizes for a run made by hand (a loaded machine).
  const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
  return { ...sizes, stream: env('FEDERATION_BENCH_STREAM', sizes.stream), backlog: env('FEDERATION_BENCH_BACKLOG', sizes.backlog) };
}

interface AuditEvent {
  seq: number;
  at: string;
  entityType: string;
  entityId: string;
  data: Record<string, any>;
}

/**
 * The postings whose messages the bench counts: its own (the demo data holds a posting of a US
 * officer to India too, which crosses when the demo is seeded).
 */
const benchPostings = new Set<string>();

/** An instance's audit events of one action about the bench's postings, read on from where the last read stopped. */
class AuditTail {
  private afterSeq = 0;
  readonly events: AuditEvent[] = [];
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly action: string,
  ) {}
  /** Reads what was appended since; returns how many events about postings are held. */
  async read(): Promise<number> {
    for (;;) {
      const page = await call(this.url, this.token, 'GET', `/audit?action=${this.action}&limit=500&afterSeq=${this.afterSeq}`);
      if (page.status !== 200) throw new Error(`federation bench: audit answered ${page.status} ${JSON.stringify(page.body)}`);
      for (const e of page.body.items as AuditEvent[]) if (e.entityType === POSTING_OBJECT && benchPostings.has(e.entityId)) this.events.push(e);
      if (page.body.items.length > 0) this.afterSeq = (page.body.items as AuditEvent[]).at(-1)!.seq;
      if (!page.body.next) return this.events.length;
      this.afterSeq = page.body.next.afterSeq;
    }
  }
  /** Reads until `count` events are held (polling every `everyMs`), at most `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number, everyMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.read()) < count) {
      if (Date.now() > deadline) throw new Error(`federation bench: ${this.action}: ${this.events.length} of ${count} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
  /** Time (ms since the epoch) of each event by message id. */
  byMessage(): Map<string, number> {
    return new Map(this.events.map((e) => [e.data.messageId as string, Date.parse(e.at)]));
  }
}

interface Instance {
  nation: 'US' | 'IN';
  port: number;
  env: Record<string, string> & { SOSA_KEY_DIR: string; SOSA_DATA_DIR: string };
  args: string[];
}

function instance(root: string, nation: 'US' | 'IN', port: number): Instance {
  const dir = nation.toLowerCase();
  const env = {
    SOSA_DEMO_PASSWORD: FEDERATION_TEST_PASSWORD, // what login() signs in with
    LOG_LEVEL: 'warn',
    SOSA_NATION: nation,
    SOSA_KEY_DIR: join(root, `${dir}-keys`),
    SOSA_DATA_DIR: join(root, `${dir}-data`),
    DATABASE_URL: '',
  };
  return { nation, port, env, args: ['--demo', '--port', String(port), '--data', env.SOSA_DATA_DIR] };
}

/** A liaison posting of a US officer to `host`'s command: edited again and again by one client. */
interface Posting {
  id: string;
  version: number;
  body: Record<string, unknown>;
}

async function newPosting(url: string, token: string, host: string, n: number): Promise<Posting> {
  const body = {
    officerName: `Maj. Bench ${n}`,
    officerRank: 'Maj.',
    serviceNumber: `US-BENCH-${host}-${n}`,
    hostNation: host,
    hostCommand: host === 'IN' ? 'Department of Defence Production, New Delhi' : 'Defence Equipment and Support, Bristol',
    location: '',
    startDate: '2027-01-04',
    endDate: '2027-12-31',
    status: 'planned',
    hostPoc: { name: '', email: '' },
    notes: 'bench',
    documents: [],
  };
  const res = await call(url, token, 'POST', '/liaison-officers', body);
  if (res.status !== 201) throw new Error(`federation bench: posting answered ${res.status} ${JSON.stringify(res.body)}`);
  benchPostings.add(res.body.id);
  return { id: res.body.id, version: res.body.version, body };
}

/** One edit of the posting's notes (`PUT /liaison-officers/{id}`): one `posting.set` message when its host is a peer. */
async function editPosting(url: string, token: string, posting: Posting, i: number): Promise<void> {
  const res = await call(url, token, 'PUT', `/liaison-officers/${posting.id}`, { ...posting.body, notes: `bench ${i}`, version: posting.version });
  if (res.status !== 200) throw new Error(`federation bench: edit answered ${res.status} ${JSON.stringify(res.body)}`);
  posting.version = res.body.version;
}

/** `count` edits, one client per posting, each client's edits one after the other; every call's latency and the wall time. */
async function changes(url: string, token: string, postings: readonly Posting[], count: number): Promise<{ latenciesMs: number[]; wallMs: number }> {
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    postings.map(async (posting, w) => {
      for (let i = w; i < count; i += postings.length) {
        const t = process.hrtime.bigint();
        await editPosting(url, token, posting, i);
        latenciesMs.push(elapsedMs(t));
      }
    }),
  );
  return { latenciesMs, wallMs: elapsedMs(started) };
}

/** Latencies (ms) from each message's `from` event to its `to` event, over the messages of `from`. */
function latencies(from: Map<string, number>, to: Map<string, number>): number[] {
  const out: number[] = [];
  for (const [id, t] of from) {
    const done = to.get(id);
    if (done === undefined) throw new Error(`federation bench: message ${id} has no later event`);
    out.push(done - t);
  }
  return out;
}

/** SIGTERM, and the process's own shutdown (which writes its CPU profile). */
function stopGently(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

const rate = (count: number, ms: number) => count / (ms / 1000);

/**
 * How many copies of messages it had taken India answered (`federation.message_duplicate`: one
 * event a transaction naming each copy, `count` of them; the single inbox is a batch of one).
 */
async function copiesAnswered(url: string, token: string): Promise<number> {
  let copies = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await call(url, token, 'GET', `/audit?action=federation.message_duplicate&limit=500&afterSeq=${afterSeq}`);
    if (page.status !== 200) throw new Error(`federation bench: audit answered ${page.status} ${JSON.stringify(page.body)}`);
    for (const e of page.body.items as AuditEvent[]) copies += e.data.count as number;
    if (!page.body.next) return copies;
    afterSeq = page.body.next.afterSeq;
  }
}

export async function benchFederation(options: BenchOptions, settings = federationBenchSettings(options)): Promise<BenchResult> {
  const { paced, stream, inFlight, backlog } = settings;
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const root = mkdtempSync(join(tmpdir(), 'sosa-federation-bench-'));
  const running: ServerProcess[] = [];
  const launch = async (i: Instance) => {
    // FEDERATION_BENCH_PROFILE=DIR: each instance writes a CPU profile there when it stops.
    const profile = process.env.FEDERATION_BENCH_PROFILE;
    const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(profile, i.nation)}`] : [];
    const s = await startServerProcess(i.args, i.env, 180_000, { nodeArgs });
    running.push(s);
    return s;
  };
  try {
    // The US and India, peered both ways for US-IN; the US reaches India's inbox directly on
    // loopback. They start side by side (a start is mostly one core's work).
    const us = instance(root, 'US', await freePort());
    const india = instance(root, 'IN', await freePort());
    await keyAndPeer([us, india].map((i) => ({ nation: i.nation, env: i.env, reachedAt: `http://127.0.0.1:${i.port}`, store: { databaseUrl: undefined, dataDir: i.env.SOSA_DATA_DIR } })));
    const [usServer, firstIndia] = await Promise.all([launch(us), launch(india)]);
    let inServer = firstIndia;
    const [token, usAuditor] = [await login(usServer.url, 'us.sosa'), await login(usServer.url, 'us.auditor')];
    const queued = new AuditTail(usServer.url, usAuditor, 'federation.message_queued');
    const delivered = new AuditTail(usServer.url, usAuditor, 'federation.message_delivered');
    let received = new AuditTail(inServer.url, await login(inServer.url, 'in.auditor'), 'federation.message_received');
    const postingsTo = async (host: string) => Promise.all(Array.from({ length: inFlight }, (_, n) => newPosting(usServer.url, token, host, n)));

    // The baseline: the same change on the same US process, to postings hosted by the UK, which
    // has no instance peered: the code path of a single instance (no message written).
    const toGb = await postingsTo(ALONE);
    await changes(usServer.url, token, toGb, WARM_UP);
    const alone = await changes(usServer.url, token, toGb, stream);
    if ((await queued.read()) !== 0) throw new Error('federation bench: a posting hosted by GB queued a message');
    const aloneRate = rate(stream, alone.wallMs);
    const aloneP50 = percentile(alone.latenciesMs, 50);
    const vsAlone = `no peer, call p50 ${formatMs(aloneP50)}`;

    const toIndia = await postingsTo(PEERED); // each crosses as its first message
    await changes(usServer.url, token, toIndia, WARM_UP); // delivered before the figures start
    let made = inFlight + WARM_UP; // messages to India so far
    await delivered.waitFor(made, 60_000);
    await received.waitFor(made, 10_000);

    // Latency: one change at a time, the next made once the US holds the receipt of the last
    // (the sender idle when each change commits: what an officer's single change waits).
    for (let i = 0; i < paced; i++) {
      await editPosting(usServer.url, token, toIndia[0]!, i);
      made += 1;
      await delivered.waitFor(made, 60_000, 20); // a read every 20 ms: a small load on the US beside the delivery
    }
    await received.waitFor(made, 10_000);
    await queued.read();
    const pacedIds = new Set(queued.events.slice(-paced).map((e) => e.data.messageId as string));
    const pacedQueued = new Map([...queued.byMessage()].filter(([id]) => pacedIds.has(id)));
    const toReceipt = latencies(pacedQueued, delivered.byMessage());
    const toApplied = latencies(pacedQueued, received.byMessage());

    // Throughput: a stream of changes, `inFlight` clients each editing its posting as fast as the
    // API answers, while the sender delivers; from the first change to the last receipt stored.
    const streamStarted = Date.now();
    const peered = await changes(usServer.url, token, toIndia, stream);
    made += stream;
    await delivered.waitFor(made, 60_000 + stream * 200);
    await received.waitFor(made, 10_000);
    await queued.read();
    const streamIds = new Set(queued.events.slice(-stream).map((e) => e.data.messageId as string));
    const streamQueued = new Map([...queued.byMessage()].filter(([id]) => streamIds.has(id)));
    const streamToReceipt = latencies(streamQueued, delivered.byMessage());
    const lastOf = (tail: AuditTail) => Math.max(...[...tail.byMessage()].filter(([id]) => streamIds.has(id)).map(([, t]) => t));
    const deliveredRate = rate(stream, lastOf(delivered) - streamStarted);
    const appliedRate = rate(stream, lastOf(received) - streamStarted);
    const peeredRate = rate(stream, peered.wallMs);
    const peeredP50 = percentile(peered.latenciesMs, 50);

    const streamInput = `${formatCount(stream)} changes, ${inFlight} in flight`;
    rows.push({
      figure: 'posting edit, host with no peer (GB, same US process): the baseline',
      on: ON,
      input: streamInput,
      result: `${formatCount(aloneRate)} changes/s`,
      p50: formatMs(aloneP50),
      p99: formatMs(percentile(alone.latenciesMs, 99)),
    });
    rows.push({
      figure: 'posting edit, host peered (commits its signed message; the sender delivers meanwhile)',
      on: ON,
      input: streamInput,
      result: `${formatCount(peeredRate)} changes/s`,
      p50: formatMs(peeredP50),
      p99: formatMs(percentile(peered.latenciesMs, 99)),
      baseline: `no peer, ${formatCount(aloneRate)} changes/s`,
      ratio: `${formatRatio(peeredRate / aloneRate)} rate, ${formatRatio(peeredP50 / aloneP50)} p50`,
    });
    // One change at a time, timed to two points of its delivery: against the call's own p50.
    const latencyRow = (figure: string, samples: number[]): BenchRow => ({
      figure,
      on: ON,
      input: `${formatCount(paced)} changes, one at a time`,
      result: `${formatMs(percentile(samples, 50))} p50`,
      p50: formatMs(percentile(samples, 50)),
      p99: formatMs(percentile(samples, 99)),
      baseline: vsAlone,
      ratio: formatRatio(percentile(samples, 50) / aloneP50),
    });
    rows.push(latencyRow("delivery latency: change committed → India's signed receipt stored on the US", toReceipt));
    rows.push(latencyRow("delivery latency: change committed → applied in India's store", toApplied));
    rows.push({
      figure: 'throughput: messages delivered, signed receipts stored on the US',
      on: ON,
      input: streamInput,
      result: `${formatCount(deliveredRate)} messages/s`,
      p50: formatMs(percentile(streamToReceipt, 50)),
      p99: formatMs(percentile(streamToReceipt, 99)),
      baseline: `no peer, ${formatCount(aloneRate)} changes/s`,
      ratio: formatRatio(deliveredRate / aloneRate),
    });
    notes.push(
      'Federation: p50/p99 of the posting-edit rows are per API call; of the latency and throughput rows, from the commit of the change (its `federation.message_queued` audit event, in the same transaction) to the receipt stored or the message applied (the instances\' audit timestamps, one machine clock; under the stream a message also waits behind those queued before it). ' +
        `Throughput: the stream's messages over the time from its first change to its last receipt stored (${formatCount(appliedRate)} messages/s applied on India); the sender posts what is pending to a peer in batches of up to 100 messages (one POST, a signed receipt for each message), one batch after another.`,
    );

    // An outage: India stopped (SIGKILL) while the US queues `backlog` changes; then India is
    // started again on the same data and port, fetches what it missed from the US's outbox at
    // start (the US's retries post it too, whichever comes first), and applies it in order.
    await killHard(inServer);
    running.splice(running.indexOf(inServer), 1);
    const queuing = await changes(usServer.url, token, toIndia, backlog);
    made += backlog;
    const restarted = process.hrtime.bigint();
    const restartedAt = Date.now();
    inServer = await launch(india);
    const upMs = elapsedMs(restarted);
    const inAuditor = await login(inServer.url, 'in.auditor');
    received = new AuditTail(inServer.url, inAuditor, 'federation.message_received');
    await received.waitFor(made, 600_000 + backlog * 100, 250);
    await queued.read();
    const backlogIds = new Set(queued.events.slice(-backlog).map((e) => e.data.messageId as string));
    const appliedAt = received.events.filter((e) => backlogIds.has(e.data.messageId)).map((e) => Date.parse(e.at));
    if (appliedAt.length !== backlog) throw new Error(`federation bench: India applied ${appliedAt.length} of the ${backlog} queued messages`);
    if (received.events.length !== made || !received.events.every((e, i) => i === 0 || e.data.seq > received.events[i - 1]!.data.seq)) {
      throw new Error(`federation bench: India applied ${received.events.length} messages of ${made}, or not in sequence order`);
    }
    const caughtUpMs = Math.max(...appliedAt) - restartedAt;
    // The US's evidence: India's signed receipt of every message, stored once its sender's retry
    // (due when India fetched the last page) posted them again; then the copies India answered.
    await delivered.waitFor(made, 400_000, 250);
    const receiptsMs = Math.max(...[...delivered.byMessage()].filter(([id]) => backlogIds.has(id)).map(([, t]) => t)) - restartedAt;
    const copies = await copiesAnswered(inServer.url, inAuditor);
    const applyingMs = Math.max(...appliedAt) - Math.min(...appliedAt);
    rows.push({
      figure: "catch-up after India's outage: restart → every queued message applied, in order",
      on: ON,
      input: `${formatCount(backlog)} messages`,
      result: `${formatNumber(caughtUpMs / 1000)} s (${formatCount(rate(backlog, applyingMs))} messages/s applied)`,
      baseline: `no peer, ${formatCount(aloneRate)} changes/s`,
      ratio: formatRatio(rate(backlog, applyingMs) / aloneRate),
    });
    notes.push(
      `Federation catch-up: of the ${formatNumber(caughtUpMs / 1000)} s, ${formatNumber(upMs / 1000)} s were India's process start (until it listened) and ${formatNumber(applyingMs / 1000)} s from its first message applied to its last; ` +
        `the US queued the ${formatCount(backlog)} changes in ${formatNumber(queuing.wallMs / 1000)} s (${formatCount(rate(backlog, queuing.wallMs))} changes/s with India down). India applied all ${formatCount(made)} messages of the run once each, in sequence order. The US held India's signed receipt of each ${formatNumber(receiptsMs / 1000)} s after the restart (its retry, due once India has fetched its last page of the US's outbox, posts what India already holds, in batches, answered with the stored receipts); India answered ${formatCount(copies)} copies of messages it already held over the run.`,
    );
  } finally {
    for (const s of [...running]) await (process.env.FEDERATION_BENCH_PROFILE ? stopGently(s) : killHard(s));
    rmSync(root, { recursive: true, force: true });
  }
  return { rows, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatTable } = await import('./table.js');
  const { rows, notes } = await benchFederation({ quick: process.argv.includes('--quick') });
  console.log(formatTable(rows));
  for (const note of notes) console.log(`- ${note}`);
  process.exit(0);
}
