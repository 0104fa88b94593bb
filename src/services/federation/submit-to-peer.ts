import { findProgramByCode } from '../../store/programs.repository.js';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/actor.js';
import { MESSAGE_KINDS, type RequestSubmitBody } from '../../domain/federation/bodies.js';
import type { WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { PartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { appendAudit } from '../../store/audit.repository.js';
import { upsertMirror } from '../../store/federation-messages.repository.js';
import { findNamedOfficial } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { assertMaySubmit, checkNewRequest, writeRequest, type NewRequestInput } from '../requests/create-request.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { peersOfRequest } from './share-request-change.js';

/** Where a submitted request is held: here, or on the instance of the nation that decides it. */
export type SubmittedRequest = { id: string; heldBy: 'here' } | { id: string; heldBy: 'peer'; peer: string };

/**
 * `POST /requests` (issue #13, README "Sovereign instances"). The request is held by the instance
 * of the nation that decides it (its `toNation`): the supplying side's internal steps, program
 * determination, rating and order desk are that nation's records and stay on its instance. On a
 * sovereign instance, a request to another nation for which a peer of that nation shares the
 * arrangement is therefore not created here: checked as a local one is, given its id, it goes to
 * that peer as a `request.submit` message, and a provisional copy of it is kept here for the
 * submitter to see at once until the holder's own copy (reference number, deadlines, state)
 * replaces it. The message, the copy and the audit event commit together. Without such a peer (a
 * shared deployment, a request to this instance's nation, no peer of that nation) the request
 * is created here, as it always was.
 */
export async function submitRequest(ctx: AppContext, actor: Actor, input: NewRequestInput): Promise<SubmittedRequest> {
  assertMaySubmit(actor);
  const db = ctx.store.db;
  const checked = await checkNewRequest(ctx, db, actor.nation, input);
  const id = randomUUID();
  const ref = { id, fromNation: actor.nation, toNation: input.toNation, arrangementId: checked.arrangementId };
  return db.transaction().execute(async (trx): Promise<SubmittedRequest> => {
    const holder = input.toNation !== ctx.config.nation ? (await peersOfRequest(ctx, trx, ref))[0] : undefined;
    if (!holder) {
      await writeRequest(ctx, trx, { id, submitter: { kind: 'user', actor }, input, checked });
      return { id, heldBy: 'here' };
    }
    const official = await findNamedOfficial(trx, actor.userId);
    const submittedAt = ctx.now();
    // checkNewRequest found the program and this nation party to it.
    const program = (await findProgramByCode(trx, input.programId))!;
    const body: RequestSubmitBody = {
      request: { ...input, id, arrangementId: checked.arrangementId, fromNation: actor.nation },
      submitter: { displayName: official.displayName, nation: actor.nation, organisation: official.organisation },
      submittedAt: submittedAt.toISOString(),
      program: { id: program.id, name: program.name, nation: program.nation, partnerNations: program.partner_nations },
    };
    const sent = await enqueueOutbound(ctx, trx, { peerNation: holder.nation, arrangement: checked.arrangementId, kind: MESSAGE_KINDS.requestSubmit, object: { type: 'request', id, version: 0 }, body });
    // Version 0: any copy the holder sends (from version 1) replaces this one.
    await upsertMirror(trx, { peerNation: holder.nation, objectType: 'request', objectId: id, objectVersion: 0, body: provisionalCopy(body, checked.def), messageId: sent.id, now: submittedAt });
    await appendAudit(trx, {
      actorId: actor.userId,
      actor: actor.username,
      nation: actor.nation,
      parties: [input.toNation],
      action: 'request.submitted_to_peer',
      entityType: 'request',
      entityId: id,
      data: { toNation: input.toNation, arrangement: checked.arrangementId, heldBy: holder.nation, messageId: sent.id, seq: sent.seq, urgency: input.urgency, items: input.items.length },
    });
    return { id, heldBy: 'peer', peer: holder.nation };
  });
}

/**
 * The submitter's copy until the holder's arrives: the request as sent, in the workflow's first
 * state, with no reference number (the holder gives it) and no message received yet.
 */
function provisionalCopy(sent: RequestSubmitBody, def: WorkflowDefinition): PartnerCopyBody {
  const r = sent.request;
  const initialState = def.initial;
  return {
    request: {
      id: r.id,
      reference: '',
      title: r.title,
      fromNation: r.fromNation,
      toNation: r.toNation,
      arrangementId: r.arrangementId,
      workflowId: def.id,
      state: initialState,
      urgency: r.urgency,
      programId: r.programId,
      requiredBy: r.requiredBy,
      justification: r.justification,
      classification: r.classification,
      createdAt: sent.submittedAt,
      updatedAt: sent.submittedAt,
    },
    fields: {},
    supplier: null,
    assignments: [],
    items: r.items.map((item, i) => ({ lineNo: i + 1, partNumber: item.partNumber, nsn: item.nsn ?? null, description: item.description, quantity: item.quantity, unit: item.unit, requiredDeliveryDate: item.requiredDeliveryDate })),
    history: [{ at: sent.submittedAt, actorNation: r.fromNation, actorName: sent.submitter.displayName, action: 'submit', fromState: null, toState: initialState, fields: {} }],
    comments: [],
  };
}
