import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Origin, RequestFacts, RequestThreadSubject } from '../access/border/index.js';
import type { Role } from '../workflows/workflow-definition.js';
import { computeRecipients, mayViewMessage, mayViewThread, mayWriteInThread, type Candidate, type ThreadScope } from './thread-visibility.js';

const user = (username: string, nation: string, roles: Role[], organisationId = `${nation}-ministry`): Candidate => ({ userId: username, username, nation, roles, organisationId });
const inSosa = user('in.sosa', 'IN', ['sosa_officer']);
const inAuditor = user('in.auditor', 'IN', ['auditor']);
const inSupplier = user('in.supplier', 'IN', ['supplier'], 'BPF');
const inSupplier2 = user('in.supplier2', 'IN', ['supplier'], 'DEA');
const usSosa = user('us.sosa', 'US', ['sosa_officer']);
const usDod = user('us.dod', 'US', ['program_determination']);
const gbSosa = user('gb.sosa', 'GB', ['sosa_officer']);

/** A US request to India routed to BPF only (DEA is not on it). */
const routedToBpf: RequestFacts = { fromNation: 'US', toNation: 'IN', arrangementId: 'US-IN', supplierOrganisationId: null, assignments: [{ organisationId: 'BPF', status: 'pending' }] };
const openedBy = (nation: string, companies: string[] = [], visibility: 'shared' | 'internal' = 'shared'): RequestThreadSubject => ({ request: routedToBpf, creator: { nation, visibility, companies } });
const byUs = openedBy('US');
const said = (nation: string, visibility: 'shared' | 'internal' = 'shared', companies: string[] = []): Origin => ({ nation, visibility, companies });

const requestThread: ThreadScope = { subjectKind: 'request', nations: ['US', 'IN'] };
const wgThread: ThreadScope = { subjectKind: 'working_group', nations: ['US', 'IN'] };
const usInternal: ThreadScope = { subjectKind: 'general', nations: ['US'] };

describe('who may see a thread and its messages (sovereignty rule)', () => {
  it('a thread belongs to its nations only', () => {
    assert.equal(mayViewThread(gbSosa, wgThread, null), false);
    assert.equal(mayViewThread(inSosa, usInternal, null), false);
    assert.equal(mayViewThread(usDod, usInternal, null), true);
  });
  it('a request thread is never wider than its request: a company only when put to it', () => {
    assert.equal(mayViewThread(inSupplier, requestThread, byUs), true);
    assert.equal(mayViewThread(inSupplier2, requestThread, byUs), false);
    assert.equal(mayViewThread(usSosa, requestThread, null), false, 'no request, no thread');
  });
  it('a thread internal to one nation is for its officials: not even a company put to the request sees it', () => {
    const inInternalOnRequest: ThreadScope = { subjectKind: 'request', nations: ['IN'] };
    const subject = openedBy('IN', [], 'internal');
    assert.equal(mayViewThread(inSupplier, inInternalOnRequest, subject), false);
    assert.equal(mayViewThread(inSosa, inInternalOnRequest, subject), true);
    assert.equal(mayViewThread(usSosa, inInternalOnRequest, subject), false);
  });
  it('a thread a routed company opened stays with the supplying nation and that company until it performs', () => {
    const byBpf = openedBy('IN', ['BPF']);
    assert.equal(mayViewThread(usSosa, requestThread, byBpf), false);
    assert.equal(mayViewThread(inSosa, requestThread, byBpf), true);
    assert.equal(mayViewThread(inSupplier, requestThread, byBpf), true);
    const committed: RequestThreadSubject = { request: { ...routedToBpf, supplierOrganisationId: 'BPF', assignments: [{ organisationId: 'BPF', status: 'accepted' }] }, creator: byBpf.creator };
    assert.equal(mayViewThread(usSosa, requestThread, committed), true);
  });
  it('companies do not see working-group, program or general threads', () => {
    assert.equal(mayViewThread(inSupplier, wgThread, null), false);
  });
  it('an internal message is for the officials of its nation only', () => {
    const internalUs = said('US', 'internal');
    assert.equal(mayViewMessage(usDod, requestThread, byUs, internalUs), true);
    assert.equal(mayViewMessage(inSosa, requestThread, byUs, internalUs), false);
    assert.equal(mayViewMessage(user('us.supplier', 'US', ['supplier'], 'LYNN'), requestThread, byUs, internalUs), false);
    assert.equal(mayViewMessage(inSosa, requestThread, byUs, said('US')), true);
    assert.equal(mayViewMessage(inSosa, wgThread, null, said('US', 'internal')), false);
  });
  it('a routed company’s message is withheld from the other nation, whole', () => {
    assert.equal(mayViewMessage(usSosa, requestThread, byUs, said('IN', 'shared', ['BPF'])), false);
    assert.equal(mayViewMessage(inAuditor, requestThread, byUs, said('IN', 'shared', ['BPF'])), true);
  });
  it('auditors read and do not write; on a request only those who work it write', () => {
    assert.equal(mayWriteInThread(inAuditor, wgThread), false);
    assert.equal(mayWriteInThread(user('in.analyst', 'IN', ['analyst']), wgThread), true);
    assert.equal(mayWriteInThread(user('in.analyst', 'IN', ['analyst']), requestThread), false);
    assert.equal(mayWriteInThread(inSupplier, requestThread), true);
  });
});

describe('recipients of a new message', () => {
  it('a shared message: mentions get a mention, other followers a thread notice, the author nothing', () => {
    const r = computeRecipients({ thread: requestThread, subject: byUs, message: said('IN'), author: inSosa, mentioned: [usSosa], followers: [inSosa, usSosa, usDod, inSupplier] });
    assert.deepEqual(r.refusedMentions, []);
    assert.deepEqual(r.mention.map((c) => c.userId), ['us.sosa']);
    assert.deepEqual(r.threadMessage.map((c) => c.userId), ['us.dod', 'in.supplier']);
  });
  it('an internal message reaches no one of the other nation and no company, even a follower', () => {
    const r = computeRecipients({ thread: requestThread, subject: byUs, message: said('IN', 'internal'), author: inSosa, mentioned: [], followers: [usSosa, usDod, inSupplier, inAuditor] });
    assert.deepEqual(r.threadMessage.map((c) => c.userId), ['in.auditor']);
  });
  it('a routed company’s message reaches no one of the other nation, even the thread’s creator', () => {
    const r = computeRecipients({ thread: requestThread, subject: byUs, message: said('IN', 'shared', ['BPF']), author: inSupplier, mentioned: [], followers: [usSosa, inSosa] });
    assert.deepEqual(r.threadMessage.map((c) => c.userId), ['in.sosa']);
  });
  it('mentioning someone who may not see the message is refused, naming them', () => {
    const r = computeRecipients({ thread: requestThread, subject: byUs, message: said('IN', 'internal'), author: inSosa, mentioned: [usSosa, inSupplier, inAuditor], followers: [] });
    assert.deepEqual(r.refusedMentions, ['us.sosa', 'in.supplier']);
    assert.deepEqual(r.mention.map((c) => c.userId), ['in.auditor']);
  });
  it('a company not put to the request may not be mentioned on it', () => {
    const r = computeRecipients({ thread: requestThread, subject: byUs, message: said('US'), author: usSosa, mentioned: [inSupplier2], followers: [] });
    assert.deepEqual(r.refusedMentions, ['in.supplier2']);
  });
  it('the other nation cannot probe the shortlist by mentioning a routed company’s user', () => {
    // BPF may read the US message, but the US may not know BPF is on the request: refused like an unknown name.
    const r = computeRecipients({ thread: requestThread, subject: byUs, message: said('US'), author: usSosa, mentioned: [inSupplier], followers: [] });
    assert.deepEqual(r.refusedMentions, ['in.supplier']);
    assert.deepEqual(computeRecipients({ thread: requestThread, subject: byUs, message: said('IN'), author: inSosa, mentioned: [inSupplier], followers: [] }).refusedMentions, []);
  });
  it('a user mentioned and following is told once; self-mention tells nobody', () => {
    const r = computeRecipients({ thread: wgThread, subject: null, message: said('US'), author: usSosa, mentioned: [inSosa, usSosa], followers: [inSosa, inSosa] });
    assert.deepEqual(r.mention.map((c) => c.userId), ['in.sosa']);
    assert.deepEqual(r.threadMessage, []);
  });
});
