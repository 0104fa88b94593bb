import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRequest, countRows, userId } from '../../testing/request-builders.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Sessions for the browser (httpOnly cookie + double-submit CSRF token), bearer tokens for the
 * CLI and integrations, logout, login throttling, deactivation, and the headers every answer
 * carries.
 */

interface Login {
  token: string;
  csrf: string;
  cookies: string[];
  res: Response;
  body: any;
}

async function login(t: TestApp, username: string, password = TEST_PASSWORD, url = 'http://localhost/api/v1/session'): Promise<Login> {
  const res = await t.app.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await res.json();
  return { token: body.token, csrf: body.csrfToken, cookies: res.headers.getSetCookie(), res, body };
}

/** One Set-Cookie header as name, value and lower-cased attributes. */
function parseCookie(header: string) {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const eq = pair!.indexOf('=');
  const attributes = new Map(attrs.map((a) => {
    const i = a.indexOf('=');
    return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
  }));
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

function cookieNamed(cookies: string[], name: string) {
  const found = cookies.map(parseCookie).find((c) => c.name === name);
  assert.ok(found, `a ${name} cookie among ${JSON.stringify(cookies)}`);
  return found;
}

/** A call as a browser makes it: the cookies, and the CSRF header only when given. */
async function browser(t: TestApp, method: string, path: string, cookie: string, options: { csrfHeader?: string; body?: unknown } = {}) {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: { cookie, ...(options.csrfHeader !== undefined ? { 'x-csrf-token': options.csrfHeader } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('sessions and tokens', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('login returns a token, an httpOnly SameSite=Strict session cookie and a CSRF cookie', async () => {
    const { token, csrf, cookies, res, body } = await login(t, 'in.sosa');
    assert.equal(res.status, 200);
    assert.match(token, /^[\w-]{40,}$/);
    assert.match(csrf, /^[\w-]{20,}$/);
    assert.equal(body.user.username, 'in.sosa');
    assert.equal(res.headers.get('cache-control'), 'no-store', 'a token is never cached');

    const session = cookieNamed(cookies, 'sosa_session');
    assert.equal(session.value, token);
    assert.ok(session.attributes.has('httponly'), 'scripts cannot read the session cookie');
    assert.equal(session.attributes.get('samesite'), 'Strict');
    assert.equal(session.attributes.get('path'), '/');
    // The cookie lives as long as the session: Max-Age counts from now on the app's clock.
    assert.equal(Number(session.attributes.get('max-age')), Math.floor((new Date(body.expiresAt).getTime() - t.clock.now().getTime()) / 1000));
    assert.ok(!session.attributes.has('secure'), 'plain http in tests: no Secure flag, or the browser would drop it');

    const csrfCookie = cookieNamed(cookies, 'sosa_csrf');
    assert.equal(csrfCookie.value, csrf);
    assert.ok(!csrfCookie.attributes.has('httponly'), 'the page reads the CSRF cookie to echo it');
    assert.equal(csrfCookie.attributes.get('samesite'), 'Strict');

    // Behind https both cookies are Secure.
    const https = await login(t, 'in.sosa', TEST_PASSWORD, 'https://desk.example/api/v1/session');
    assert.ok(cookieNamed(https.cookies, 'sosa_session').attributes.has('secure'));
    assert.ok(cookieNamed(https.cookies, 'sosa_csrf').attributes.has('secure'));
  });

  it('a bearer token authenticates', async () => {
    const { token } = await login(t, 'us.sosa');
    const me = await t.call(token, 'GET', '/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'us.sosa');
    for (const bad of [`${token}x`, 'Bearer', '']) assert.equal((await t.call(null, 'GET', '/me', undefined, { authorization: `Bearer ${bad}` })).status, 401, bad);
    assert.equal((await t.call(null, 'GET', '/me', undefined, { authorization: `Basic ${Buffer.from('in.sosa:x').toString('base64')}` })).status, 401);
  });

  it('a cookie session reads without X-CSRF-Token, but a write without it (or with a wrong one) is refused (403)', async () => {
    const r = await buildRequest(t, 'IN->US');
    const { token, csrf } = await login(t, 'in.sosa');
    const cookie = `sosa_session=${token}; sosa_csrf=${csrf}`;
    const me = await browser(t, 'GET', '/me', cookie);
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'in.sosa');
    assert.equal((await browser(t, 'GET', `/requests/${r.id}`, cookie)).status, 200);

    const before = await countRows(t);
    const note = { body: 'written from the browser' };
    for (const [label, cookieHeader, header] of [
      ['no header', cookie, undefined],
      ['a wrong header', cookie, 'guess'],
      ['an empty header', cookie, ''],
      ['no CSRF cookie to compare with', `sosa_session=${token}`, csrf],
    ] as const) {
      const res = await browser(t, 'POST', `/requests/${r.id}/comments`, cookieHeader, { body: note, ...(header !== undefined ? { csrfHeader: header } : {}) });
      assert.equal(res.status, 403, label);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.body.code, 'FORBIDDEN');
    }
    // Logging out is a write too: another site cannot end the session.
    assert.equal((await browser(t, 'DELETE', '/session', cookie)).status, 403);
    assert.deepEqual(await countRows(t), before, 'nothing written');
    assert.equal((await browser(t, 'GET', '/me', cookie)).status, 200, 'still logged in');

    const ok = await browser(t, 'POST', `/requests/${r.id}/comments`, cookie, { body: note, csrfHeader: csrf });
    assert.equal(ok.status, 201);
  });

  it('logout revokes the token: 401 after, for the bearer and the cookie alike', async () => {
    const { token, csrf } = await login(t, 'us.dod');
    assert.equal((await t.call(token, 'GET', '/me')).status, 200);
    const out = await t.app.request('/api/v1/session', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.equal(out.status, 204);
    for (const c of out.headers.getSetCookie().map(parseCookie)) {
      assert.ok(['sosa_session', 'sosa_csrf'].includes(c.name));
      assert.equal(c.value, '', `${c.name} is cleared`);
    }
    const again = await t.call(token, 'GET', '/me');
    assert.equal(again.status, 401);
    assert.equal(again.body.code, 'UNAUTHENTICATED');
    assert.equal((await browser(t, 'GET', '/me', `sosa_session=${token}; sosa_csrf=${csrf}`)).status, 401);
    assert.equal((await t.call(token, 'DELETE', '/session')).status, 401, 'a revoked token cannot log out twice');
  });

  it('a session ends when its lifetime is over', async () => {
    const { token } = await login(t, 'us.commerce');
    t.clock.advanceHours(t.ctx.config.sessionTtlHours - 0.1);
    assert.equal((await t.call(token, 'GET', '/me')).status, 200);
    t.clock.advanceHours(0.2);
    assert.equal((await t.call(token, 'GET', '/me')).status, 401);
    t.clock.set('2026-11-23T14:00:00Z');
  });

  it('a wrong password and an unknown user get the same 401, revealing nothing', async () => {
    const wrong = await t.call(null, 'POST', '/session', { username: 'in.analyst', password: 'not-the-password' });
    const unknown = await t.call(null, 'POST', '/session', { username: 'no.such.user', password: 'not-the-password' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.detail, 'Unknown username or wrong password.');
    assert.equal(wrong.headers.get('set-cookie'), null, 'no cookie on a failed login');
  });

  it('deactivating a user (PATCH /users/{id} by its admin) ends its sessions at once', async () => {
    const analyst = await userId(t, 'in.analyst');
    const bearer = await login(t, 'in.analyst');
    const cookieSession = await login(t, 'in.analyst');
    const admin = await t.login('in.admin');
    assert.equal((await t.call(bearer.token, 'GET', '/me')).status, 200);

    const off = await t.call(admin, 'PATCH', `/users/${analyst}`, { active: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal((await t.call(bearer.token, 'GET', '/me')).status, 401);
    assert.equal((await browser(t, 'GET', '/me', `sosa_session=${cookieSession.token}; sosa_csrf=${cookieSession.csrf}`)).status, 401);
    const refused = await t.call(null, 'POST', '/session', { username: 'in.analyst', password: TEST_PASSWORD });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.detail, 'Unknown username or wrong password.', 'a deactivated account looks like any failed login');

    // Reactivated, it logs in again; the old tokens stay revoked.
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { active: true })).status, 200);
    assert.equal((await t.call((await login(t, 'in.analyst')).token, 'GET', '/me')).status, 200);
    assert.equal((await t.call(bearer.token, 'GET', '/me')).status, 401);

    // A password reset ends the sessions too.
    const live = await login(t, 'in.analyst');
    assert.equal((await t.call(admin, 'PATCH', `/users/${analyst}`, { password: 'a-brand-new-password' })).status, 200);
    assert.equal((await t.call(live.token, 'GET', '/me')).status, 401);
    assert.equal((await login(t, 'in.analyst', 'a-brand-new-password')).res.status, 200);
  });

  it('an admin cannot deactivate itself, nor a user of another nation (404)', async () => {
    const admin = await t.login('us.admin');
    assert.equal((await t.call(admin, 'PATCH', `/users/${await userId(t, 'us.admin')}`, { active: false })).status, 409);
    assert.equal((await t.call(admin, 'PATCH', `/users/${await userId(t, 'in.sosa')}`, { active: false })).status, 404);
    assert.equal((await t.call(await t.login('in.sosa'), 'GET', '/me')).status, 200);
  });

  it('every answer carries the security headers: CSP with frame-ancestors, nosniff, X-Frame-Options, no-store', async () => {
    const token = await t.login('in.sosa');
    const r = await buildRequest(t, 'IN->US');
    const answers = {
      'a JSON read': await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }),
      'a 401 problem': await t.app.request('/api/v1/me'),
      'an unknown API route (404)': await t.app.request('/api/v1/no-such-route', { headers: { authorization: `Bearer ${token}` } }),
      'a 422 problem': await t.app.request('/api/v1/requests', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' }),
      'a download': await t.app.request(`/api/v1/requests/${r.id}/attachments/${r.sharedAttachmentId}`, { headers: { authorization: `Bearer ${token}` } }),
      'the page outside the API': await t.app.request('/'),
    };
    for (const [label, res] of Object.entries(answers)) {
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, `${label}: CSP frame-ancestors`);
      assert.match(csp, /default-src 'self'/, `${label}: CSP default-src`);
      assert.match(csp, /object-src 'none'/, `${label}: CSP object-src`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${label}: no unsafe script sources`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${label}: nosniff`);
      assert.match(res.headers.get('x-frame-options') ?? '', /^(DENY|SAMEORIGIN)$/, `${label}: X-Frame-Options`);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `${label}: Referrer-Policy`);
      if (label !== 'the page outside the API') assert.equal(res.headers.get('cache-control'), 'no-store', `${label}: no-store`);
    }
    assert.match(answers['a download'].headers.get('content-disposition') ?? '', /^attachment; filename="spec\.pdf"$/, 'a download is never rendered inline');
  });
});

describe('login throttling', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('the 6th failed login in a row is refused with 429 and Retry-After, even with the right password', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await t.call(null, 'POST', '/session', { username: 'us.auditor', password: `wrong-${i}` });
      assert.equal(res.status, 401, `attempt ${i}`);
    }
    for (const password of ['wrong-6', TEST_PASSWORD]) {
      const res = await t.call(null, 'POST', '/session', { username: 'us.auditor', password });
      assert.equal(res.status, 429, password);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.body.code, 'RATE_LIMITED');
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${res.headers.get('retry-after')}`);
      assert.equal(res.headers.get('set-cookie'), null);
    }
    // The limit is per account: another user of the same office still logs in.
    assert.equal((await t.call(null, 'POST', '/session', { username: 'us.sosa', password: TEST_PASSWORD })).status, 200);
  });

  it('an unknown username is throttled the same way, so throttling reveals nothing either', async () => {
    for (let i = 1; i <= 5; i++) assert.equal((await t.call(null, 'POST', '/session', { username: 'ghost.user', password: 'x' })).status, 401);
    assert.equal((await t.call(null, 'POST', '/session', { username: 'ghost.user', password: 'x' })).status, 429);
  });
});

describe('a 500', () => {
  it('never shows a stack or an internal message', async () => {
    const t = await createTestApp();
    const token = await t.login('in.sosa');
    // The database goes away under the running app: every query now fails inside the server.
    await t.close();
    for (const [method, path, withToken] of [['GET', '/health', false], ['GET', '/me', true], ['GET', '/requests', true]] as const) {
      const res = await t.call(withToken ? token : null, method, path);
      assert.equal(res.status, 500, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(Object.keys(res.body).sort(), ['detail', 'status', 'title', 'type']);
      assert.equal(res.body.detail, 'Something went wrong on the server. It has been logged.');
      const text = JSON.stringify(res.body);
      for (const leak of ['stack', ' at ', '.ts', '.js', 'Error', 'destroyed', 'kysely', 'pg', 'sql']) assert.ok(!text.includes(leak), `${path} leaks "${leak}": ${text}`);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    }
  });
});
