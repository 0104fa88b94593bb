// Readiness vs liveness (issue #16): /health/ready is 503 while the database's schema is not the
// one this server was written for; /health (liveness) stays 200, since a restart would not help.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { useTestApp } from '../../testing/use-test-app.js';

describe('GET /health/ready and the schema', () => {
  const t = useTestApp();

  it('is ready on a store migrated to the latest schema', async () => {
    const res = await t.call(null, 'GET', '/health/ready');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ready', store: t.ctx.store.kind });
  });

  it('answers 503 naming the missing migration when the store is at an older schema, and is ready again once migrated', async () => {
    // The store's record of applied migrations is what an older schema looks like to the migrator
    // (a backup restored from before the last release, say): take the newest one out of it.
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(t.ctx.store.db);
    const newest = rows[0]!.name;
    await sql`delete from kysely_migration where name = ${newest}`.execute(t.ctx.store.db);
    try {
      const res = await t.call(null, 'GET', '/health/ready');
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.body.code, 'SCHEMA_NOT_CURRENT');
      assert.match(res.body.detail, new RegExp(`not applied: ${newest}`));
      assert.match(res.body.detail, /sosa migrate/);
      // Liveness is not readiness: the process answers.
      assert.equal((await t.call(null, 'GET', '/health')).status, 200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${newest}, ${new Date().toISOString()})`.execute(t.ctx.store.db);
    }
    assert.equal((await t.call(null, 'GET', '/health/ready')).status, 200);
  });

  it('answers 503 when a newer release has migrated the database', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-a-newer-release', ${new Date().toISOString()})`.execute(t.ctx.store.db);
    try {
      const res = await t.call(null, 'GET', '/health/ready');
      assert.equal(res.status, 503);
      assert.equal(res.body.code, 'SCHEMA_NOT_CURRENT');
      assert.match(res.body.detail, /unknown to this release: 9999-from-a-newer-release/);
    } finally {
      await sql`delete from kysely_migration where name = '9999-from-a-newer-release'`.execute(t.ctx.store.db);
    }
  });
});
