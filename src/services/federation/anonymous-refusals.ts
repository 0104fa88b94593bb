import type { AppContext } from '../context.js';

// The federation inbox and the signed fetches answer anyone on the network: a message or a proof
// that does not verify cannot be told from a stranger's. Each refusal was an audit event, and the
// audit log is append-only, so anyone could grow it without bound by posting garbage. Such
// refusals are now audited as syslog counts repeats: the first of a kind in a window is written,
// the rest are counted, and the next one written says how many were left out since. What a real
// peer signed (a wrong address, a replay, content refused) is still audited one by one: that peer
// is accountable for it, and the tests of those refusals read each event.

/** Reasons that say the sender could not be authenticated: anyone could have sent it. */
const UNAUTHENTICATED = new Set(['not_sovereign', 'malformed', 'unknown_key', 'bad_signature']);

/** One refusal of a kind audited per window; its event counts those left out before it. */
export const ANONYMOUS_REFUSAL_WINDOW_MS = 60_000;

/** What a refusal's audit event adds, or null: counted, not written. */
export type RefusalAuditDecision = { suppressedBefore: number } | null;

interface Tally {
  writtenAt: number;
  leftOut: number;
}

// Per process and context. The keys are bounded: an action of this code, a reason of the fixed
// set above and a peer this instance lists (or none), never text of the sender's choosing.
const tallies = new WeakMap<AppContext, Map<string, Tally>>();
const counts = new WeakMap<AppContext, Map<string, number>>();

/**
 * Whether to audit this refusal now (with the count of the like ones left out since the last one
 * audited) or only count it. Refusals of authenticated messages are always audited, unless
 * `replayable`: a fetch proof is a bearer token, so anyone who saw one (a proxy's access log, where
 * peers not yet upgraded still put it) can send it again once stale or at another instance, and
 * its peer is not accountable for those.
 */
export function decideRefusalAudit(ctx: AppContext, action: string, reason: string, peer: string | null, options: { replayable?: boolean } = {}): RefusalAuditDecision {
  const kind = `${action} ${reason}`;
  const seen = counts.get(ctx) ?? new Map<string, number>();
  counts.set(ctx, seen);
  seen.set(kind, (seen.get(kind) ?? 0) + 1);
  if (!UNAUTHENTICATED.has(reason) && !options.replayable) return { suppressedBefore: 0 };
  const byKind = tallies.get(ctx) ?? new Map<string, Tally>();
  tallies.set(ctx, byKind);
  const key = `${kind} ${peer ?? ''}`;
  const now = ctx.now().getTime();
  const tally = byKind.get(key);
  if (tally && now - tally.writtenAt < ANONYMOUS_REFUSAL_WINDOW_MS) {
    tally.leftOut++;
    return null;
  }
  byKind.set(key, { writtenAt: now, leftOut: 0 });
  return { suppressedBefore: tally?.leftOut ?? 0 };
}

/** The audit event's note of the like refusals left out before it: only when there were some. */
export function leftOut(decision: { suppressedBefore: number }): { similarLeftOut?: number } {
  return decision.suppressedBefore > 0 ? { similarLeftOut: decision.suppressedBefore } : {};
}

/** Refusals seen by this process, audited or not, by action and reason (for /metrics). */
export function refusalCounts(ctx: AppContext): ReadonlyMap<string, number> {
  return counts.get(ctx) ?? new Map();
}
