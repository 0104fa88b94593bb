import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { OidcProviderConfig } from '../../domain/auth/oidc-provider-config.js';
import { oidcProviderSchema } from '../../domain/auth/oidc-provider-config.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { indiaMinistryProvider, signInAtProvider, startTestProvider, type TestProvider } from '../../testing/oidc-test-provider.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

// Issue #16: single sign-on through an organisation's OpenID Connect provider, against a real
// provider (oidc-provider) on 127.0.0.1, through the API with the browser's cookies.

let idp: TestProvider;
let t: TestApp;
const CALLBACK = (key: string) => `http://localhost/api/v1/session/oidc/${key}/callback`;

function providerConfig(key: string, provisioning: 'create' | 'must_exist'): OidcProviderConfig {
  return oidcProviderSchema.parse(indiaMinistryProvider(idp, { key, label: 'Ministry of Defence (India)', provisioning }));
}

before(async () => {
  // ID tokens live a minute, so a callback five minutes late finds its token expired.
  idp = await startTestProvider({ redirectUris: [CALLBACK('in-mod'), CALLBACK('in-mod-strict')], idTokenSeconds: 60 });
  t = await createTestApp({ now: new Date().toISOString(), config: { oidcProviders: [providerConfig('in-mod', 'create'), providerConfig('in-mod-strict', 'must_exist')] } });
});
after(async () => {
  await t?.close();
  await idp?.close();
});

function cookieOf(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    if (pair.startsWith(`${name}=`) && pair.length > name.length + 1) return pair;
  }
  return undefined;
}

/** Start → the provider's sign-in page, as a browser: what the browser brings back to the callback. */
async function atProvider(key: string, account: string): Promise<{ back: URL; pending: string; authorizationUrl: URL }> {
  t.clock.set(new Date());
  const start = await t.app.request(`/api/v1/session/oidc/${key}/start`);
  assert.equal(start.status, 302);
  const pending = cookieOf(start, 'sosa_oidc');
  assert.ok(pending, 'the start sets the pending-login cookie');
  const authorizationUrl = new URL(start.headers.get('location')!);
  const back = await signInAtProvider(authorizationUrl.href, account);
  assert.equal(back.origin + back.pathname, CALLBACK(key));
  return { back, pending, authorizationUrl };
}

/** Start → the provider's sign-in page → callback, as a browser; `late` runs before the callback. */
async function signIn(key: string, account: string, late?: () => void): Promise<{ callback: Response; authorizationUrl: URL }> {
  const { back, pending, authorizationUrl } = await atProvider(key, account);
  late?.();
  const callback = await t.app.request(back.pathname + back.search, { headers: { cookie: pending } });
  await sequencePendingAudit(t.ctx.store.db);
  return { callback, authorizationUrl };
}

async function whoIs(sessionCookie: string) {
  const res = await t.app.request('/api/v1/session', { headers: { cookie: sessionCookie } });
  return ((await res.json()) as { user: { username: string; nation: string; roles: string[]; organisation: { name: string } } | null }).user;
}

async function auditActions(entity: string): Promise<string[]> {
  const rows = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'data']).where('entity_id', '=', entity).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

test('the providers are listed for the sign-in page (key and label only)', async () => {
  const res = await t.call(null, 'GET', '/session/oidc');
  assert.deepEqual(res.body.providers.map((p: { key: string }) => p.key), ['in-mod', 'in-mod-strict']);
  assert.deepEqual(Object.keys(res.body.providers[0]).sort(), ['key', 'label']);
});

test('code flow with PKCE: a first sign-in creates the user in the organisation, with the roles its groups map to, and the same session cookie as a password login', async () => {
  idp.accounts.set('emp-1001', { preferred_username: 'A.Kumar', name: 'Anil Kumar', groups: ['sosa-cell', 'supply-analysts', 'canteen'] });
  const { callback, authorizationUrl } = await signIn('in-mod', 'emp-1001');
  assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authorizationUrl.searchParams.get('code_challenge'));
  assert.ok(authorizationUrl.searchParams.get('state'));
  assert.ok(authorizationUrl.searchParams.get('nonce'));
  assert.equal(callback.status, 303);
  assert.equal(callback.headers.get('location'), '/');
  const session = cookieOf(callback, 'sosa_session');
  assert.ok(session, 'the session cookie is set');
  assert.ok(cookieOf(callback, 'sosa_csrf'));
  const user = await whoIs(session);
  assert.equal(user?.username, 'a.kumar');
  assert.equal(user?.nation, 'IN', 'the nation is the organisation’s, not a claim');
  assert.equal(user?.organisation.name, 'Ministry of Defence, Acquisition Wing — SOSA Cell');
  assert.deepEqual(user?.roles, ['sosa_officer', 'analyst']);
  const id = (await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', 'a.kumar').executeTakeFirstOrThrow()).id;
  assert.deepEqual(await auditActions(id), ['user.provisioned', 'session.login']);
  // No password opens this account.
  assert.equal((await t.call(null, 'POST', '/session', { username: 'a.kumar', password: '!sso' })).status, 401);
});

test('a group removed at the provider removes its role at the next sign-in', async () => {
  idp.accounts.set('emp-1002', { preferred_username: 'r.singh', name: 'Ravi Singh', groups: ['sosa-cell', 'supply-analysts'] });
  const first = await signIn('in-mod', 'emp-1002');
  assert.deepEqual((await whoIs(cookieOf(first.callback, 'sosa_session')!))?.roles, ['sosa_officer', 'analyst']);
  idp.accounts.set('emp-1002', { preferred_username: 'r.singh', name: 'Ravi Singh', groups: ['sosa-cell'] });
  const second = await signIn('in-mod', 'emp-1002');
  assert.deepEqual((await whoIs(cookieOf(second.callback, 'sosa_session')!))?.roles, ['sosa_officer']);
  const row = await t.ctx.store.db.selectFrom('users').select(['id', 'roles']).where('username', '=', 'r.singh').executeTakeFirstOrThrow();
  assert.deepEqual(row.roles, ['sosa_officer']);
  const mapped = await t.ctx.store.db.selectFrom('audit_events').select('data').where('entity_id', '=', row.id).where('action', '=', 'user.roles_mapped').executeTakeFirstOrThrow();
  assert.deepEqual(mapped.data, { provider: 'in-mod', from: ['sosa_officer', 'analyst'], to: ['sosa_officer'] });
});

async function refused(callback: Response, reason: RegExp): Promise<void> {
  assert.equal(callback.status, 303);
  assert.equal(cookieOf(callback, 'sosa_session'), undefined, 'no session');
  const location = new URL(callback.headers.get('location')!, 'http://localhost');
  assert.equal(location.pathname, '/');
  assert.match(location.searchParams.get('sign_in_error') ?? '', reason);
  const last = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'nation', 'data']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.equal(last.action, 'session.oidc_refused');
  assert.equal(last.nation, 'IN');
  assert.match(String((last.data as { reason: string }).reason), reason);
}

test('an ID token issued for another audience is refused and audited', async () => {
  idp.accounts.set('emp-1003', { preferred_username: 'm.das', name: 'Mita Das', groups: ['sosa-cell'] });
  idp.misissue.audience = 'another-application';
  try {
    const { callback } = await signIn('in-mod', 'emp-1003');
    await refused(callback, /"aud"/);
  } finally {
    idp.misissue.audience = null;
  }
  assert.equal(await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', 'm.das').executeTakeFirst(), undefined);
});

test('an expired ID token is refused (judged by the server’s clock)', async () => {
  idp.accounts.set('emp-1004', { preferred_username: 's.rao', name: 'Sita Rao', groups: ['sosa-cell'] });
  const { callback } = await signIn('in-mod', 'emp-1004', () => t.clock.set(new Date(Date.now() + 5 * 60_000)));
  await refused(callback, /"exp"/);
});

test('must-exist: a person with no account here is refused; a callback without the pending-login cookie is refused', async () => {
  idp.accounts.set('emp-1005', { preferred_username: 'new.person', name: 'New Person', groups: ['sosa-cell'] });
  const { callback } = await signIn('in-mod-strict', 'emp-1005');
  await refused(callback, /no user new\.person/);
  const forged = await t.app.request('/api/v1/session/oidc/in-mod/callback?code=abc&state=xyz');
  await sequencePendingAudit(t.ctx.store.db);
  await refused(forged, /no sign-in was started/);
});

async function userId(username: string): Promise<string> {
  return (await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

test('an existing local account is not signed into by a provider identity that claims its username but is not linked to it (account takeover, refused and audited)', async () => {
  // A person who may edit the claim mapped to the username at the provider names themselves
  // after a local account: neither provider may sign them in as that account.
  idp.accounts.set('emp-6666', { preferred_username: 'in.sosa', name: 'Impostor', groups: ['sosa-cell'] });
  for (const key of ['in-mod', 'in-mod-strict']) {
    const { callback } = await signIn(key, 'emp-6666');
    await refused(callback, /in\.sosa.*not linked to this sign-in.*admin/);
    const last = await t.ctx.store.db.selectFrom('audit_events').select(['actor', 'data']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal((last.data as { subject: string }).subject, 'emp-6666', 'the refusal names the identity that tried');
  }
  assert.equal(await t.ctx.store.db.selectFrom('user_sso_links').select('user_id').where('user_id', '=', await userId('in.sosa')).executeTakeFirst(), undefined, 'no link was made');
});

test('an admin links a local account to the provider identity (issuer + subject), audited; only that identity then signs into it', async () => {
  const admin = await t.login('in.admin');
  const analyst = await userId('in.analyst');
  // Another nation's admin does not see the user (404); a non-admin may not link (403).
  assert.equal((await t.call(await t.login('us.admin'), 'PUT', `/users/${analyst}/sso-link`, { issuer: idp.issuer, subject: 'emp-0001' })).status, 404);
  assert.equal((await t.call(await t.login('in.analyst'), 'PUT', `/users/${analyst}/sso-link`, { issuer: idp.issuer, subject: 'emp-0001' })).status, 403);
  // An issuer none of the nation's providers has cannot be linked.
  const unknown = await t.call(admin, 'PUT', `/users/${analyst}/sso-link`, { issuer: 'https://elsewhere.example', subject: 'emp-0001' });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.errors[0].field, 'issuer');
  const linked = await t.call(admin, 'PUT', `/users/${analyst}/sso-link`, { issuer: idp.issuer, subject: 'emp-0001' });
  assert.equal(linked.status, 200);
  assert.deepEqual(linked.body, { id: analyst, issuer: idp.issuer, subject: 'emp-0001' });
  const audit = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'actor', 'data']).where('entity_id', '=', analyst).where('action', '=', 'user.sso_linked').executeTakeFirstOrThrow();
  assert.equal(audit.actor, 'in.admin');
  assert.deepEqual(audit.data, { issuer: idp.issuer, subject: 'emp-0001', previousSubject: null });
  // The same identity cannot be linked to a second account.
  assert.equal((await t.call(admin, 'PUT', `/users/${await userId('in.sosa')}/sso-link`, { issuer: idp.issuer, subject: 'emp-0001' })).status, 409);
  // Someone else naming themselves in.analyst at the provider is still refused.
  idp.accounts.set('emp-6667', { preferred_username: 'in.analyst', name: 'Impostor', groups: ['supply-analysts'] });
  await refused((await signIn('in-mod-strict', 'emp-6667')).callback, /not linked/);
});

test('must-exist: an existing user of the organisation, linked by an admin, signs in, its roles taken from the groups; logout ends the local session', async () => {
  idp.accounts.set('emp-0001', { preferred_username: 'in.analyst', name: 'Rahul Verma', groups: ['supply-analysts'] });
  const admin = await t.login('in.admin');
  assert.equal((await t.call(admin, 'PUT', `/users/${await userId('in.analyst')}/sso-link`, { issuer: idp.issuer, subject: 'emp-0001' })).status, 200);
  const { callback } = await signIn('in-mod-strict', 'emp-0001');
  const session = cookieOf(callback, 'sosa_session')!;
  const csrf = cookieOf(callback, 'sosa_csrf')!;
  assert.deepEqual((await whoIs(session))?.roles, ['analyst']);
  const out = await t.app.request('/api/v1/session', { method: 'DELETE', headers: { cookie: `${session}; ${csrf}`, 'x-csrf-token': csrf.split('=')[1]! } });
  assert.equal(out.status, 204);
  assert.equal(await whoIs(session), null);
});

test('a user of another organisation cannot be taken over through the provider', async () => {
  idp.accounts.set('emp-1006', { preferred_username: 'in.supplier', name: 'Impostor', groups: ['sosa-cell'] });
  const { callback } = await signIn('in-mod', 'emp-1006');
  await refused(callback, /in\.supplier.*not linked/);
});

test('a linked identity signs into its account even when the provider renames it (the link is the subject, not the username)', async () => {
  idp.accounts.set('emp-1007', { preferred_username: 'p.nair', name: 'Priya Nair', groups: ['sosa-cell'] });
  const first = await whoIs(cookieOf((await signIn('in-mod', 'emp-1007')).callback, 'sosa_session')!);
  idp.accounts.set('emp-1007', { preferred_username: 'priya.nair', name: 'Priya Nair', groups: ['sosa-cell'] });
  const second = await whoIs(cookieOf((await signIn('in-mod', 'emp-1007')).callback, 'sosa_session')!);
  assert.equal(second?.username, first?.username);
  assert.equal(await t.ctx.store.db.selectFrom('users').select('id').where('username', '=', 'priya.nair').executeTakeFirst(), undefined);
});

test('two first sign-ins of the same new person at once both open a session on one account (the second finds the first one\'s user)', async () => {
  for (const [i, account] of ['emp-2001', 'emp-2002', 'emp-2003'].entries()) {
    idp.accounts.set(account, { preferred_username: `twin.${i}`, name: `Twin ${i}`, groups: ['sosa-cell'] });
    const browsers = [await atProvider('in-mod', account), await atProvider('in-mod', account)];
    const callbacks = await Promise.all(browsers.map(({ back, pending }) => t.app.request(back.pathname + back.search, { headers: { cookie: pending } })));
    await sequencePendingAudit(t.ctx.store.db);
    const users = [];
    for (const callback of callbacks) {
      assert.equal(callback.status, 303, 'no 500');
      const session = cookieOf(callback, 'sosa_session');
      assert.ok(session, `both sign-ins open a session (${callback.headers.get('location')})`);
      users.push((await whoIs(session))?.username);
    }
    assert.deepEqual(users, [`twin.${i}`, `twin.${i}`]);
    const id = await userId(`twin.${i}`);
    assert.deepEqual(await auditActions(id), ['user.provisioned', 'session.login', 'session.login']);
  }
});

test('an unknown provider answers 404', async () => {
  assert.equal((await t.call(null, 'GET', '/session/oidc/nowhere/start')).status, 404);
});
