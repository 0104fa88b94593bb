import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { AppError, validationError, type FieldError } from '../../domain/errors.js';
import { pastDeliveryDates, type LineItemInput } from '../../domain/requests/line-items.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Urgency } from '../../domain/workflows/workflow-definition.js';
import { auditAs } from '../../store/audit.repository.js';
import { findProgramParties } from '../../store/programs.repository.js';
import { nextReferenceNumber } from '../../store/reference-counters.js';
import { findArrangementDirection, findNationName, insertRequest, insertRequestEvent, insertRequestItems, setRequestReference } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { notifyRequestStep } from '../notifications/notify-workflow-step.js';
import { startDeadlines } from './request-deadlines.js';
import { currentPosture } from '../../store/postures.repository.js';
import type { Tx } from '../../store/executor.js';

export const CLASSIFICATIONS = ['UNCLASSIFIED', 'CUI', 'RESTRICTED'] as const;

export interface NewRequestInput {
  toNation: string;
  title: string;
  programId: string;
  justification: string;
  urgency: Urgency;
  classification: (typeof CLASSIFICATIONS)[number];
  requiredBy: string;
  items: LineItemInput[];
}

export interface CreateRequestOptions {
  /**
   * Runs in the request's transaction once it is written (a draft from a disruption event is
   * marked submitted with it): one way to create a request, and the draft and its request
   * commit together or not at all.
   */
  alsoInTransaction?: (trx: Tx, request: { id: string; reference: string }) => Promise<void>;
}

/**
 * A nation's SOSA officer asks the other nation for priority support. The arrangement between
 * the two nations decides which workflow the request follows; its posture at submission (issue
 * #15) may shorten the deadlines' clocks (domain/workflows/posture.ts).
 */
export async function createRequest(ctx: AppContext, actor: Actor, input: NewRequestInput, options: CreateRequestOptions = {}): Promise<string> {
  if (!actor.roles.includes('sosa_officer')) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Only a SOSA officer submits priority support requests.' });
  }
  const db = ctx.store.db;
  const direction = await findArrangementDirection(db, actor.nation, input.toNation);
  const errors: FieldError[] = [];
  if (!direction) errors.push({ field: 'toNation', message: `No arrangement lets ${actor.nation} request priority support from ${input.toNation}.` });
  const program = await findProgramParties(db, input.programId);
  // A nation asks for support only for a program it is party to (lead or partner), as the programs register lists it.
  if (!program) {
    errors.push({ field: 'programId', message: `Unknown defence program "${input.programId}".` });
  } else if (program.nation !== actor.nation && !program.partner_nations.includes(actor.nation)) {
    const nation = (await findNationName(db, actor.nation)) ?? actor.nation;
    errors.push({ field: 'programId', message: `${nation} is not a party to the program "${input.programId}": cite a program ${nation} leads or partners in.` });
  }
  const calendar = await ctx.calendars.get(actor.nation);
  const today = DateTime.fromJSDate(ctx.now(), { zone: calendar.definition.timeZone }).toISODate()!;
  if (input.requiredBy < today) errors.push({ field: 'requiredBy', message: `The required date ${input.requiredBy} is in the past (today is ${today}).` });
  errors.push(...pastDeliveryDates('items', input.items, today));
  if (errors.length || !direction) throw validationError(errors);

  const def = await ctx.workflows.get(direction.workflow_id);
  const id = randomUUID();
  const now = ctx.now();
  await db.transaction().execute(async (trx) => {
    const posture = await currentPosture(trx, direction.arrangement_id);
    // Written under its id as a stand-in reference, seen by no one before the commit; the number
    // is taken last (below).
    await insertRequest(trx, {
      id,
      reference: id,
      arrangement_id: direction.arrangement_id,
      from_nation: actor.nation,
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
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertRequestItems(
      trx,
      id,
      input.items.map((item, i) => ({
        line_no: i + 1,
        part_number: item.partNumber,
        nsn: item.nsn ?? null,
        description: item.description,
        quantity: item.quantity,
        unit: item.unit,
        required_delivery_date: item.requiredDeliveryDate,
      })),
    );
    const eventId = await insertRequestEvent(trx, { request_id: id, at: now, actor_id: actor.userId, actor_nation: actor.nation, action: 'submit', from_state: null, to_state: def.initial, fields: '{}', visibility: 'shared' });
    await startDeadlines(ctx, trx, def, { id, fromNation: actor.nation, toNation: input.toNation, urgency: input.urgency, posture, requiredBy: input.requiredBy, fields: {} }, def.initial, now);
    // Gapless per series (store/reference-counters.ts): a request that fails to be written takes no
    // number. The counter row stays locked until the commit and every create of the series queues
    // for it, so it is taken after the request's rows are written: the creates of one series then
    // wait for each other's last few statements, not for the whole write (issue #14).
    const series = `SOSA-${actor.nation}-${input.toNation}-${today.slice(0, 4)}`;
    const reference = `${series}-${String(await nextReferenceNumber(trx, series)).padStart(5, '0')}`;
    await setRequestReference(trx, id, reference);
    await auditAs(trx, actor, {
      // The request is sent to the other nation: both nations' auditors read its submission.
      parties: [input.toNation],
      action: 'request.submit',
      entityType: 'request',
      entityId: id,
      data: { reference, toNation: input.toNation, arrangement: direction.arrangement_id, urgency: input.urgency, ...(posture !== 'peacetime' ? { posture } : {}), items: input.items.length },
    });
    const request = { id, reference, title: input.title, from_nation: actor.nation, to_nation: input.toNation, arrangement_id: direction.arrangement_id };
    await notifyRequestStep(ctx, trx, { def, request, transition: null, from: null, to: def.initial, assignmentsBefore: [], assignmentsAfter: [], supplierAfter: null, actor, eventId });
    await options.alsoInTransaction?.(trx, { id, reference });
  });
  return id;
}
