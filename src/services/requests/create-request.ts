import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { AppError, validationError, type FieldError } from '../../domain/errors.js';
import { pastDeliveryDates } from '../../domain/requests/line-items.js';
import type { NewRequestContent } from '../../domain/requests/new-request.js';
import type { Actor } from '../../domain/access/actor.js';
import type { WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import { sql } from 'kysely';
import { appendAuditIn, type AuditEntry } from '../../store/audit.repository.js';
import { findNewRequestFacts, insertNewRequest } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { prepareRequestStepNotices } from '../notifications/notify-workflow-step.js';
import { writeNotices } from '../notifications/notify.js';
import { earliestDue, notifyProvisionalDeadlines, planDeadlines } from './request-deadlines.js';
import type { Posture } from '../../domain/workflows/posture.js';
import type { Db, Tx } from '../../store/executor.js';
import { shareRequestChange } from '../federation/share-request-change.js';

export { CLASSIFICATIONS } from '../../domain/requests/new-request.js';

// Stand-ins for what the statement that writes a request makes (its reference, its first event's
// id), in the notices prepared before it: NUL never occurs in a real text, and PostgreSQL refuses
// it in text, so a stand-in left unfilled fails the create rather than reach anyone.
const REFERENCE_STAND_IN = '\u0000reference\u0000';
const EVENT_STAND_IN = '\u0000event\u0000';

export type NewRequestInput = NewRequestContent;

export interface CreateRequestOptions {
  /**
   * Runs in the request's transaction once it is written (a draft from a disruption event is
   * marked submitted with it): one way to create a request, and the draft and its request
   * commit together or not at all.
   */
  alsoInTransaction?: (trx: Tx, request: { id: string; reference: string }) => Promise<void>;
}

/**
 * Who submits a request: a signed-in SOSA officer of this instance, or (issue #13, README
 * "Sovereign instances") an official of a partner nation who submitted it on that nation's
 * instance, named by its `request.submit` message; that one has no account here.
 */
export type Submitter = { kind: 'user'; actor: Actor } | { kind: 'peer'; nation: string; displayName: string; organisation: string | null; messageId: string };

/** A new request that passed the checks: the arrangement direction it goes by, and its workflow. */
export interface CheckedNewRequest {
  arrangementId: string;
  def: WorkflowDefinition;
  /** Today in the submitting nation's calendar. */
  today: string;
  /** The arrangement's posture as the check read it (issue #15): the request is submitted under it and it may shorten the clocks. */
  posture: Posture;
}

/**
 * The rules a new request is held to wherever it is submitted: an arrangement lets the nation ask
 * the other, the program is one the nation is party to, and no date is past in its calendar.
 * The same checks run on the submitter's desk and, for a request that crosses (issue #13), again
 * on the deciding nation's instance when it arrives, there as of `submittedAt`: a request valid
 * when submitted stays valid when an outage delays its arrival past its required date.
 */
export async function checkNewRequest(ctx: AppContext, db: Db, fromNation: string, input: NewRequestInput, submittedAt: Date = ctx.now()): Promise<CheckedNewRequest> {
  // The direction with its arrangement's posture, the program's parties and the nation's name: one statement (issue #14).
  const { direction, program, fromNationName } = await findNewRequestFacts(db, fromNation, input.toNation, input.programId);
  const errors: FieldError[] = [];
  if (!direction) errors.push({ field: 'toNation', message: `No arrangement lets ${fromNation} request priority support from ${input.toNation}.` });
  // A nation asks for support only for a program it is party to (lead or partner), as the programs register lists it.
  if (!program) {
    errors.push({ field: 'programId', message: `Unknown defence program "${input.programId}".` });
  } else if (program.nation !== fromNation && !program.partner_nations.includes(fromNation)) {
    const nation = fromNationName ?? fromNation;
    errors.push({ field: 'programId', message: `${nation} is not a party to the program "${input.programId}": cite a program ${nation} leads or partners in.` });
  }
  const calendar = await ctx.calendars.get(fromNation, db);
  const today = DateTime.fromJSDate(submittedAt, { zone: calendar.definition.timeZone }).toISODate()!;
  if (input.requiredBy < today) errors.push({ field: 'requiredBy', message: `The required date ${input.requiredBy} is in the past (today is ${today}).` });
  errors.push(...pastDeliveryDates('items', input.items, today));
  if (errors.length || !direction) throw validationError(errors);
  return { arrangementId: direction.arrangement_id, def: await ctx.workflows.get(direction.workflow_id, db), today, posture: direction.posture };
}

export function assertMaySubmit(actor: Actor): void {
  if (!actor.roles.includes('sosa_officer')) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Only a SOSA officer submits priority support requests.' });
  }
}

/**
 * A nation's SOSA officer asks the other nation for priority support. The arrangement between
 * the two nations decides which workflow the request follows; its posture at submission (issue
 * #15) may shorten the deadlines' clocks (domain/workflows/posture.ts).
 */
export async function createRequest(ctx: AppContext, actor: Actor, input: NewRequestInput, options: CreateRequestOptions = {}): Promise<string> {
  assertMaySubmit(actor);
  const checked = await checkNewRequest(ctx, ctx.store.db, actor.nation, input);
  const id = randomUUID();
  await ctx.store.db.transaction().execute((trx) => writeRequest(ctx, trx, { id, submitter: { kind: 'user', actor }, input, checked, options }));
  return id;
}

/**
 * Writes a checked request, in the caller's transaction: the one create path for a request
 * submitted here and for one that arrived from a peer (services/federation/apply-request-submit.ts).
 * Its clocks start now: for a request from a peer, at this instance's receipt of it (issue #13:
 * "a Code of Conduct request's clock from India's receipt of the request, recorded by the
 * receiving instance's receipt"). A request from a peer goes back to it at once as this instance
 * holds it (reference number, deadlines, state), replacing the submitter's provisional copy.
 */
export async function writeRequest(
  ctx: AppContext,
  trx: Tx,
  w: { id: string; submitter: Submitter; input: NewRequestInput; checked: CheckedNewRequest; options?: CreateRequestOptions },
): Promise<{ reference: string }> {
  const { id, submitter, input, checked } = w;
  const { def, today } = checked;
  const user = submitter.kind === 'user' ? submitter.actor : null;
  const named = submitter.kind === 'peer' ? submitter : null;
  const fromNation = user?.nation ?? named!.nation;
  const now = ctx.now();
  const posture = checked.posture;
  const deadlines = await planDeadlines(ctx, trx, def, { id, fromNation, toNation: input.toNation, urgency: input.urgency, posture, requiredBy: input.requiredBy, fields: {} }, def.initial, now);
  const actorId = user?.userId ?? null;
  const request = { id, reference: REFERENCE_STAND_IN, title: input.title, from_nation: fromNation, to_nation: input.toNation, arrangement_id: checked.arrangementId };
  // Submitted on the peer's instance: this nation's users are told here, the peer's on their own.
  const inbound = named && ctx.config.nation ? { nation: ctx.config.nation, partnerCopy: false } : undefined;
  // Who is told, read before the reference number is taken: the number's counter row stays locked
  // until the commit and every create of the series waits for it (issue #14). The texts name the
  // reference and the event by stand-ins, filled in when the notices are written below.
  const notices = await prepareRequestStepNotices(ctx, trx, { def, request, transition: null, from: null, to: def.initial, assignmentsBefore: [], assignmentsAfter: [], supplierAfter: null, actor: { userId: actorId, nation: fromNation }, eventId: EVENT_STAND_IN, inbound });
  const data = { toNation: input.toNation, arrangement: checked.arrangementId, urgency: input.urgency, ...(posture !== 'peacetime' ? { posture } : {}), items: input.items.length };
  const audit: AuditEntry = {
    ...(user
      ? { actorId: user.userId, actor: user.username, nation: fromNation, parties: [input.toNation] }
      : // Applied from the peer's message, as a posture change from a peer is (apply-inbound.ts).
        { actorId: null, actor: 'federation', nation: input.toNation, parties: [fromNation] }),
    // The request is sent to the other nation: both nations' auditors read its submission.
    action: 'request.submit',
    entityType: 'request',
    entityId: id,
    data: named ? { ...data, fromNation, submittedBy: named.displayName, submittedByOrganisation: named.organisation, messageId: named.messageId } : data,
  };
  // Gapless per series (store/reference-counters.ts): a request that fails to be written takes no
  // number. The request, its items, its first event, its deadlines and its audit event (with the
  // reference the statement gives it) are written with the number in one statement (issue #14).
  const series = `SOSA-${fromNation}-${input.toNation}-${today.slice(0, 4)}`;
  const { reference, eventId } = await appendAuditIn(
    audit,
    (insertAudit) =>
      insertNewRequest(trx, {
        series,
        request: {
          id,
          arrangement_id: checked.arrangementId,
          from_nation: fromNation,
          to_nation: input.toNation,
          workflow_id: def.id,
          state: def.initial,
          urgency: input.urgency,
          posture,
          title: input.title,
          program_id: input.programId,
          justification: input.justification,
          classification: input.classification,
          required_by: input.requiredBy,
          fields: '{}',
          created_by: user?.userId ?? null,
          submitted_by_name: named?.displayName ?? null,
          submitted_by_organisation: named?.organisation ?? null,
          submitted_message_id: named?.messageId ?? null,
          created_at: now,
          updated_at: now,
          // As the deadlines' trigger would set it (migration 0034), so that it writes nothing.
          next_due_at: earliestDue(deadlines),
        },
        items: input.items.map((item, i) => ({
          line_no: i + 1,
          part_number: item.partNumber,
          nsn: item.nsn ?? null,
          description: item.description,
          quantity: item.quantity,
          unit: item.unit,
          required_delivery_date: item.requiredDeliveryDate,
        })),
        event: { at: now, actor_id: actorId, actor_name: named?.displayName ?? null, actor_organisation: named?.organisation ?? null, actor_nation: fromNation, action: 'submit', from_state: null, to_state: def.initial, fields: '{}', visibility: 'shared' },
        deadlines: deadlines.map((d) => d.row),
        audit: insertAudit,
      }),
    { from: sql`request`, data: sql`jsonb_build_object('reference', request.reference)` },
  );
  // A count through a year whose hand-kept holiday list is missing: provisional, and the admins are told.
  await notifyProvisionalDeadlines(ctx, trx, deadlines);
  await writeNotices(ctx, trx, notices, (text) => text.replaceAll(REFERENCE_STAND_IN, reference).replaceAll(EVENT_STAND_IN, String(eventId)));
  if (named) await shareRequestChange(ctx, trx, def, { id, fromNation, toNation: input.toNation, arrangementId: checked.arrangementId }, 'request.shared');
  await w.options?.alsoInTransaction?.(trx, { id, reference });
  return { reference };
}
