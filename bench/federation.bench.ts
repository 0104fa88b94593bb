// Messages between sovereign instances (issue #13): a US and an Indian instance in one process
// (src/testing/federated-apps.ts: each its own embedded store and key; a peer's URL routed to its
// app, so signing, verification, the inbox's exactly-once transaction and the signed receipt all
// run, without a socket). The change is a posture change (`PUT /postures/US-IN`), which crosses as
// one `posture.set` message; the same change on an instance with no peer is the baseline.
import { startFederatedApps, startUsIndiaPeered } from '../src/testing/federated-apps.js';
import { elapsedMs, percentile, type BenchOptions } from './measure.js';
import { formatCount, formatNumber, type BenchResult, type BenchRow } from './table.js';

const POSTURES = ['emergency', 'peacetime'] as const;

export async function benchFederation(options: BenchOptions): Promise<BenchResult> {
  // --quick (CI) keeps to a few hundred changes: each is a whole API call with its audit event.
  const backlog = options.quick ? 200 : 10_000;
  const samples = options.quick ? 30 : 300;
  const rows: BenchRow[] = [];
  const notes: string[] = [];

  // The baseline: the same change on one instance that has no peer (no message written).
  const single = await startFederatedApps(['US']);
  const alone: number[] = [];
  try {
    const t = single.app('US');
    const token = await t.login('us.sosa');
    for (let i = 0; i < samples; i++) {
      const started = process.hrtime.bigint();
      await changePosture(t, token, i);
      alone.push(elapsedMs(started));
    }
  } finally {
    await single.close();
  }

  const net = await startUsIndiaPeered();
  try {
    const us = net.app('US');
    const india = net.app('IN');
    const token = await us.login('us.sosa');
    // One change and its delivery, one after the other: what an officer waits before the
    // partner holds the signed change (the sender's own schedule left out).
    const change: number[] = [];
    const crossed: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = process.hrtime.bigint();
      await changePosture(us, token, i);
      change.push(elapsedMs(started));
      const { delivered, blocked } = await net.deliver('US', 'IN');
      if (delivered !== 1 || blocked) throw new Error(`federation bench: delivered ${delivered}, blocked: ${blocked}`);
      crossed.push(elapsedMs(started));
    }
    const p50Alone = percentile(alone, 50);
    rows.push({
      figure: 'posture change, peered (writes its signed message)',
      on: 'PGlite ×2, in process',
      input: `${formatCount(samples)} changes`,
      result: `${formatNumber(1000 / percentile(change, 50))} changes/s`,
      p50: `${formatNumber(percentile(change, 50))} ms`,
      p99: `${formatNumber(percentile(change, 99))} ms`,
      baseline: `the same change with no peer, p50 ${formatNumber(p50Alone)} ms`,
      ratio: `×${formatNumber(percentile(change, 50) / p50Alone)}`,
    });
    rows.push({
      figure: 'posture change delivered to the partner (change → signed receipt stored)',
      on: 'PGlite ×2, in process',
      input: `${formatCount(samples)} changes, one at a time`,
      result: `${formatNumber(1000 / percentile(crossed, 50))} changes/s`,
      p50: `${formatNumber(percentile(crossed, 50))} ms`,
      p99: `${formatNumber(percentile(crossed, 99))} ms`,
      baseline: `the same change with no peer, p50 ${formatNumber(p50Alone)} ms`,
      ratio: `×${formatNumber(percentile(crossed, 50) / p50Alone)}`,
    });

    // An outage: India unreachable while the US makes `backlog` changes, then caught up in order.
    net.down.add('IN');
    const queuing = process.hrtime.bigint();
    for (let i = 0; i < backlog; i++) await changePosture(us, token, i);
    const queuedMs = elapsedMs(queuing);
    net.down.delete('IN');
    const catchingUp = process.hrtime.bigint();
    let delivered = 0;
    while (delivered < backlog) {
      const round = await net.deliver('US', 'IN');
      delivered += round.delivered;
      if (round.blocked) throw new Error(`federation bench: catch-up blocked after ${delivered}: ${round.blocked}`);
      if (round.delivered === 0) break;
    }
    const catchUpMs = elapsedMs(catchingUp);
    if (delivered !== backlog) throw new Error(`federation bench: caught up ${delivered} of ${backlog}`);
    const received = await india.ctx.store.db.selectFrom('federation_inbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    rows.push({
      figure: 'catch-up after an outage (queued changes delivered in order)',
      on: 'PGlite ×2, in process',
      input: `${formatCount(backlog)} messages`,
      result: `${formatNumber(catchUpMs / 1000)} s (${formatCount(Math.round(backlog / (catchUpMs / 1000)))} messages/s)`,
      baseline: `making the ${formatCount(backlog)} changes, ${formatNumber(queuedMs / 1000)} s`,
      ratio: `×${formatNumber(catchUpMs / queuedMs)}`,
    });
    notes.push(`Federation: India's inbox holds ${formatCount(Number(received.n))} messages after the run (each applied once); delivery is strictly one message after another per peer, each in its own transaction with a signed receipt.`);
  } finally {
    await net.close();
  }
  return { rows, notes };
}

async function changePosture(t: ReturnType<Awaited<ReturnType<typeof startUsIndiaPeered>>['app']>, token: string, i: number): Promise<void> {
  const res = await t.call(token, 'PUT', '/postures/US-IN', { posture: POSTURES[i % 2], note: `bench ${i}` });
  if (res.status !== 200) throw new Error(`federation bench: posture change answered ${res.status} ${JSON.stringify(res.body)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatTable } = await import('./table.js');
  const { rows, notes } = await benchFederation({ quick: process.argv.includes('--quick') });
  console.log(formatTable(rows));
  for (const note of notes) console.log(`- ${note}`);
}
