import { AppError, validationError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { findArrangement, findArrangementDirection, insertArrangementDirection, listArrangementDirections, workflowExists } from '../../store/arrangements.repository.js';
import type { Db } from '../../store/executor.js';
import type { Store } from '../../store/database.js';

/**
 * An arrangement's request paths (issue #13, a hub with several partners): which nation may
 * request from which under the arrangement, and the workflow such a request follows. The seed
 * knows the US–India paths; an operator adds the others (`sosa arrangement add-direction`), on
 * every instance that takes part in the path (the requester's, to submit, and the holder's, to
 * accept the submission: apply-request-submit.ts checks the direction).
 */
export interface ArrangementDirection {
  arrangementId: string;
  arrangementName: string;
  fromNation: string;
  toNation: string;
  workflowId: string;
}

export async function listDirections(db: Db): Promise<ArrangementDirection[]> {
  return (await listArrangementDirections(db)).map((d) => ({ arrangementId: d.arrangement_id, arrangementName: d.arrangement_name, fromNation: d.from_nation, toNation: d.to_nation, workflowId: d.workflow_id }));
}

export interface NewDirection {
  arrangementId: string;
  fromNation: string;
  toNation: string;
  workflowId: string;
}

/**
 * Adds the path `fromNation` → `toNation` under the arrangement, audited in its transaction
 * (`arrangement.direction_add`, read by the auditors of both nations). The two nations must be
 * the arrangement's, the workflow one this instance defines. A path the arrangement already has
 * from that nation is kept: the same one again changes nothing (`added: false`, so a set-up script
 * may run twice); another one is a conflict (a nation requests under an arrangement by one
 * workflow, the table's key). `by`: who adds it, for the audit (the CLI's operator).
 */
export async function addDirection(db: Store['db'], input: NewDirection, by: { actor: string; actorId: string | null; nation: string | null }): Promise<{ added: boolean; direction: NewDirection }> {
  const direction = { arrangementId: input.arrangementId.trim(), fromNation: input.fromNation.trim().toUpperCase(), toNation: input.toNation.trim().toUpperCase(), workflowId: input.workflowId.trim() };
  return db.transaction().execute(async (trx) => {
    const arrangement = await findArrangement(trx, direction.arrangementId);
    if (!arrangement) throw validationError([{ field: 'arrangementId', message: `no arrangement ${direction.arrangementId} on this instance` }]);
    const nations = [arrangement.nation_a, arrangement.nation_b];
    const errors = [
      ...(nations.includes(direction.fromNation) ? [] : [{ field: 'fromNation', message: `must be a nation of ${arrangement.id}: ${nations.join(' or ')}` }]),
      ...(nations.includes(direction.toNation) ? [] : [{ field: 'toNation', message: `must be a nation of ${arrangement.id}: ${nations.join(' or ')}` }]),
      ...(direction.fromNation === direction.toNation ? [{ field: 'toNation', message: 'a nation does not request from itself' }] : []),
      ...((await workflowExists(trx, direction.workflowId)) ? [] : [{ field: 'workflowId', message: `no workflow ${direction.workflowId} on this instance` }]),
    ];
    if (errors.length) throw validationError(errors);
    const held = await findArrangementDirection(trx, direction.arrangementId, direction.fromNation);
    if (held) {
      if (held.to_nation === direction.toNation && held.workflow_id === direction.workflowId) return { added: false, direction };
      throw new AppError('CONFLICT', { detail: `${arrangement.id} already has the path ${held.from_nation} → ${held.to_nation} (workflow ${held.workflow_id}): a nation requests under an arrangement by one path` });
    }
    await insertArrangementDirection(trx, { arrangement_id: direction.arrangementId, from_nation: direction.fromNation, to_nation: direction.toNation, workflow_id: direction.workflowId });
    await appendAudit(trx, { actorId: by.actorId, actor: by.actor, nation: by.nation, parties: nations, action: 'arrangement.direction_add', entityType: 'arrangement', entityId: arrangement.id, data: { fromNation: direction.fromNation, toNation: direction.toNation, workflowId: direction.workflowId } });
    return { added: true, direction };
  });
}
