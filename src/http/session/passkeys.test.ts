import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeAt } from '../../domain/auth/totp.js';
import { SoftwareAuthenticator } from '../../testing/software-authenticator.js';
import { TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Passkeys (WebAuthn) as a second factor (issue #16), with a software authenticator that makes
 * real ES256 attestations and assertions: registration against a stored single-use challenge, the
 * passkey step of the login (the 202 challenge carries the WebAuthn options), and the refusals a
 * stolen password alone or a cloned key meets — wrong origin, replayed challenge, unknown
 * credential, counter going back — each audited. The test app is called at http://localhost, the
 * one kind of origin a server without SOSA_PUBLIC_URL accepts (relying-party.ts).
 */

const T0 = '2026-11-23T14:00:00Z';
const ORIGIN = 'http://localhost';

async function userIdOf(t: TestApp, username: string) {
  return (await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}
async function audited(t: TestApp, username: string, action: string) {
  return (await t.ctx.store.db.selectFrom('audit_events').select(['data']).where('entity_id', '=', await userIdOf(t, username)).where('action', '=', action).orderBy('seq').execute()).map((r) => r.data as any);
}
const password = (t: TestApp, username: string) => t.call(null, 'POST', '/session', { username, password: TEST_PASSWORD });

/**
 * A day later: the login throttle has forgotten the refusals of the test before (each 202 counts
 * as a failure until its second step passes), and the session of then has ended.
 */
const nextDay = (t: TestApp) => t.clock.advanceHours(25);

/** Password, then the passkey: the session's token. */
async function signIn(t: TestApp, username: string, key: SoftwareAuthenticator): Promise<string> {
  const first = await password(t, username);
  assert.equal(first.status, 202, JSON.stringify(first.body));
  const done = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(first.body.passkeyOptions, ORIGIN) });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return done.body.token;
}

async function enrol(t: TestApp, token: string, key: SoftwareAuthenticator, name: string, origin = ORIGIN) {
  const options = await t.call(token, 'POST', '/me/second-factor/passkeys/options');
  assert.equal(options.status, 200);
  return t.call(token, 'POST', '/me/second-factor/passkeys', { name, response: key.create(options.body, origin) });
}

describe('second factor (passkeys)', () => {
  const t = useTestApp({ now: T0 });
  const key = new SoftwareAuthenticator();
  let token: string;

  it('registers a named passkey against the challenge it was offered, once; lists it; audits it', async () => {
    token = await t.login('in.analyst');
    const status = (await t.call(token, 'GET', '/me/second-factor')).body;
    assert.deepEqual([status.passkeys, status.passkeysAvailable], [[], true]);
    const options = (await t.call(token, 'POST', '/me/second-factor/passkeys/options')).body;
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.user.name, 'in.analyst');
    assert.equal(options.attestation, 'none');
    const answer = key.create(options, ORIGIN);
    const made = await t.call(token, 'POST', '/me/second-factor/passkeys', { name: '  YubiKey 5C ', response: answer });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.name, 'YubiKey 5C');
    // The same answer again: its challenge was taken by the first.
    const again = await t.call(token, 'POST', '/me/second-factor/passkeys', { name: 'again', response: answer });
    assert.equal(again.status, 422);
    const listed = (await t.call(token, 'GET', '/me/second-factor')).body.passkeys;
    assert.deepEqual(listed.map((p: any) => [p.id, p.name, p.lastUsedAt]), [[made.body.id, 'YubiKey 5C', null]]);
    assert.deepEqual((await audited(t, 'in.analyst', 'second_factor.enrolled')).map((d) => [d.method, d.name]), [['passkey', 'YubiKey 5C']]);
    const failed = await audited(t, 'in.analyst', 'second_factor.enrolment_failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0].reason, /ended/);
    // Only the public key is stored, with the counter.
    const row = await t.ctx.store.db.selectFrom('user_passkeys').select(['credential_id', 'counter', 'transports']).executeTakeFirstOrThrow();
    assert.deepEqual([row.credential_id, Number(row.counter), row.transports], [key.id, 0, ['usb']]);
  });

  it('refuses a registration signed for another origin, or after five minutes (audited)', async () => {
    const other = new SoftwareAuthenticator();
    const phished = await enrol(t, token, other, 'phished', 'https://sosa-desk.example.net');
    assert.equal(phished.status, 422);
    const options = (await t.call(token, 'POST', '/me/second-factor/passkeys/options')).body;
    t.clock.set(new Date(Date.parse(T0) + 6 * 60_000));
    assert.equal((await t.call(token, 'POST', '/me/second-factor/passkeys', { name: 'late', response: other.create(options, ORIGIN) })).status, 422);
    const reasons = (await audited(t, 'in.analyst', 'second_factor.enrolment_failed')).map((d) => d.reason);
    assert.match(reasons.at(-2), /origin/i);
    assert.match(reasons.at(-1), /ended/);
    assert.equal((await t.call(token, 'GET', '/me/second-factor')).body.passkeys.length, 1);
  });

  it('the right password opens no session: the 202 carries the WebAuthn options, and the assertion opens it', async () => {
    const first = await password(t, 'in.analyst');
    assert.equal(first.status, 202);
    assert.deepEqual([first.body.secondFactor, first.body.methods], ['passkey', ['passkey']]);
    assert.equal(first.headers.getSetCookie().length, 0);
    const options = first.body.passkeyOptions;
    assert.equal(options.rpId, 'localhost');
    assert.deepEqual(options.allowCredentials.map((c: any) => c.id), [key.id]);
    const done = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(options, ORIGIN) });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal((await t.call(done.body.token, 'GET', '/me')).body.username, 'in.analyst');
    assert.ok(done.headers.getSetCookie().some((c) => c.startsWith('sosa_session=')));
    const login = (await audited(t, 'in.analyst', 'session.login')).at(-1);
    assert.equal(login.secondFactor, 'passkey');
    const stored = await t.ctx.store.db.selectFrom('user_passkeys').select(['counter', 'last_used_at']).executeTakeFirstOrThrow();
    assert.equal(Number(stored.counter), 1);
    assert.ok(stored.last_used_at);
  });

  it('refuses a wrong origin, and the challenge is then spent: the right assertion after it is a replay', async () => {
    const first = await password(t, 'in.analyst');
    const wrongOrigin = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(first.body.passkeyOptions, 'https://sosa-desk.example.net') });
    assert.equal(wrongOrigin.status, 401);
    const replay = await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(first.body.passkeyOptions, ORIGIN) });
    assert.equal(replay.status, 401);
    const failed = (await audited(t, 'in.analyst', 'session.second_factor_failed')).slice(-2);
    assert.match(failed[0].reason, /origin/i);
    assert.deepEqual([failed[1].reason, failed[1].replay], ['challenge_used', true]);
  });

  it('refuses an assertion made for an earlier sign-in (signed over its challenge)', async () => {
    nextDay(t);
    token = await signIn(t, 'in.analyst', key);
    const old = await password(t, 'in.analyst');
    const oldAssertion = key.get(old.body.passkeyOptions, ORIGIN);
    const fresh = await password(t, 'in.analyst');
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge: fresh.body.challenge, passkey: oldAssertion })).status, 401);
    assert.match((await audited(t, 'in.analyst', 'session.second_factor_failed')).at(-1).reason, /challenge/i);
  });

  it('refuses a credential the user has not registered', async () => {
    nextDay(t);
    token = await signIn(t, 'in.analyst', key);
    const stranger = new SoftwareAuthenticator();
    const first = await password(t, 'in.analyst');
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: stranger.get(first.body.passkeyOptions, ORIGIN) })).status, 401);
    assert.equal((await audited(t, 'in.analyst', 'session.second_factor_failed')).at(-1).reason, 'unknown_credential');
  });

  it('refuses a counter that went back (a cloned key), moves no counter, and the real key signs in after', async () => {
    nextDay(t);
    token = await signIn(t, 'in.analyst', key);
    const stored = Number((await t.ctx.store.db.selectFrom('user_passkeys').select('counter').executeTakeFirstOrThrow()).counter);
    const first = await password(t, 'in.analyst');
    // A clone of the key, left behind at an earlier count.
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(first.body.passkeyOptions, ORIGIN, { counter: stored - 1 }) })).status, 401);
    assert.equal((await audited(t, 'in.analyst', 'session.second_factor_failed')).at(-1).reason, 'counter_not_increased');
    assert.equal(Number((await t.ctx.store.db.selectFrom('user_passkeys').select('counter').executeTakeFirstOrThrow()).counter), stored);
    // The same count as the last one seen is refused too (WebAuthn §7.2 step 21).
    const second = await password(t, 'in.analyst');
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge: second.body.challenge, passkey: key.get(second.body.passkeyOptions, ORIGIN, { counter: stored }) })).status, 401);
    nextDay(t);
    key.counter = stored;
    token = await signIn(t, 'in.analyst', key);
  });

  it('refuses a passkey step after the sign-in expired, and one without the code or the assertion', async () => {
    nextDay(t);
    token = await signIn(t, 'in.analyst', key);
    const first = await password(t, 'in.analyst');
    t.clock.set(new Date(t.ctx.now().getTime() + 6 * 60_000));
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(first.body.passkeyOptions, ORIGIN) })).status, 401);
    const second = await password(t, 'in.analyst');
    const neither = await t.call(null, 'POST', '/session/second-factor', { challenge: second.body.challenge });
    assert.equal(neither.status, 422);
    assert.equal(neither.body.errors[0].field, 'code');
  });

  it('with TOTP and passkeys either opens the session; TOTP comes first for the command line', async () => {
    nextDay(t);
    token = await signIn(t, 'in.analyst', key);
    const { secret } = (await t.call(token, 'POST', '/me/second-factor/totp')).body;
    assert.equal((await t.call(token, 'POST', '/me/second-factor/totp/confirm', { code: codeAt({ secret }, t.ctx.now()) })).status, 200);
    const first = await password(t, 'in.analyst');
    assert.deepEqual([first.body.secondFactor, first.body.methods], ['totp', ['totp', 'passkey']]);
    assert.equal((await t.call(null, 'POST', '/session/second-factor', { challenge: first.body.challenge, passkey: key.get(first.body.passkeyOptions, ORIGIN) })).status, 200);
  });

  it('removing a passkey or the app needs the password again; a wrong one is refused and audited', async () => {
    nextDay(t);
    token = await signIn(t, 'in.analyst', key);
    const second = new SoftwareAuthenticator();
    const made = await enrol(t, token, second, 'Laptop');
    assert.equal(made.status, 201);
    const wrong = await t.call(token, 'POST', `/me/second-factor/passkeys/${made.body.id}/remove`, { password: 'not-the-password' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.errors[0].field, 'password');
    assert.equal((await audited(t, 'in.analyst', 'second_factor.removal_refused')).length, 1);
    const other = await t.login('in.sosa');
    assert.equal((await t.call(other, 'POST', `/me/second-factor/passkeys/${made.body.id}/remove`, { password: TEST_PASSWORD })).status, 404, "another user's passkey");
    assert.equal((await t.call(token, 'POST', `/me/second-factor/passkeys/${made.body.id}/remove`, { password: TEST_PASSWORD })).status, 204);
    assert.equal((await t.call(token, 'POST', '/me/second-factor/totp/remove', { password: TEST_PASSWORD })).status, 204);
    const removed = await audited(t, 'in.analyst', 'second_factor.removed');
    assert.deepEqual(removed.map((d) => [d.method, d.name ?? null]), [['passkey', 'Laptop'], ['totp', null]]);
    const status = (await t.call(token, 'GET', '/me/second-factor')).body;
    assert.deepEqual([status.totp, status.passkeys.map((p: any) => p.name)], ['none', ['YubiKey 5C']]);
    assert.deepEqual((await password(t, 'in.analyst')).body.methods, ['passkey']);
  });

  it("an organisation that requires a second factor keeps its users from removing their last one; an admin's reset removes passkeys too", async () => {
    const admin = await t.login('in.admin');
    const org = (await t.call(token, 'GET', '/me')).body.organisation.id;
    assert.equal((await t.call(admin, 'PUT', `/organisations/${org}/second-factor-required`, { required: true })).status, 200);
    const only = (await t.call(token, 'GET', '/me/second-factor')).body.passkeys[0].id;
    assert.equal((await t.call(token, 'POST', `/me/second-factor/passkeys/${only}/remove`, { password: TEST_PASSWORD })).status, 409);
    assert.equal((await t.call(admin, 'DELETE', `/users/${await userIdOf(t, 'in.analyst')}/second-factor`)).status, 204);
    const reset = (await audited(t, 'in.analyst', 'second_factor.reset')).at(-1);
    assert.deepEqual([reset.hadSecondFactor, reset.passkeys], [true, 1]);
    const after = await password(t, 'in.analyst');
    assert.equal(after.status, 200);
    assert.equal(after.body.enrolSecondFactor, true);
  });
});
