// One store: a check of the source tree and the contract, not of a store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openApiDocument } from '../http/app.js';
import { checkContract, routeOf } from './contract-check.js';

describe('the contract check of the test app', () => {
  openApiDocument();
  const me = { id: 'u1', username: 'us.officer', displayName: 'US Officer', nation: 'US', organisation: { id: 'o1', name: 'DoD', kind: 'ministry' }, roles: ['sosa_officer'] };
  const json = 'application/json';

  it('passes an answer that is what the route declares', () => {
    checkContract('GET', '/me', 200, me, json);
  });

  it('fails a field the schema does not name, naming the route and the field', () => {
    assert.throws(() => checkContract('GET', '/me', 200, { ...me, organisation: { ...me.organisation, secret: 1 } }, json), /GET \/me answered 200[\s\S]*organisation: undeclared field\(s\) secret/);
  });

  it('fails a missing field or one of another type, by its path', () => {
    const { displayName: _dropped, ...withoutName } = me;
    assert.throws(() => checkContract('GET', '/me', 200, withoutName, json), /displayName/);
    assert.throws(() => checkContract('GET', '/requests', 200, { items: [], total: '3' }, json), /GET \/requests answered 200[\s\S]*total/);
  });

  it('fails a success status the route does not declare, and leaves problems and unknown paths alone', () => {
    assert.throws(() => checkContract('GET', '/me', 203, me, json), /does not declare/);
    checkContract('GET', '/me', 401, { title: 'Unauthenticated' }, 'application/problem+json');
    // Every route declares its schema (there is no pending list any more): the last converted are checked too.
    assert.throws(() => checkContract('GET', '/users', 200, { anything: true }, json), /GET \/users answered 200/);
    checkContract('GET', '/no-such-route', 200, { anything: true }, json);
  });

  it('finds the route a path reaches, a literal segment before a parameter', () => {
    assert.equal(routeOf('GET', '/notifications/unread-count')?.path, '/notifications/unread-count');
    assert.equal(routeOf('GET', '/requests/abc?x=1')?.path, '/requests/{id}');
  });
});
