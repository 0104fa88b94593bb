import { contactSetBodySchema, POINT_OF_CONTACT_OBJECT } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findContactForUpdate, upsertPeerContact } from '../../store/points-of-contact.repository.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';

/**
 * A point of contact of the peer's nation, as its instance now has it (`contact.set`, issue #13),
 * joins or replaces the entry here. A peer speaks only for its own nation's entries: an entry of
 * another nation, or one that has the id of an entry of another nation here, is refused. A
 * version lower than the one held changes nothing (points-of-contact.repository.ts).
 */
export async function applyContactSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = contactSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== POINT_OF_CONTACT_OBJECT || parsed.data.contact.id !== message.object.id) {
    throw new Refused('invalid_content', 'a contact.set carries one point of contact, with the id the message names', peer.nation, message.id);
  }
  const { contact } = parsed.data;
  if (contact.nation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent a point of contact of ${contact.nation}: a peer keeps only its own nation's entries`, peer.nation, message.id);
  const held = await findContactForUpdate(trx, contact.id);
  if (held && held.nation !== peer.nation) throw new Refused('wrong_nation', `point of contact ${contact.id} is one of ${held.nation}'s here: ${peer.nation} may not change it`, peer.nation, message.id);
  const at = new Date(contact.updatedAt);
  await upsertPeerContact(trx, {
    id: contact.id,
    nation: contact.nation,
    function: contact.function,
    name: contact.name,
    title: contact.title,
    organisation: contact.organisation,
    email: contact.email,
    phone: contact.phone,
    notes: contact.notes,
    active: contact.active,
    created_at: ctx.now(),
    updated_at: at,
    version: message.object.version,
  });
}
