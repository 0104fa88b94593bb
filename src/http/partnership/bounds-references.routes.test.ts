// Bounds at the boundaries of the partnership registers, the ledger, threads and SPA requests, and
// reference checks on every id a body carries (issue #10 items 9 and 11).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DATE_MAX, DATE_MIN } from '../../domain/bounds.js';
import { addThirdNations, companyId } from '../../testing/request-builders.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_STORE } from '../../testing/test-store.js';
import { useTestApp } from '../../testing/use-test-app.js';
import { spaRequestBody } from '../../testing/fixtures.js';

type Table = 'logistics_orders' | 'logistics_settlements' | 'programs' | 'threads' | 'working_groups' | 'audit_events' | 'spa_requests' | 'liaison_postings' | 'coc_subscriptions';
const count = async (t: TestApp, table: Table) => Number((await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const order = (over: Record<string, unknown> = {}) => ({ supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'F-76 marine diesel', deliveredOn: '2026-10-14', currency: 'USD', amount: '1000.00', settlementMethod: 'cash', ...over });
const suffix = (reference: string) => Number(/(\d+)$/.exec(reference)![1]);

/** A 422 problem document naming `field`. */
function assertRefused(res: { status: number; body: any }, field: string): void {
  assert.equal(res.status, 422, JSON.stringify(res.body));
  assert.ok(res.body.errors?.some((e: { field: string }) => e.field === field), `names ${field}: ${JSON.stringify(res.body.errors)}`);
}

describe('logistics orders: dates within bounds, and a failed write takes no reference number (#10.9)', () => {
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' });

  it('deliveredOn 9999-12-31 is refused with 422 naming the field (not a 500), and leaves no gap in the references', async () => {
    const us = await t.login('us.sosa');
    const first = await t.call(us, 'POST', '/logistics/orders', order());
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const before = { orders: await count(t, 'logistics_orders'), audit: await count(t, 'audit_events') };
    assertRefused(await t.call(us, 'POST', '/logistics/orders', order({ deliveredOn: '9999-12-31' })), 'deliveredOn');
    assertRefused(await t.call(us, 'POST', '/logistics/orders', order({ deliveredOn: '1999-12-31' })), 'deliveredOn');
    assertRefused(await t.call(us, 'POST', '/logistics/orders', order({ deliveredOn: '2026-11-25' })), 'deliveredOn'); // not delivered yet
    // A refusal late in the write (no arrangement between the two nations) once took a number too.
    assertRefused(await t.call(us, 'POST', '/logistics/orders', order({ receivingNation: 'ZZ' })), 'receivingNation');
    assert.deepEqual({ orders: await count(t, 'logistics_orders'), audit: await count(t, 'audit_events') }, before, 'nothing written');
    const second = await t.call(us, 'POST', '/logistics/orders', order());
    assert.equal(second.status, 201);
    assert.equal(suffix(second.body.reference), suffix(first.body.reference) + 1, `${first.body.reference} then ${second.body.reference}: no number lost`);
  });

  it('the bounds are inclusive: 2000-01-01 is a delivery date; amounts beyond the ledger’s maximum are refused', async () => {
    const us = await t.login('us.sosa');
    assert.equal((await t.call(us, 'POST', '/logistics/orders', order({ deliveredOn: DATE_MIN }))).status, 201);
    assertRefused(await t.call(us, 'POST', '/logistics/orders', order({ amount: '99999999999999999' })), 'amount');
  });

  it('concurrent creates get distinct consecutive numbers, even when one of them fails', async () => {
    const us = await t.login('us.sosa');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.call(us, 'POST', '/logistics/orders', order(i === 3 ? { deliveredOn: '9999-12-31' } : { description: `concurrent ${i}` }))),
    );
    const made = results.filter((r) => r.status === 201).map((r) => r.body.reference as string);
    assert.equal(made.length, 7);
    assert.equal(results[3]!.status, 422);
    const numbers = made.map(suffix).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 7, 'distinct');
    assert.equal(numbers[6]! - numbers[0]!, 6, `consecutive: ${numbers.join(', ')}`);
  });
});

describe('bounds on the other partnership registers, working groups and SPA requests', () => {
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' });

  it('refuses dates outside 2000-01-01…2100-12-31 with 422 naming the field, writing nothing', async () => {
    const inSosa = await t.login('in.sosa');
    const usSosa = await t.login('us.sosa');
    const before = { programs: await count(t, 'programs'), postings: await count(t, 'liaison_postings'), subs: await count(t, 'coc_subscriptions'), groups: await count(t, 'working_groups') };
    const program = { id: 'IN-BOUNDS', name: 'Bounds', status: 'proposed', partnerNations: ['US'] };
    assertRefused(await t.call(inSosa, 'POST', '/programs', { ...program, milestones: [{ title: 'far', dueOn: '9999-12-31', status: 'planned' }] }), 'milestones/0/dueOn');
    assertRefused(await t.call(inSosa, 'POST', '/programs', { ...program, startDate: '1999-12-31' }), 'startDate');
    const posting = { officerName: 'Cdr. A. Rao', serviceNumber: 'IN-1', hostNation: 'US', hostCommand: 'INDOPACOM', status: 'planned' };
    assertRefused(await t.call(inSosa, 'POST', '/liaison-officers', { ...posting, startDate: '2101-01-01' }), 'startDate');
    assertRefused(await t.call(inSosa, 'POST', '/liaison-officers', { ...posting, startDate: '2026-01-01', endDate: '9999-12-31' }), 'endDate');
    assertRefused(await t.call(inSosa, 'POST', '/code-of-conduct/subscribers', { organisationId: await companyId(t, 'KMW'), subscribedOn: '1999-01-01', signedBy: { name: 'x', title: 'y' } }), 'subscribedOn');
    const group = await t.call(usSosa, 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Bounds group', members: [] });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    assertRefused(await t.call(usSosa, 'POST', `/working-groups/${group.body.id}/meetings`, { title: 'far', startsAt: '9999-12-31T10:00:00Z', timeZone: 'UTC' }), 'startsAt');
    const member = await t.call(usSosa, 'POST', `/working-groups/${group.body.id}/members`, { members: [{ name: 'Ext', nation: 'US' }] });
    assertRefused(await t.call(usSosa, 'POST', `/working-groups/${group.body.id}/action-items`, { title: 'far', ownerMemberId: member.body.members[0].id, dueDate: '9999-12-31' }), 'dueDate');
    assert.deepEqual({ programs: await count(t, 'programs'), postings: await count(t, 'liaison_postings'), subs: await count(t, 'coc_subscriptions'), groups: await count(t, 'working_groups') }, { ...before, groups: before.groups + 1 });
    assert.equal(DATE_MAX, '2100-12-31');
  });

  it('an SPA request with a required delivery date in 9999 is refused naming the order field', async () => {
    const lynn = await t.login('us.supplier');
    const before = await count(t, 'spa_requests');
    const res = await t.call(lynn, 'POST', '/spa-requests', spaRequestBody({ requiredDeliveryDate: '9999-12-31' }));
    assertRefused(res, 'orders/0/requiredDeliveryDate');
    assert.equal(await count(t, 'spa_requests'), before);
  });
});

describe('references in bodies are checked: existence and the right to link them (#10.11)', () => {
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' }, addThirdNations);
  let usNetwork: string;
  let inNetwork: string;
  let gbGroup: string;
  before(async () => {
    const nets = await t.ctx.store.db.selectFrom('supply_networks').select(['id', 'nation']).execute();
    usNetwork = nets.find((n) => n.nation === 'US')!.id;
    inNetwork = nets.find((n) => n.nation === 'IN')!.id;
    const gb = await t.call(await t.login('gb.sosa'), 'POST', '/working-groups', { arrangementId: 'GB-JP', name: 'GB–JP group', members: [] });
    assert.equal(gb.status, 201, JSON.stringify(gb.body));
    gbGroup = gb.body.id;
  });

  const program = (over: Record<string, unknown> = {}) => ({ id: 'IN-REFS', name: 'References', status: 'proposed', partnerNations: ['US'], ...over });

  it('a program refuses a missing network and another nation’s network alike (no existence leak), and accepts its own', async () => {
    const inSosa = await t.login('in.sosa');
    const before = await count(t, 'programs');
    const missing = await t.call(inSosa, 'POST', '/programs', program({ networkId: '0b6f7c9e-3a51-4c1e-9d2f-5e8a7b6c4d3e' }));
    const foreign = await t.call(inSosa, 'POST', '/programs', program({ networkId: usNetwork }));
    assertRefused(missing, 'networkId');
    assertRefused(foreign, 'networkId');
    assert.deepEqual(foreign.body.errors, missing.body.errors, 'the same words for a missing and a foreign network');
    assert.equal(await count(t, 'programs'), before);
    const own = await t.call(inSosa, 'POST', '/programs', program({ networkId: inNetwork }));
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal(own.body.networkId, inNetwork);
  });

  it('a program refuses a working group of an arrangement its nation is not party to; a partner editing keeps the lead’s links', async () => {
    const inSosa = await t.login('in.sosa');
    assertRefused(await t.call(inSosa, 'POST', '/programs', program({ id: 'IN-REFS-2', workingGroupId: gbGroup })), 'workingGroupId');
    assertRefused(await t.call(inSosa, 'POST', '/programs', program({ id: 'IN-REFS-2', workingGroupId: '0b6f7c9e-3a51-4c1e-9d2f-5e8a7b6c4d3e' })), 'workingGroupId');
    const group = await t.call(inSosa, 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'AMCA group', members: [] });
    const created = await t.call(inSosa, 'POST', '/programs', program({ id: 'IN-REFS-2', workingGroupId: group.body.id, networkId: inNetwork }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // The US, a partner, edits the program: India's network stays linked though the US cannot open it…
    const usSosa = await t.login('us.sosa');
    const kept = await t.call(usSosa, 'PUT', '/programs/IN-REFS-2', { ...program({ id: undefined, status: 'active', workingGroupId: group.body.id, networkId: inNetwork }), version: created.body.version });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    // …but the US cannot put India's network (or any it does not own) in its place.
    assertRefused(await t.call(usSosa, 'PUT', '/programs/IN-REFS-2', { ...program({ id: undefined, networkId: '0b6f7c9e-3a51-4c1e-9d2f-5e8a7b6c4d3e' }), version: kept.body.version }), 'networkId');
    const swapped = await t.call(usSosa, 'PUT', '/programs/IN-REFS-2', { ...program({ id: undefined, networkId: usNetwork }), version: kept.body.version });
    assert.equal(swapped.status, 200, 'the US links its own network');
  });

  it('a working group links only a program its nation is party to', async () => {
    const usSosa = await t.login('us.sosa');
    const ok = await t.call(usSosa, 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Engine group', programId: 'IN-LCA-MK2-ENGINE', members: [] });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.programId, 'IN-LCA-MK2-ENGINE');
    assertRefused(await t.call(usSosa, 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Ghost group', programId: 'NO-SUCH-PROGRAM', members: [] }), 'programId');
    assertRefused(await t.call(await t.login('in.sosa'), 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Frigate group', programId: 'GB-TYPE26', members: [] }), 'programId');
    assertRefused(await t.call(await t.login('in.sosa'), 'POST', '/working-groups', { arrangementId: 'GB-JP', name: 'Not ours', members: [] }), 'arrangementId');
  });

  it('threads refuse a program that does not exist or that the caller’s nation is not party to, and a working group it cannot see', async () => {
    const inSosa = await t.login('in.sosa');
    const before = await count(t, 'threads');
    assertRefused(await t.call(inSosa, 'POST', '/threads', { subjectKind: 'program', subjectId: 'NO-SUCH-PROGRAM', title: 'x', arrangementId: 'US-IN' }), 'subjectId');
    const notParty = await t.call(inSosa, 'POST', '/threads', { subjectKind: 'program', subjectId: 'GB-TYPE26', title: 'x', scope: 'internal' });
    assertRefused(notParty, 'subjectId');
    assertRefused(await t.call(inSosa, 'POST', '/threads', { subjectKind: 'working_group', subjectId: gbGroup, title: 'x', scope: 'internal' }), 'subjectId');
    assertRefused(await t.call(inSosa, 'POST', '/threads', { subjectKind: 'working_group', subjectId: 'wg-jet-engines', title: 'x', arrangementId: 'US-IN' }), 'subjectId');
    assertRefused(await t.call(inSosa, 'POST', '/threads', { subjectKind: 'request', subjectId: '0b6f7c9e-3a51-4c1e-9d2f-5e8a7b6c4d3e', title: 'x' }), 'subjectId');
    // A program India is party to, shared with a nation that is not party to it: refused too.
    const usGb = await t.call(await t.login('us.sosa'), 'POST', '/threads', { subjectKind: 'program', subjectId: 'US-155MM', title: 'x', arrangementId: 'US-GB' });
    assertRefused(usGb, 'arrangementId');
    assert.equal(await count(t, 'threads'), before);
    const ok = await t.call(inSosa, 'POST', '/threads', { subjectKind: 'program', subjectId: 'IN-LCA-MK2-ENGINE', title: 'Engine program', arrangementId: 'US-IN' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.match(ok.body.subject.label, /^Program IN-LCA-MK2-ENGINE — LCA Tejas Mk2/, 'the subject reads as a name, not an id');
    // A working group's thread takes the group's arrangement when none is named.
    const group = await t.call(inSosa, 'POST', '/working-groups', { arrangementId: 'US-IN', name: 'Thread subject group', members: [] });
    const wg = await t.call(inSosa, 'POST', '/threads', { subjectKind: 'working_group', subjectId: group.body.id, title: 'Group thread' });
    assert.equal(wg.status, 201, JSON.stringify(wg.body));
    assert.deepEqual([wg.body.nations, wg.body.subject.label], [['US', 'IN'], 'Working group Thread subject group']);
    const listed = await t.call(await t.login('us.sosa'), 'GET', '/threads?subjectKind=working_group');
    assert.ok(listed.body.items.some((i: any) => i.subject.label === 'Working group Thread subject group'));
  });
});

describe('reference numbers on PostgreSQL: two connections at once', { skip: TEST_STORE !== 'postgres' && 'PGlite serialises every connection; the race needs PostgreSQL' }, () => {
  it('a counter row in the transaction: concurrent creates on separate connections never share a number, and a rollback gives its number back', async () => {
    const t = await createTestApp({ now: '2026-11-23T09:30:00Z' });
    try {
      const { nextReferenceNumber } = await import('../../store/reference-counters.js');
      const db = t.ctx.store.db;
      const taken: number[] = [];
      await Promise.all(Array.from({ length: 10 }, () => db.transaction().execute(async (trx) => taken.push(await nextReferenceNumber(trx, 'TEST-SERIES')))));
      assert.deepEqual([...taken].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await assert.rejects(db.transaction().execute(async (trx) => {
        await nextReferenceNumber(trx, 'TEST-SERIES');
        throw new Error('the write fails after taking its number');
      }));
      assert.equal(await db.transaction().execute((trx) => nextReferenceNumber(trx, 'TEST-SERIES')), 11);
    } finally {
      await t.close();
    }
  });
});
