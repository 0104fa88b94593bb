import type { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

// What a process knows of changes to sessions, users and organisations (issue #14): the session
// cache (services/auth/session-cache.ts) may keep a session it read only while this says that no
// change since can have escaped it. Migration 0045's triggers announce every such change twice:
//
//  - a NOTICE to the connection that makes it, during the statement. This process's pool
//    connections report it here before the statement is even answered (`changeStarted`): the epoch
//    moves on (every kept session is dropped) and nothing read is kept until that connection's
//    transaction has ended (`transactionEnded`, at its ReadyForQuery with status idle, before its
//    COMMIT is answered), when the epoch moves on again. So a logout, a deactivation or a role
//    change made by this process holds for this process's very next request, whatever code made it.
//  - a NOTIFY at the commit, heard by every process's listening connection (`changeHeard`): a
//    change made by another server process, by `sosa` or by psql drops the kept sessions as soon
//    as PostgreSQL delivers it (a fraction of a millisecond on one host). A process keeps nothing
//    unless its listener is connected and hears its own probe, sent through it every PROBE_MS: a
//    listener that lost its connection (or one behind a pooler in transaction mode, which never
//    delivers) stops the keeping at once, or at the latest when its probe goes unheard.
//
// PGlite is one backend in this process (its data folder is locked to one process): its NOTIFY
// comes back in the COMMIT's own answer and is handed to the listener before the commit returns,
// and its one connection is held from BEGIN to COMMIT, so no read runs between a change and its
// commit.

export const SESSION_CHANGE_CHANNEL = 'sosa_session_change';
/** The listener's name in pg_stat_activity. */
export const SESSION_LISTENER_NAME = 'sosa-session-listener';
// The listener's own statements (LISTEN, its probes) are off every request's path: sent through
// pg's query as it was when this module loaded, so a tool that counts a request's statements by
// wrapping pg.Client.prototype.query (testing/statement-counter.ts, bench/statement-trace.ts)
// never counts a probe that happens to fall within a request.
const listenerQuery = pg.Client.prototype.query as (this: pg.Client, text: string, values?: unknown[]) => Promise<pg.QueryResult>;
const PROBE_MS = 5_000;
/** After a listener is lost, the next try to listen waits this long (a down server is not hammered). */
const RETRY_MS = 2_000;

export class SessionChanges {
  #epoch = 0;
  /** This process's connections whose open transaction changed a session, a user or an organisation. */
  readonly #changing = new Set<object>();
  #live = false;
  #closed = false;
  #start: () => Promise<void>;
  #stop: (() => Promise<void>) | null = null;
  #starting: Promise<void> | null = null;
  #retryAt = 0;

  constructor(start: (feed: SessionChanges) => Promise<() => Promise<void>>) {
    this.#start = async () => {
      this.#stop = await start(this);
    };
  }

  /** Moves on with every change heard or begun, and when the listener is lost: a kept session of an older epoch is not used. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * Whether a session read now may be kept and a kept one used: the listener hears changes and no
   * change of this process is in flight. Starts listening on first use (a store that never
   * authenticates anyone — a migration, the `sosa` command — holds no listening connection).
   */
  cacheable(): boolean {
    if (!this.#live && !this.#starting && !this.#closed && Date.now() >= this.#retryAt) {
      this.#starting = this.#start()
        .catch(() => this.lost())
        .finally(() => (this.#starting = null));
    }
    return this.#live && this.#changing.size === 0;
  }

  /** A connection of this process made a change (its NOTICE): nothing kept is used until its transaction ends. */
  changeStarted(connection: object): void {
    this.#changing.add(connection);
    this.#epoch++;
  }

  /** A connection's transaction ended (committed or rolled back). */
  transactionEnded(connection: object): void {
    if (this.#changing.delete(connection)) this.#epoch++;
  }

  /** A change was committed, by this process or another (its NOTIFY). */
  changeHeard(): void {
    this.#epoch++;
  }

  /** The listener is connected and heard its first probe. */
  listening(): void {
    if (!this.#closed) this.#live = true;
  }

  /** The listener is gone or deaf: nothing is kept until another listens. */
  lost(): void {
    this.#live = false;
    this.#epoch++;
    this.#retryAt = Date.now() + RETRY_MS;
    const stop = this.#stop;
    this.#stop = null;
    void stop?.().catch(() => {});
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#live = false;
    this.#epoch++;
    await this.#starting;
    await this.#stop?.().catch(() => {});
    this.#stop = null;
  }
}

/**
 * Reports this pool client's session-change NOTICEs and the end of its transactions to `feed`. The
 * ReadyForQuery message carries the transaction status; 'I' (idle) follows a COMMIT, a ROLLBACK or
 * an autocommitted statement. pg emits both on the client's connection before it resolves the
 * query they end, so the epoch has moved on before the writer's code goes on.
 */
export function reportSessionChanges(client: pg.PoolClient | pg.Client, feed: SessionChanges): void {
  client.on('notice', (notice) => {
    if (notice.message === SESSION_CHANGE_CHANNEL) feed.changeStarted(client);
  });
  const connection = (client as unknown as { connection?: { on(event: 'readyForQuery', listener: (msg: { status?: string }) => void): void } }).connection;
  connection?.on('readyForQuery', (msg) => {
    if (msg.status === 'I') feed.transactionEnded(client);
  });
  // A connection lost mid-transaction ends it too (rolled back): it must not hold the keeping off for ever.
  client.on('end', () => feed.transactionEnded(client));
}

/** Listens on PostgreSQL with a connection of its own; probes it every PROBE_MS. */
export function listenOnPostgres(url: string): (feed: SessionChanges) => Promise<() => Promise<void>> {
  return async (feed) => {
    const client = new pg.Client({ connectionString: url, keepAlive: true, application_name: SESSION_LISTENER_NAME });
    const self = `probe:${randomUUID()}:`;
    let ended = false;
    let probe = 0;
    let heard = 0;
    let firstHeard!: () => void;
    const first = new Promise<void>((resolve) => (firstHeard = resolve));
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      feed.lost();
    };
    client.on('error', end);
    client.on('end', end);
    client.on('notification', (msg) => {
      if (msg.channel !== SESSION_CHANGE_CHANNEL) return;
      const payload = msg.payload ?? '';
      // Probes are no change: this listener's own (named by its id) count as heard, others' are ignored.
      if (payload.startsWith(self)) {
        heard = Math.max(heard, Number(payload.slice(self.length)));
        if (heard >= 1) firstHeard();
        return;
      }
      if (payload.startsWith('probe:')) return;
      feed.changeHeard();
    });
    const sendProbe = () => {
      // The previous probe unheard: the listener is deaf (a cut connection, a pooler that drops LISTEN).
      if (probe > heard) return end();
      probe++;
      listenerQuery.call(client, `select pg_notify('${SESSION_CHANGE_CHANNEL}', $1)`, [`${self}${probe}`]).catch(end);
    };
    const timer = setInterval(sendProbe, PROBE_MS);
    timer.unref();
    try {
      await client.connect();
      await listenerQuery.call(client, `listen ${SESSION_CHANGE_CHANNEL}`);
      sendProbe();
      await Promise.race([first, new Promise((_, reject) => setTimeout(() => reject(new Error('The session-change listener heard no probe.')), PROBE_MS).unref())]);
    } catch (error) {
      end();
      await client.end().catch(() => {});
      throw error;
    }
    feed.listening();
    return async () => {
      ended = true;
      clearInterval(timer);
      await client.end().catch(() => {});
    };
  };
}

/** Listens on PGlite: the same backend as every query, so its notifications arrive with the COMMIT. */
export function listenOnPglite(pglite: PGlite): (feed: SessionChanges) => Promise<() => Promise<void>> {
  return async (feed) => {
    const unlisten = await pglite.listen(SESSION_CHANGE_CHANNEL, () => feed.changeHeard());
    feed.listening();
    return async () => {
      await unlisten();
    };
  };
}
