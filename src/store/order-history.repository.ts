import { randomUUID } from 'node:crypto';
import type { Db } from './executor.js';
import type { OrderHistoryTable } from './schema.js';

/** One change to a company's order, kept with the order under 15 CFR 700.91. */
export interface OrderHistoryEntry {
  orderId: string;
  at: Date;
  /** null: the system or demo data, not a signed-in user. */
  actorId: string | null;
  kind: OrderHistoryTable['kind'];
  changeKind?: string | null;
  /** 700.16: the change made it a new rated order. */
  newRatedOrder?: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reasons?: string | null;
  /** The rule the change followed, e.g. '15 CFR 700.13(a), (d)'. */
  rule: string | null;
}

// A multi-row insert is one statement; PostgreSQL allows 65,535 parameters in one, and a row here has 10.
const INSERT_BATCH = 1000;

/** Appends history entries (in the caller's transaction) and returns their ids, in order. */
export async function appendOrderHistory(db: Db, entry: OrderHistoryEntry): Promise<string>;
export async function appendOrderHistory(db: Db, entries: readonly OrderHistoryEntry[]): Promise<string[]>;
export async function appendOrderHistory(db: Db, entries: OrderHistoryEntry | readonly OrderHistoryEntry[]): Promise<string | string[]> {
  const single = !Array.isArray(entries);
  const list = single ? [entries as OrderHistoryEntry] : (entries as readonly OrderHistoryEntry[]);
  const rows = list.map((e) => ({
    id: randomUUID(),
    order_id: e.orderId,
    at: e.at,
    actor_id: e.actorId,
    kind: e.kind,
    change_kind: e.changeKind ?? null,
    ...(e.newRatedOrder !== undefined ? { new_rated_order: e.newRatedOrder } : {}),
    before: JSON.stringify(e.before),
    after: JSON.stringify(e.after),
    reasons: e.reasons ?? null,
    rule: e.rule,
  }));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insertInto('order_history').values(rows.slice(i, i + INSERT_BATCH)).execute();
  const ids = rows.map((r) => r.id);
  return single ? ids[0]! : ids;
}

/** An order's history, oldest first, with the username of whoever made each change. */
export async function listOrderHistory(db: Db, orderId: string) {
  const rows = await db
    .selectFrom('order_history')
    .leftJoin('users', 'users.id', 'order_history.actor_id')
    .select(['order_history.id', 'at', 'kind', 'change_kind', 'new_rated_order', 'before', 'after', 'reasons', 'rule', 'users.username', 'users.display_name'])
    .where('order_id', '=', orderId)
    .orderBy('seq')
    .execute();
  return rows.map((h) => ({
    id: h.id,
    at: h.at.toISOString(),
    actor: h.username ? { username: h.username, displayName: h.display_name } : null,
    kind: h.kind,
    changeKind: h.change_kind,
    newRatedOrder: h.new_rated_order,
    before: h.before,
    after: h.after,
    reasons: h.reasons,
    rule: h.rule,
  }));
}
