import { isCompanyUser, type RequestFacts } from '../../domain/access/border/index.js';
import type { ThreadSubjectKind } from '../../domain/channels/thread-visibility.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { findPartnerCopy } from '../../store/partner-copies.repository.js';
import { findThreadRequestParties } from '../../store/threads.repository.js';
import type { AppContext } from '../context.js';
import { holdsCopiesFor, PARTNER_COPY_READERS } from '../partner-copies/partner-copy-access.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Tx } from '../../store/executor.js';
import { findProgramParties } from '../../store/programs.repository.js';
import { findGroupWithNations, isGroupMember } from '../../store/working-groups.repository.js';
import { isParty } from '../programs/program-view.js';
import { loadRequestForActor, type LoadedRequest } from '../requests/load-request.js';
import { isUuid } from '../../domain/uuid.js';


export type ResolvedSubject =
  | { kind: 'request'; request: LoadedRequest['row']; facts: LoadedRequest['facts'] }
  | { kind: 'program'; id: string; parties: string[] }
  | { kind: 'working_group'; id: string; arrangementId: string; nations: [string, string] }
  | { kind: 'general' };

/**
 * The subject a new thread names, checked like every id in a body: it exists and the caller may
 * link it — a request it may read, a program its nation is party to, a working group of its
 * nation's arrangements that it sees. A missing subject and one of another nation get the same
 * 422 naming `subjectId`, so the answer tells nothing of what exists elsewhere.
 */
export async function resolveThreadSubject(trx: Tx, actor: Actor, kind: ThreadSubjectKind, subjectId: string | null): Promise<ResolvedSubject> {
  if (kind === 'general') return { kind };
  const refuse = (what: string) => validationError([{ field: 'subjectId', message: `is not ${what} you may open a thread on` }]);
  if (kind === 'request') {
    try {
      const { row, facts } = await loadRequestForActor(trx, subjectId!, actor);
      return { kind, request: row, facts };
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw refuse('a request');
      throw e;
    }
  }
  if (kind === 'program') {
    const program = await findProgramParties(trx, subjectId!);
    if (!program || !isParty(actor, program)) throw refuse('a program');
    return { kind, id: subjectId!, parties: [program.nation, ...program.partner_nations] };
  }
  const group = isUuid(subjectId!)
    ? await findGroupWithNations(trx, subjectId!)
    : undefined;
  const official = actor.roles.includes('sosa_officer') || actor.roles.includes('auditor');
  const member = group && !official ? await isGroupMember(trx, group.id, actor.userId) : false;
  if (!group || (group.nation_a !== actor.nation && group.nation_b !== actor.nation) || (!official && !member)) throw refuse('a working group');
  return { kind, id: group.id, arrangementId: group.arrangement_id, nations: [group.nation_a, group.nation_b] };
}

/**
 * A request this instance keeps as a partner copy (issue #13), as the subject of a new thread:
 * its facts as the copy gives them, for an official of this nation who reads the copy; null when
 * the request is held here, when there is no copy, or for anyone else (who then gets the 422 of
 * any request they may not open a thread on).
 */
export async function copySubject(ctx: AppContext, trx: Tx, actor: Actor, requestId: string): Promise<{ peer: string; request: RequestFacts } | null> {
  if (!ctx.config.nation || !isUuid(requestId) || isCompanyUser(actor) || !holdsCopiesFor(ctx, actor)) return null;
  if (!actor.roles.some((r) => PARTNER_COPY_READERS.includes(r))) return null;
  if (await findThreadRequestParties(trx, requestId)) return null;
  const copy = await findPartnerCopy(trx, requestId);
  const head = copy && readPartnerCopyBody(copy.body)?.request;
  if (!copy || !head) return null;
  return { peer: copy.peerNation, request: { fromNation: head.fromNation, toNation: head.toNation, arrangementId: head.arrangementId, supplierOrganisationId: null, assignments: [] } };
}
