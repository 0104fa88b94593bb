import { randomUUID } from 'node:crypto';
import { isCompanyUser, threadCreatorOrigin, type RequestThreadSubject } from '../../domain/access/border/index.js';
import { mayWriteInThread, type ThreadSubjectKind } from '../../domain/channels/thread-visibility.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { jointEventParties } from '../../domain/audit/audit-border.js';
import { findArrangement } from '../../store/arrangements.repository.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertThread, setThreadFollowing } from '../../store/threads.repository.js';
import type { AppContext } from '../context.js';
import { insertMessage, type MessageInput } from './post-message.js';
import { shareThreadOpened } from '../federation/share-thread-change.js';
import { copySubject, resolveThreadSubject } from './thread-subject.js';
import { authorsOf } from './thread-access.js';

export interface NewThreadInput {
  subjectKind: ThreadSubjectKind;
  subjectId?: string | undefined;
  title: string;
  /** internal: the creator's nation only; arrangement: the nations party to the subject. */
  scope: 'internal' | 'arrangement';
  /** For subjects other than a request, under arrangement scope: which arrangement's two nations. */
  arrangementId?: string | undefined;
  /** An optional first message. */
  message?: MessageInput | undefined;
}

/**
 * Opens a thread on a subject. Its nations are fixed now: a request's two nations (its
 * arrangement), or for another subject the two nations of an arrangement the creator's nation is
 * party to — or, with internal scope, the creator's nation alone.
 */
export async function createThread(ctx: AppContext, actor: Actor, input: NewThreadInput): Promise<string> {
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (trx) => {
    let nations: string[];
    let arrangementId: string | null = null;
    let subjectId: string | null = input.subjectId ?? null;
    let subject: RequestThreadSubject | null = null;
    if (input.scope === 'internal' && isCompanyUser(actor)) {
      throw new AppError('ROLE_NOT_ALLOWED', { detail: 'A supplier cannot open internal threads; internal deliberation is for officials of one nation.' });
    }
    const copy = input.subjectKind === 'request' && subjectId ? await copySubject(ctx, trx, actor, subjectId) : null;
    if (copy) {
      // A request the peer holds, kept here as a partner copy (issue #13): this nation's officials
      // open a thread on it on their own desk; a shared one goes to the holder (thread.set).
      arrangementId = copy.request.arrangementId;
      nations = input.scope === 'internal' ? [actor.nation] : [copy.request.fromNation, copy.request.toNation];
      subject = { request: copy.request, creator: threadCreatorOrigin({ nation: actor.nation, organisationId: actor.organisationId, isCompany: false }, nations) };
    } else if (input.subjectKind === 'request') {
      if (!subjectId) throw validationError([{ field: 'subjectId', message: 'a request thread names its request' }]);
      const resolved = await resolveThreadSubject(trx, actor, 'request', subjectId);
      if (resolved.kind !== 'request') throw new Error('unreachable');
      const { request: row, facts } = resolved;
      subjectId = row.id;
      arrangementId = row.arrangement_id;
      nations = input.scope === 'internal' ? [actor.nation] : [row.from_nation, row.to_nation];
      // A thread on a request is content on it: who opened it decides who sees it (border/thread.ts).
      subject = { request: facts, creator: threadCreatorOrigin((await authorsOf(trx, [actor.userId])).get(actor.userId)!, nations) };
    } else {
      if (isCompanyUser(actor)) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Companies take part in the threads of requests put to them only.' });
      if (input.subjectKind === 'general' && subjectId) throw validationError([{ field: 'subjectId', message: 'a general thread has no subject id' }]);
      if (input.subjectKind !== 'general' && !subjectId) throw validationError([{ field: 'subjectId', message: `a ${input.subjectKind.replace('_', ' ')} thread names its subject` }]);
      const subject = await resolveThreadSubject(trx, actor, input.subjectKind, subjectId);
      if (subject.kind === 'program' || subject.kind === 'working_group') subjectId = subject.id;
      if (input.scope === 'internal') {
        nations = [actor.nation];
      } else {
        // A working group's thread is its arrangement's; the arrangement may go unsaid.
        const wanted = input.arrangementId ?? (subject.kind === 'working_group' ? subject.arrangementId : undefined);
        if (!wanted) throw validationError([{ field: 'arrangementId', message: 'a thread shared with the other nation names its arrangement' }]);
        const arrangement = await findArrangement(trx, wanted);
        if (!arrangement || (arrangement.nation_a !== actor.nation && arrangement.nation_b !== actor.nation)) {
          throw validationError([{ field: 'arrangementId', message: `must be an arrangement ${actor.nation} is party to` }]);
        }
        // The thread is no wider than its subject: both nations must be party to it.
        if (subject.kind === 'working_group' && subject.arrangementId !== arrangement.id) {
          throw validationError([{ field: 'arrangementId', message: `the working group belongs to the ${subject.arrangementId} arrangement` }]);
        }
        if (subject.kind === 'program') {
          const outside = [arrangement.nation_a, arrangement.nation_b].filter((n) => !subject.parties.includes(n));
          if (outside.length) throw validationError([{ field: 'arrangementId', message: `${outside.join(' and ')} ${outside.length === 1 ? 'is' : 'are'} not party to the program` }]);
        }
        arrangementId = arrangement.id;
        nations = [arrangement.nation_a, arrangement.nation_b];
      }
    }
    const scope = { subjectKind: input.subjectKind, nations };
    if (!mayWriteInThread(actor, scope)) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Your roles read threads; they do not open them.' });
    const now = ctx.now();
    const thread = { id, subject_kind: input.subjectKind, subject_id: subjectId, title: input.title, nations, arrangement_id: arrangementId, created_by: actor.userId, created_nation: actor.nation, created_at: now };
    await insertThread(trx, thread);
    await setThreadFollowing(trx, id, actor.userId, true, now);
    await auditAs(trx, actor, { parties: jointEventParties(actor, nations), action: 'thread.create', entityType: 'thread', entityId: id, data: { subjectKind: input.subjectKind, subjectId, nations } });
    // Held here; the other nation's instance, when it is a peer, gets it (issue #13), before its first message.
    await shareThreadOpened(ctx, trx, id);
    if (input.message) await insertMessage(ctx, trx, actor, { ...thread, created_at: now, held_by: null, creator_name: null }, subject, input.message);
  });
  return id;
}
