import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { act, buildRequest, companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Issue #10.8: who reads which audit event. An event about an object of both nations reaches
 * both nations' auditors, projected at the border (no internal content of the other nation);
 * failed logins of unknown names reach the instance's auditors; internal steps stay national.
 */

interface Event {
  seq: number;
  action: string;
  actor: string;
  nation: string | null;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

async function events(t: TestApp, auditor: string, query = ''): Promise<Event[]> {
  const res = await t.call(await t.login(auditor), 'GET', `/audit?limit=500${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}

function programBody(p: any) {
  return {
    version: p.version,
    name: p.name,
    description: p.description,
    status: p.status,
    startDate: p.startDate,
    partnerNations: p.partnerNations,
    dpasProgramSymbol: p.dpasProgramSymbol,
    networkId: p.networkId,
    workingGroupId: p.workingGroupId,
    milestones: p.milestones.map((m: any) => ({ title: m.title, dueOn: m.dueOn, status: m.status, completedOn: m.completedOn })),
    risks: p.risks.map((k: any) => ({ title: k.title, likelihood: k.likelihood, impact: k.impact, owner: k.owner, mitigation: k.mitigation, status: k.status })),
  };
}

describe('audit events reach the auditors of every nation party to the object (#10.8)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it("India's change to a US-led program is visible to the US auditors as well as India's", async () => {
    const inSosa = await t.login('in.sosa');
    const program = (await t.call(inSosa, 'GET', '/programs/US-SONOBUOY')).body;
    const res = await t.call(inSosa, 'PUT', '/programs/US-SONOBUOY', { ...programBody(program), description: 'Edited by India' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    for (const auditor of ['in.auditor', 'us.auditor']) {
      const seen = (await events(t, auditor)).find((e) => e.action === 'program.update' && e.entityId === 'US-SONOBUOY');
      assert.ok(seen, `${auditor} sees India's change`);
      assert.equal(seen.actor, 'in.sosa');
      assert.equal(seen.data.description, 'Edited by India', 'both parties read the program itself, so the change crosses whole');
    }
  });

  it('a failed login for an unknown username is seen by the auditors of the instance', async () => {
    assert.equal((await t.call(null, 'POST', '/session', { username: 'no.such.person', password: 'a-guess-1234' })).status, 401);
    for (const auditor of ['in.auditor', 'us.auditor']) {
      assert.ok((await events(t, auditor)).some((e) => e.action === 'session.login_failed' && e.actor === 'no.such.person'), auditor);
    }
  });

  it('a shared step on a request reaches both auditors without the step’s field content; internal notes and steps stay with their nation', async () => {
    const r = await buildRequest(t, 'US->IN', 'submitted');
    const inSosa = await t.login('in.sosa');
    const secret = 'CANARY-internal-note-of-India';
    assert.equal((await t.call(inSosa, 'POST', `/requests/${r.id}/comments`, { body: secret, visibility: 'internal' })).status, 201);
    await act(t, 'in.sosa', r.id, 'acknowledge', { note: 'CANARY-step-field' });
    await act(t, 'in.sosa', r.id, 'route_to_companies', { companies: [await companyId(t, 'BPF')] });

    const us = (await events(t, 'us.auditor')).filter((e) => e.entityId === r.id);
    const india = (await events(t, 'in.auditor')).filter((e) => e.entityId === r.id);
    assert.ok(us.some((e) => e.action === 'request.submit'), 'the US sees its own submission');
    assert.ok(india.some((e) => e.action === 'request.submit'), 'India sees the submission of a request sent to it');
    const ack = us.find((e) => e.action === 'request.acknowledge' && e.actor === 'in.sosa');
    assert.ok(ack, "the US sees India's acknowledgement");
    assert.deepEqual(Object.keys(ack.data).sort(), ['from', 'reference', 'to'], 'across the border: which step, not what was written in it');
    assert.equal(india.find((e) => e.action === 'request.acknowledge')!.data.fields && true, true, 'India reads its own step whole');
    assert.ok(india.some((e) => e.action === 'request.comment'), 'India sees its own internal comment event');
    assert.ok(india.some((e) => e.action === 'request.route_to_companies'), 'India sees its own routing');
    assert.ok(!us.some((e) => e.action === 'request.comment'), 'an internal comment of India is not even announced to the US');
    assert.ok(!us.some((e) => e.action === 'request.route_to_companies'), 'the shortlist (an internal step) stays with India');
    assert.doesNotMatch(JSON.stringify(await events(t, 'us.auditor')), /CANARY-internal-note-of-India/);
    assert.doesNotMatch(JSON.stringify(await events(t, 'us.auditor')), new RegExp(await companyId(t, 'BPF')), 'no company id of the shortlist');
  });

  it('a read of a request by the other nation is visible to the owning nation’s auditors', async () => {
    const r = await buildRequest(t, 'IN->US', 'submitted');
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/requests/${r.id}`)).status, 200);
    const india = (await events(t, 'in.auditor')).filter((e) => e.entityId === r.id && e.action === 'request.read');
    assert.ok(india.some((e) => e.actor === 'us.sosa'), 'India learns that the US read its request');
  });

  it('national registers stay national: a US user change is not shown to India', async () => {
    const org = (await t.ctx.store.db.selectFrom('organisations').select('id').where('short_name', '=', 'OASD(IBP)').executeTakeFirstOrThrow()).id;
    assert.equal((await t.call(await t.login('us.admin'), 'POST', '/users', { username: 'us.clerk', displayName: 'Clerk', password: 'Tarmac-lantern-91-quiet', organisationId: org, roles: ['analyst'] })).status, 201);
    assert.ok((await events(t, 'us.auditor')).some((e) => e.action === 'user.create' && e.data.username === 'us.clerk'));
    assert.ok(!(await events(t, 'in.auditor')).some((e) => e.action === 'user.create' && e.data.username === 'us.clerk'));
  });
});
