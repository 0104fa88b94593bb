import { AppError } from '../../domain/errors.js';
import { requestSubmitBodySchema, type RequestSubmitBody } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findRequestRow } from '../../store/requests.repository.js';
import { listCopyHolders } from '../../store/partner-copies.repository.js';
import { findProgramByCode, insertProgram } from '../../store/programs.repository.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';
import { checkNewRequest, writeRequest } from '../requests/create-request.js';
import { checkProgramNations } from '../programs/save-program.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';

/**
 * A request submitted on a peer's instance (`request.submit`, issue #13), applied in the inbox's
 * transaction by the instance of the nation that decides it, which holds it from then on. The
 * peer speaks only for its own nation's officials and only for requests to this instance's
 * nation, under an arrangement the two share; the content is held to the rules a request
 * submitted here is (create-request.ts `checkNewRequest`, checked again here: the peer's check is
 * not this instance's) as of the day it was submitted, never later than today here, and the request is written by the one create path with the peer's named
 * official as submitter and its clocks from now, this instance's receipt. An id already used here
 * (the same submission sent again in another message, or the id of a peer's copy kept here) is
 * refused as a replay. A refusal applies
 * nothing: the inbox records it and the peer keeps the signed refusal receipt.
 */
export async function applyRequestSubmit(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const refuse = (reason: ConstructorParameters<typeof Refused>[0], detail: string) => new Refused(reason, detail, peer.nation, message.id);
  const parsed = requestSubmitBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== 'request' || parsed.data.request.id !== message.object.id) {
    throw refuse('invalid_content', 'a request.submit carries one new request, with the id the message names, and its submitter');
  }
  const { request, submitter, submittedAt } = parsed.data;
  const own = ctx.config.nation!;
  if (request.fromNation !== peer.nation || submitter.nation !== peer.nation) {
    throw refuse('wrong_nation', `${peer.nation} sent a request submitted for ${request.fromNation} by an official of ${submitter.nation}: a peer submits only its own nation's requests`);
  }
  if (request.toNation !== own) throw refuse('wrong_nation', `the request is addressed to ${request.toNation}: this instance holds only requests to ${own}`);
  if (request.arrangementId !== message.arrangement) throw refuse('out_of_arrangement', `a request of ${request.arrangementId} came as a message of ${message.arrangement}`);
  // An id this instance keeps as a peer's copy is taken too (a hub's second peer submitting under
  // the id of a request another peer holds): the same answer, naming only the id, whichever it is.
  if ((await findRequestRow(trx, request.id)) || (await listCopyHolders(trx, request.id)).length > 0) throw refuse('replayed', `request ${request.id} is already held here: a submission is applied once`);
  const { id, arrangementId, fromNation, ...input } = request;
  if (parsed.data.program) await registerPeerProgram(ctx, trx, peer, parsed.data.program, input.programId, refuse);
  let checked;
  try {
    // A date the submitter's desk accepted is not refused because the link was down when it was due to arrive.
    const asOf = new Date(Math.min(Date.parse(submittedAt), ctx.now().getTime()));
    checked = await checkNewRequest(ctx, trx, fromNation, input, asOf);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    throw refuse('invalid_content', `the request does not meet this instance's rules: ${error.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
  if (checked.arrangementId !== arrangementId) throw refuse('out_of_arrangement', `requests from ${fromNation} to ${own} go by ${checked.arrangementId} here, not ${arrangementId}`);
  await writeRequest(ctx, trx, { id, submitter: { kind: 'peer', nation: peer.nation, displayName: submitter.displayName, organisation: submitter.organisation, messageId: message.id }, input, checked });
}

/**
 * The program a request from a peer cites, registered here when this instance does not know it
 * (issue #13, a hub: the UK's program on the US instance, where `POST /programs` registers only
 * this nation's own). Only a party to the program speaks of it; a program this instance knows
 * keeps its own record, whatever a peer says of it. One it does not know is registered on the word
 * of its lead nation only, as `POST /programs` registers a program only for the caller's nation:
 * a partner does not register its lead's program here, and no peer registers one of this nation's
 * (that would be a program of this nation no official here registered, in its register and in
 * the way of its own registration). Its nations are held to the rules of a program registered
 * here (save-program.ts `checkProgramNations`). Written in the inbox's transaction, so a request
 * refused after it leaves no program behind. The checks of the request then run on it as on any
 * program (checkNewRequest: the submitting nation party to it).
 */
async function registerPeerProgram(ctx: AppContext, trx: Tx, peer: PeerRecord, program: NonNullable<RequestSubmitBody['program']>, cited: string, refuse: (reason: RefusalReason, detail: string) => Refused): Promise<void> {
  if (program.id !== cited) throw refuse('invalid_content', `the message describes program ${program.id}, the request cites ${cited}`);
  if (program.nation !== peer.nation && !program.partnerNations.includes(peer.nation)) throw refuse('wrong_nation', `${peer.nation} described program ${program.id} of ${program.nation}, to which it is no party`);
  if (await findProgramByCode(trx, program.id)) return;
  if (program.nation === ctx.config.nation) throw refuse('wrong_nation', `${peer.nation} described program ${program.id} as one of ${program.nation}'s, which ${program.nation} has not registered: only this nation's officials register its programs`);
  if (program.nation !== peer.nation) throw refuse('wrong_nation', `${peer.nation} described program ${program.id} of ${program.nation}: a program is registered here on the word of its lead nation only`);
  const errors = await checkProgramNations(trx, program.nation, program.partnerNations);
  if (errors.length) throw refuse('invalid_content', `program ${program.id} does not meet this instance's rules: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  await insertProgram(trx, { id: program.id, nation: program.nation, name: program.name, description: '', dpas_program_symbol: null, partner_nations: program.partnerNations, created_at: ctx.now() });
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: ctx.config.nation!,
    parties: [peer.nation],
    action: 'program.registered_from_peer',
    entityType: 'program',
    entityId: program.id,
    data: { from: peer.nation, name: program.name, nation: program.nation, partnerNations: program.partnerNations },
  });
}
