import { DateTime } from 'luxon';
import { ratedOrderProblems } from '../../domain/dpas/rated-order-elements.js';
import { AppError, validationError, type FieldError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { requireTransition, targetState, validateTransitionFields, type AssignmentState, type FieldValue } from '../../domain/workflows/workflow-engine.js';
import type { TransitionSpec, Urgency, WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Posture } from '../../domain/workflows/posture.js';
import { requestEventParties } from '../../domain/audit/audit-border.js';
import { appendAuditIn, type AuditEntry } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import {
  findAssignmentDecidedAt,
  findOrganisationNationKind,
  findRequestOrderReceivedAt,
  listOrganisationsWithCodeOfConduct,
  setAssignmentStatus,
  upsertAssignment,
  writeRequestStep,
} from '../../store/requests.repository.js';
import type { RequestRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { notifyRequestStep } from '../notifications/notify-workflow-step.js';
import { retractAcrossBorder } from '../notifications/retract-across-border.js';
import { shareSpasAboutRequest } from '../federation/share-spa-change.js';
import { loadRequestForActor, requestFacts, toRequestState, type AssignmentRow } from './load-request.js';
import { earliestDue, notifyProvisionalDeadlines, planDeadlines } from './request-deadlines.js';
import { followSosaStep, placeSosaRatedOrder } from '../orders/sosa-linked-order.js';
import { latePromiseProblem } from '../../domain/dpas/order-decision.js';
import { pastDeliveryDates, type LineItemInput } from '../../domain/requests/line-items.js';
import { replaceRequestItems } from './replace-request-items.js';
import { shareRequestChange } from '../federation/share-request-change.js';

export interface TransitionInput {
  action: string;
  fields: Record<string, unknown>;
}

/**
 * Who takes a step: a user of this instance, or (issue #13, README "Sovereign instances") an
 * official of the requesting nation on its own instance, named as the `request.step` message
 * names them, never a user here (apply-request-step.ts).
 */
export type StepActor = { kind: 'user'; actor: Actor } | { kind: 'peer'; nation: string; displayName: string; organisation: string | null; messageId: string; answers: string };

/**
 * Takes one workflow step on a request: guard (state, role, party), field validation, the rules
 * of the step, the effects on company assignments, deadlines, history and audit — all in one
 * transaction on the locked request row, so of two racing steps exactly one wins.
 */
export async function transitionRequest(ctx: AppContext, actor: Actor, requestId: string, input: TransitionInput): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    const loaded = await loadRequestForActor(trx, requestId, actor, { forUpdate: true });
    const def = await ctx.workflows.get(loaded.row.workflow_id, trx);
    const t = requireTransition(def, toRequestState(loaded), actor, input.action);
    await applyTransition(ctx, trx, { row: loaded.row, assignments: loaded.assignments, def, t, by: { kind: 'user', actor }, fields: input.fields });
  });
}

/**
 * The one path every step takes once its guard passed, on the locked request row: a step by a
 * user here (transitionRequest) and one a peer's official took on their instance
 * (apply-request-step.ts) validate, record and share the same way.
 */
export async function applyTransition(
  ctx: AppContext,
  trx: Tx,
  step: { row: RequestRow; assignments: AssignmentRow[]; def: WorkflowDefinition; t: TransitionSpec; by: StepActor; fields: Record<string, unknown> },
): Promise<void> {
  const { row, def, t, by } = step;
  const user = by.kind === 'user' ? by.actor : null;
  const actorNation = user?.nation ?? (by.kind === 'peer' ? by.nation : '');
  const { values, errors } = validateTransitionFields(t, step.fields);
  if (errors.length) throw validationError(errors);
  const now = ctx.now();
  const ruleErrors = await checkStepRules(ctx, trx, t, row, values, now);
  if (ruleErrors.length) throw validationError(ruleErrors, `"${t.label}" does not meet the rules of this step: ${ruleErrors.map((e) => e.message).join(' ')}`);

  const assignments = await applyEffects(trx, t, row, step.assignments, user, values, now);
  // The rated order enters the supplier's order book; the steps after it are followed there (700.13, 700.16).
  if (t.effects.includes('place_rated_order')) await placeSosaRatedOrder(ctx, trx, { request: row, actor: requireUser(user, t), values, now });
  else await followSosaStep(ctx, trx, { request: row, actor: user, action: t.action, values, now });
  // Corrected line items replace the request's; the history keeps them before and after.
  const recorded: Record<string, unknown> = { ...values };
  const itemFields = t.fields.filter((f) => f.type === 'line_items').map((f) => f.name);
  for (const name of itemFields) {
    const change = t.effects.includes('replace_items') ? await replaceRequestItems(trx, row.id, values[name] as LineItemInput[] | undefined) : null;
    if (change) recorded[name] = change;
    else delete recorded[name];
    delete values[name]; // items live in request_items, not among the request's decision fields
  }
  const to = targetState(t, assignments);
  const mergedFields = t.visibility === 'shared' ? { ...row.fields, ...values } : row.fields;
  const supplier = assignments.find((a) => a.status === 'accepted' || a.status === 'placed')?.organisationId ?? null;

  // Leaving the state stops every running deadline and starts the new state's, each counted in
  // the deciding nation's calendar; the request row, the deadlines, the history event and the
  // audit event are written in one statement (issue #14), in this transaction: nothing is
  // acknowledged without its event (DESIGN.md "Audit sequencing").
  const planned = to !== row.state
    ? await planDeadlines(
        ctx,
        trx,
        def,
        { id: row.id, fromNation: row.from_nation, toNation: row.to_nation, urgency: row.urgency as Urgency, posture: row.posture as Posture, requiredBy: row.required_by, fields: { ...mergedFields, ...values } },
        to,
        now,
      )
    : null;
  const named = by.kind === 'peer' ? by : null;
  const data = { reference: row.reference, from: row.state, to, fields: recorded };
  const audit: AuditEntry = user
    ? { actorId: user.userId, actor: user.username, nation: user.nation, parties: requestEventParties(user, { fromNation: row.from_nation, toNation: row.to_nation }, t.visibility), action: `request.${t.action}`, entityType: 'request', entityId: row.id, data }
    : {
        // Applied from the peer's message, as its submission is (create-request.ts writeRequest).
        actorId: null,
        actor: 'federation',
        nation: ctx.config.nation ?? row.to_nation,
        parties: [row.from_nation, row.to_nation],
        action: `request.${t.action}`,
        entityType: 'request',
        entityId: row.id,
        data: { ...data, byNation: named!.nation, by: named!.displayName, byOrganisation: named!.organisation, messageId: named!.messageId },
      };
  const eventId = await appendAuditIn(audit, (insertAudit) =>
    writeRequestStep(trx, {
      requestId: row.id,
      set: { state: to, fields: JSON.stringify(mergedFields), supplierOrganisationId: supplier, updatedAt: now },
      deadlines: planned && { stoppedBy: t.action, at: now, start: planned.map((p) => p.row), nextDueAt: earliestDue(planned) },
      event: { at: now, actor_id: user?.userId ?? null, actor_name: named?.displayName ?? null, actor_organisation: named?.organisation ?? null, actor_nation: actorNation, action: t.action, from_state: row.state, to_state: to, fields: JSON.stringify(recorded), visibility: t.visibility },
      audit: insertAudit,
    }),
  );
  // A count through a year whose hand-kept holiday list is missing: provisional, and the admins are told.
  if (planned) await notifyProvisionalDeadlines(ctx, trx, planned);
  // A step from the peer's message tells this nation's users; the peer's are told on their instance, by the projection below.
  const inbound = named && ctx.config.nation ? { nation: ctx.config.nation, partnerCopy: false } : undefined;
  await notifyRequestStep(ctx, trx, { def, request: row, transition: t, from: row.state, to, assignmentsBefore: step.assignments, assignmentsAfter: assignments, supplierAfter: supplier, actor: { userId: user?.userId ?? null, nation: actorNation }, eventId, inbound });
  // The border moved when a company line changed: what it let through before is checked again.
  if (t.effects.length > 0) await retractAcrossBorder(trx, row.id, requestFacts({ ...row, supplier_organisation_id: supplier }, assignments));
  // Sovereign instances (issue #13): a step the other nation sees (a shared one, or one that
  // moves the state) reaches its instance as a message committed with the step; a step the peer
  // sent is answered by it, so the peer knows its step was applied.
  if (t.visibility === 'shared' || to !== row.state) {
    await shareRequestChange(ctx, trx, def, { id: row.id, fromNation: row.from_nation, toNation: row.to_nation, arrangementId: row.arrangement_id }, 'request.transition', named?.answers);
  }
  // Who performs decides which nations read the SPAs about the request's rated orders (border/spa.ts);
  // after the request's own message, so the peer has the request's new state first.
  if (supplier !== row.supplier_organisation_id) await shareSpasAboutRequest(ctx, trx, row.id);
}

/** Steps that act for a company or place an order are taken by a user here, never from a peer. */
function requireUser(user: Actor | null, t: TransitionSpec): Actor {
  if (!user) throw new AppError('ROLE_NOT_ALLOWED', { detail: `"${t.label}" is taken on this instance only.` });
  return user;
}

async function checkStepRules(ctx: AppContext, trx: Tx, t: TransitionSpec, row: RequestRow, values: Record<string, FieldValue>, now: Date): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const calendar = await ctx.calendars.get(row.to_nation, trx);
  const today = DateTime.fromJSDate(now, { zone: calendar.definition.timeZone }).toISODate()!;
  for (const field of t.fields) {
    const value = values[field.name];
    if (field.notBeforeToday && typeof value === 'string' && value < today) {
      errors.push({ field: field.name, message: `must not be before today (${today})` });
    }
    if (field.notAfterToday && typeof value === 'string' && value > today) {
      errors.push({ field: field.name, message: `${value} is in the future: today is ${today} in ${row.to_nation} (${calendar.definition.timeZone})` });
    }
    if (field.type === 'company' && typeof value === 'string') {
      const org = await findOrganisationNationKind(trx, value);
      if (!org || org.kind !== 'company' || org.nation !== row.to_nation) {
        errors.push({ field: field.name, message: `must be a company of ${row.to_nation}` });
      }
    }
  }
  const itemsField = t.fields.find((f) => f.type === 'line_items' && Array.isArray(values[f.name]));
  if (itemsField) {
    // As on a new request: no delivery date before today in the requesting nation.
    const requester = await ctx.calendars.get(row.from_nation, trx);
    const requesterToday = DateTime.fromJSDate(now, { zone: requester.definition.timeZone }).toISODate()!;
    errors.push(...pastDeliveryDates(itemsField.name, values[itemsField.name] as LineItemInput[], requesterToday));
  }
  for (const validator of t.validators) {
    if (validator === 'rated_order_elements') {
      const receivedDate = today;
      errors.push(
        ...ratedOrderProblems({
          rating: typeof row.fields.rating === 'string' ? row.fields.rating : undefined,
          requiredDeliveryDate: values.required_delivery_date as string | undefined,
          signedBy: values.signed_by as string | undefined,
          certified: values.certified as boolean | undefined,
          receivedDate,
          emergencyBasis: values.emergency_basis as 'hazard_occurred' | 'imminent_hazard' | undefined,
          emergencyResponseHours: values.emergency_response_hours as number | undefined,
        }).filter((e) => !errors.some((x) => x.field === e.field)),
      );
    }
    if (validator === 'rated_order_rejection') {
      // 700.13(b)(1): a supplier that cannot meet the date states the earliest date it can, and offers to accept on it.
      const earliest = values.earliest_possible_date;
      const required = row.fields.required_delivery_date;
      if (typeof earliest === 'string' && typeof required === 'string' && earliest <= required) {
        errors.push({ field: 'earliest_possible_date', message: `The earliest possible date must be after the required delivery date ${required}; if ${earliest} can be met, the order must be accepted (700.13(a)).` });
      }
    }
    if (validator === 'rated_order_acceptance') {
      // 700.13(b)(1): a promise after the required date is no acceptance: the supplier rejects and offers its date.
      const promised = values.promised_delivery_date;
      const required = row.fields.required_delivery_date;
      const late = typeof promised === 'string' && typeof required === 'string' ? latePromiseProblem({ promisedDeliveryDate: promised, requiredDeliveryDate: required }) : null;
      if (late) {
        throw new AppError('VALIDATION_FAILED', {
          detail: `The rated order is required by ${String(required)}: reject it for "cannot meet the date" and offer ${String(promised)} instead of accepting (15 CFR 700.13(b)(1)).`,
          errors: [{ field: 'promised_delivery_date', message: late }],
          extra: { rejectWith: { action: 'reject_rated_order', ground: 'cannot_meet_date', earliest_possible_date: promised } },
        });
      }
    }
    if (validator === 'delivery_after_order') {
      const delivered = values.delivered_on;
      const placed = typeof delivered === 'string' ? await orderStart(trx, row, calendar.definition.timeZone) : null;
      if (placed && typeof delivered === 'string' && delivered < placed.date) errors.push({ field: 'delivered_on', message: `${delivered} is before ${placed.what} (${placed.date})` });
    }
    if (validator === 'code_of_conduct_companies') {
      const ids = (values.companies as string[] | undefined) ?? [];
      const found = ids.length ? await listOrganisationsWithCodeOfConduct(trx, ids) : [];
      // The Code of Conduct registry decides: only an active subscriber may be routed requests.
      // Each refusal names the company (the officer may have chosen it before its status changed).
      ids.forEach((id, i) => {
        const org = found.find((o) => o.id === id);
        if (!org || org.kind !== 'company' || org.nation !== row.to_nation) errors.push({ field: `companies/${i}`, message: `must be a company of ${row.to_nation}` });
        else if (!org.coc_status) errors.push({ field: `companies/${i}`, message: `${org.name} has not subscribed to the Code of Conduct.` });
        else if (org.coc_status !== 'active') errors.push({ field: `companies/${i}`, message: `${org.name}: its Code of Conduct subscription ${org.coc_status === 'lapsed' ? 'lapsed' : 'was withdrawn'} on ${org.coc_since}.` });
      });
    }
  }
  return errors;
}

async function applyEffects(
  trx: Tx,
  t: TransitionSpec,
  row: RequestRow,
  before: readonly AssignmentRow[],
  actor: Actor | null,
  values: Record<string, FieldValue>,
  now: Date,
): Promise<AssignmentState[]> {
  const assignments = new Map<string, AssignmentState['status']>(before.map((a) => [a.organisationId, a.status]));
  const upsert = async (organisationId: string, status: AssignmentState['status'], details: Record<string, unknown>, decided: boolean) => {
    assignments.set(organisationId, status);
    await upsertAssignment(trx, { requestId: row.id, organisationId, status, details: JSON.stringify(details), createdAt: now, decidedAt: decided ? now : null });
  };
  for (const effect of t.effects) {
    switch (effect) {
      case 'place_rated_order': {
        // A new placement supersedes an earlier rejected one (the rejection stays in the history).
        for (const [org, status] of assignments) if (status === 'declined') await setStatus(trx, row.id, org, 'superseded', assignments);
        await upsert(values.supplier as string, 'placed', { orderNumber: values.order_number, requiredDeliveryDate: values.required_delivery_date }, false);
        break;
      }
      case 'assign_companies':
        for (const org of values.companies as string[]) {
          if (assignments.get(org) === 'pending') continue;
          await upsert(org, 'pending', {}, false);
        }
        break;
      case 'accept_assignment': {
        await upsert(requireUser(actor, t).organisationId, 'accepted', { ...values }, true);
        for (const [org, status] of assignments) if (status === 'pending' && org !== actor?.organisationId) await setStatus(trx, row.id, org, 'superseded', assignments);
        break;
      }
      case 'decline_assignment':
        await upsert(requireUser(actor, t).organisationId, 'declined', { ...values }, true);
        break;
    }
  }
  return [...assignments].map(([organisationId, status]) => ({ organisationId, status }));
}

async function setStatus(trx: Tx, requestId: string, org: string, status: AssignmentState['status'], map: Map<string, AssignmentState['status']>) {
  map.set(org, status);
  await setAssignmentStatus(trx, requestId, org, status);
}

/**
 * The day the performing company's order began, in the supplying nation's zone: the rated order's
 * placement (DPAS), the company's commitment (Code of Conduct), or else the request's submission.
 */
async function orderStart(trx: Tx, row: RequestRow, zone: string): Promise<{ date: string; what: string } | null> {
  const day = (at: Date) => DateTime.fromJSDate(at, { zone }).toISODate()!;
  if (row.supplier_organisation_id) {
    const order = await findRequestOrderReceivedAt(trx, row.id, row.supplier_organisation_id);
    if (order) return { date: day(order.received_at), what: 'the rated order was placed' };
    const assignment = await findAssignmentDecidedAt(trx, row.id, row.supplier_organisation_id);
    if (assignment?.decided_at) return { date: day(assignment.decided_at), what: 'the company committed to it' };
  }
  return { date: day(row.created_at), what: 'the request was submitted' };
}
