import { readBasis, type ReadBasis, type RequestFacts } from '../../domain/access/border/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AssignmentState, RequestState } from '../../domain/workflows/workflow-engine.js';
import type { Db } from '../../store/executor.js';
import { listAssignmentRows } from '../../store/requests.repository.js';
import { findRequestWithAssignments, type AssignmentWithName } from '../../store/request-reads.repository.js';
import type { RequestRow } from '../../store/schema.js';
import { isUuid } from '../../domain/uuid.js';

export interface AssignmentRow {
  organisationId: string;
  organisationName: string;
  status: AssignmentState['status'];
  details: Record<string, unknown>;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface LoadedRequest {
  row: RequestRow;
  assignments: AssignmentRow[];
  basis: ReadBasis;
  /** What the border (domain/access/border) decides on. */
  facts: RequestFacts;
}

export function requestFacts(row: Pick<RequestRow, 'from_nation' | 'to_nation' | 'arrangement_id' | 'supplier_organisation_id'>, assignments: RequestFacts['assignments']): RequestFacts {
  return { fromNation: row.from_nation, toNation: row.to_nation, arrangementId: row.arrangement_id, supplierOrganisationId: row.supplier_organisation_id, assignments };
}


export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No request ${id} that you may see.` });
}

export function toAssignmentRows(rows: readonly AssignmentWithName[]): AssignmentRow[] {
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.name,
    status: r.status as AssignmentState['status'],
    details: r.details,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  }));
}

export async function loadAssignments(db: Db, requestId: string): Promise<AssignmentRow[]> {
  return toAssignmentRows(await listAssignmentRows(db, requestId));
}

/** The border's decision on a request read with its company lines: what the actor may read it by, or 404. */
export function readableBy(actor: Actor, id: string, row: RequestRow, assignments: AssignmentRow[]): LoadedRequest {
  const facts = requestFacts(row, assignments);
  const basis = readBasis(actor, facts);
  if (!basis) throw notFound(id);
  return { row, assignments, basis, facts };
}

/** A request id that cannot exist answers 404 before any query. */
export function assertRequestId(id: string): void {
  if (!isUuid(id)) throw notFound(id);
}

/**
 * Loads a request the actor may read. A request of another nation, one whose company line is
 * closed to the actor (its order rejected or replaced, or it declined) and a missing one all
 * answer 404, so existence does not leak across the border. With `forUpdate` the row is locked
 * until the transaction ends: concurrent transitions of one request run one after the other.
 */
export async function loadRequestForActor(db: Db, id: string, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<LoadedRequest> {
  assertRequestId(id);
  // The row and its company lines in one statement (issue #14).
  const found = await findRequestWithAssignments(db, id, options);
  if (!found) throw notFound(id);
  return readableBy(actor, id, found.row, toAssignmentRows(found.assignments));
}

export function toRequestState(loaded: { row: RequestRow; assignments: readonly Pick<AssignmentRow, 'organisationId' | 'status'>[] }): RequestState {
  return {
    state: loaded.row.state,
    fromNation: loaded.row.from_nation,
    toNation: loaded.row.to_nation,
    supplierOrganisationId: loaded.row.supplier_organisation_id,
    assignments: loaded.assignments,
  };
}
