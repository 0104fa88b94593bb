import { hashAuditRecord, verifyChain } from '../src/domain/audit/hash-chain.js';
import { appendAudit, sequenceAuditBatch, sequencePendingAudit, toStoredAuditRecord, verifyAuditLog } from '../src/store/audit.repository.js';
import { openBenchStore, STORE_LABEL, type BenchStoreKind } from './bench-store.js';
import { elapsedMs, seededRandom, sized, type BenchOptions } from './measure.js';
import { formatCount, formatNumber, type BenchResult, type BenchRow } from './table.js';

const ACTIONS = ['submit', 'acknowledge', 'forward_for_determination', 'determine_program', 'authorize_rating', 'place_rated_order'];
const BATCH = 500;
const FILL_BATCH = 1000;
/** Events a sequencer round finds under a stream of audited reads (about 20 at 45 rounds a second, seen under bench:load). */
const SMALL_ROUND = 20;

/**
 * Audit chain verification (`verifyAuditLog`: paged reads plus SHA-256 of every event). The log
 * starts with events appended by `appendAudit` itself, in transactions of 500 (that append rate
 * is a row of its own); the rest continues the same chain, hashed by the same `hashAuditRecord`
 * and inserted 1,000 rows a statement, only to make the setup fast. A third row times the hashing
 * alone (`verifyChain` on rows already in memory), so the share of the database reads shows.
 */
export async function benchAudit(kind: BenchStoreKind, options: BenchOptions): Promise<BenchResult> {
  const events = sized(options, 20_000);
  const appended = Math.min(events, sized(options, 2_000));
  const store = await openBenchStore(kind);
  try {
    const random = seededRandom(7);
    const entry = (i: number) => ({
      actorId: null,
      actor: i % 2 ? 'us.sosa' : 'in.sosa',
      nation: i % 2 ? 'US' : 'IN',
      action: `request.${ACTIONS[i % ACTIONS.length]}`,
      entityType: 'request',
      entityId: `bench-${Math.floor(i / ACTIONS.length)}`,
      data: { from: 'submitted', to: 'acknowledged', note: `event ${i}`, quantity: Math.floor(random() * 1000) },
    });

    const appendStarted = process.hrtime.bigint();
    for (let done = 0; done < appended; done += BATCH) {
      await store.db.transaction().execute(async (trx) => {
        for (let i = done; i < Math.min(appended, done + BATCH); i++) await appendAudit(trx, entry(i));
      });
    }
    const appendMs = elapsedMs(appendStarted);
    // Since issue #14 a change writes its event to the queue; the sequencer gives it its chain
    // position off the request path. Both rows are timed: what a writer pays, and the chaining.
    const sequenceStarted = process.hrtime.bigint();
    await sequencePendingAudit(store.db);
    const sequenceMs = elapsedMs(sequenceStarted);

    // Under a stream of writes or audited reads the sequencer runs many small rounds, each of the
    // same five statements: what a round of a few events costs (issue #14, SEQUENCER_MIN_GAP_MS).
    const smallRounds = sized(options, 100);
    let smallMs = 0;
    for (let r = 0; r < smallRounds; r++) {
      await store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < SMALL_ROUND; i++) await appendAudit(trx, entry(appended + r * SMALL_ROUND + i));
      });
      const started = process.hrtime.bigint();
      await sequenceAuditBatch(store.db);
      smallMs += elapsedMs(started);
    }

    const chained = appended + smallRounds * SMALL_ROUND;
    let prev = await store.db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    for (let done = chained; done < events; done += FILL_BATCH) {
      const values = [];
      for (let i = done; i < Math.min(events, done + FILL_BATCH); i++) {
        const e = entry(i);
        const record = { seq: prev.seq + 1, at: new Date(), ...e };
        const hash = hashAuditRecord(prev.hash, record);
        values.push({
          seq: record.seq,
          at: record.at,
          actor_id: e.actorId,
          actor: e.actor,
          nation: e.nation,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          data: JSON.stringify(e.data),
          prev_hash: prev.hash,
          hash,
        });
        prev = { seq: record.seq, hash };
      }
      await store.db.insertInto('audit_events').values(values).execute();
    }

    const verifyStarted = process.hrtime.bigint();
    const verdict = await verifyAuditLog(store.db);
    const verifyMs = elapsedMs(verifyStarted);
    if (!verdict.ok || verdict.count !== events) throw new Error(`verifyAuditLog: ${JSON.stringify(verdict)}`);

    const rows = await store.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const records = rows.map(toStoredAuditRecord);
    const hashStarted = process.hrtime.bigint();
    const inMemory = verifyChain(records);
    const hashMs = elapsedMs(hashStarted);
    if (!inMemory.ok) throw new Error(`verifyChain: ${JSON.stringify(inMemory)}`);

    const on = STORE_LABEL[kind];
    const input = `${formatCount(events)} events`;
    const rate = (ms: number) => `${formatNumber((events / ms) * 1000)} events/s`;
    const result: BenchRow[] = [
      { figure: 'audit verify (verifyAuditLog)', on, input, result: rate(verifyMs) },
      { figure: 'audit verify, hashing only', on: 'pure code', input, result: rate(hashMs) },
      { figure: 'audit append (appendAudit, into the queue)', on, input: `${formatCount(appended)} events, ${formatCount(Math.min(BATCH, appended))} per transaction`, result: `${formatNumber((appended / appendMs) * 1000)} events/s` },
      { figure: 'audit sequencer (chain positions and hashes)', on, input: `${formatCount(appended)} queued events`, result: `${formatNumber((appended / sequenceMs) * 1000)} events/s` },
      { figure: 'audit sequencer, small rounds (as under a stream of commits)', on, input: `${formatCount(smallRounds)} rounds of ${SMALL_ROUND} events`, result: `${formatNumber(smallMs / smallRounds)} ms a round (${formatNumber((smallRounds * SMALL_ROUND / smallMs) * 1000)} events/s)` },
    ];
    return { rows: result, notes: [] };
  } finally {
    await store.close();
  }
}
