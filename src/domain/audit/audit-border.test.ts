import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectAuditData, requestEventParties } from './audit-border.js';
import { GENESIS_HASH, hashAuditRecord } from './hash-chain.js';

describe('the audit log at the border (#10.8)', () => {
  const official = { nation: 'IN', roles: ['sosa_officer'] as const };
  const company = { nation: 'IN', roles: ['supplier'] as const };
  const request = { fromNation: 'US', toNation: 'IN' };

  it('a shared step of an official is read by both nations; an internal one, or a company’s, by its own', () => {
    assert.deepEqual(requestEventParties({ ...official, roles: [...official.roles] }, request, 'shared'), ['US', 'IN']);
    assert.deepEqual(requestEventParties({ ...official, roles: [...official.roles] }, request, 'internal'), ['IN']);
    assert.deepEqual(requestEventParties({ ...company, roles: [...company.roles] }, request, 'shared'), ['IN']);
  });

  it('the other nation reads which step was taken, never what was written in it', () => {
    const event = { nation: 'US', action: 'request.reject_rated_order', data: { reference: 'R-1', from: 'rated_order_placed', to: 'returned', fields: { reasons: 'capacity', order_number: 'PO-1' } } };
    assert.deepEqual(projectAuditData(event, 'IN'), { reference: 'R-1', from: 'rated_order_placed', to: 'returned' });
    assert.deepEqual(projectAuditData(event, 'US'), event.data, 'its own nation reads it whole');
    assert.deepEqual(projectAuditData({ nation: 'US', action: 'program.update', data: { description: 'x' } }, 'IN'), { description: 'x' }, 'a program is read whole by its parties');
    assert.deepEqual(projectAuditData({ nation: 'US', action: 'user.create', data: { username: 'u' } }, 'IN'), {}, 'an unlisted action crosses nothing');
    assert.deepEqual(projectAuditData({ nation: null, action: 'session.login_failed', data: { clientAddress: '192.0.2.1' } }, 'IN'), { clientAddress: '192.0.2.1' }, "the instance's own events are read whole");
  });

  it('an event without readers hashes exactly as before the readers existed (old chains still verify)', () => {
    const record = { seq: 1, at: new Date('2026-01-02T03:04:05.000Z'), actorId: null, actor: 'in.sosa', nation: 'IN', action: 'request.submit', entityType: 'request', entityId: 'r-1', data: { reference: 'SOSA-IN-US-2026-00001' } };
    // Computed by the code before migration 0012.
    assert.equal(hashAuditRecord(GENESIS_HASH, record), '33de8fdb40a70cd8f53e739e8ba1b3141a016bf87b98e63b54dbadaec4dd3d0b');
    assert.notEqual(hashAuditRecord(GENESIS_HASH, { ...record, parties: ['IN'] }), hashAuditRecord(GENESIS_HASH, record), 'readers, once present, are hashed');
  });
});
