import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { userId } from '../../testing/request-builders.js';
import { TEST_STORE } from '../../testing/test-store.js';
import { TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';
import { SESSION_LISTENER_NAME } from '../../store/session-changes.js';

// Issue #14: a server process keeps the sessions it read (services/auth/session-cache.ts) instead
// of reading one per request, and a revoked, deactivated or changed one must stop working at once.

/** Waits, turn by turn of the event loop, until `ready` holds (at most 5 s). */
async function until(ready: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function freshLogin(t: TestApp, username: string): Promise<string> {
  const res = await t.call(null, 'POST', '/session', { username, password: TEST_PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

/** Signs in and calls once, so that the session is kept (the listener live first). */
async function keptSession(t: TestApp, username: string): Promise<string> {
  const token = await freshLogin(t, username);
  assert.equal((await t.call(token, 'GET', '/me')).status, 200);
  await until(() => t.ctx.store.sessionChanges.cacheable(), 'the session-change listener is live');
  assert.equal((await t.call(token, 'GET', '/me')).status, 200);
  return token;
}

/** A change no trigger announces (replication role: triggers off), as a test's witness that a session is kept. */
async function silently(t: TestApp, statement: ReturnType<typeof sql>): Promise<void> {
  await t.ctx.store.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

describe('sessions kept by the server process', () => {
  const t = useTestApp();

  it('a session is read once and then kept: a change that bypasses the announcements is not seen', async () => {
    const token = await keptSession(t, 'in.analyst');
    await silently(t, sql`update sessions set revoked_at = now() where user_id = ${await userId(t, 'in.analyst')}`);
    assert.equal((await t.call(token, 'GET', '/me')).status, 200, 'kept: the database was not read again');
    await silently(t, sql`update sessions set revoked_at = null where user_id = ${await userId(t, 'in.analyst')}`);
  });

  it('logging out ends the kept session for the very next request', async () => {
    const token = await keptSession(t, 'in.sosa');
    const other = await keptSession(t, 'in.sosa');
    assert.equal((await t.call(token, 'DELETE', '/session')).status, 204);
    assert.equal((await t.call(token, 'GET', '/me')).status, 401);
    assert.equal((await t.call(other, 'GET', '/me')).status, 200, 'the same user’s other session goes on');
  });

  it('a deactivation and a change of roles by an admin hold for the very next request', async () => {
    const analyst = await userId(t, 'in.analyst');
    const admin = await keptSession(t, 'in.admin');
    const token = await keptSession(t, 'in.analyst');
    assert.deepEqual((await t.call(token, 'GET', '/me')).body.roles, ['analyst']);
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { roles: ['analyst', 'auditor'] })).status, 200);
    assert.deepEqual((await t.call(token, 'GET', '/me')).body.roles, ['analyst', 'auditor']);
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { active: false })).status, 200);
    assert.equal((await t.call(token, 'GET', '/me')).status, 401);
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { active: true, roles: ['analyst'] })).status, 200);
  });

  it('a change by any code of this process (plain SQL through the store) holds for the next request', async () => {
    const token = await keptSession(t, 'us.analyst');
    await sql`update users set active = false where username = 'us.analyst'`.execute(t.ctx.store.db);
    assert.equal((await t.call(token, 'GET', '/me')).status, 401);
    await sql`update users set active = true where username = 'us.analyst'`.execute(t.ctx.store.db);
    assert.equal((await t.call(token, 'GET', '/me')).status, 200);
    // An organisation's new name is the session's too.
    await t.ctx.store.db.transaction().execute(async (trx) => {
      await sql`update organisations set name = name || ' (renamed)' where id = (select organisation_id from users where username = 'us.analyst')`.execute(trx);
    });
    assert.match((await t.call(token, 'GET', '/me')).body.organisation.name, /\(renamed\)$/);
  });

  const postgresOnly = TEST_STORE !== 'postgres' && 'another process’s change and a lost listener: PostgreSQL (PGlite is one process)';

  it('a revocation by another process (its own connection, as psql or `sosa`) ends the kept session once heard', { skip: postgresOnly }, async () => {
    const token = await keptSession(t, 'in.auditor');
    const feed = t.ctx.store.sessionChanges;
    const epoch = feed.epoch;
    const other = new pg.Client({ connectionString: t.ctx.store.location });
    await other.connect();
    try {
      await other.query(`update sessions set revoked_at = now() where user_id = (select id from users where username = 'in.auditor')`);
    } finally {
      await other.end();
    }
    await until(() => feed.epoch !== epoch, 'the change is heard');
    assert.equal((await t.call(token, 'GET', '/me')).status, 401);
  });

  it('a process whose listener is lost keeps nothing: every request reads its session', { skip: postgresOnly }, async () => {
    const token = await keptSession(t, 'us.sosa');
    const feed = t.ctx.store.sessionChanges;
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${SESSION_LISTENER_NAME} and datname = current_database()`.execute(t.ctx.store.db);
    await until(() => !feed.cacheable(), 'the listener is known lost');
    // Unannounced, as a change made while no one listens would go unheard.
    await silently(t, sql`update sessions set revoked_at = now() where user_id = ${await userId(t, 'us.sosa')}`);
    assert.equal((await t.call(token, 'GET', '/me')).status, 401);
  });
});
