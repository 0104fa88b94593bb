import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_PASSWORD } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * The web UI asks "is anyone signed in?" when it opens (issue #11 item 16). Nobody signed in is an
 * ordinary answer, not an error: 200 with no user, so the sign-in page logs no failed request.
 */
describe('GET /session: the session check of the web UI', () => {
  const t = useTestApp();

  it('answers 200 with no user when nobody is signed in, or the cookie has ended', async () => {
    const anonymous = await t.call(null, 'GET', '/session');
    assert.equal(anonymous.status, 200);
    assert.deepEqual(anonymous.body, { user: null });
    const stale = await t.call(null, 'GET', '/session', undefined, { cookie: 'sosa_session=not-a-session' });
    assert.equal(stale.status, 200);
    assert.deepEqual(stale.body, { user: null });
  });

  it('answers the signed-in user through the cookie or a token, and no user after logout', async () => {
    const login = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'in.sosa', password: TEST_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const byCookie = await t.call(null, 'GET', '/session', undefined, { cookie: `sosa_session=${token}` });
    assert.equal(byCookie.status, 200);
    assert.deepEqual([byCookie.body.user.username, byCookie.body.user.nation, byCookie.body.user.roles], ['in.sosa', 'IN', ['sosa_officer']]);
    assert.equal(byCookie.body.user.passwordHash, undefined);
    const byToken = await t.call(token, 'GET', '/session');
    assert.equal(byToken.body.user.username, 'in.sosa');
    assert.equal((await t.call(token, 'DELETE', '/session')).status, 204);
    const after = await t.call(null, 'GET', '/session', undefined, { cookie: `sosa_session=${token}` });
    assert.deepEqual(after.body, { user: null });
  });
});
