import { borderComments, knowsCompany, peerReader, projectHistory, readBasis, visibleAssignments } from '../../domain/access/border/index.js';
import type { WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Tx } from '../../store/executor.js';
import { findRequestRow, listCommentRows, listRequestEventRows, listRequestItemRows } from '../../store/requests.repository.js';
import { loadAssignments, requestFacts } from '../requests/load-request.js';

/**
 * A request as the peer instance of `peerNation` may see it (issue #13): the same border as a
 * read by that nation's officials on a shared instance (domain/access/border, `peerReader`).
 * Internal steps, the shortlist, companies the peer may not know and their content never enter
 * it; of users, only what that nation's officials read on a shared instance: the name and nation
 * of who took a visible step, a comment's writer's name, nation and organisation, never a login.
 * Null when the peer's nation is not party to the request (then nothing is sent).
 */
export async function requestBorderBody(trx: Tx, def: WorkflowDefinition, requestId: string, peerNation: string): Promise<{ version: number; body: Record<string, unknown> } | null> {
  const row = await findRequestRow(trx, requestId);
  if (!row) return null;
  const assignments = await loadAssignments(trx, requestId);
  const facts = requestFacts(row, assignments);
  const reader = peerReader(peerNation);
  if (!readBasis(reader, facts)) return null;
  const [events, items, comments] = await Promise.all([listRequestEventRows(trx, requestId), listRequestItemRows(trx, requestId), listCommentRows(trx, requestId)]);
  const history = projectHistory(
    reader,
    facts,
    def,
    events.map((e) => ({ ...e, actorNation: e.actor_nation, actorCompany: e.organisation_kind === 'company' ? e.organisation_id : null })),
  );
  const supplier = row.supplier_organisation_id && knowsCompany(reader, facts, row.supplier_organisation_id) ? assignments.find((a) => a.organisationId === row.supplier_organisation_id) : undefined;
  return {
    version: row.version,
    body: {
      request: {
        id: row.id,
        reference: row.reference,
        title: row.title,
        fromNation: row.from_nation,
        toNation: row.to_nation,
        arrangementId: row.arrangement_id,
        workflowId: row.workflow_id,
        state: row.state,
        urgency: row.urgency,
        programId: row.program_id,
        requiredBy: row.required_by,
        justification: row.justification,
        classification: row.classification,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        version: row.version,
      },
      fields: history.fields,
      supplier: supplier ? { id: supplier.organisationId, name: supplier.organisationName } : null,
      assignments: visibleAssignments(reader, facts, assignments).map((a) => ({ organisation: { id: a.organisationId, name: a.organisationName }, status: a.status, details: a.details })),
      items: items.map((i) => ({ lineNo: i.line_no, partNumber: i.part_number, nsn: i.nsn, description: i.description, quantity: i.quantity, unit: i.unit, requiredDeliveryDate: i.required_delivery_date })),
      history: history.events.map((e) => ({ at: e.at.toISOString(), actorNation: e.actor_nation, actorName: e.display_name || null, action: e.action, fromState: e.from_state, toState: e.to_state, fields: e.fields, visibility: e.visibility })),
      /** The shared comments the peer may read (a `request.comment` message adds each as it is written). */
      comments: borderComments(reader, facts, comments),
    },
  };
}
