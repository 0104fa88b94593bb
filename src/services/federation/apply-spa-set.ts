import { MESSAGE_KINDS, SPA_REQUEST_OBJECT, spaSetBodySchema, spaUnsharedBodySchema, type SpaSetBody } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { SpaRequestRef } from '../../domain/access/border/index.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findMirror, upsertMirror } from '../../store/federation-messages.repository.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findReceivedSpas } from '../../store/received-spa.repository.js';
import { findRequestRow } from '../../store/requests.repository.js';
import { findSpaRow } from '../../store/spa.repository.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';
import type { Actor } from '../../domain/access/actor.js';
import { notifySpaStep } from '../notifications/notify-workflow-step.js';

/**
 * The partner view of an SPA filed on the peer's instance (`spa.set`, issue #13), or word that this
 * nation no longer reads it (`spa.unshared`), kept here for this nation's SOSA officers to read as
 * on a shared instance (services/spa/received-spa.ts). A peer speaks only for the SPAs its own
 * nation's companies filed, and only about requests between the two nations, of the message's
 * arrangement, that this instance holds (its partner copy of a request its nation made, or a
 * request it holds): anything else is refused and applies nothing. A version no higher than the
 * one held changes nothing (an older state of the SPA arriving late).
 */
export async function applySpaSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const unshared = message.kind === MESSAGE_KINDS.spaUnshared;
  const parsed = unshared ? spaUnsharedBodySchema.safeParse(message.body) : spaSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== SPA_REQUEST_OBJECT || parsed.data.spa.id !== message.object.id) {
    throw new Refused('invalid_content', `a ${message.kind} carries the partner view of one SPA request (nothing more), with the id the message names, and the requests it concerns`, peer.nation, message.id);
  }
  const { spa, requests } = parsed.data;
  const own = ctx.config.nation!;
  if (spa.nation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent an SPA request filed in ${spa.nation}: a peer sends only those its own nation's companies filed`, peer.nation, message.id);
  for (const ref of requests) await checkConcerns(trx, own, peer, message, ref);
  if (await findSpaRow(trx, spa.id)) throw new Refused('wrong_nation', `SPA request ${spa.id} is one filed on this instance: ${peer.nation} may not send it`, peer.nation, message.id);
  const others = (await findReceivedSpas(trx, spa.id)).filter((r) => r.peerNation !== peer.nation);
  if (others.length) throw new Refused('wrong_nation', `SPA request ${spa.id} is one ${others[0]!.peerNation} sent: ${peer.nation} may not change it`, peer.nation, message.id);

  const held = await findMirror(trx, peer.nation, SPA_REQUEST_OBJECT, spa.id);
  if (held && held.objectVersion >= message.object.version) return;
  // `spa.unshared` leaves the id and version: an older view arriving late does not bring it back.
  const view = unshared ? null : (spa as SpaSetBody['spa']);
  await upsertMirror(trx, { peerNation: peer.nation, objectType: SPA_REQUEST_OBJECT, objectId: spa.id, objectVersion: message.object.version, body: { spa: view, requests }, messageId: message.id, now: ctx.now() });
  // A step of the SPA (a new status) tells this nation's SOSA officers what it tells a partner on a
  // shared instance (notifySpaStep: its end); a change that keeps the status tells nobody.
  const heldStatus = (held?.body.spa as { status?: unknown } | null | undefined)?.status ?? null;
  if (view && view.status !== heldStatus) {
    const scope = { organisationId: view.company.id, nation: view.nation, status: view.status, forwarded: view.forwardedAt !== null, partnerNations: [own] };
    // Who took the step on the peer's instance is not said: no account here.
    const peerActor: Actor = { userId: '', username: '', nation: peer.nation, organisationId: '', roles: [] };
    await notifySpaStep(ctx, trx, { spa: { id: view.id, reference: view.reference, organisation_id: view.company.id, nation: view.nation }, scope, actor: peerActor, eventId: `${peer.nation}:${view.id}:${message.object.version}`, inbound: { nation: own } });
  }
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: own,
    action: view ? 'spa_request.received' : 'spa_request.unshared_by_peer',
    entityType: 'spa_request',
    entityId: spa.id,
    parties: [peer.nation, own],
    data: {
      from: peer.nation,
      version: message.object.version,
      requests: requests.map((r) => r.id),
      messageId: message.id,
      ...(view ? { reference: view.reference, status: view.status } : {}),
    },
  });
}

/** The request is one between this nation and the peer, of the message's arrangement, that this instance holds. */
async function checkConcerns(trx: Tx, own: string, peer: PeerRecord, message: FederationMessage, ref: SpaRequestRef): Promise<void> {
  if (ref.arrangementId !== message.arrangement) throw new Refused('out_of_arrangement', `request ${ref.id} is one of ${ref.arrangementId}, the message one of ${message.arrangement}`, peer.nation, message.id);
  const between = (from: unknown, to: unknown) => (from === own && to === peer.nation) || (from === peer.nation && to === own);
  if (!between(ref.fromNation, ref.toNation)) throw new Refused('wrong_nation', `request ${ref.id} is one of ${ref.fromNation} to ${ref.toNation}: this instance reads SPAs about requests between ${own} and ${peer.nation} only`, peer.nation, message.id);
  // Its partner copy of a request this nation made to the peer, or a request this instance holds.
  const copy = await findMirror(trx, peer.nation, 'request', ref.id);
  const copied = copy?.body.request as { arrangementId?: unknown; fromNation?: unknown; toNation?: unknown } | undefined;
  const heldHere = copy ? undefined : await findRequestRow(trx, ref.id);
  const facts = copied ? { arrangementId: copied.arrangementId, fromNation: copied.fromNation, toNation: copied.toNation } : heldHere ? { arrangementId: heldHere.arrangement_id, fromNation: heldHere.from_nation, toNation: heldHere.to_nation } : null;
  if (!facts) throw new Refused('unknown_object', `request ${ref.id} is not one this instance holds or holds a copy of: an SPA about it is not this nation's to read`, peer.nation, message.id);
  if (facts.arrangementId !== message.arrangement) throw new Refused('out_of_arrangement', `request ${ref.id} is one of ${String(facts.arrangementId)} here, not of ${message.arrangement}`, peer.nation, message.id);
  if (!between(facts.fromNation, facts.toNation)) throw new Refused('wrong_nation', `request ${ref.id} is not one between ${own} and ${peer.nation} here`, peer.nation, message.id);
}
