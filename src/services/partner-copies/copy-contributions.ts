import { decodeJwt } from 'jose';
import { crossesInline } from '../../domain/federation/bodies.js';
import { listContributions } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';

/**
 * What this nation's officials added on a copy (issue #13, add-to-partner-copy.ts), as the copy
 * shows it: `internal`, a comment kept on this instance only; `pending`, sent to the holder and not
 * yet taken in there; `applied`, the holder took it in and keeps it as this official's: it signs its
 * receipt in the transaction that keeps it (apply-copy-contribution.ts), so its receipt saying
 * `applied` is final, whether or not its answer (`request.contribution_applied`, which brings the
 * comment into the holder's own list on the copy) ever comes — except a file sent as its listing
 * only, applied by that answer; `refused`, the holder refused it, with
 * its reason as it signed it (`refusal`).
 */
export interface ContributionView {
  id: string;
  kind: 'comment' | 'attachment';
  visibility: 'shared' | 'internal';
  body: string | null;
  file: { filename: string; contentType: string; size: number; sha256: string } | null;
  author: { displayName: string; nation: string; organisation: string };
  createdAt: string;
  state: ContributionState;
  appliedAt: string | null;
  refusal: { reason: string; detail: string } | null;
  messageId: string | null;
}

export type ContributionState = 'internal' | 'pending' | 'applied' | 'refused';

export async function listCopyContributions(ctx: AppContext, peerNation: string, requestId: string): Promise<ContributionView[]> {
  const rows = await listContributions(ctx.store.db, peerNation, requestId);
  return rows.map((r) => {
    // A file larger than a message crossed as its listing only: the holder's receipt says it took
    // the listing, not the file, which it fetches afterwards and may still refuse. It is applied
    // only by the holder's answer once the file is kept (apply-copy-attachment.ts).
    const listedOnly = r.kind === 'attachment' && !crossesInline(r.size ?? 0);
    const taken = r.delivery === 'delivered' && !listedOnly;
    const state: ContributionState = r.visibility === 'internal' ? 'internal' : r.applied_at || taken ? 'applied' : r.delivery === 'refused' ? 'refused' : 'pending';
    return {
      id: r.id,
      kind: r.kind,
      visibility: r.visibility,
      body: r.body,
      file: r.kind === 'attachment' ? { filename: r.filename ?? '', contentType: r.content_type ?? '', size: r.size ?? 0, sha256: r.sha256 ?? '' } : null,
      author: { displayName: r.display_name, nation: r.nation, organisation: r.organisation_name },
      createdAt: new Date(r.created_at).toISOString(),
      state,
      // When the holder applied it, by its receipt: the same instant before its answer comes and after.
      appliedAt: (taken ? receiptOf(r.receipt)?.receivedAt : null) ?? (r.applied_at ? new Date(r.applied_at).toISOString() : null),
      refusal: state === 'refused' ? { reason: r.refusal_reason ?? 'refused', detail: receiptOf(r.receipt)?.refusal?.detail ?? '' } : null,
      messageId: r.message_id,
    };
  });
}

/**
 * The holder's signed receipt (verified when it came back): when it took the message in
 * (`receivedAt`) and, refused, its words on why.
 */
function receiptOf(receipt: string | null): { receivedAt: string | null; refusal: { detail: string } | null } | null {
  if (!receipt) return null;
  try {
    const payload = decodeJwt(receipt) as { receivedAt?: unknown; refusal?: { detail?: unknown } };
    return { receivedAt: typeof payload.receivedAt === 'string' ? payload.receivedAt : null, refusal: typeof payload.refusal?.detail === 'string' ? { detail: payload.refusal.detail } : null };
  } catch {
    return null;
  }
}
