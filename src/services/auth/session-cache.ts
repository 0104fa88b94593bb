import type { Store } from '../../store/database.js';
import { findSessionUser } from '../../store/sessions.repository.js';

// The session lookup kept for a few seconds per process (issue #14): every authenticated request
// read its session, user and organisation (one statement, and one socket write of the server, out
// of two for a request's detail). Kept under the token's hash (never the token), for at most
// KEEP_MS of real time, at most MAX_KEPT of them.
//
// Security: a kept session is used only while store/session-changes.ts says no change can have
// escaped it. Migration 0045's triggers announce every change of a session, a user or an
// organisation, whoever makes it:
//  - made by this process: its connection's NOTICE moves the epoch on during the statement, and
//    nothing is kept or used until that transaction has ended; a logout, a deactivation or a role
//    change answered by this process holds for its next request (session-cache.test.ts);
//  - made by another process (another server, `sosa`, psql): its NOTIFY moves the epoch on when
//    PostgreSQL delivers it, under a millisecond on one host; a process whose listener is not
//    connected, or did not hear its last probe, keeps nothing and reads every session, as before.
// A read that began before the epoch moved on is not kept (it may have read the row before the
// change). The expiry is checked on every use against the row kept, as on a fresh read.

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

const KEEP_MS = 10_000;
const MAX_KEPT = 10_000;

interface Kept {
  row: SessionRow;
  epoch: number;
  until: number;
}

const caches = new WeakMap<Store, Map<string, Kept>>();

/** The session row of a token hash, from what this process keeps when it may, else from the database. */
export async function sessionRow(store: Store, tokenHash: string): Promise<SessionRow | undefined> {
  const feed = store.sessionChanges;
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const now = Date.now();
  if (feed.cacheable()) {
    const kept = cache.get(tokenHash);
    if (kept && kept.epoch === feed.epoch && kept.until > now) return kept.row;
  } else if (cache.size) {
    cache.clear();
  }
  const epoch = feed.epoch;
  const row = await findSessionUser(store.db, tokenHash);
  // Kept only when no change began, committed or went unheard while it was read. An unknown token
  // is not kept: a stream of made-up tokens would only push the real sessions out.
  if (row && feed.cacheable() && feed.epoch === epoch) {
    if (cache.size >= MAX_KEPT) {
      for (const [key, kept] of cache) if (kept.epoch !== epoch || kept.until <= now) cache.delete(key);
      if (cache.size >= MAX_KEPT) cache.delete(cache.keys().next().value!);
    }
    // Frozen: every request of the session shares it.
    Object.freeze(row.roles);
    cache.set(tokenHash, { row: Object.freeze(row), epoch, until: now + KEEP_MS });
  }
  return row;
}
