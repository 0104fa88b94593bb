import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  seq: number;
  at: Date;
  actorId: string | null;
  actor: string;
  nation: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
  /**
   * Nations whose auditors read the event ('*': every auditor of the instance). Absent on events
   * written before it existed, which then hash exactly as they did.
   */
  parties?: readonly string[] | undefined;
}

/** JSON with object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Each event commits to the previous event's hash (DESIGN.md: hash-chained audit log). */
export function hashAuditRecord(prevHash: string, record: AuditRecord): string {
  const { seq, at, actorId, actor, nation, action, entityType, entityId, data, parties } = record;
  const body = canonicalJson({ seq, at: at.toISOString(), actorId, actor, nation, action, entityType, entityId, data, parties });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; firstBadSeq: number; problem: string };

/**
 * Walks the chain in sequence order. Detects an altered row (its hash no longer matches its
 * content), a removed or reordered row (a gap or a broken link to the previous hash), and an
 * inserted row (it cannot carry a hash that the next row links to).
 */
export function verifyChain(records: Iterable<StoredAuditRecord>, start = { seq: 0, hash: GENESIS_HASH, count: 0 }): ChainVerdict {
  let expectedSeq = start.seq + 1;
  let prev = start.hash;
  let count = start.count;
  for (const r of records) {
    if (r.seq !== expectedSeq) {
      return { ok: false, count, firstBadSeq: r.seq, problem: `expected event ${expectedSeq} next, found ${r.seq}: an event was removed or reordered` };
    }
    if (r.prevHash !== prev) {
      return { ok: false, count, firstBadSeq: r.seq, problem: `event ${r.seq} does not link to the hash of event ${r.seq - 1}` };
    }
    const recomputed = hashAuditRecord(r.prevHash, r);
    if (recomputed !== r.hash) {
      return { ok: false, count, firstBadSeq: r.seq, problem: `event ${r.seq} was altered: its content does not match its hash` };
    }
    prev = r.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, count, lastHash: prev };
}
