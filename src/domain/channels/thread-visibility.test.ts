import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../workflows/workflow-definition.js';
import { computeRecipients, mayViewMessage, mayViewThread, mayWriteInThread, type Candidate, type ThreadScope } from './thread-visibility.js';

const user = (username: string, nation: string, roles: Role[], mayReadSubject = true): Candidate => ({ userId: username, username, nation, roles, mayReadSubject });
const inSosa = user('in.sosa', 'IN', ['sosa_officer']);
const inAuditor = user('in.auditor', 'IN', ['auditor']);
const inSupplier = user('in.supplier', 'IN', ['supplier']);
const inSupplierNotAssigned = user('in.supplier2', 'IN', ['supplier'], false);
const usSosa = user('us.sosa', 'US', ['sosa_officer']);
const usDod = user('us.dod', 'US', ['program_determination']);
const gbSosa = user('gb.sosa', 'GB', ['sosa_officer']);

const requestThread: ThreadScope = { subjectKind: 'request', nations: ['US', 'IN'] };
const wgThread: ThreadScope = { subjectKind: 'working_group', nations: ['US', 'IN'] };
const usInternal: ThreadScope = { subjectKind: 'general', nations: ['US'] };

describe('who may see a thread and its messages (sovereignty rule)', () => {
  it('a thread belongs to its nations only', () => {
    assert.equal(mayViewThread(gbSosa, wgThread, true), false);
    assert.equal(mayViewThread(inSosa, usInternal, true), false);
    assert.equal(mayViewThread(usDod, usInternal, true), true);
  });
  it('a request thread is never wider than its request: a company only when put to it', () => {
    assert.equal(mayViewThread(inSupplier, requestThread, true), true);
    assert.equal(mayViewThread(inSupplierNotAssigned, requestThread, false), false);
  });
  it('a thread internal to one nation is for its officials: not even a company put to the request sees it', () => {
    const inInternalOnRequest: ThreadScope = { subjectKind: 'request', nations: ['IN'] };
    assert.equal(mayViewThread(inSupplier, inInternalOnRequest, true), false);
    assert.equal(mayViewThread(inSosa, inInternalOnRequest, true), true);
    assert.equal(mayViewThread(usSosa, inInternalOnRequest, true), false);
  });
  it('companies do not see working-group, program or general threads', () => {
    assert.equal(mayViewThread(inSupplier, wgThread, true), false);
  });
  it('an internal message is for the officials of its nation only', () => {
    const internalUs = { visibility: 'internal' as const, nation: 'US' };
    assert.equal(mayViewMessage(usDod, requestThread, internalUs, true), true);
    assert.equal(mayViewMessage(inSosa, requestThread, internalUs, true), false);
    assert.equal(mayViewMessage(user('us.supplier', 'US', ['supplier']), requestThread, internalUs, true), false);
    assert.equal(mayViewMessage(inSosa, requestThread, { visibility: 'shared', nation: 'US' }, true), true);
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
    const r = computeRecipients({ thread: requestThread, message: { visibility: 'shared', nation: 'IN' }, authorId: 'in.sosa', mentioned: [usSosa], followers: [inSosa, usSosa, usDod, inSupplier] });
    assert.deepEqual(r.refusedMentions, []);
    assert.deepEqual(r.mention.map((c) => c.userId), ['us.sosa']);
    assert.deepEqual(r.threadMessage.map((c) => c.userId), ['us.dod', 'in.supplier']);
  });
  it('an internal message reaches no one of the other nation and no company, even a follower', () => {
    const r = computeRecipients({ thread: requestThread, message: { visibility: 'internal', nation: 'IN' }, authorId: 'in.sosa', mentioned: [], followers: [usSosa, usDod, inSupplier, inAuditor] });
    assert.deepEqual(r.threadMessage.map((c) => c.userId), ['in.auditor']);
  });
  it('mentioning someone who may not see the message is refused, naming them', () => {
    const r = computeRecipients({ thread: requestThread, message: { visibility: 'internal', nation: 'IN' }, authorId: 'in.sosa', mentioned: [usSosa, inSupplier, inAuditor], followers: [] });
    assert.deepEqual(r.refusedMentions, ['us.sosa', 'in.supplier']);
    assert.deepEqual(r.mention.map((c) => c.userId), ['in.auditor']);
  });
  it('a company not put to the request may not be mentioned on it', () => {
    const r = computeRecipients({ thread: requestThread, message: { visibility: 'shared', nation: 'US' }, authorId: 'us.sosa', mentioned: [inSupplierNotAssigned], followers: [] });
    assert.deepEqual(r.refusedMentions, ['in.supplier2']);
  });
  it('a user mentioned and following is told once; self-mention tells nobody', () => {
    const r = computeRecipients({ thread: wgThread, message: { visibility: 'shared', nation: 'US' }, authorId: 'us.sosa', mentioned: [inSosa, usSosa], followers: [inSosa, inSosa] });
    assert.deepEqual(r.mention.map((c) => c.userId), ['in.sosa']);
    assert.deepEqual(r.threadMessage, []);
  });
});
