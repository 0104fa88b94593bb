import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeAt } from '../../domain/auth/totp.js';
import { TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * The TOTP second factor of local accounts (issue #16): enrolment with recovery codes, the code
 * step of the login, refusals (wrong, replayed, used recovery code) audited and throttled like
 * passwords, and an admin's reset.
 */

const T0 = '2026-11-23T14:00:00Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

async function actions(t: TestApp, username: string, action: string) {
  const user = await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return t.ctx.store.db.selectFrom('audit_events').select(['action', 'data']).where('entity_id', '=', user.id).where('action', '=', action).execute();
}

const password = (t: TestApp, username: string) => t.call(null, 'POST', '/session', { username, password: TEST_PASSWORD });

describe('second factor (TOTP)', () => {
  const t = useTestApp({ now: T0 });
  let secret: string;
  let recoveryCodes: string[];

  it('enrols: a secret and otpauth URI, then a right code activates it and answers ten recovery codes once', async () => {
    const token = await t.login('in.analyst');
    assert.deepEqual((await t.call(token, 'GET', '/me/second-factor')).body, { totp: 'none', passkeys: [], passkeysAvailable: true, requiredByOrganisation: false, enrolledAt: null, recoveryCodesLeft: 0 });
    const start = await t.call(token, 'POST', '/me/second-factor/totp');
    assert.equal(start.status, 200);
    secret = start.body.secret;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const uri = new URL(start.body.uri);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal((await t.call(token, 'GET', '/me/second-factor')).body.totp, 'pending');
    // Pending: the login still needs the password only.
    assert.equal((await password(t, 'in.analyst')).status, 200);

    const wrong = await t.call(token, 'POST', '/me/second-factor/totp/confirm', { code: '000000' === codeAt({ secret }, at(0)) ? '111111' : '000000' });
    assert.equal(wrong.status, 422);
    assert.equal((await actions(t, 'in.analyst', 'second_factor.enrolment_failed')).length, 1);

    const ok = await t.call(token, 'POST', '/me/second-factor/totp/confirm', { code: codeAt({ secret }, at(0)) });
    assert.equal(ok.status, 200);
    recoveryCodes = ok.body.recoveryCodes;
    assert.equal(recoveryCodes.length, 10);
    assert.equal(new Set(recoveryCodes).size, 10);
    for (const c of recoveryCodes) assert.match(c, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const status = (await t.call(token, 'GET', '/me/second-factor')).body;
    assert.deepEqual([status.totp, status.recoveryCodesLeft], ['active', 10]);
    assert.equal((await actions(t, 'in.analyst', 'second_factor.enrolled')).length, 1);
    // Only hashes are stored, never the codes.
    const stored = await t.ctx.store.db.selectFrom('user_recovery_codes').select('code_hash').execute();
    assert.ok(stored.every((r) => r.code_hash.startsWith('$argon2id$') && !recoveryCodes.some((c) => r.code_hash.includes(c.slice(5).replace('-', '')))));
    // A second enrolment over an active one is refused.
    assert.equal((await t.call(token, 'POST', '/me/second-factor/totp')).status, 409);
  });

  it('the right password opens no session: a challenge, then the code opens it as a password login does', async () => {
    t.clock.set(at(60));
    const first = await password(t, 'in.analyst');
    assert.equal(first.status, 202);
    assert.equal(first.body.secondFactor, 'totp');
    assert.equal(first.body.token, undefined);
    assert.equal(first.headers.getSetCookie().length, 0, 'no session cookie before the code');

    const done = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, code: codeAt({ secret }, at(60)) });
    assert.equal(done.status, 200);
    assert.equal(done.body.user.username, 'in.analyst');
    assert.ok(done.headers.getSetCookie().some((c) => c.startsWith('sosa_session=')));
    assert.equal((await t.call(done.body.token, 'GET', '/me')).body.username, 'in.analyst');
    const logins = await actions(t, 'in.analyst', 'session.login');
    assert.equal((logins.at(-1)!.data as any).secondFactor, 'totp');
    // The challenge is single use.
    const again = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, code: codeAt({ secret }, at(90)) });
    assert.equal(again.status, 401);
  });

  it('refuses a replayed code, an older one and a wrong one, each audited', async () => {
    t.clock.set(at(70));
    const challenge = (await password(t, 'in.analyst')).body.challenge;
    const before = (await actions(t, 'in.analyst', 'session.second_factor_failed')).length;
    const replay = await t.call(null, 'POST', '/session/second-factor', { challenge, code: codeAt({ secret }, at(60)) });
    assert.equal(replay.status, 401, 'the code of a step already used');
    const older = await t.call(null, 'POST', '/session/second-factor', { challenge, code: codeAt({ secret }, at(40)) });
    assert.equal(older.status, 401, 'a code of a step before the last used one');
    const wrong = await t.call(null, 'POST', '/session/second-factor', { challenge, code: codeAt({ secret }, at(3600)) });
    assert.equal(wrong.status, 401);
    const failed = (await actions(t, 'in.analyst', 'session.second_factor_failed')).slice(before);
    assert.deepEqual(failed.map((f) => (f.data as any).replay ?? false), [true, true, false]);
    // The next step's code still works with the same challenge.
    t.clock.set(at(95));
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge, code: codeAt({ secret }, at(95)) })).status, 200);
  });

  it('a recovery code opens the session once', async () => {
    t.clock.set(at(200));
    const code = recoveryCodes[3]!;
    const first = await password(t, 'in.analyst');
    const ok = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, code: code.toUpperCase() });
    assert.equal(ok.status, 200);
    assert.equal(((await actions(t, 'in.analyst', 'session.login')).at(-1)!.data as any).secondFactor, 'recovery_code');
    const second = await password(t, 'in.analyst');
    const reused = await t.call(null, 'POST', '/session/second-factor', { challenge: second.body.challenge, code });
    assert.equal(reused.status, 401);
    assert.equal((await t.call(ok.body.token, 'GET', '/me/second-factor')).body.recoveryCodesLeft, 9);
  });

  it('wrong codes are throttled like passwords, and a known password does not reset the count', async () => {
    t.clock.set(at(400));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const challenge = (await password(t, 'in.analyst')).body.challenge;
      if (!challenge) {
        statuses.push(429);
        break;
      }
      statuses.push((await t.call(null, 'POST', '/session/second-factor', { challenge, code: 'zzzz-zzzz-zzzz' })).status);
    }
    assert.equal(statuses.at(-1), 429, `refused at last: ${statuses.join(',')}`);
    const throttled = [...(await actions(t, 'in.analyst', 'session.login_throttled')), ...(await actions(t, 'in.analyst', 'session.second_factor_throttled'))];
    assert.ok(throttled.length >= 1);
  });

  it('an admin of the nation resets the second factor (audited); another nation’s admin cannot', async () => {
    const id = (await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', 'in.analyst').executeTakeFirstOrThrow()).id;
    assert.equal((await t.call(await t.login('us.admin'), 'DELETE', `/users/${id}/second-factor`)).status, 404);
    assert.equal((await t.call(await t.login('in.sosa'), 'DELETE', `/users/${id}/second-factor`)).status, 403);
    assert.equal((await t.call(await t.login('in.admin'), 'DELETE', `/users/${id}/second-factor`)).status, 204);
    const resets = await actions(t, 'in.analyst', 'second_factor.reset');
    assert.deepEqual(resets.map((r) => (r.data as any).hadSecondFactor), [true]);
    // After the throttle's wait, the password alone opens a session again.
    t.clock.advanceHours(25);
    assert.equal((await password(t, 'in.analyst')).status, 200);
  });
});

describe('second factor required by the organisation', () => {
  const t = useTestApp({ now: T0 });

  it('an admin requires it (audited): a password login without one is told to enrol; with one it needs the code', async () => {
    const admin = await t.login('in.admin');
    const org = (await t.call(await t.login('in.sosa'), 'GET', '/me')).body.organisation.id;
    assert.equal((await password(t, 'in.sosa')).body.enrolSecondFactor, undefined, 'not required yet');
    const set = await t.call(admin, 'PUT', `/organisations/${org}/second-factor-required`, { required: true });
    assert.deepEqual(set.body, { id: org, secondFactorRequired: true });
    assert.equal((await t.call(await t.login('us.admin'), 'PUT', `/organisations/${org}/second-factor-required`, { required: false })).status, 404, "another nation's admin");
    const audited = await t.ctx.store.db.selectFrom('audit_events').select('data').where('entity_id', '=', org).where('action', '=', 'organisation.second_factor_required').execute();
    assert.deepEqual(audited.map((a) => (a.data as any).required), [true]);

    const first = await password(t, 'in.sosa');
    assert.equal(first.status, 200);
    assert.equal(first.body.enrolSecondFactor, true);
    assert.equal((await t.call(first.body.token, 'GET', '/me/second-factor')).body.requiredByOrganisation, true);
    const { secret } = (await t.call(first.body.token, 'POST', '/me/second-factor/totp')).body;
    assert.equal((await t.call(first.body.token, 'POST', '/me/second-factor/totp/confirm', { code: codeAt({ secret }, at(0)) })).status, 200);
    assert.equal((await password(t, 'in.sosa')).status, 202, 'enrolled: the code step');
  });
});
