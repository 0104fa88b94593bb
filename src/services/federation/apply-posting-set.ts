import { LIAISON_POSTING_OBJECT, postingSetBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { deleteReceivedPosting, findPostingNations, insertPosting, replacePostingDocuments, updatePostingRow } from '../../store/liaison.repository.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';

/**
 * A liaison posting the peer's nation makes to this nation (`posting.set`, issue #13) joins or
 * replaces the posting here, with its documents. A peer speaks only for postings it sends, and
 * only to this nation: anything else is refused, except a posting held here that an edit moved to
 * another host, which is dropped. A version no higher than the one held changes nothing (a
 * message that brings an older state of the posting).
 */
export async function applyPostingSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = postingSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== LIAISON_POSTING_OBJECT || parsed.data.posting.id !== message.object.id) {
    throw new Refused('invalid_content', 'a posting.set carries one liaison posting, with the id the message names', peer.nation, message.id);
  }
  const { posting: p } = parsed.data;
  const own = ctx.config.nation!;
  if (p.sendingNation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent a posting made by ${p.sendingNation}: a peer sends only its own nation's postings`, peer.nation, message.id);
  const held = await findPostingNations(trx, p.id, { forUpdate: true });
  if (held && held.sending_nation !== peer.nation) throw new Refused('wrong_nation', `liaison posting ${p.id} is one of ${held.sending_nation}'s here: ${peer.nation} may not change it`, peer.nation, message.id);
  if (held && held.version >= message.object.version) return;
  if (p.hostNation !== own) {
    if (!held) throw new Refused('wrong_nation', `the posting is to ${p.hostNation}: this instance holds only postings to ${own}`, peer.nation, message.id);
    return deleteReceivedPosting(trx, p.id);
  }
  const columns = {
    officer_name: p.officer.name,
    officer_rank: p.officer.rank,
    service_number: p.officer.serviceNumber,
    sending_nation: p.sendingNation,
    host_nation: p.hostNation,
    host_command: p.hostCommand,
    location: p.location,
    start_date: p.startDate,
    end_date: p.endDate,
    status: p.status,
    host_poc_name: p.hostPoc.name,
    host_poc_email: p.hostPoc.email,
    notes: p.notes,
    updated_at: ctx.now(),
    version: message.object.version,
  };
  if (held) await updatePostingRow(trx, p.id, columns);
  else await insertPosting(trx, { id: p.id, ...columns, created_by: null, created_at: ctx.now() });
  await replacePostingDocuments(trx, p.id, p.documents);
}
