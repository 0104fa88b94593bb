import { CompiledQuery, type Kysely } from 'kysely';
import type { AuditRecord } from '../domain/audit/hash-chain.js';
import type { Database } from './schema.js';

// Group commit of the audited reads (issue #14). Every read of a request by the other nation's
// user writes its request.read event before it answers (README "Sign-in, passwords and the audit
// log": no read answered without its event committed — it is security evidence). One INSERT and
// one commit per read made such a read about a third slower than an own-nation read: a round trip
// more, and a WAL flush per read. Here the events of the reads in flight go into the queue
// together, as PostgreSQL's own group commit shares one flush among the commits waiting for it:
// the first event of a batch waits one turn of the event loop for others to join, while a batch
// is being written the next one fills, and each read answers once its batch has committed. One
// statement is one transaction: a batch is written whole or not at all, and a batch that fails
// fails every read in it. Chain positions are still given by the sequencer
// (services/audit/audit-sequencer.ts), which reads the queue like any other event's.

/** One queued event as the audit_queue table takes it: a chain record before its position. */
export type QueuedAuditEvent = Omit<AuditRecord, 'seq' | 'data' | 'parties'> & { data: Record<string, unknown>; parties: readonly string[] };

/** Events per INSERT at most: one parameter (a JSON array), so only the statement's size bounds it. */
export const READ_AUDIT_BATCH = 256;

// One text whatever the batch's size, so the prepared-statement pool parses it once per
// connection: the batch travels as one JSON array of the events as they are (a Date as its ISO
// text), unpacked by jsonb_to_recordset (the nations' JSON array becomes the text[] column, the
// data object the jsonb column).
const INSERT_BATCH = `insert into "audit_queue" ("at", "actor_id", "actor", "nation", "action", "entity_type", "entity_id", "data", "parties")
select e."at", e."actorId", e."actor", e."nation", e."action", e."entityType", e."entityId", e."data", e."parties"
from jsonb_to_recordset($1::jsonb) as e("at" timestamptz, "actorId" uuid, "actor" text, "nation" text, "action" text, "entityType" text, "entityId" text, "data" jsonb, "parties" text[])`;

interface Waiting {
  event: QueuedAuditEvent;
  settle: (error?: unknown) => void;
}

export interface ReadAuditBatchStats {
  /** INSERT statements sent. */
  batches: number;
  /** Events they carried. */
  events: number;
  /** The largest batch. */
  largest: number;
}

class ReadAuditBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight = 0;
  readonly stats: ReadAuditBatchStats = { batches: 0, events: 0, largest: 0 };

  constructor(private readonly db: Kysely<Database>) {}

  /** Resolves once the event's batch has committed; rejects with the batch's error. */
  record(event: QueuedAuditEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ event, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      // A full batch goes at once, even beside one in flight; otherwise one batch at a time.
      if (this.waiting.length >= READ_AUDIT_BATCH) this.flush();
      else if (!this.scheduled && this.inFlight === 0) {
        this.scheduled = true;
        // One turn of the event loop: the reads whose statements returned in this turn join.
        setImmediate(() => {
          this.scheduled = false;
          if (this.inFlight === 0) this.flush();
        });
      }
    });
  }

  private flush(): void {
    if (this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, READ_AUDIT_BATCH);
    this.inFlight++;
    this.stats.batches++;
    this.stats.events += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    this.db.executeQuery(CompiledQuery.raw(INSERT_BATCH, [JSON.stringify(batch.map((w) => w.event))])).then(
      () => this.settled(batch),
      (error: unknown) => this.settled(batch, error ?? new Error('audit batch failed')),
    );
  }

  private settled(batch: readonly Waiting[], error?: unknown): void {
    this.inFlight--;
    for (const w of batch) w.settle(error);
    // What gathered while this batch was written goes now, as one.
    if (this.inFlight === 0) this.flush();
  }
}

// One batcher per database handle (each store, each test store): the events of one handle's
// reads share its pool.
const batchers = new WeakMap<Kysely<Database>, ReadAuditBatcher>();

function batcherOf(db: Kysely<Database>): ReadAuditBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new ReadAuditBatcher(db)));
  return batcher;
}

/** Queues the event with those of the other reads in flight; resolves once it is committed. */
export function recordInBatch(db: Kysely<Database>, event: QueuedAuditEvent): Promise<void> {
  return batcherOf(db).record(event);
}

/** What the batcher of this database handle has written (tests, benches). */
export function readAuditBatchStats(db: Kysely<Database>): ReadAuditBatchStats {
  return { ...batcherOf(db).stats };
}
