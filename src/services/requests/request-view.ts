import { authoredOrigin, crossingComments, knowsCompany, mayRead, projectHistory, stoppedByFor, visibleAssignments } from '../../domain/access/border/index.js';
import type { Actor } from '../../domain/access/actor.js';
import { allowedActions, stateLabel } from '../../domain/workflows/workflow-engine.js';
import { pendingActions } from '../../domain/workflows/waiting-on.js';
import { actionViews } from './action-views.js';
import type { FieldSpec, WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import { recordReadAs } from '../../store/audit.repository.js';
import { organisationNamesById } from '../../store/requests.repository.js';
import { findRequestDetail } from '../../store/request-reads.repository.js';
import type { RequestRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import type { ApiAnswer } from '../../contract/api-schema.js';
import { assertRequestId, notFound, readableBy, toAssignmentRows, toRequestState, type AssignmentRow } from './load-request.js';
import { linkedRatedOrder } from '../orders/sosa-linked-order.js';
import { provisionalNote } from '../calendars/holiday-list-status.js';
import { partnerDelivery } from '../federation/delivery-state.js';
import { EVENT_READERS } from '../events/event-access.js';
import { listFilesFromCopies } from '../../store/partner-copies.repository.js';

/** One row of the requests list (and the head of the detail), as GET /requests declares it, without what only the list adds. */
export type RequestSummaryView = Omit<ApiAnswer<'getRequests'>['items'][number], 'partnerPending'>;
export type NextDeadline = NonNullable<RequestSummaryView['nextDeadline']>;

export interface ActionView {
  action: string;
  label: string;
  tone: string;
  rule?: string | undefined;
  /** internal: the step stays within the acting nation (the UI warns before it). */
  visibility: 'shared' | 'internal';
  /** The step is the work the request waits on (false: an escape or side step such as withdraw). */
  pending: boolean;
  /** The earlier step's field this step answers (the question of a return for information). */
  answers?: { action: string; field: string } | undefined;
  fields: Array<FieldSpec & { default?: unknown }>;
}

export function summarise(def: WorkflowDefinition, row: RequestRow, assignments: readonly AssignmentRow[], actor: Actor, next: NextDeadline | null): RequestSummaryView {
  const state = def.states.find((s) => s.id === row.state);
  const requestState = toRequestState({ row, assignments });
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    fromNation: row.from_nation,
    toNation: row.to_nation,
    state: row.state,
    stateLabel: stateLabel(def, row.state),
    urgency: row.urgency,
    programId: row.program_id,
    requiredBy: row.required_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    waitingOn: state?.waitingOn ? (state.waitingOn === 'requesting' ? row.from_nation : row.to_nation) : null,
    waitingOnYou: pendingActions(def, requestState, actor).length > 0,
    nextDeadline: next,
    actions: allowedActions(def, requestState, actor).map((t) => t.action),
  };
}

/**
 * The request as this actor may see it. Everything about another nation or another company passes
 * the border (domain/access/border): the history, the step fields merged from it, the names it
 * refers to, the company lines, comments, files, the rated order and which step stopped each
 * deadline — one projection, not a filter per field.
 */
export async function getRequestView(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.store.db;
  assertRequestId(id);
  // The request and everything shown of it in one statement (issue #14); the border decides before anything is used.
  const detail = await findRequestDetail(db, id);
  if (!detail) throw notFound(id);
  const loaded = readableBy(actor, id, detail.row, toAssignmentRows(detail.assignments));
  const { row, assignments, basis, facts } = loaded;
  const def = await ctx.workflows.get(row.workflow_id);
  const { items, deadlines, events, comments, attachments, nationNames, program } = detail;

  if (basis.kind === 'arrangement') {
    // Every read by a user of the other nation is explained by the arrangement, and recorded.
    // One statement that commits on its own, before anything of the request is answered.
    await recordReadAs(db, actor, { parties: [row.from_nation, row.to_nation], action: 'request.read', entityType: 'request', entityId: id, data: { basis: 'arrangement', arrangement: basis.arrangementId } });
  }

  const crosses = (author: { nation: string; organisation_id: string; organisation_kind: string }, visibility: 'shared' | 'internal') =>
    mayRead(actor, facts, authoredOrigin({ nation: author.nation, organisationId: author.organisation_id, isCompany: author.organisation_kind === 'company' }, visibility));
  const escalated = new Set(detail.escalatedDeadlineIds);
  const shownAssignments = visibleAssignments(actor, facts, assignments);
  const supplierName = row.supplier_organisation_id && knowsCompany(actor, facts, row.supplier_organisation_id) ? assignments.find((a) => a.organisationId === row.supplier_organisation_id)?.organisationName ?? null : null;
  const now = ctx.now();
  const open = deadlines.filter((d) => !d.stopped_at).sort((a, b) => a.due_at.getTime() - b.due_at.getTime())[0];
  const transitionsByAction = new Map(def.transitions.map((t) => [t.action, t]));

  const history = projectHistory(
    actor,
    facts,
    def,
    events.map((e) => ({ ...e, actorNation: e.actor_nation, actorCompany: e.organisation_kind === 'company' ? e.organisation_id : null })),
  );
  const ratedOrder = detail.hasLinkedOrder ? await linkedRatedOrder(ctx, row, actor, facts) : null;
  const organisationNames = await namesOf(ctx, history.companyIds);
  // The request names its program; the name crosses with the request even when the reader's nation is not party to it.
  const itemViews = items.map((i) => ({ lineNo: i.line_no, partNumber: i.part_number, nsn: i.nsn, description: i.description, quantity: i.quantity, unit: i.unit, requiredDeliveryDate: i.required_delivery_date }));

  return {
    ...summarise(def, row, assignments, actor, open ? { kind: open.kind, label: open.label, dueAt: open.due_at.toISOString(), overdue: open.due_at <= now } : null),
    arrangementId: row.arrangement_id,
    workflowId: row.workflow_id,
    justification: row.justification,
    classification: row.classification,
    /** The step fields merged from the steps this reader sees (the row's merge of every shared step is for the supplying nation's officials). */
    fields: history.fields,
    /** The rated order as the supplier's book holds it (status, 700.13 deadline, decision, projected completion). */
    ratedOrder,
    supplier: row.supplier_organisation_id && supplierName ? { id: row.supplier_organisation_id, name: supplierName } : null,
    assignments: shownAssignments.map((a) => ({ organisation: { id: a.organisationId, name: a.organisationName }, status: a.status, details: a.details })),
    programName: program?.name ?? null,
    items: itemViews,
    deadlines: deadlines.map((d) => ({
      id: d.id,
      kind: d.kind,
      label: d.label,
      nation: d.nation,
      startedAt: d.started_at.toISOString(),
      dueAt: d.due_at.toISOString(),
      workingDays: d.working_days,
      hours: d.hours,
      basis: d.basis,
      stoppedAt: d.stopped_at?.toISOString() ?? null,
      // A step the reader does not see (an internal routing, another company's refusal) is not named here either.
      stoppedBy: stoppedByFor({ stoppedAt: d.stopped_at, stoppedBy: d.stopped_by }, history.events),
      overdueAt: d.overdue_at?.toISOString() ?? null,
      escalated: escalated.has(d.id),
      /** Counted through a year whose hand-kept holiday list is not loaded (issue #11.10); null when final. */
      provisional: provisionalNote(d.nation, nationNames.get(d.nation) ?? d.nation, d.provisional_years),
    })),
    history: history.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: { username: e.username, displayName: e.display_name, nation: e.actor_nation },
      action: e.action,
      actionLabel: e.action === 'submit' ? 'Submitted' : transitionsByAction.get(e.action)?.label ?? e.action,
      fromState: e.from_state,
      toState: e.to_state,
      toStateLabel: stateLabel(def, e.to_state),
      fields: e.fields,
      visibility: e.visibility,
    })),
    /** Names of the companies that the visible history's fields refer to by id. */
    organisationNames,
    comments: crossingComments(actor, facts, comments)
      .map((c) => ({ id: c.id, author: { username: c.username, displayName: c.display_name, nation: c.nation }, nation: c.nation, visibility: c.visibility, body: c.body, createdAt: c.created_at.toISOString() })),
    attachments: attachments
      .filter((a) => crosses(a, a.visibility))
      // Named as a comment's author is: whoever may read the file may read who attached it (the same border rule).
      .map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, sha256: a.sha256, visibility: a.visibility, createdAt: a.created_at.toISOString(), uploadedBy: { displayName: a.uploader_name, nation: a.nation } })),
    /**
     * Sovereign instances (issue #13, migration 0054): files the partner's officials attached on
     * their copy, larger than a message carries, that are being fetched from the copy's desk, or were
     * refused or not served; once fetched and checked they are among `attachments`. Read as a shared
     * file of that nation's official is. A shared deployment has no copies: no statement is sent
     * for what cannot be there (issue #14, one round trip per view).
     */
    filesFromPartners: (ctx.config.nation ? await listFilesFromCopies(ctx.store.db, row.id) : [])
      .filter((f) => crosses({ nation: f.uploader_nation, organisation_id: '', organisation_kind: 'government' }, 'shared'))
      .map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, sha256: f.sha256, createdAt: new Date(f.created_at).toISOString(), uploadedBy: { displayName: f.uploader_name, nation: f.uploader_nation }, state: f.fetch_state === 'pending' ? ('fetching' as const) : f.fetch_state === 'refused' ? ('refused' as const) : ('unavailable' as const), stateDetail: f.fetch_error })),
    actions: actionViews(def, toRequestState(loaded), actor, { program, items: itemViews }),
    version: row.version,
    /**
     * The disruption event the request was drafted from (issue #15): the requesting nation's own
     * record, so only its readers of events see the link; the partner sees the request as any other.
     */
    disruptionEvent: actor.nation === row.from_nation && actor.roles.some((r) => EVENT_READERS.includes(r)) ? detail.draftedFrom : null,
    /** Sovereign instances (issue #13): whether each partner instance has the latest change; [] on a shared deployment. */
    partnerDelivery: await partnerDelivery(ctx, actor, 'request', id),
  };
}

async function namesOf(ctx: AppContext, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  return organisationNamesById(ctx.store.db, ids);
}

export type RequestDetailView = Awaited<ReturnType<typeof getRequestView>>;
