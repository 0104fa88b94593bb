import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblem } from '../../domain/auth/password-policy.js';
import { seedDemoData } from '../../services/reference/seed-demo-data.js';
import { seedReferenceData } from '../../services/reference/seed-reference-data.js';
import { countRows, userId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { openTestStore } from '../../testing/test-store.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Issue #10.7 (separation of duties) and #10.10 (passwords per NIST SP 800-63B) on the user
 * administration routes.
 */

async function ministryOf(t: TestApp, shortName: string): Promise<string> {
  return (await t.ctx.store.db.selectFrom('organisations').select('id').where('short_name', '=', shortName).executeTakeFirstOrThrow()).id;
}

async function auditActions(t: TestApp, auditor: string): Promise<Array<{ action: string; actor: string; entityId: string; data: Record<string, unknown> }>> {
  const res = await t.call(await t.login(auditor), 'GET', '/audit?limit=500');
  assert.equal(res.status, 200);
  return res.body.items;
}

describe('separation of duties (#10.7)', () => {
  const t = useTestApp();

  it('an admin cannot grant itself officer or auditor roles (PATCH /users/<self>): refused, audited, nothing changed', async () => {
    const admin = await t.login('us.admin');
    const self = await userId(t, 'us.admin');
    for (const roles of [['admin', 'sosa_officer', 'auditor'], ['admin', 'auditor'], ['admin', 'sosa_officer'], ['admin', 'analyst']]) {
      const res = await t.call(admin, 'PATCH', `/users/${self}`, { roles });
      assert.equal(res.status, 403, `${roles.join(',')}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, /own roles/);
    }
    const row = await t.ctx.store.db.selectFrom('users').select('roles').where('id', '=', self).executeTakeFirstOrThrow();
    assert.deepEqual(row.roles, ['admin']);
    // So it cannot read the audit about its own acts, nor write internal comments.
    assert.equal((await t.call(admin, 'GET', '/audit')).status, 403);
    const refusals = (await auditActions(t, 'us.auditor')).filter((e) => e.action === 'user.update_refused' && e.actor === 'us.admin');
    assert.equal(refusals.length, 4, 'each refusal is audited');
    assert.deepEqual(refusals[0]!.data.roles, ['admin', 'sosa_officer', 'auditor']);
    assert.equal(refusals[0]!.entityId, self);
  });

  it('the auditor role excludes admin and officer roles on one account: 422 naming roles, on update and on create', async () => {
    const admin = await t.login('in.admin');
    const analyst = await userId(t, 'in.analyst');
    const mod = await ministryOf(t, 'MoD-DGAcq');
    const before = await countRows(t, ['users']);
    for (const roles of [['auditor', 'admin'], ['auditor', 'sosa_officer'], ['auditor', 'program_determination'], ['auditor', 'rating_authority']]) {
      const update = await t.call(admin, 'PATCH', `/users/${analyst}`, { roles });
      assert.equal(update.status, 422, `update ${roles}: ${JSON.stringify(update.body)}`);
      assert.equal(update.body.errors[0].field, 'roles');
      assert.match(update.body.errors[0].message, /auditor/);
      const create = await t.call(admin, 'POST', '/users', { username: `in.sod.${roles[1]}`.slice(0, 40), displayName: 'Two hats', password: 'Tarmac-lantern-91-quiet', organisationId: mod, roles });
      assert.equal(create.status, 422, `create ${roles}: ${JSON.stringify(create.body)}`);
      assert.equal(create.body.errors[0].field, 'roles');
    }
    assert.deepEqual(await countRows(t, ['users']), before, 'no user created');
    assert.deepEqual((await t.ctx.store.db.selectFrom('users').select('roles').where('id', '=', analyst).executeTakeFirstOrThrow()).roles, ['analyst']);
    // Auditor with analyst is fine: reading is not a conflict.
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { roles: ['analyst', 'auditor'] })).status, 200);
    const refusals = (await auditActions(t, 'in.auditor')).filter((e) => e.action === 'user.update_refused' || e.action === 'user.create_refused');
    assert.equal(refusals.length, 8, 'each refusal is audited');
  });
});

describe('passwords per NIST SP 800-63B (#10.10)', () => {
  const t = useTestApp();

  it('a common, repetitive, sequential or username-based password is refused with 422 naming password', async () => {
    const admin = await t.login('us.admin');
    const analyst = await userId(t, 'us.analyst');
    const org = await ministryOf(t, 'OASD(IBP)');
    const cases: Array<[string, RegExp]> = [
      ['aaaaaaaaaaaa', /repeat/i],
      ['us.analyst12', /username/i],
      ['US.Analyst-2026', /username/i],
      ['password1234', /common/i],
      ['qwertyuiop12', /common|sequence/i],
      ['abcdefghijklm', /sequence/i],
      ['123456789012', /common|sequence/i],
      ['abcabcabcabc', /repeat/i],
    ];
    for (const [password, why] of cases) {
      const change = await t.call(admin, 'PATCH', `/users/${analyst}`, { password });
      assert.equal(change.status, 422, `${password}: ${JSON.stringify(change.body)}`);
      assert.equal(change.body.errors[0].field, 'password', password);
      assert.match(change.body.errors[0].message, why, password);
      assert.doesNotMatch(JSON.stringify(change.body), new RegExp(password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the refusal does not echo the password');
    }
    const create = await t.call(admin, 'POST', '/users', { username: 'us.newbie', displayName: 'New', password: 'us.newbie-password', organisationId: org, roles: ['analyst'] });
    assert.equal(create.status, 422);
    assert.equal(create.body.errors[0].field, 'password');
    // A long, unusual passphrase is accepted.
    assert.equal((await t.call(admin, 'POST', '/users', { username: 'us.newbie', displayName: 'New', password: 'Tarmac-lantern-91-quiet', organisationId: org, roles: ['analyst'] })).status, 201);
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { password: 'Harbour kettle violet 7' })).status, 200);
  });
});

describe('the demo password', () => {
  it('a generated demo password passes the policy (a weak SOSA_DEMO_PASSWORD is only warned about by the CLI)', async () => {
    const store = await openTestStore();
    try {
      await seedReferenceData(store.db);
      const seeded = await seedDemoData(store.db);
      assert.equal(seeded.generated, true);
      for (const username of ['in.sosa', 'us.commerce', 'us.auditor']) assert.equal(passwordProblem(seeded.password, { username }), null, username);
    } finally {
      await store.close();
    }
  });
});
